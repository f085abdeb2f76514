/**
 * CI assertions on report figures: `"throughput.ordersPerHour >= 1200"`.
 *
 * Grammar (whitespace between the parts is optional):
 *
 * ```
 * assertion := path op number
 * path      := segment ('.' segment | '[' index ']')*
 * segment   := [A-Za-z_$][A-Za-z0-9_$]*
 * index     := digits | a name matched against the element's id (or zone), or an object's key
 * op        := '>=' | '<=' | '>' | '<' | '==' | '!='
 * number    := ['-' | '+'] digits ['.' digits] [('e' | 'E') ['-' | '+'] digits]
 * ```
 *
 * Pure: no I/O, so the scenario schema (also bundled for the browser) can
 * check the grammar.
 */

export type Op = '>=' | '<=' | '>' | '<' | '==' | '!=';

export const OPS: readonly Op[] = ['>=', '<=', '==', '!=', '>', '<'];

/** One path step: a property name, or an array element by index or by name. */
export type Segment = { key: string } | { index: number } | { name: string };

export interface Assertion {
  /** The text as written. */
  text: string;
  /** The path as written (canonical spacing). */
  path: string;
  segments: Segment[];
  op: Op;
  target: number;
}

export class AssertionSyntaxError extends Error {}

const IDENT_START = /[A-Za-z_$]/;
const IDENT = /[A-Za-z0-9_$]/;
const OP_CHARS = '<>=!';

/** Parses a report path like `stations[0].utilization` or `docks[freight].slaHitRate`. */
export function parsePath(text: string): Segment[] {
  const segs: Segment[] = [];
  let i = 0;
  const n = text.length;
  if (n === 0) throw new AssertionSyntaxError('missing the report path, e.g. "sla.hitRate >= 0.98"');
  let expectKey = true;
  while (i < n) {
    const ch = text[i];
    if (expectKey) {
      if (!IDENT_START.test(ch)) throw new AssertionSyntaxError(`unexpected '${ch}' in the path '${text}' (a field name starts with a letter)`);
      let j = i + 1;
      while (j < n && IDENT.test(text[j])) j++;
      segs.push({ key: text.slice(i, j) });
      i = j;
      expectKey = false;
      continue;
    }
    if (ch === '.') {
      if (i + 1 >= n) throw new AssertionSyntaxError(`the path '${text}' ends with '.'`);
      expectKey = true;
      i++;
      continue;
    }
    if (ch === '[') {
      const close = text.indexOf(']', i);
      if (close < 0) throw new AssertionSyntaxError(`unclosed '[' in the path '${text}'`);
      const inner = text.slice(i + 1, close).trim();
      if (inner === '') throw new AssertionSyntaxError(`empty [] in the path '${text}'`);
      segs.push(/^\d+$/.test(inner) ? { index: Number(inner) } : { name: inner });
      i = close + 1;
      continue;
    }
    throw new AssertionSyntaxError(`unexpected '${ch}' in the path '${text}'`);
  }
  return segs;
}

export function formatSegments(segs: readonly Segment[]): string {
  let out = '';
  for (const s of segs) {
    if ('key' in s) out += out === '' ? s.key : `.${s.key}`;
    else if ('index' in s) out += `[${s.index}]`;
    else out += `[${s.name}]`;
  }
  return out;
}

function isNumberLiteral(t: string): boolean {
  let i = 0;
  if (t[i] === '+' || t[i] === '-') i++;
  const digits = () => {
    const s = i;
    while (i < t.length && t[i] >= '0' && t[i] <= '9') i++;
    return i > s;
  };
  if (!digits()) return false;
  if (t[i] === '.') {
    i++;
    if (!digits()) return false;
  }
  if (t[i] === 'e' || t[i] === 'E') {
    i++;
    if (t[i] === '+' || t[i] === '-') i++;
    if (!digits()) return false;
  }
  return i === t.length;
}

/** Parses one assertion; throws AssertionSyntaxError with a message a person can act on. */
export function parseAssertion(text: string): Assertion {
  const src = text.trim();
  let i = 0;
  while (i < src.length && !OP_CHARS.includes(src[i]) && !/\s/.test(src[i])) i++;
  const pathText = src.slice(0, i);
  const segments = parsePath(pathText);
  while (i < src.length && /\s/.test(src[i])) i++;
  let j = i;
  while (j < src.length && OP_CHARS.includes(src[j])) j++;
  const opText = src.slice(i, j);
  if (opText === '') {
    throw new AssertionSyntaxError(
      i >= src.length ? `'${pathText}' needs a comparison, e.g. "${pathText} >= 1"` : `expected a comparison (>=, <=, >, <, ==, !=) after '${pathText}'`,
    );
  }
  if (!(OPS as readonly string[]).includes(opText)) throw new AssertionSyntaxError(`unknown comparison '${opText}': use >=, <=, >, <, == or !=`);
  const numText = src.slice(j).trim();
  if (numText === '') throw new AssertionSyntaxError(`missing the number after '${opText}'`);
  if (!isNumberLiteral(numText)) throw new AssertionSyntaxError(`'${numText}' is not a number`);
  const target = Number(numText);
  if (!Number.isFinite(target)) throw new AssertionSyntaxError(`'${numText}' is not a finite number`);
  return { text: src, path: formatSegments(segments), segments, op: opText as Op, target };
}

/** The grammar error of an assertion, or null when it parses. */
export function assertionSyntaxError(text: string): string | null {
  try {
    parseAssertion(text);
    return null;
  } catch (e) {
    if (e instanceof AssertionSyntaxError) return e.message;
    throw e;
  }
}

/** Compares with a relative tolerance of 1e-9 for == and != (means of integers are rarely exact otherwise). */
export function compare(value: number, op: Op, target: number): boolean {
  const eq = Math.abs(value - target) <= 1e-9 * Math.max(1, Math.abs(target));
  switch (op) {
    case '>=':
      return value >= target || eq;
    case '<=':
      return value <= target || eq;
    case '>':
      return value > target && !eq;
    case '<':
      return value < target && !eq;
    case '==':
      return eq;
    case '!=':
      return !eq;
  }
}

/** The value at a path in a report-like document (undefined when absent). */
export function valueAt(doc: unknown, segs: readonly Segment[]): unknown {
  let v: unknown = doc;
  for (const s of segs) {
    if (v === null || typeof v !== 'object') return undefined;
    if ('key' in s) {
      if (Array.isArray(v) || !Object.prototype.hasOwnProperty.call(v, s.key)) return undefined;
      v = (v as Record<string, unknown>)[s.key];
    } else if (!Array.isArray(v)) {
      // A name on an object is its key, for keys a dotted path cannot spell (orders.byClass[same-day]).
      if (!('name' in s) || !Object.prototype.hasOwnProperty.call(v, s.name)) return undefined;
      v = (v as Record<string, unknown>)[s.name];
    } else if ('index' in s) v = v[s.index];
    else v = v.find((e) => e !== null && typeof e === 'object' && ((e as Record<string, unknown>).id === s.name || (e as Record<string, unknown>).zone === s.name));
  }
  return v;
}

/** A numeric value at a path, or undefined. */
export function numberAt(doc: unknown, segs: readonly Segment[]): number | undefined {
  const v = valueAt(doc, segs);
  return typeof v === 'number' ? v : undefined;
}

/** Every numeric leaf of a report (arrays of numbers, such as series, left out), for suggestions. */
export function numericPaths(doc: unknown, prefix = '', out: string[] = []): string[] {
  if (Array.isArray(doc)) {
    doc.forEach((e, k) => {
      if (e !== null && typeof e === 'object') numericPaths(e, `${prefix}[${k}]`, out);
    });
  } else if (doc !== null && typeof doc === 'object') {
    for (const [k, v] of Object.entries(doc)) {
      const p = prefix === '' ? k : `${prefix}.${k}`;
      if (typeof v === 'number') out.push(p);
      else numericPaths(v, p, out);
    }
  }
  return out;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, k) => k);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/**
 * Checks a path against a template report (an actual report of the same
 * scenario, for example of a run not started yet): null when it names a
 * number there, else what is wrong. Paths into arrays of numbers (hourly
 * series, which grow while the run goes on) cannot be checked ahead and are
 * accepted.
 */
export function checkReportPath(template: unknown, segs: readonly Segment[]): string | null {
  let v: unknown = template;
  for (let k = 0; k < segs.length; k++) {
    const s = segs[k];
    const here = formatSegments(segs.slice(0, k + 1));
    if (Array.isArray(v) && !('key' in s) && (v.length === 0 || typeof v[0] === 'number')) {
      if ('name' in s) return `'${here}': this list is indexed by number`;
      return k === segs.length - 1 || (k === segs.length - 2 && 'index' in segs[k + 1]) ? null : `'${formatSegments(segs)}' goes past a number`;
    }
    const next = valueAt(v, [s]);
    if (next === undefined) {
      const all = numericPaths(template);
      const want = formatSegments(segs);
      let best = '';
      let bestD = Infinity;
      for (const p of all) {
        const d = editDistance(want, p);
        if (d < bestD) {
          bestD = d;
          best = p;
        }
      }
      const hint = bestD <= Math.max(3, Math.floor(want.length / 4)) ? ` (did you mean ${best}?)` : '';
      if ('key' in s) return `'${want}' is not a field of the report${hint}`;
      const list = Array.isArray(v) ? v : [];
      if ('index' in s) return `'${here}': there are only ${list.length} entries`;
      const ids = list.map((e) => (e !== null && typeof e === 'object' ? ((e as Record<string, unknown>).id ?? (e as Record<string, unknown>).zone) : undefined)).filter((x) => x !== undefined);
      return `'${here}': no entry with id '${s.name}'${ids.length > 0 ? ` (ids: ${ids.join(', ')})` : ''}`;
    }
    v = next;
  }
  if (typeof v === 'number') return null;
  const inner = numericPaths(v, formatSegments(segs)).slice(0, 3);
  return `'${formatSegments(segs)}' is ${Array.isArray(v) ? 'a list' : 'a group of figures'}, not a number${inner.length ? ` (for example ${inner.join(', ')})` : ''}`;
}

export interface AssertionResult {
  assertion: string;
  path: string;
  op: Op;
  target: number;
  /** The figure compared (null when the report had none). */
  value: number | null;
  passed: boolean;
}

/** Evaluates an assertion against a value (a report figure or a mean of figures). */
export function evaluate(a: Assertion, value: number | undefined): AssertionResult {
  const v = value === undefined || !Number.isFinite(value) ? null : value;
  return { assertion: a.text, path: a.path, op: a.op, target: a.target, value: v, passed: v !== null && compare(v, a.op, a.target) };
}
