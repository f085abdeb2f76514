import { tables } from './markdown.js';

/**
 * Field paths of a JSON Schema and of a reference page, so the two can be
 * compared. A path is dotted from the top of the document, `[]` marking the
 * items of an array: `outbound.sorters[].chutes[].dock`.
 */

type Node = { [k: string]: unknown };

/** A shape documented once under its own name, `(name).field`, rather than at every field that takes it. */
export interface NamedShape {
  name: string;
  /** The shape's JSON Schema: a field whose `anyOf` equals this one's is of the shape. */
  schema: unknown;
}

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const alternatives = (n: Node) => JSON.stringify(n.anyOf ?? n.oneOf ?? null);

/** Every field path of a JSON Schema (as zod's `toJSONSchema` writes it: no $ref). */
export function schemaFields(schema: unknown, shapes: NamedShape[] = []): Set<string> {
  return new Set(schemaFieldDefaults(schema, shapes).keys());
}

/** Every field path of a JSON Schema with its default (`undefined` when it has none). */
export function schemaFieldDefaults(schema: unknown, shapes: NamedShape[] = []): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const known = shapes.map((s) => ({ name: s.name, key: alternatives(s.schema as Node) }));
  const walk = (n: unknown, path: string, top: boolean) => {
    if (!isNode(n)) return;
    if (typeof n.$ref === 'string') throw new Error(`${path || '(top)'}: $ref ${n.$ref} is not followed; inline the schema`);
    if (!top && (n.anyOf || n.oneOf)) {
      const shape = known.find((s) => s.key === alternatives(n));
      if (shape) return;
    }
    for (const k of ['anyOf', 'oneOf', 'allOf']) if (Array.isArray(n[k])) for (const b of n[k] as unknown[]) walk(b, path, false);
    if (isNode(n.properties)) {
      for (const [k, v] of Object.entries(n.properties)) {
        const p = path ? `${path}.${k}` : k;
        // A field in several alternatives of a union keeps the first default found.
        if (out.get(p) === undefined) out.set(p, isNode(v) ? v.default : undefined);
        walk(v, p, false);
      }
    }
    if (Array.isArray(n.prefixItems)) for (const b of n.prefixItems) walk(b, `${path}[]`, false);
    if (Array.isArray(n.items)) for (const b of n.items) walk(b, `${path}[]`, false);
    else walk(n.items, `${path}[]`, false);
    walk(n.additionalProperties, `${path}.*`, false);
  };
  walk(schema, '', true);
  for (const s of shapes) {
    const inner = schemaFieldDefaults({ anyOf: (s.schema as Node).anyOf ?? (s.schema as Node).oneOf }, []);
    for (const [f, d] of inner) out.set(`(${s.name}).${f}`, d);
  }
  return out;
}

/** A field path as a reference table writes it: letters, digits, `$`, `_`, dots, `[]`, and `(shape)` at the start. */
const PATH = /^(\([a-z]+\)\.)?[$\w]+(\[\])?(\.[$\w]+(\[\])?)*$/;

/**
 * The fields a reference page names: the first column of every table whose
 * header's first cell is `field`, one or more code spans separated by commas.
 * A row that is not in that form is a problem, so a typo cannot hide a field.
 */
export function documentedFields(markdown: string): { fields: Map<string, number>; defaults: Map<string, string>; problems: string[] } {
  const fields = new Map<string, number>();
  const defaults = new Map<string, string>();
  const problems: string[] = [];
  for (const t of tables(markdown)) {
    if (t.header[0] !== 'field') continue;
    for (const row of t.rows) {
      const first = row.cells[0];
      const parts = first.split(',').map((s) => s.trim());
      for (const part of parts) {
        const m = /^`([^`]+)`$/.exec(part);
        if (!m || !PATH.test(m[1])) {
          problems.push(`line ${row.line}: first cell ${JSON.stringify(first)} is not a list of \`dotted.paths\``);
          break;
        }
        if (fields.has(m[1])) problems.push(`line ${row.line}: ${m[1]} is listed again (first at line ${fields.get(m[1])})`);
        else {
          fields.set(m[1], row.line);
          if (t.header[1] === 'default') defaults.set(m[1], row.cells[1] ?? '');
        }
      }
    }
  }
  return { fields, defaults, problems };
}

/**
 * The value a default cell states, when it states one plainly: a JSON value
 * (`1`, `false`, `[]`, `"1h"`, `{ "workerSecondsPerItem": 5 }`), a code span
 * holding one, or a bare word in a code span (`fixed-home`, `30s`). Prose
 * ("spread evenly over free floor", "0.8 auto, 0.6 manual") is not read.
 */
export function statedDefault(cell: string): { value: unknown } | null {
  const t = cell.trim();
  const code = /^`([^`]+)`$/.exec(t);
  const text = code ? code[1] : t;
  try {
    return { value: JSON.parse(text.replace(/([{,]\s*)([A-Za-z]\w*)\s*:/g, '$1"$2":')) };
  } catch {
    return code && /^[\w.:-]+$/.test(text) ? { value: text } : null;
  }
}
