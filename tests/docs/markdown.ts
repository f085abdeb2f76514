import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Reading the project's Markdown: the files, their headings, links and tables. */

export const root = fileURLToPath(new URL('../..', import.meta.url));

/** README.md and every Markdown file under docs/, as paths relative to the root. */
export function markdownFiles(): string[] {
  const found: string[] = ['README.md'];
  const walk = (dir: string) => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) found.push(p);
    }
  };
  walk('docs');
  return found.sort();
}

export const read = (file: string) => readFileSync(join(root, file), 'utf8');

/** A line of a file, numbered from 1, with whether it lies in a fenced code block. */
export interface Line {
  n: number;
  text: string;
  fenced: boolean;
}

export function lines(text: string): Line[] {
  let fence: string | null = null;
  return text.split('\n').map((t, k) => {
    const m = /^\s*(```+|~~~+)/.exec(t);
    if (m) {
      const opening = fence === null;
      if (opening) fence = m[1];
      else if (t.trim().startsWith(fence!)) fence = null;
      return { n: k + 1, text: t, fenced: true };
    }
    return { n: k + 1, text: t, fenced: fence !== null };
  });
}

/** The text with code spans blanked (their content is not Markdown). */
const withoutCode = (t: string) => t.replace(/(`+)[\s\S]*?\1/g, (s) => ' '.repeat(s.length));

/** GitHub's anchor for a heading's text. */
export function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

/** Every anchor a file defines: its headings' (with GitHub's -1, -2 for repeats) and explicit `<a id>` / `<a name>`. */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const l of lines(text)) {
    if (l.fenced) continue;
    const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(l.text);
    if (h) {
      const base = slug(h[1]);
      const k = seen.get(base) ?? 0;
      seen.set(base, k + 1);
      out.add(k === 0 ? base : `${base}-${k}`);
    }
    for (const m of l.text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) out.add(m[1]);
  }
  return out;
}

/** Every inline link and image outside code: its target as written, with its line. */
export function links(text: string): { line: number; target: string }[] {
  const out: { line: number; target: string }[] = [];
  for (const l of lines(text)) {
    if (l.fenced) continue;
    for (const m of withoutCode(l.text).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) out.push({ line: l.n, target: m[1] });
  }
  return out;
}

/** Paths under src/ named anywhere in a file (prose, code spans, code blocks), with their lines. */
export function srcPaths(text: string): { line: number; path: string }[] {
  const out: { line: number; path: string }[] = [];
  for (const l of lines(text)) {
    for (const m of l.text.matchAll(/(?<![\w./-])src\/[\w./-]*\w/g)) out.push({ line: l.n, path: m[0] });
  }
  return out;
}

/** A Markdown table: its header cells and rows of cells, with the line of each row. */
export interface Table {
  line: number;
  header: string[];
  rows: { line: number; cells: string[] }[];
}

/** Splits a table row on the pipes that are not escaped (`\|`) and not inside a code span. */
export function cells(row: string): string[] {
  const t = row.trim().replace(/^\|/, '').replace(/\|$/, '');
  const out: string[] = [];
  let cur = '';
  let code = false;
  for (let k = 0; k < t.length; k++) {
    const c = t[k];
    if (c === '\\' && t[k + 1] === '|') {
      cur += '|';
      k++;
    } else if (c === '`') {
      code = !code;
      cur += c;
    } else if (c === '|' && !code) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

export function tables(text: string): Table[] {
  const ls = lines(text);
  const out: Table[] = [];
  for (let k = 0; k + 1 < ls.length; k++) {
    const l = ls[k];
    if (l.fenced || !l.text.trim().startsWith('|')) continue;
    if (!/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(ls[k + 1].text)) continue;
    const table: Table = { line: l.n, header: cells(l.text), rows: [] };
    let j = k + 2;
    for (; j < ls.length && !ls[j].fenced && ls[j].text.trim().startsWith('|'); j++) table.rows.push({ line: ls[j].n, cells: cells(ls[j].text) });
    out.push(table);
    k = j - 1;
  }
  return out;
}

export const rel = (p: string) => relative(root, p);
