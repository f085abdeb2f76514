import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { experimentJsonSchema } from '../../src/experiment/schema.js';
import { TimeDistribution } from '../../src/scenario/primitives.js';
import { scenarioJsonSchema } from '../../src/scenario/schema.js';
import { read } from './markdown.js';
import { documentedFields, schemaFieldDefaults, schemaFields, statedDefault, type NamedShape } from './schema-fields.js';

/**
 * The references of the file formats cannot drift from their schemas: every
 * field of the scenario schema (what `wsim schema` prints) is named in
 * docs/scenario.md, every field named there is in the schema, and the same
 * for the experiment file and docs/experiments.md.
 */

const shapes: NamedShape[] = [{ name: 'distribution', schema: z.toJSONSchema(TimeDistribution, { io: 'input', unrepresentable: 'any' }) }];

function compare(doc: string, schema: unknown, named: NamedShape[]) {
  const inSchema = schemaFields(schema, named);
  const { fields, problems } = documentedFields(read(doc));
  const missing = [...inSchema].filter((f) => !fields.has(f)).sort();
  const extra = [...fields.keys()].filter((f) => !inSchema.has(f)).map((f) => `${f} (line ${fields.get(f)})`);
  return { inSchema, fields, problems, missing, extra };
}

/**
 * Where the schema declares a default and the page states a plain value
 * (`1`, `"1h"`, `fixed-home`, `[]`), the two agree; a field the schema gives
 * a default is not called required.
 */
function checkDefaults(doc: string, schema: unknown, named: NamedShape[]) {
  const inSchema = schemaFieldDefaults(schema, named);
  const { defaults } = documentedFields(read(doc));
  const wrong: string[] = [];
  let compared = 0;
  for (const [field, cell] of defaults) {
    const expected = inSchema.get(field);
    if (expected === undefined) continue;
    if (cell === 'required') {
      wrong.push(`${field}: the page says required, the schema's default is ${JSON.stringify(expected)}`);
      continue;
    }
    const stated = statedDefault(cell);
    if (stated === null) continue;
    compared++;
    if (JSON.stringify(stated.value) !== JSON.stringify(expected)) wrong.push(`${field}: the page says ${cell}, the schema's default is ${JSON.stringify(expected)}`);
  }
  return { wrong, compared };
}

describe('reading schemas and reference tables', () => {
  it('walks objects, arrays, unions and named shapes', () => {
    const s = z.strictObject({
      a: z.number(),
      b: z.strictObject({ c: z.string().optional() }),
      d: z.array(z.strictObject({ e: z.number() })),
      f: z.union([z.number(), z.strictObject({ min: z.number(), max: z.number() })]),
      g: TimeDistribution.default(6),
      h: z.record(z.string(), z.number()),
    });
    const fields = schemaFields(z.toJSONSchema(s, { io: 'input' }), shapes);
    expect([...fields].sort()).toEqual(
      ['a', 'b', 'b.c', 'd', 'd[].e', 'f', 'f.min', 'f.max', 'g', 'h', '(distribution).dist', '(distribution).min', '(distribution).max', '(distribution).mean', '(distribution).sd'].sort(),
    );
  });

  it('reads the first column of field tables and refuses rows it cannot read', () => {
    const md = [
      '| field | default | meaning |',
      '|---|---|---|',
      '| `a` | 1 | x |',
      '| `b.c`, `d[].e` | | y \\| z |',
      '| a.b | | not in code |',
      '| `a` | | again |',
      '',
      '| key | meaning |',
      '|---|---|',
      '| ignored | other tables are not read |',
    ].join('\n');
    const { fields, problems } = documentedFields(md);
    expect([...fields.keys()]).toEqual(['a', 'b.c', 'd[].e']);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^line 5: /);
    expect(problems[1]).toMatch(/a is listed again/);
  });

  it('reads plainly stated defaults only', () => {
    expect(statedDefault('1')).toEqual({ value: 1 });
    expect(statedDefault('`"1h"`')).toEqual({ value: '1h' });
    expect(statedDefault('`30s`')).toEqual({ value: '30s' });
    expect(statedDefault('`[]`')).toEqual({ value: [] });
    expect(statedDefault('`{ "workerSecondsPerItem": 5 }`')).toEqual({ value: { workerSecondsPerItem: 5 } });
    expect(statedDefault('`[25, 18, 8]`')).toEqual({ value: [25, 18, 8] });
    expect(statedDefault('false')).toEqual({ value: false });
    expect(statedDefault('spread evenly over free floor')).toBeNull();
    expect(statedDefault('0.8 auto, 0.6 manual')).toBeNull();
  });
});

describe('docs/scenario.md against the scenario schema', () => {
  const r = compare('docs/scenario.md', scenarioJsonSchema(), shapes);

  it('reads the whole schema', () => {
    for (const f of ['robots.battery.capacityWh', 'outbound.sorters[].chutes[].dock', 'demand.profile[].from', 'layout.generate.stationSide', 'alerts.chuteFull.after', '(distribution).sd']) {
      expect(r.inSchema.has(f), f).toBe(true);
    }
    expect(r.inSchema.size).toBeGreaterThan(200);
  });

  it('has only rows it can read', () => {
    expect(r.problems, `docs/scenario.md:\n${r.problems.join('\n')}`).toEqual([]);
  });

  it('names every field of the schema', () => {
    expect(r.missing, `fields of the scenario schema missing from docs/scenario.md (add a table row whose first cell is the dotted path):\n${r.missing.join('\n')}`).toEqual([]);
  });

  it('names no field the schema does not have', () => {
    expect(r.extra, `fields named in docs/scenario.md that the scenario schema does not have:\n${r.extra.join('\n')}`).toEqual([]);
  });

  it("states the schema's defaults", () => {
    const d = checkDefaults('docs/scenario.md', scenarioJsonSchema(), shapes);
    expect(d.wrong, `defaults in docs/scenario.md that differ from the schema's:\n${d.wrong.join('\n')}`).toEqual([]);
    // Most defaults are plain values, compared here; prose ("spread evenly over free floor") is not read.
    expect(d.compared).toBeGreaterThan(80);
  });
});

describe('docs/experiments.md against the experiment schema', () => {
  const r = compare('docs/experiments.md', experimentJsonSchema(), []);

  it('names every field, and no other', () => {
    expect(r.inSchema.has('variants[].set')).toBe(true);
    expect(r.problems, r.problems.join('\n')).toEqual([]);
    expect(r.missing, `fields of the experiment schema missing from docs/experiments.md:\n${r.missing.join('\n')}`).toEqual([]);
    expect(r.extra, `fields named in docs/experiments.md that the experiment schema does not have:\n${r.extra.join('\n')}`).toEqual([]);
  });

  it("states the schema's defaults", () => {
    const d = checkDefaults('docs/experiments.md', experimentJsonSchema(), []);
    expect(d.wrong, `defaults in docs/experiments.md that differ from the schema's:\n${d.wrong.join('\n')}`).toEqual([]);
    expect(d.compared).toBeGreaterThan(1);
  });
});
