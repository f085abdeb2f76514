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
  const out = new Set<string>();
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
        out.add(p);
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
    const own = new Set<string>();
    const inner = schemaFields({ anyOf: (s.schema as Node).anyOf ?? (s.schema as Node).oneOf }, []);
    for (const f of inner) own.add(`(${s.name}).${f}`);
    for (const f of own) out.add(f);
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
export function documentedFields(markdown: string): { fields: Map<string, number>; problems: string[] } {
  const fields = new Map<string, number>();
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
        else fields.set(m[1], row.line);
      }
    }
  }
  return { fields, problems };
}
