/**
 * Engine benchmark (`npm run bench`): robot-ticks per second and orders per
 * hour on a generated 500x140 warehouse for 100, 1,000 and 5,000 robots, with
 * heap use sampled over the run to show memory stays flat.
 *
 * Options: --quick (shorter runs), --robots 1000 (one size only), --hours 8,
 * --planner pibt|epibt|whca (epibt runs with one-second quarter turns, the
 * least it plans with), --guidance none|lanes|traffic (`fleet.guidance`),
 * --assignment nearest|hungarian|errands (`fleet.assignment`), --improve
 * auto|N (`fleet.improve`: epibt's improvement step, default 0).
 */
import { parseArgs } from 'node:util';
import { Sim } from '../sim/sim.js';
import { buildReport } from '../sim/report.js';
import { scenarioFromJson } from '../scenario/load.js';

function scenario(robots: number, hours: number, planner: string, guidance: string, assignment: string, improve: number | 'auto') {
  return {
    name: `bench-${robots}`,
    seed: 42,
    duration: hours * 3600,
    layout: { generate: { kind: 'warehouse', width: 500, height: 140, stations: 20, chargers: 40 } },
    robots: { count: robots, speed: 1, rotationSeconds: planner === 'epibt' ? 1 : 0, battery: { capacityWh: 1000, moveWh: 0.05, idleWatts: 20, chargeBelow: 0.2 } },
    demand: { ordersPerHour: robots * 1.2, linesPerOrder: { min: 1, max: 3 }, skus: 20000, slotting: 'velocity', due: '2h' },
    stations: { pickSeconds: { dist: 'uniform', min: 2, max: 5 }, pickers: 2, queueCapacity: Math.max(4, Math.ceil(robots / 40)) },
    fleet: { planner, assignment, guidance, improve },
  };
}

/** JS heap plus typed-array memory (the engine's state lives in ArrayBuffers), after a GC when exposed. */
function memMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 1024 / 1024;
}

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    robots: { type: 'string' },
    hours: { type: 'string' },
    planner: { type: 'string' },
    guidance: { type: 'string' },
    assignment: { type: 'string' },
    improve: { type: 'string' },
  },
});
const sizes = values.robots ? [Number(values.robots)] : [100, 1000, 5000];
const planner = values.planner ?? 'pibt';
const guidance = values.guidance ?? 'none';
const assignment = values.assignment ?? 'nearest';
// The scenario's loader checks the value (one line, exit 2, like any scenario field).
const improve = values.improve === undefined ? 0 : values.improve === 'auto' ? 'auto' : Number(values.improve);

console.log(`wsim engine bench: 500x140 generated warehouse, planner ${planner}, guidance ${guidance}, assignment ${assignment}, improve ${improve}, node ${process.version}`);
console.log('robots | sim hours | ticks  | wall s | robot-ticks/s | ms/tick | orders/h | lines/h | open orders | memory MB at 10% -> end');
for (const n of sizes) {
  const hours = values.hours ? Number(values.hours) : values.quick ? 0.5 : n >= 5000 ? 1 : 8;
  const { config } = scenarioFromJson(`bench-${n}`, scenario(n, hours, planner, guidance, assignment, improve));
  const sim = new Sim(config);
  // The whole run is timed (set-up excluded); memory is sampled at 10% and at the end (GC time excluded).
  const tenth = Math.floor(config.ticks / 10);
  let t0 = performance.now();
  sim.run(tenth);
  let wall = (performance.now() - t0) / 1000;
  const mem0 = memMb();
  t0 = performance.now();
  sim.run();
  wall += (performance.now() - t0) / 1000;
  const mem1 = memMb();
  const ticks = config.ticks;
  const rep = buildReport(sim.world, planner, 'nearest', wall);
  const line = [
    String(n).padStart(6),
    String(hours).padStart(9),
    String(config.ticks).padStart(6),
    wall.toFixed(1).padStart(6),
    Math.round((n * ticks) / wall).toLocaleString('en-US').padStart(13),
    ((wall * 1000) / ticks).toFixed(3).padStart(7),
    rep.throughput.ordersPerHour.toFixed(0).padStart(8),
    rep.throughput.linesPerHour.toFixed(0).padStart(7),
    String(rep.orders.open).padStart(11),
    `${mem0.toFixed(1)} -> ${mem1.toFixed(1)}`,
  ];
  console.log(line.join(' | '));
  if (rep.robots.conflicts !== 0) console.log(`  !! ${rep.robots.conflicts} conflicts`);
}
