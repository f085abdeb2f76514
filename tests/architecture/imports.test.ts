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
const CYCLE_ALLOWED: string[] = [];

/**
 * Imports that still break a layering rule, as `from -> to`. Only shrinks,
 * like the list above.
 */
const EDGE_ALLOWED: string[] = [];

/** Why an import from `from` to `to` breaks the layering, or null when it does not. */
function breaksLayering(from: string, to: string): string | null {
  const a = folderOf(from);
  const b = folderOf(to);
  if (a === b) return null;
  if (a === BASE) return `${BASE} imports only itself`;
  if (a === KERNEL && b !== BASE) return `${KERNEL} imports only itself and ${BASE}`;
  if (!EDGES.has(a) && EDGES.has(b)) return `${a} is below the edge folder ${b}`;
  if (a === 'fleet' && ORDER_FLOW.has(b)) return 'fleet does not import order flow';
  // The League of Robot Runners runs are an adapter over the fleet controller, which plans for every run.
  if (a === 'fleet' && b === 'lorr') return 'fleet does not import the lorr adapter';
  return null;
}

describe('the import graph of src/', () => {
  const graph = readImportGraph(SRC);

  it('reads the imports it is meant to', () => {
    expect(graph.files).toContain('sim/sim.ts');
    expect(graph.edges.get('sim/sim.ts')).toContain('core/world.ts');
    // A feature's `declare module` adding its state to the world counts as an import of it.
    expect(graph.edges.get('storage/state.ts')).toContain('core/world.ts');
  });

  it('has no import cycles beyond the allowed ones', () => {
    const inCycles = cycles(graph);
    const found = new Set(inCycles.flat());
    const fresh = inCycles.filter((c) => c.some((f) => !CYCLE_ALLOWED.includes(f)));
    expect(fresh.map((c) => c.join(' <-> ')), 'new import cycles').toEqual([]);
    expect(CYCLE_ALLOWED.filter((f) => !found.has(f)), 'allowed cycle files no longer in a cycle: take them off the list').toEqual([]);
  });

  it('keeps the layers: edges -> features -> core -> layout, and fleet apart from order flow and the lorr adapter', () => {
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
