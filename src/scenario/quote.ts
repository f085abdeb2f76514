/**
 * Quoting file content and user text in one-line messages: pure string
 * functions, kept apart from file reading so that the browser viewer, which
 * shows the same messages, can use them without node:fs.
 */

/** Longest excerpt of a file's content quoted in a message. */
export const EXCERPT_CHARS = 40;

/**
 * A short excerpt of a file's content for a message: at most `max`
 * characters, quoted, with control and invisible characters escaped so a
 * message stays one readable line and cannot drive the terminal.
 */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  let out = '';
  let i = 0;
  for (; i < text.length && out.length < max; i++) out += escapeChar(text[i]);
  return i < text.length ? `'${out}...'` : `'${out}'`;
}

/** Control characters, line separators, bidirectional overrides and zero-width characters: they would break a message's line or hide text. */
const INVISIBLE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200f\ufeff]/;

export function escapeChar(c: string): string {
  if (!INVISIBLE.test(c)) return c;
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Text with every control and invisible character escaped (for one-line messages). */
export function escapeControls(text: string): string {
  if (!INVISIBLE.test(text)) return text;
  let out = '';
  for (const c of text) out += escapeChar(c);
  return out;
}
