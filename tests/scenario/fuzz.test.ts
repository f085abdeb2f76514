import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Sim } from '../../src/sim/sim.js';
import { ScenarioError, ScenarioErrors } from '../../src/scenario/errors.js';
import { scenarioFromJson } from '../../src/scenario/load.js';
import { scenarioPath } from '../helpers/scenarios.js';

/**
 * The loader under hostile input: whatever the document, it either loads or
 * throws ScenarioError(s) with one line per problem naming the file and the
 * path into it. A document it accepts must also run.
 */
type Outcome = { ok: true; sim: Sim } | { ok: false; messages: string[] };

function load(json: unknown): Outcome {
  try {
    const { config } = scenarioFromJson('fuzz.json', json);
    return { ok: true, sim: new Sim(config) };
  } catch (e) {
    if (e instanceof ScenarioErrors) return { ok: false, messages: e.errors.map((x) => x.message) };
    if (e instanceof ScenarioError) return { ok: false, messages: [e.message] };
    throw e; // anything else is a loader defect: fast-check shrinks and reports it
  }
}

function expectClear(out: Outcome): void {
  if (out.ok) {
    // Accepted: a few ticks must run and keep robots apart.
    out.sim.run(20);
    expect(out.sim.world.metrics.conflicts).toBe(0);
    return;
  }
  expect(out.messages.length).toBeGreaterThan(0);
  for (const m of out.messages) {
    expect(m.startsWith('fuzz.json: ')).toBe(true);
    expect(m).not.toMatch(/\n\s+at /);
    expect(m.length).toBeLessThan(2000);
  }
}

/** Values meant to break things: extremes, wrong types, junk. */
const hostile = fc.oneof(
  fc.constantFrom(0, -1, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 31, 0.5, NaN, Infinity, -Infinity, '', ' ', '8h', '-5m', '1e9h', '25:99', null, true, [], {}),
  fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
  fc.double(),
  fc.string({ maxLength: 40 }),
  fc.jsonValue({ maxDepth: 4 }),
  fc.array(fc.constantFrom('@@@', '...', 'PRC', '#m=', '+'), { maxLength: 5 }),
);

/** All paths to leaves and inner nodes of a document. */
function pathsOf(doc: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(doc)) doc.forEach((v, k) => k < 6 && pathsOf(v, [...prefix, k], out));
  else if (doc !== null && typeof doc === 'object') for (const [k, v] of Object.entries(doc)) pathsOf(v, [...prefix, k], out);
  return out;
}

function getAt(doc: unknown, path: (string | number)[]): unknown {
  let v = doc;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined;
  return v;
}

function setAt(doc: unknown, path: (string | number)[], value: unknown, remove: boolean): unknown {
  if (path.length === 0) return remove ? undefined : value;
  const copy = (Array.isArray(doc) ? [...doc] : { ...(doc as object) }) as Record<string | number, unknown>;
  const [head, ...rest] = path;
  if (rest.length === 0) {
    if (remove) delete copy[head];
    else copy[head] = value;
  } else copy[head] = setAt(copy[head], rest, value, remove);
  return copy;
}

// Every shipped scenario: each new section (arms, packing, operations, alerts, faults) is mutated too.
const SHIPPED = readdirSync(dirname(scenarioPath('default.json')))
  .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
  .sort();
const docs = SHIPPED.map((name) => {
  const doc = JSON.parse(readFileSync(scenarioPath(name), 'utf8'));
  // Short runs: the point is loading, not simulating a day.
  doc.duration = '2m';
  return { name, doc, paths: pathsOf(doc) };
});

describe('loader fuzzing', () => {
  it('arbitrary JSON documents: loaded or refused with file and path, never a crash', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (json) => expectClear(load(json))),
      { numRuns: 400, seed: 7 },
    );
  });

  it('arbitrary objects with scenario-shaped keys: loaded or refused clearly', () => {
    const keys = fc.constantFrom(
      'name', 'duration', 'layout', 'robots', 'demand', 'stations', 'fleet', 'pickers', 'outbound', 'energy', 'startTime', 'seed',
      'storage', 'faults', 'packing', 'operations', 'alerts',
    );
    fc.assert(
      fc.property(fc.dictionary(keys, hostile, { maxKeys: 12 }), (json) => expectClear(load(json))),
      { numRuns: 400, seed: 11 },
    );
  });

  it('mutations of the shipped scenarios (set, delete, junk at any path): loaded and runnable, or refused clearly', () => {
    // Junk anywhere, a plausible change of a number (scaled or nudged), or a deleted key.
    const mutation = fc.record({
      at: fc.nat(),
      kind: fc.constantFrom('junk', 'scale', 'scale', 'remove'),
      value: hostile,
      factor: fc.constantFrom(0, 0.5, 2, 3, 10, 1000, -1, 1.5),
      nudge: fc.integer({ min: -3, max: 3 }),
    });
    let accepted = 0;
    fc.assert(
      fc.property(fc.nat(docs.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 }), (which, muts) => {
        const { doc, paths } = docs[which];
        let json: unknown = doc;
        for (const m of muts) {
          const path = paths[m.at % paths.length];
          const old = getAt(json, path);
          if (m.kind === 'scale' && typeof old === 'number') json = setAt(json, path, Number.isInteger(old) ? Math.round(old * m.factor) + m.nudge : old * m.factor, false);
          else json = setAt(json, path, m.value, m.kind === 'remove');
        }
        const out = load(json);
        if (out.ok) accepted++;
        expectClear(out);
      }),
      { numRuns: 300, seed: 13 },
    );
    // The mutations must also produce documents the loader accepts, or the run half of the check is idle.
    expect(accepted).toBeGreaterThan(30);
    if (process.env.FUZZ_VERBOSE) console.log(`accepted ${accepted} of 300`);
  });
});
