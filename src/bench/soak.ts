/**
 * Soak run (`npm run soak`): a long run of a large fleet with faults, to show
 * the controller survives them and memory stays flat. By default 24 simulated
 * hours, 1,000 robots on a generated 500x140 warehouse (20 stations, 40
 * chargers), robot breakdowns (MTBF 8 h, MTTR 10 min per robot), peak-season
 * demand (an hourly profile times a peak factor).
 *
 * Prints a line per simulated hour (orders done and open, robots broken,
 * deadlocks detected and unrecovered, heap after a forced GC when run with
 * --expose-gc), then the totals: breakdowns survived, deadlocks detected /
 * recovered / unrecovered, orders lost (created - completed - open), memory
 * at the start and the end, the cost of keeping the distance fields exact,
 * and the wall time.
 *
 * Options: --hours 24, --robots 1000, --mtbf 8h, --mttr 10m, --peak 1.5,
 * --battery 1000 (Wh per robot), --chargers 40, --stations 20, --start 00:00,
 * --replan-above 60 (seconds; a huge value never blocks broken robots in the
 * fields, to measure what re-planning costs), --replan-at-once (block a long
 * breakdown's cell at once, not when a robot first waits behind it), --mix
 * (also aisle closures and a station closed for an hour), --no-faults (the
 * same run without any: a baseline), --seed 7, --planner pibt.
 */
import { parseArgs } from 'node:util';
import { Sim } from '../sim/sim.js';
import { formatDuration } from '../core/duration.js';
import { buildReport } from '../sim/report.js';
import { scenarioFromJson } from '../scenario/load.js';

/** Orders per hour per robot at profile 1 and peak factor 1. */
const ORDERS_PER_ROBOT_HOUR = 1.2;
/** A retail day: quiet at night, a morning ramp, the evening peak. Follows the site clock from 00:00. */
const PROFILE = [0.3, 0.2, 0.15, 0.15, 0.2, 0.35, 0.6, 0.9, 1.1, 1.2, 1.3, 1.3, 1.2, 1.2, 1.1, 1.1, 1.2, 1.3, 1.5, 1.5, 1.3, 1.0, 0.7, 0.45];

const { values } = parseArgs({
  options: {
    hours: { type: 'string' },
    robots: { type: 'string' },
    mtbf: { type: 'string' },
    mttr: { type: 'string' },
    peak: { type: 'string' },
    'replan-above': { type: 'string' },
    'replan-at-once': { type: 'boolean' },
    mix: { type: 'boolean' },
    'no-faults': { type: 'boolean' },
    seed: { type: 'string' },
    planner: { type: 'string' },
    start: { type: 'string' },
    chargers: { type: 'string' },
    battery: { type: 'string' },
    stations: { type: 'string' },
  },
});
const hours = Number(values.hours ?? 24);
const robots = Number(values.robots ?? 1000);
const peak = Number(values.peak ?? 1.5);
const seed = values.seed ?? '7';
if (!(hours > 0) || !(robots > 0)) {
  console.error('usage: soak [--hours H] [--robots N] [--mtbf 8h] [--mttr 10m] [--peak 1.5] [--replan-above S] [--mix] [--seed S] [--planner pibt|whca]');
  process.exit(2);
}

const WIDTH = 500;
const HEIGHT = 140;
function scenario() {
  const faults: Record<string, unknown> = values['no-faults']
    ? {}
    : { robots: { mtbf: values.mtbf ?? '8h', mttr: values.mttr ?? '10m', replanAbove: Number(values['replan-above'] ?? 60) } };
  if (values.mix) {
    // Aisles between block rows (row 4 + 3k on the generated floor) closed for an hour or so, spread over the day; one station closed for an hour.
    faults.closures = Array.from({ length: Math.max(1, Math.floor(hours / 3)) }, (_, k) => ({
      area: [
        [4 + 3 * ((7 * k) % 40), 60 + ((53 * k) % 300)],
        [4 + 3 * ((7 * k) % 40), 120 + ((53 * k) % 300)],
      ],
      from: `${k * 3 + 1}h`,
      to: `${k * 3 + 2}h`,
    }));
    faults.stations = [{ station: 3, from: `${Math.min(hours - 1, 10)}h`, to: `${Math.min(hours, 11)}h` }];
  }
  return {
    name: `soak-${robots}`,
    seed,
    duration: `${hours}h`,
    startTime: values.start ?? '00:00',
    layout: { generate: { kind: 'warehouse', width: WIDTH, height: HEIGHT, stations: Number(values.stations ?? 20), chargers: Number(values.chargers ?? 40) } },
    robots: { count: robots, speed: 1, battery: { capacityWh: Number(values.battery ?? 1000), moveWh: 0.05, idleWatts: 20, chargeBelow: 0.2 } },
    demand: {
      ordersPerHour: robots * ORDERS_PER_ROBOT_HOUR,
      profile: PROFILE,
      peakFactor: peak,
      linesPerOrder: { min: 1, max: 3 },
      skus: 20000,
      slotting: 'velocity',
      due: '2h',
    },
    stations: { pickSeconds: { dist: 'uniform', min: 2, max: 5 }, pickers: 2, queueCapacity: Math.max(4, Math.ceil(robots / 40)) },
    fleet: { planner: values.planner ?? 'pibt', assignment: 'nearest' },
    faults,
  };
}

const gc = (globalThis as { gc?: () => void }).gc;
/** JS heap plus typed-array memory (the engine's state lives in ArrayBuffers), after a GC when exposed. */
function memMb(): number {
  gc?.();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 1024 / 1024;
}

const { config } = scenarioFromJson(`soak-${robots}`, scenario());
// --replan-at-once: block a long breakdown's cell in the fields when it happens, not when someone first waits behind it.
if (values['replan-at-once'] && config.faults) config.faults.replanAfterWaitTicks = 0;
const sim = new Sim(config);
const w = sim.world;
const ticksPerHour = Math.round(3600 / config.tickSeconds);
console.log(
  `wsim soak: ${hours} h, ${robots} robots, ${WIDTH}x${HEIGHT} generated warehouse, breakdowns MTBF ${values.mtbf ?? '8h'} MTTR ${values.mttr ?? '10m'}, ` +
    `peak factor ${peak}${values.mix ? ', closures and a station closed' : ''}, node ${process.version}${gc ? '' : ' (no --expose-gc: heap figures include garbage)'}`,
);
console.log(' hour | orders done | open | broken | breakdowns | deadlocks det/unrec | heap MB | cache MB | rest MB | wall s');
const mem0 = memMb();
const t0 = performance.now();
let memFirstHour = 0;
/** Memory outside the distance-field cache (which fills up to its cap by design): min and max after hour 1. */
let restMin = Infinity;
let restMax = 0;
/** Most robots left unrecovered at any hourly sample (the run must end with none, and stay at none). */
let unrecoveredMax = 0;
const cacheMbOf = () => (w.fields.size * w.grid.width * w.grid.height * 2) / 1024 / 1024;
for (let h = 1; h * ticksPerHour <= config.ticks || (h - 1) * ticksPerHour < config.ticks; h++) {
  sim.run(Math.min(ticksPerHour, config.ticks - w.tick));
  const mem = memMb();
  if (h === 1) memFirstHour = mem;
  const rest = mem - cacheMbOf();
  unrecoveredMax = Math.max(unrecoveredMax, w.metrics.deadlocks.unrecovered);
  restMin = Math.min(restMin, rest);
  restMax = Math.max(restMax, rest);
  const d = w.metrics.deadlocks;
  const f = sim.faults!;
  console.log(
    [
      String(h).padStart(5),
      String(w.books.ordersCompleted).padStart(11),
      String(w.books.openOrders).padStart(4),
      String(f.brokenNow(w)).padStart(6),
      String(f.figures.breakdowns).padStart(10),
      `${d.detected}/${d.unrecovered}`.padStart(19),
      mem.toFixed(1).padStart(7),
      cacheMbOf().toFixed(0).padStart(8),
      rest.toFixed(1).padStart(7),
      ((performance.now() - t0) / 1000).toFixed(1).padStart(6),
    ].join(' | '),
  );
  if (w.tick >= config.ticks) break;
}
const wall = (performance.now() - t0) / 1000;
const mem1 = memMb();
const rep = buildReport(w, sim.planner.name, sim.assignment.name, wall);
const b = w.books;
const lost = b.ordersCreated - b.ordersCompleted - b.openOrders;
const f = rep.faults;
const d = rep.robots.deadlocks;
console.log('');
console.log(`simulated       ${formatDuration(rep.simulatedSeconds)} (${rep.ticks} ticks) in ${wall.toFixed(1)} s wall, ${((wall * 1000) / rep.ticks).toFixed(3)} ms/tick`);
console.log(`orders          ${b.ordersCreated} created, ${b.ordersCompleted} completed, ${b.openOrders} open: ${lost} lost; ${rep.throughput.ordersPerHour.toFixed(0)} orders/h, p95 cycle ${formatDuration(rep.cycleTimeSeconds.p95)}`);
console.log(`faults survived ${f.robots.breakdowns} breakdowns (${formatDuration(f.robots.downtimeSeconds)} robot downtime, mean repair ${formatDuration(f.robots.meanRepairSeconds)}, ${f.robots.carryingPod} carrying a pod, ${f.robots.brokenAtEnd} broken at the end), ${f.counts.closures} closures, ${f.counts.stationClosures} station closures`);
console.log(`controller      ${f.response.tasksReleased} fetches released, ${f.response.robotsHeld} robots held, ${f.response.podsRerouted} returns rerouted, ${f.response.robotsEvacuated} evacuated, ${f.response.chargersReleased} chargers released; ${f.ordersDelayed.total} orders delayed`);
console.log(`deadlocks       ${d.detected} detected, ${d.recovered} recovered, ${d.unrecovered} unrecovered at the end (at most ${unrecoveredMax} at an hourly sample); ${rep.robots.conflicts} conflicts, ${rep.robots.plannerRepairs} planner repairs, ${rep.robots.depleted} depleted`);
if (d.cells.length > 0) console.log(`                first detected at ${d.cells.slice(0, 8).map((c) => `[${c.row}, ${c.col}]`).join(' ')}`);
console.log(
  `distance fields ${f.distanceFields.maskChanges} mask changes, ${f.distanceFields.fieldsInvalidated} fields dropped and searched again, ` +
    `${w.fields.computed} fields made, ${(w.fields.stats.expanded / 1e6).toFixed(1)} M cells expanded`,
);
const cacheMb = cacheMbOf();
console.log(
  `memory          ${mem0.toFixed(1)} MB at the start, ${memFirstHour.toFixed(1)} MB after hour 1, ${mem1.toFixed(1)} MB at the end ` +
    `(of which the distance-field cache: ${w.fields.size} fields, ${cacheMb.toFixed(0)} MB, capped at 256 MB); ` +
    `outside the cache ${restMin.toFixed(1)}-${restMax.toFixed(1)} MB over the hourly samples`,
);
if (lost !== 0 || rep.robots.conflicts !== 0 || unrecoveredMax !== 0 || !rep.conservation.balanced) process.exitCode = 1;
