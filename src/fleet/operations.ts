/**
 * Multi-action operations for planning under rotation (MAPF_T): every
 * sequence of three actions (forward, turn right, turn left, wait; or of one
 * to five, see buildOperations), reduced to the distinct ones. An operation
 * is kept relative to the robot's heading, so one table serves every robot;
 * two sequences that visit the same cells and end with the same heading are
 * one operation (the canonical sequence is the one with the fewest turns,
 * then forward before turns before waits).
 *
 * Planning a few actions ahead is what lets a robot weigh "turn, then go"
 * against "wait for the cell ahead": planning one action at a time, a turn
 * gains nothing on its own and is never chosen in traffic.
 */

/** Action codes, the same numbers as the League of Robot Runners' output letters F, R, C, W. */
export const OP_F = 0;
export const OP_R = 1;
export const OP_C = 2;
export const OP_W = 3;

/**
 * Actions per operation by default. Four and five were measured on RANDOM-04's
 * sixteen variants (docs/lorr.md): 25,773 and 23,033 tasks against 26,055,
 * the five-action table at twice the planning time.
 */
export const OP_DEPTH = 3;

export interface OperationTable {
  /** Number of distinct operations. */
  count: number;
  /** Action of operation k in its tick t, at k*ticks + t (with turns of one tick, action t). */
  actions: Uint8Array;
  /** Ticks per operation: OP_DEPTH actions, each as long as a turn at most. */
  ticks: number;
  /** The operation that stays put (three waits). */
  stay: number;
  /** Ticks a quarter turn takes; a wait lasts as long (in `actions`, the waits after each turn or wait are part of it). */
  turnTicks: number;
}

/** Unit moves along heading 0..3 (east, south, west, north) as (drow, dcol). */
const DROW = [0, 1, 0, -1];
const DCOL = [1, 0, -1, 0];

function simulate(seq: number[]): { fwd: number[]; right: number[]; turn: number[] } {
  let r = 0;
  let c = 0;
  let h = 0;
  const fwd: number[] = [];
  const right: number[] = [];
  const turn: number[] = [];
  for (const a of seq) {
    if (a === OP_F) {
      r += DROW[h];
      c += DCOL[h];
    } else if (a === OP_R) h = (h + 1) & 3;
    else if (a === OP_C) h = (h + 3) & 3;
    // Heading east: forward is +col, right is +row.
    fwd.push(c);
    right.push(r);
    turn.push(h);
  }
  return { fwd, right, turn };
}

function turnsIn(seq: number[]): number {
  return seq.filter((a) => a === OP_R || a === OP_C).length;
}

/**
 * An operation's actions tick by tick when a quarter turn takes `turnTicks`
 * ticks: a turn or a wait lasts that long (its later ticks are waits),
 * forward one tick, and the operation is padded with waits to `ticks`.
 */
function expand(seq: number[], turnTicks: number, ticks: number): number[] {
  const out: number[] = [];
  for (const a of seq) {
    out.push(a);
    if (a !== OP_F) for (let k = 1; k < turnTicks; k++) out.push(OP_W);
  }
  while (out.length < ticks) out.push(OP_W);
  return out;
}

/**
 * Builds the table once (it is the same for every map) for quarter turns of
 * `turnTicks` ticks (default 1, the League of Robot Runners' model). An
 * operation is three actions whatever a turn takes, so that turning round
 * and driving off ("RRF") is one operation even when turns are slow; with
 * turns longer than a tick its actions are kept tick by tick (`ticks` of
 * them: a turn or a wait lasts as long as a quarter turn, and an operation
 * that ends sooner than the longest waits out the rest). A wait as long as
 * a turn is what lets a robot ahead wait while the one it pushes turns
 * round, then both drive off. `depth` sets the actions per operation (one
 * to five: 31 distinct operations of three, 88 of four, 249 of five).
 */
export function buildOperations(turnTicks = 1, depth = OP_DEPTH): OperationTable {
  if (!Number.isInteger(turnTicks) || turnTicks < 1) throw new Error(`operation table: turns take a whole number of ticks, at least one (got ${turnTicks})`);
  if (!Number.isInteger(depth) || depth < 1 || depth > 5) throw new Error(`operation table: operations are one to five actions long (got ${depth})`);
  const ticks = depth * turnTicks;
  const seqs: number[][] = [];
  // A turn undone at once is waiting, only slower: such sequences never win (with one-tick turns they are the waits).
  const undone = (x: number, y: number) => (x === OP_R && y === OP_C) || (x === OP_C && y === OP_R);
  const grow = (seq: number[]) => {
    if (seq.length === depth) {
      seqs.push(seq);
      return;
    }
    for (let a = 0; a < 4; a++) if (seq.length === 0 || !undone(seq[seq.length - 1], a)) grow([...seq, a]);
  };
  grow([]);
  const lexical = (x: number[], y: number[]) => {
    for (let k = 0; k < depth; k++) if (x[k] !== y[k]) return x[k] - y[k];
    return 0;
  };
  // Canonical first: fewest turns, then lexicographic (forward, right, left, wait).
  seqs.sort((x, y) => turnsIn(x) - turnsIn(y) || lexical(x, y));
  const keyOf = (seq: number[]) => {
    const s = simulate(expand(seq, turnTicks, ticks));
    return `${s.fwd.join(',')}|${s.right.join(',')}|${s.turn[ticks - 1]}`;
  };
  const index = new Map<string, number>();
  const kept: number[][] = [];
  for (const seq of seqs) {
    const key = keyOf(seq);
    if (index.has(key)) continue;
    index.set(key, kept.length);
    kept.push(seq);
  }
  // Preference order among equal costs: lexicographic, so moving now beats moving later.
  const order = kept.map((_, k) => k).sort((x, y) => lexical(kept[x], kept[y]));
  const ops = order.map((k) => kept[k]);
  const count = ops.length;
  const actions = new Uint8Array(count * ticks);
  const canon = new Map<string, number>();
  ops.forEach((seq, k) => {
    canon.set(keyOf(seq), k);
    actions.set(expand(seq, turnTicks, ticks), k * ticks);
  });
  return { count, actions, ticks, stay: canon.get(keyOf(new Array<number>(depth).fill(OP_W)))!, turnTicks };
}
