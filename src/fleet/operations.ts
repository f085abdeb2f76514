/**
 * Multi-action operations for planning under rotation (MAPF_T): every
 * sequence of three actions (forward, turn right, turn left, wait), reduced to
 * the distinct ones. An operation is kept relative to the robot's heading, so
 * one table serves every robot; two sequences that visit the same cells and
 * end with the same heading are one operation (the canonical sequence is the
 * one with the fewest turns, then forward before turns before waits).
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

/** Actions per operation. */
export const OP_DEPTH = 3;

export interface OperationTable {
  /** Number of distinct operations. */
  count: number;
  /** Actions of operation k at k*OP_DEPTH + t. */
  actions: Uint8Array;
  /** The operation that stays put (three waits). */
  stay: number;
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

/** Builds the table once (it is the same for every map). */
export function buildOperations(): OperationTable {
  const seqs: number[][] = [];
  for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) for (let c = 0; c < 4; c++) seqs.push([a, b, c]);
  // Canonical first: fewest turns, then lexicographic (forward, right, left, wait).
  seqs.sort((x, y) => turnsIn(x) - turnsIn(y) || x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
  const keyOf = (seq: number[]) => {
    const s = simulate(seq);
    return `${s.fwd.join(',')}|${s.right.join(',')}|${s.turn[OP_DEPTH - 1]}`;
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
  const order = kept.map((_, k) => k).sort((x, y) => kept[x][0] - kept[y][0] || kept[x][1] - kept[y][1] || kept[x][2] - kept[y][2]);
  const ops = order.map((k) => kept[k]);
  const count = ops.length;
  const actions = new Uint8Array(count * OP_DEPTH);
  const canon = new Map<string, number>();
  ops.forEach((seq, k) => {
    canon.set(keyOf(seq), k);
    for (let t = 0; t < OP_DEPTH; t++) actions[k * OP_DEPTH + t] = seq[t];
  });
  return { count, actions, stay: canon.get(keyOf([OP_W, OP_W, OP_W]))! };
}
