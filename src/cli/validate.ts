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
  const tick = Number(config.tickSeconds.toFixed(4));
  parts.push(`${config.ticks} ticks of ${tick}s`);
  process.stdout.write(`${file}: valid (${config.name}: ${parts.join(', ')})\n`);
  return 0;
}
