// Resolve `./x.js` to `./x.ts` when only the source exists, and strip types from `.ts` files.
// Stripped sources are cached by path, size and time, so later children start faster.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cacheDir = join(tmpdir(), 'wsim-ts-hooks-cache');
let transform;

export async function resolve(specifier, context, next) {
  if (specifier.endsWith('.js') && (specifier.startsWith('.') || specifier.startsWith('file:')) && context.parentURL?.startsWith('file:')) {
    const url = new URL(specifier, context.parentURL);
    const ts = url.href.replace(/\.js$/, '.ts');
    if (!existsSync(fileURLToPath(url)) && existsSync(fileURLToPath(ts))) return { url: ts, shortCircuit: true };
  }
  return next(specifier, context);
}

async function strip(file) {
  const st = statSync(file);
  const key = createHash('sha1').update(`${file}\0${st.size}\0${st.mtimeMs}`).digest('hex');
  const cached = join(cacheDir, `${key}.js`);
  if (existsSync(cached)) return readFileSync(cached, 'utf8');
  transform ??= (await import('vite')).transformWithOxc;
  const { code } = await transform(readFileSync(file, 'utf8'), file, { lang: 'ts' });
  mkdirSync(cacheDir, { recursive: true });
  // Written beside and renamed: children running at once never read half a file.
  const tmp = `${cached}.${process.pid}`;
  writeFileSync(tmp, code);
  renameSync(tmp, cached);
  return code;
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  return { format: 'module', source: await strip(fileURLToPath(url)), shortCircuit: true };
}
