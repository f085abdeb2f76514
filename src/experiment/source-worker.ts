import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * Worker threads normally load the compiled JavaScript next to the pool (lib/,
 * where the CLI runs). When the pool itself runs from its TypeScript sources
 * (under the test runner), a worker cannot import `.ts` files, so it first
 * registers module hooks that map `./x.js` imports to `./x.ts` and strip the
 * types on load, with the transpiler the dev tools ship (rolldown's, else
 * TypeScript's). Returns the code of such a worker (run with `eval: true`).
 */
export function sourceWorkerCode(entryUrl: string, packageJsonUrl: string): string {
  const require = createRequire(packageJsonUrl);
  let transpiler: string;
  try {
    const rolldown = pathToFileURL(require.resolve('rolldown/experimental')).href;
    transpiler = `import { transformSync } from ${JSON.stringify(rolldown)};
const strip = (file, src) => {
  const out = transformSync(file, src, { lang: 'ts' });
  if (out.errors && out.errors.length) throw new Error(file + ': ' + out.errors.map((e) => e.message).join('; '));
  return out.code;
};`;
  } catch {
    const ts = pathToFileURL(require.resolve('typescript')).href;
    transpiler = `import ts from ${JSON.stringify(ts)};
const strip = (file, src) => ts.transpileModule(src, { fileName: file, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, isolatedModules: true } }).outputText;`;
  }
  const hooks = `${transpiler}
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
export async function resolve(spec, ctx, next) {
  if (ctx.parentURL && ctx.parentURL.startsWith('file:') && (spec.startsWith('./') || spec.startsWith('../')) && spec.endsWith('.js')) {
    const url = new URL(spec, ctx.parentURL);
    if (!existsSync(fileURLToPath(url))) {
      const ts = new URL(url.href.slice(0, -3) + '.ts');
      if (existsSync(fileURLToPath(ts))) return { url: ts.href, format: 'module', shortCircuit: true };
    }
  }
  return next(spec, ctx);
}
export async function load(url, ctx, next) {
  if (url.startsWith('file:') && url.endsWith('.ts')) {
    const file = fileURLToPath(url);
    return { format: 'module', source: strip(file, readFileSync(file, 'utf8')), shortCircuit: true };
  }
  return next(url, ctx);
}
`;
  const hooksUrl = `data:text/javascript,${encodeURIComponent(hooks)}`;
  return `require('node:module').register(${JSON.stringify(hooksUrl)});
import(${JSON.stringify(entryUrl)}).catch((e) => { throw e; });
`;
}
