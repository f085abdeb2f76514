/** A scenario shipped in scenarios/, bundled into the viewer at build time. */
export interface BuiltIn {
  name: string;
  file: string;
  json: unknown;
}

const files = import.meta.glob(['../../scenarios/*.json', '!../../scenarios/*.schema.json'], { eager: true, import: 'default' }) as Record<string, unknown>;

/** The shipped scenarios, the default one first. */
export const BUILT_INS: BuiltIn[] = Object.entries(files)
  .map(([path, json]) => {
    const file = path.slice(path.lastIndexOf('/') + 1);
    return { name: file.replace(/\.json$/, ''), file, json };
  })
  .sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));

/**
 * A generated 500x140 warehouse (20 stations, about 9,000 pods) with `robots`
 * robots, as the engine benchmark uses: the viewer's load test (`?bench=N`).
 */
export function benchScenario(robots: number): BuiltIn {
  return {
    name: `bench-${robots}`,
    file: `bench-${robots}.json`,
    json: {
      name: `bench-${robots}`,
      seed: 42,
      duration: '8h',
      layout: { generate: { kind: 'warehouse', width: 500, height: 140, stations: 20, chargers: 40 } },
      robots: { count: robots, speed: 1, battery: { capacityWh: 1000, moveWh: 0.05, idleWatts: 20, chargeBelow: 0.2 } },
      demand: { ordersPerHour: robots * 1.2, linesPerOrder: { min: 1, max: 3 }, skus: 20000, slotting: 'velocity', due: '2h' },
      stations: { pickSeconds: { dist: 'uniform', min: 2, max: 5 }, pickers: 2, queueCapacity: Math.max(4, Math.ceil(robots / 40)) },
      fleet: { planner: 'pibt', assignment: 'nearest' },
    },
  };
}
