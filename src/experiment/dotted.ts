/**
 * Dotted paths into JSON documents: `"robots.count"`, `"layout.generate.aisle"`,
 * `"outbound.docks[1].share"` (or `"outbound.docks.1.share"`). A segment that
 * is a whole number indexes an array; on an object it is a key.
 */

export class DottedPathError extends Error {}

export type Key = string | number;

/** Splits a dotted path into keys; throws DottedPathError when it is malformed. */
export function parseDotted(path: string): Key[] {
  if (path.trim() === '') throw new DottedPathError('empty path');
  const out: Key[] = [];
  for (const part of path.split('.')) {
    if (part === '') throw new DottedPathError(`'${path}' has an empty segment`);
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) throw new DottedPathError(`'${path}': write array indexes as [0] or .0`);
    if (m[1] !== '') out.push(/^\d+$/.test(m[1]) ? Number(m[1]) : m[1]);
    else if (m[2] === '') throw new DottedPathError(`'${path}' has an empty segment`);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** Keys as strings, for comparing paths written either way. */
export function keyStrings(keys: readonly Key[]): string[] {
  return keys.map(String);
}

/** `robots.start[3]` (the scenario loader's path style) -> ['robots', 'start', '3']. */
export function splitReportedPath(path: string): string[] {
  if (path === '') return [];
  try {
    return keyStrings(parseDotted(path));
  } catch {
    return [path];
  }
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  return typeof v === 'string' ? 'a string' : typeof v === 'number' ? 'a number' : typeof v === 'boolean' ? 'true/false' : typeof v;
}

/**
 * Sets `value` at `keys` inside `doc` (modified in place), creating objects
 * on the way. Throws DottedPathError when the way is blocked (a number where
 * an object is needed, an index past the end of a list).
 */
export function setAt(doc: Record<string, unknown>, keys: readonly Key[], value: unknown): void {
  let cur: unknown = doc;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    const last = k === keys.length - 1;
    const where = keys.slice(0, k).join('.') || '(the scenario)';
    if (Array.isArray(cur)) {
      if (typeof key !== 'number') throw new DottedPathError(`${where} is a list: index it with a number, not '${key}'`);
      if (key > cur.length) throw new DottedPathError(`${where} has ${cur.length} entries; index ${key} is past the end`);
      if (last) cur[key] = value;
      else {
        if (cur[key] === undefined) cur[key] = typeof keys[k + 1] === 'number' ? [] : {};
        cur = cur[key];
      }
      continue;
    }
    if (cur === null || typeof cur !== 'object') throw new DottedPathError(`${where} is ${describe(cur)}: cannot set '${key}' inside it`);
    const obj = cur as Record<string, unknown>;
    const name = String(key);
    if (last) obj[name] = value;
    else {
      if (obj[name] === undefined) obj[name] = typeof keys[k + 1] === 'number' ? [] : {};
      cur = obj[name];
    }
  }
}

/** A deep copy of a JSON document. */
export function cloneJson<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** JSON with object keys sorted at every level: the same document always gives the same text. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v as object).sort();
    return `{${keys
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
