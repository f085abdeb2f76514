/**
 * Browser stand-ins for the node:path functions that make sense on plain
 * '/'-separated names (the scenario loader resolves map files this way; in
 * the browser there is no working directory, so paths resolve from '/').
 */
export const sep = '/';
export const delimiter = ':';

export function isAbsolute(p: string): boolean {
  return p.startsWith('/');
}

export function normalize(p: string): string {
  const abs = isAbsolute(p);
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part !== '..' || !abs) out.push(part);
  }
  const body = out.join('/');
  return abs ? `/${body}` : body || '.';
}

export function join(...parts: string[]): string {
  return normalize(parts.filter((p) => p !== '').join('/'));
}

export function resolve(...parts: string[]): string {
  let out = '';
  for (const p of parts) out = isAbsolute(p) ? p : out ? `${out}/${p}` : p;
  return normalize(isAbsolute(out) ? out : `/${out}`);
}

export function dirname(p: string): string {
  const n = p.replace(/\/+$/, '');
  const k = n.lastIndexOf('/');
  return k < 0 ? '.' : k === 0 ? '/' : n.slice(0, k);
}

export function basename(p: string, ext?: string): string {
  const b = p.replace(/\/+$/, '').split('/').pop() ?? '';
  return ext && b.endsWith(ext) ? b.slice(0, -ext.length) : b;
}

export function extname(p: string): string {
  const b = basename(p);
  const k = b.lastIndexOf('.');
  return k <= 0 ? '' : b.slice(k);
}

export function relative(from: string, to: string): string {
  const a = resolve(from).split('/').filter(Boolean);
  const b = resolve(to).split('/').filter(Boolean);
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return [...a.slice(k).map(() => '..'), ...b.slice(k)].join('/');
}
