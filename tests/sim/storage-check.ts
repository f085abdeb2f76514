import type { Sim } from '../../src/sim/sim.js';
import { RobotState } from '../../src/core/robots.js';
import { PodState } from '../../src/storage/pods.js';
import { CellKind } from '../../src/layout/grid.js';

/**
 * Independent checks of storage, recounted from the pods and robots every
 * `every` ticks: a stored pod rests on exactly one storage cell and no two
 * pods share one; a location reserved for a pod on its way (returning, or
 * moved by re-slotting) is held by no other pod; the free-location count and
 * the pods still owed a location match the recount; a robot taking a pod to
 * storage is heading for that pod's reserved location.
 */
export function watchStorage(sim: Sim, every = 10): { checks: number; errors: string[] } {
  const w = sim.world;
  const rep = { checks: 0, errors: [] as string[] };
  const err = (m: string) => rep.errors.length < 8 && rep.errors.push(`tick ${w.tick}: ${m}`);
  const check = () => {
    rep.checks++;
    const { pods, storage: st, grid, robots: r } = w;
    const keeps = st.policy.keepsHome;
    const restingOn = new Map<number, number>();
    const heldBy = new Map<number, number>();
    let owed = 0;
    for (let p = 0; p < pods.n; p++) {
      const s = pods.state[p];
      const resting = s === PodState.Stored || s === PodState.Assigned;
      if (resting) {
        const c = pods.cell[p];
        if (grid.kind[c] !== CellKind.Storage) err(`pod ${p} rests on a cell that is not storage`);
        if (restingOn.has(c)) err(`pods ${restingOn.get(c)} and ${p} rest on one cell ${c}`);
        restingOn.set(c, p);
        if (s === PodState.Stored && pods.cell[p] !== pods.home[p]) err(`stored pod ${p} is not at its home`);
      }
      // Locations a pod holds: where it rests until lifted, and its home, except while away at a
      // station under a rule that gives the location up (it gets a new one when it leaves the station).
      // A pod moved by re-slotting holds its reserved destination instead of its home once lifted.
      const holds: number[] = resting ? [pods.cell[p]] : [];
      const away = s === PodState.ToStation || s === PodState.Picking;
      if (st.moving[p]) {
        if (st.dest[p] < 0) err(`pod ${p} is being moved without a destination`);
        else holds.push(st.cells[st.dest[p]]);
        if (s !== PodState.Assigned && s !== PodState.Returning) err(`pod ${p} is being moved but in state ${s}`);
      } else {
        if (st.dest[p] >= 0) err(`pod ${p} has a destination but is not being moved`);
        if ((keeps || !away) && !holds.includes(pods.home[p])) holds.push(pods.home[p]);
      }
      if (!keeps && (s === PodState.ToStation || s === PodState.Picking)) owed++;
      for (const c of holds) {
        if (heldBy.has(c) && heldBy.get(c) !== p) err(`location ${c} held by pods ${heldBy.get(c)} and ${p}`);
        heldBy.set(c, p);
        const owner = st.owner[st.locOf[c]];
        if (owner !== p) err(`location ${c} held by pod ${p} but its owner is ${owner}`);
      }
    }
    let free = 0;
    for (let k = 0; k < st.cells.length; k++) {
      if (st.owner[k] < 0) free++;
      else if (heldBy.get(st.cells[k]) !== st.owner[k]) err(`location ${st.cells[k]} owned by pod ${st.owner[k]}, which does not hold it`);
    }
    if (free !== st.free) err(`free locations ${st.free}, recounted ${free}`);
    if (owed !== st.debt) err(`pods owed a location ${st.debt}, recounted ${owed}`);
    if (free < owed) err(`${free} free locations for ${owed} pods away`);
    for (let i = 0; i < r.n; i++) {
      if (r.state[i] !== RobotState.ToStorage || r.pod[i] < 0) continue;
      const p = r.pod[i];
      const to = st.moving[p] ? st.cells[st.dest[p]] : pods.home[p];
      const heading = r.detourFrom[i] >= 0 ? r.detourFrom[i] : r.goal[i];
      if (heading !== to) err(`robot ${i} takes pod ${p} to ${heading}, not its reserved location ${to}`);
    }
  };
  sim.observe((f) => {
    if (f.tick % every === 0) check();
  });
  return rep;
}
