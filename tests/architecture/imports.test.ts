import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cycles, folderOf, readImportGraph } from './import-graph.js';

/**
 * The shape of src/ as its imports show it. Type-only imports count: a
 * module that names another's types cannot be read, moved or compiled
 * without it, so it depends on it as much as through a value.
 *
 * Layers, outermost first: edges (programs and front ends) -> features ->
 * kernel (`core`) -> `layout`. A layer imports only from itself and the
 * layers below it.
 */
const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** Front ends and programs: nothing below imports them. */
const EDGES = new Set(['cli', 'server', 'viewer', 'ci', 'experiment', 'bench']);
/** The tick loop, the world and the feature interface. */
const KERNEL = 'core';
/** The floor plan: grids, distances, lanes. */
const BASE = 'layout';
/** Folders about orders and what serves them, which the fleet must not know. */
const ORDER_FLOW = new Set(['flow', 'orders', 'storage', 'stations', 'people', 'outbound', 'packing', 'operations']);

/**
 * Files still in an import cycle. Only shrinks: a file in a cycle that is not
 * listed fails the test, and so does a listed file no longer in one.
 */
const CYCLE_ALLOWED: string[] = [
  'core/config.ts',
  'core/world.ts',
  'faults/engine.ts',
  'fleet/stall-chain.ts',
  'fleet/wait-for.ts',
  'metrics/alerts.ts',
  'metrics/stalls.ts',
  'operations/operations.ts',
  'operations/proactive-reslot.ts',
  'orders/demand.ts',
  'orders/order-assignment.ts',
  'orders/orders.ts',
  'outbound/outbound.ts',
  'packing/pack-station.ts',
  'packing/packing.ts',
  'people/pickers.ts',
  'site/site.ts',
  'stations/arms.ts',
  'stations/draw.ts',
  'stations/service.ts',
  'storage/pod-return.ts',
  'storage/reslot.ts',
  'storage/storage.ts',
];

/**
 * Imports that still break a layering rule, as `from -> to`. Only shrinks,
 * like the list above.
 */
const EDGE_ALLOWED: string[] = [
  'core/config.ts -> faults/types.ts',
  'core/config.ts -> metrics/alert-rules.ts',
  'core/config.ts -> operations/operations-config.ts',
  'core/config.ts -> outbound/conveyor.ts',
  'core/config.ts -> outbound/dock.ts',
  'core/config.ts -> outbound/sorter.ts',
  'core/config.ts -> packing/packing.ts',
  'core/config.ts -> people/shifts.ts',
  'core/config.ts -> stations/arms.ts',
  'core/sim.ts -> faults/engine.ts',
  'core/sim.ts -> fleet/assignment.ts',
  'core/sim.ts -> fleet/deadlock.ts',
  'core/sim.ts -> fleet/dispatch.ts',
  'core/sim.ts -> fleet/motion.ts',
  'core/sim.ts -> fleet/planner.ts',
  'core/sim.ts -> fleet/registry.ts',
  'core/sim.ts -> fleet/stuck.ts',
  'core/sim.ts -> metrics/alerts.ts',
  'core/sim.ts -> metrics/stage.ts',
  'core/sim.ts -> metrics/stalls.ts',
  'core/sim.ts -> operations/operations.ts',
  'core/sim.ts -> orders/demand.ts',
  'core/sim.ts -> site/equipment.ts',
  'core/sim.ts -> site/flow-frame.ts',
  'core/sim.ts -> stations/service.ts',
  'core/sim.ts -> storage/fetch-pods.ts',
  'core/sim.ts -> storage/reslot.ts',
  'core/sim.ts -> storage/slotting.ts',
  'core/world.ts -> faults/engine.ts',
  'core/world.ts -> metrics/alerts.ts',
  'core/world.ts -> metrics/collector.ts',
  'core/world.ts -> metrics/stalls.ts',
  'core/world.ts -> operations/operations.ts',
  'core/world.ts -> orders/books.ts',
  'core/world.ts -> orders/families.ts',
  'core/world.ts -> orders/order-assignment.ts',
  'core/world.ts -> orders/totes.ts',
  'core/world.ts -> site/site.ts',
  'core/world.ts -> stations/stations.ts',
  'core/world.ts -> storage/pods.ts',
  'core/world.ts -> storage/slotting.ts',
  'core/world.ts -> storage/storage.ts',
  'record/recording-writer.ts -> cli/output.ts',
  'scenario/schema.ts -> ci/assertions.ts',
];

/** Why an import from `from` to `to` breaks the layering, or null when it does not. */
function breaksLayering(from: string, to: string): string | null {
  const a = folderOf(from);
  const b = folderOf(to);
  if (a === b) return null;
  if (a === BASE) return `${BASE} imports only itself`;
  if (a === KERNEL && b !== BASE) return `${KERNEL} imports only itself and ${BASE}`;
  if (!EDGES.has(a) && EDGES.has(b)) return `${a} is below the edge folder ${b}`;
  if (a === 'fleet' && ORDER_FLOW.has(b)) return 'fleet does not import order flow';
  return null;
}

describe('the import graph of src/', () => {
  const graph = readImportGraph(SRC);

  it('reads the imports it is meant to', () => {
    expect(graph.files).toContain('core/sim.ts');
    expect(graph.edges.get('core/sim.ts')).toContain('core/world.ts');
  });

  it('has no import cycles beyond the allowed ones', () => {
    const inCycles = cycles(graph);
    const found = new Set(inCycles.flat());
    const fresh = inCycles.filter((c) => c.some((f) => !CYCLE_ALLOWED.includes(f)));
    expect(fresh.map((c) => c.join(' <-> ')), 'new import cycles').toEqual([]);
    expect(CYCLE_ALLOWED.filter((f) => !found.has(f)), 'allowed cycle files no longer in a cycle: take them off the list').toEqual([]);
  });

  it('keeps the layers: edges -> features -> core -> layout, and fleet apart from order flow', () => {
    const broken: string[] = [];
    const why = new Map<string, string>();
    for (const [from, tos] of graph.edges) {
      for (const to of tos) {
        const reason = breaksLayering(from, to);
        if (reason === null) continue;
        broken.push(`${from} -> ${to}`);
        why.set(`${from} -> ${to}`, reason);
      }
    }
    const fresh = broken.filter((e) => !EDGE_ALLOWED.includes(e)).map((e) => `${e} (${why.get(e)})`);
    expect(fresh, 'imports that break the layering').toEqual([]);
    expect(EDGE_ALLOWED.filter((e) => !broken.includes(e)), 'allowed imports that are gone: take them off the list').toEqual([]);
  });
});
