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
