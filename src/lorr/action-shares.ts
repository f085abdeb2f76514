import { ACTION_C, ACTION_F, ACTION_R, ACTION_W } from './output.js';

/** Shares of robot-steps spent moving, turning and waiting in one stretch of a run (fractions, 0..1). */
export interface ActionShares {
  moving: number;
  turning: number;
  waiting: number;
}

/**
 * What the fleet did in each of `parts` equal stretches of a run: the share of
 * robot-steps that moved forward, turned and waited. A fleet that clogs shows
 * it here before the tasks fall off: on a floor packed into a block, robots
 * facing every way turn in place instead of moving, so turning climbs while
 * waiting stays low. `actions[s][i]` is robot i's action at step s.
 */
export function actionShares(actions: readonly Uint8Array[], parts = 10): ActionShares[] {
  const out: ActionShares[] = [];
  const steps = actions.length;
  for (let p = 0; p < parts; p++) {
    const from = Math.floor((p * steps) / parts);
    const to = Math.floor(((p + 1) * steps) / parts);
    let f = 0;
    let t = 0;
    let w = 0;
    for (let s = from; s < to; s++) {
      const a = actions[s];
      for (let i = 0; i < a.length; i++) {
        const x = a[i];
        if (x === ACTION_F) f++;
        else if (x === ACTION_R || x === ACTION_C) t++;
        else if (x === ACTION_W) w++;
      }
    }
    const all = f + t + w;
    out.push(all === 0 ? { moving: 0, turning: 0, waiting: 0 } : { moving: f / all, turning: t / all, waiting: w / all });
  }
  return out;
}

/** The shares as whole percentages, aligned in columns under the per-tenth task counts. */
export function formatShares(shares: readonly ActionShares[], key: keyof ActionShares): string {
  return shares.map((s) => String(Math.round(100 * s[key])).padStart(3)).join(' ');
}

/**
 * Robot-steps by action (indexed F, R, C, W, as LorrSim counts them) as whole
 * percentages: moved forward, turned in place, waited.
 */
export function splitShares(counts: Float64Array): { moving: number; turning: number; waiting: number } {
  const all = counts[ACTION_F] + counts[ACTION_R] + counts[ACTION_C] + counts[ACTION_W];
  if (all === 0) return { moving: 0, turning: 0, waiting: 0 };
  const pct = (x: number) => Math.round((100 * x) / all);
  return { moving: pct(counts[ACTION_F]), turning: pct(counts[ACTION_R] + counts[ACTION_C]), waiting: pct(counts[ACTION_W]) };
}
