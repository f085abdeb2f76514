/**
 * Dotted paths into JSON documents: `"robots.count"`, `"layout.generate.aisle"`,
 * `"outbound.docks[1].share"` (or `"outbound.docks.1.share"`). A segment that
 * is a whole number indexes an array; on an object it is a key.
 */

export class DottedPathError extends Error {}

export type Key = string | number;

/** Longest dotted path accepted: far beyond any scenario field, short enough that no step of handling it is slow. */
export const MAX_PATH_CHARS = 256;
/** Most keys in one path: scenario documents are a handful of levels deep. */
export const MAX_PATH_KEYS = 32;
/**
 * Keys that reach into JavaScript's object machinery rather than the
 * document: setting through them would change every object in the process.
 */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A short quote of a path for messages: a 100,000-character path is not printed whole. */
export function quotePath(path: string): string {
  return path.length <= 60 ? `'${path}'` : `'${path.slice(0, 40)}...' (${path.length} characters)`;
}

/**
 * Splits a dotted path into keys; throws DottedPathError when it is
 * malformed, too long or uses a reserved key. The length is checked before
 * any splitting so a hostile path costs nothing.
 */
export function parseDotted(path: string): Key[] {
  if (path.trim() === '') throw new DottedPathError('empty path');
  if (path.length > MAX_PATH_CHARS) throw new DottedPathError(`${quotePath(path)} is too long: at most ${MAX_PATH_CHARS} characters`);
  const out = splitKeys(path);
  if (out.length > MAX_PATH_KEYS) throw new DottedPathError(`${quotePath(path)} has ${out.length} keys; at most ${MAX_PATH_KEYS}`);
  const reserved = out.find((k) => typeof k === 'string' && RESERVED_KEYS.has(k));
  if (reserved !== undefined) throw new DottedPathError(`${quotePath(path)}: '${reserved}' is not a scenario field and cannot be set`);
  return out;
}

function splitKeys(path: string): Key[] {
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
 * an object is needed, an index past the end of a list). Only the document's
 * own properties are followed: an inherited one (a reserved key that slipped
 * past parseDotted) would lead out of the document into shared prototypes.
 */
export function setAt(doc: Record<string, unknown>, keys: readonly Key[], value: unknown): void {
  let cur: unknown = doc;
  // Built only for a message: joining on every step would be quadratic in the path's length.
  const where = (k: number) => keys.slice(0, k).join('.') || '(the scenario)';
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    const last = k === keys.length - 1;
    if (typeof key === 'string' && RESERVED_KEYS.has(key)) throw new DottedPathError(`'${key}' is not a scenario field and cannot be set`);
    if (Array.isArray(cur)) {
      if (typeof key !== 'number') throw new DottedPathError(`${where(k)} is a list: index it with a number, not '${key}'`);
      if (key > cur.length) throw new DottedPathError(`${where(k)} has ${cur.length} entries; index ${key} is past the end`);
      if (last) cur[key] = value;
      else {
        if (cur[key] === undefined) cur[key] = typeof keys[k + 1] === 'number' ? [] : {};
        cur = cur[key];
      }
      continue;
    }
    if (cur === null || typeof cur !== 'object') throw new DottedPathError(`${where(k)} is ${describe(cur)}: cannot set '${key}' inside it`);
    const obj = cur as Record<string, unknown>;
    const name = String(key);
    if (last) obj[name] = value;
    else {
      if (!Object.hasOwn(obj, name) || obj[name] === undefined) obj[name] = typeof keys[k + 1] === 'number' ? [] : {};
      cur = obj[name];
    }
  }
}

/** Deepest nesting accepted in a value set by an experiment: scenario documents are far shallower. */
export const MAX_VALUE_DEPTH = 32;

/**
 * How deeply `v` nests lists and objects (a scalar is 0, `[1]` is 1), or
 * `limit + 1` as soon as it is deeper than `limit`. Iterative, so a value
 * nested thousands deep is measured without exhausting the call stack.
 */
export function jsonDepth(v: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[v, 0]];
  while (stack.length > 0) {
    const [x, d] = stack.pop()!;
    if (x === null || typeof x !== 'object') continue;
    if (d + 1 > limit) return limit + 1;
    deepest = Math.max(deepest, d + 1);
    for (const child of Object.values(x as object)) stack.push([child, d + 1]);
  }
  return deepest;
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
