import type { Sim } from '../../src/sim/sim.js';
import { PodState } from '../../src/storage/pods.js';

/**
 * Independent checks of one tick's motion and of the books, written without
 * the engine's own guard code: positions before and after every tick are
 * compared directly.
 */
export interface InvariantReport {
  ticks: number;
  vertexConflicts: number;
  swaps: number;
  illegalMoves: number;
  loadedUnderPods: number;
  bookErrors: string[];
}

export function watchInvariants(sim: Sim): InvariantReport {
  const w = sim.world;
  const n = w.robots.n;
  const { kind, nbr } = w.grid;
  const prev = w.robots.cell.slice();
  const seen = new Map<number, number>();
  const rep: InvariantReport = { ticks: 0, vertexConflicts: 0, swaps: 0, illegalMoves: 0, loadedUnderPods: 0, bookErrors: [] };
  const prevAt = new Map<number, number>();
  sim.observe((f) => {
    rep.ticks++;
    seen.clear();
    prevAt.clear();
    for (let i = 0; i < n; i++) prevAt.set(prev[i], i);
    for (let i = 0; i < n; i++) {
      const c = f.cell[i];
      if (seen.has(c)) rep.vertexConflicts++;
      seen.set(c, i);
      const p = prev[i];
      if (c !== p) {
        let adjacent = false;
        for (let d = 0; d < 4; d++) if (nbr[p * 4 + d] === c) adjacent = true;
        if (!adjacent || kind[c] === 1) rep.illegalMoves++;
        const j = prevAt.get(c);
        if (j !== undefined && j !== i && f.cell[j] === p) rep.swaps++;
        // A loaded robot may stand on a storage cell only at its own pickup or drop-off.
        if (w.robots.pod[i] >= 0 && kind[c] === 2 && c !== w.pods.home[w.robots.pod[i]]) rep.loadedUnderPods++;
      }
    }
    prev.set(f.cell.subarray(0, n));
    // Books: nothing created or lost off the books.
    const b = w.books;
    if (b.ordersCreated !== b.ordersCompleted + b.openOrders && rep.bookErrors.length < 5) {
      rep.bookErrors.push(`tick ${f.tick}: orders created ${b.ordersCreated} != completed ${b.ordersCompleted} + open ${b.openOrders}`);
    }
    if (b.linesCreated !== b.linesPicked + b.openLines && rep.bookErrors.length < 5) {
      rep.bookErrors.push(`tick ${f.tick}: lines created ${b.linesCreated} != picked ${b.linesPicked} + open ${b.openLines}`);
    }
    if (f.tick % 50 === 0) checkPods(sim, rep);
  });
  return rep;
}

/** Every pod is stored or on exactly one robot; every line's pod exists. */
function checkPods(sim: Sim, rep: InvariantReport): void {
  const w = sim.world;
  const carried = new Map<number, number>();
  for (let i = 0; i < w.robots.n; i++) {
    const p = w.robots.pod[i];
    if (p < 0) continue;
    if (carried.has(p)) rep.bookErrors.push(`pod ${p} on robots ${carried.get(p)} and ${i}`);
    carried.set(p, i);
  }
  for (let p = 0; p < w.pods.n; p++) {
    const st = w.pods.state[p];
    const onRobot = carried.has(p);
    const shouldBeOn = st === PodState.ToStation || st === PodState.Picking || st === PodState.Returning;
    if (onRobot !== shouldBeOn && rep.bookErrors.length < 5) rep.bookErrors.push(`pod ${p} state ${st} but carried=${onRobot}`);
  }
}
