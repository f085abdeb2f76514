import { loadScenario } from '../scenario/load.js';

export function validateCommand(file: string): number {
  const { config } = loadScenario(file);
  const g = config.grid;
  process.stdout.write(
    `${file}: valid (${config.name}: ${g.width}x${g.height} layout, ${config.robots.count} robots, ` +
      `${g.stations.length} stations, ${g.storage.length} pods, ${config.ticks} ticks of ${config.tickSeconds}s)\n`,
  );
  return 0;
}
