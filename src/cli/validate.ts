import { formatDuration } from '../core/duration.js';
import type { FaultsConfig } from '../faults/types.js';
import { loadScenario } from '../scenario/load.js';

/** Checks a scenario file and says what it describes in one line. */
export function validateCommand(file: string, allowOutside = false): number {
  const { config } = loadScenario(file, { allowOutside });
  const g = config.grid;
  const parts = [`${g.width}x${g.height} layout`];
  if (config.robots.count > 0 || g.stations.length > 0) {
    parts.push(`${config.robots.count} robots`, `${g.stations.length} stations`, `${g.storage.length} pods`);
  }
  if (config.zones.length > 0) {
    const people = config.zones.reduce((n, z) => n + z.pickers, 0);
    parts.push(`${config.zones.length} picker zone(s) with ${people} people`);
  }
  const ob = config.outbound;
  if (ob) {
    const agvs = ob.agvs.reduce((n, a) => n + a.vehicles, 0);
    parts.push(`${ob.conveyors.length} conveyors`, `${ob.sorters.length} sorter(s)`, `${agvs} AGVs`, `${ob.docks.length} dock(s)`);
  }
  const arms = config.arms ?? [];
  if (arms.length > 0) parts.push(`picking arms at ${arms.reduce((n, a) => n + a.stations.length, 0)} station(s)`);
  const packing = config.packing?.stations ?? [];
  if (packing.length > 0) parts.push(`pack stations ${packing.map((p) => `${p.name} (${p.mode})`).join(', ')}`);
  if (config.operations) parts.push(`operations policy ${config.operations.policy}`);
  if (config.alerts) parts.push('live alerts on');
  const faults = describeFaults(config.faults ?? null, config.tickSeconds);
  if (faults !== null) parts.push(faults);
  const tick = Number(config.tickSeconds.toFixed(4));
  parts.push(`${config.ticks} ticks of ${tick}s`);
  process.stdout.write(`${file}: valid (${config.name}: ${parts.join(', ')})\n`);
  return 0;
}

/** The faults a scenario injects, in a few words ("faults: breakdowns every 8h (repaired in 10m), 2 closures"), or null without any. */
function describeFaults(f: FaultsConfig | null, tickSeconds: number): string | null {
  if (f === null) return null;
  const out: string[] = [];
  const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
  if (f.robots) {
    out.push(`breakdowns every ${formatDuration(f.robots.mtbfTicks * tickSeconds)} per robot (repaired in ${formatDuration(f.robots.mttrTicks * tickSeconds)})`);
  }
  if (f.breakdowns.length > 0) out.push(n(f.breakdowns.length, 'scheduled breakdown'));
  if (f.closures.length > 0) out.push(n(f.closures.length, 'aisle closure'));
  if (f.conveyors.length > 0) out.push(n(f.conveyors.length, 'conveyor jam'));
  if (f.chutes.length > 0) out.push(n(f.chutes.length, 'chute outage'));
  if (f.stations.length > 0) out.push(n(f.stations.length, 'station closure'));
  if (f.pickers.length > 0) out.push(n(f.pickers.length, 'picker absence', 'picker absences'));
  return out.length > 0 ? `faults: ${out.join(', ')}` : null;
}
