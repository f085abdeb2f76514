import type { z } from 'zod';
import { escapeControls } from './quote.js';

/** Longest message detail printed: details quote user data, which must not flood the terminal. */
const MAX_DETAIL_CHARS = 600;

/** One line, bounded: control characters escaped, the tail cut. */
function oneLine(text: string): string {
  const clean = escapeControls(text);
  return clean.length > MAX_DETAIL_CHARS ? `${clean.slice(0, MAX_DETAIL_CHARS)}...` : clean;
}

/**
 * A problem in a user's file: which file, where in it, what was expected.
 * The CLI prints `file: path: message` and exits 2; never a stack trace.
 */
export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${escapeControls(file)}: ${path ? `${oneLine(path)}: ` : ''}${oneLine(detail)}`);
  }
}

/** Several problems found at once, reported together. */
export class ScenarioErrors extends Error {
  constructor(readonly errors: ScenarioError[]) {
    super(errors.map((e) => e.message).join('\n'));
  }
}

/** `['layout', 'grid', 3]` -> `layout.grid[3]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

type Issue = z.core.$ZodIssue;

/** How badly a union branch failed: a type mismatch at its root means it was not the form the user meant. */
function branchScore(issues: readonly Issue[]): number {
  let score = issues.length;
  for (const i of issues) {
    if (i.path.length === 0 && i.code === 'invalid_type') score += 100;
    if (i.code === 'invalid_value') score += 50;
  }
  return score;
}

/** Flattens zod issues to (path, message) pairs, picking the closest branch of a failed union. */
export function flattenIssues(
  issues: readonly Issue[],
  prefix: PropertyKey[] = [],
  input?: unknown,
): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (input !== undefined && valueAt(input, issue.path) === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_union')) {
      out.push({ path: formatPath(path), message: 'required, but missing' });
      continue;
    }
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      let best = issue.errors[0];
      for (const b of issue.errors) if (branchScore(b) < branchScore(best)) best = b;
      if (branchScore(best) >= 100) {
        out.push({ path: formatPath(path), message: `not an accepted form (${best[0]?.message ?? 'invalid input'})` });
      } else out.push(...flattenIssues(best, path, valueAt(input, issue.path)));
      continue;
    }
    out.push({ path: formatPath(path), message: issue.message });
  }
  return out;
}

/** The value at `path` inside a parsed document (undefined when absent). */
function valueAt(doc: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = doc;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/**
 * Edits (insert, delete, substitute, swap two neighbours) turning `a` into
 * `b`: the optimal-string-alignment form of Damerau-Levenshtein, since a
 * swapped pair ("rnu") is the commonest slip of the fingers.
 */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The candidate `word` was most likely meant as, or undefined when none is
 * close: at most 2 edits and at most one per 3 characters typed, so a short
 * or unrelated word is not "corrected" into something the user never meant.
 * Case is ignored: `OrdersPerHour` still finds `ordersPerHour`.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance && d <= 2 && 3 * d <= word.length) [best, bestDistance] = [c, d];
  }
  return best;
}

/**
 * A zod error map for unknown keys: names the key meant when one is close
 * ("unknown key 'orderPerHour'; did you mean 'ordersPerHour'?"), from the
 * keys of the object schema that refused it; otherwise zod's own message.
 */
export function unknownKeyMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'unrecognized_keys') return undefined;
  const shape = (issue.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape;
  if (!shape) return undefined;
  const valid = Object.keys(shape);
  const hints = issue.keys.map((k) => ({ key: k, meant: closest(k, valid) }));
  if (hints.every((h) => h.meant === undefined)) return undefined;
  return hints.map((h) => `unknown key '${h.key}'${h.meant === undefined ? '' : `; did you mean '${h.meant}'?`}`).join('; ');
}
