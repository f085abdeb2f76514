/**
 * The import graph of src/, read from the source text: every `import` and
 * `export ... from` (type-only ones included), every `import('...')` with a
 * literal specifier and every `declare module '...'` augmentation that names
 * another file under src/. Specifiers ending in
 * `.js` name the `.ts` file beside them, as NodeNext resolution has it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Files (paths relative to src/, with `/`) and the files each imports. */
export interface ImportGraph {
  readonly files: string[];
  readonly edges: Map<string, Set<string>>;
}

const STATIC = /(?:^|[\s;}])(?:import|export)\s+(?:type\s+)?(?:[\w$*{},\s]*?\s+from\s+)?['"]([^'"\n]+)['"]/g;
const DYNAMIC = /\bimport\(\s*['"]([^'"\n]+)['"]\s*\)/g;
/** `declare module '../core/world.js' { ... }`: a feature adding its state to a kernel type depends on that type. */
const AUGMENT = /\bdeclare\s+module\s+['"]([^'"\n]+)['"]/g;

/** Source text without comments (string contents are kept; a `//` inside a string is rare enough in specifier-bearing lines). */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** The specifiers a file imports. */
export function specifiers(text: string): string[] {
  const body = stripComments(text);
  const out: string[] = [];
  for (const re of [STATIC, DYNAMIC, AUGMENT]) for (const m of body.matchAll(re)) out.push(m[1]);
  return out;
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|mts)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
}

/** The file a relative specifier names, or null when it is not a source file. */
function resolveSpecifier(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const bare = resolve(dirname(from), spec.replace(/\?.*$/, ''));
  for (const p of [bare.replace(/\.js$/, '.ts'), bare.replace(/\.mjs$/, '.mts'), bare, `${bare}.ts`, join(bare, 'index.ts')]) {
    if (/\.(ts|mts)$/.test(p) && existsSync(p) && statSync(p).isFile()) return p;
  }
  return null;
}

/** Reads the import graph of every TypeScript file under `srcDir`. */
export function readImportGraph(srcDir: string): ImportGraph {
  const paths: string[] = [];
  walk(srcDir, paths);
  const rel = (p: string) => relative(srcDir, p).split('\\').join('/');
  const edges = new Map<string, Set<string>>();
  for (const p of paths) {
    const to = new Set<string>();
    for (const spec of specifiers(readFileSync(p, 'utf8'))) {
      const target = resolveSpecifier(p, spec);
      if (target !== null && target.startsWith(srcDir)) to.add(rel(target));
    }
    edges.set(rel(p), to);
  }
  return { files: paths.map(rel), edges };
}

/** Strongly connected components with more than one file (Tarjan), each sorted, largest first. */
export function cycles(g: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let next = 0;
  // Iterative, so that a long chain of imports cannot overflow the call stack.
  for (const root of g.files) {
    if (index.has(root)) continue;
    const work: { v: string; it: Iterator<string> }[] = [];
    const enter = (v: string) => {
      index.set(v, next);
      low.set(v, next++);
      stack.push(v);
      onStack.add(v);
      work.push({ v, it: (g.edges.get(v) ?? new Set()).values() });
    };
    enter(root);
    while (work.length > 0) {
      const top = work[work.length - 1];
      const step = top.it.next();
      if (!step.done) {
        const w = step.value;
        if (!index.has(w)) enter(w);
        else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].v;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.v)!));
      }
      if (low.get(top.v) === index.get(top.v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== top.v);
        if (comp.length > 1 || g.edges.get(top.v)?.has(top.v)) out.push(comp.sort());
      }
    }
  }
  return out.sort((a, b) => b.length - a.length || a[0].localeCompare(b[0]));
}

/** The top-level folder of a file under src/ (`core` for `core/sim.ts`). */
export function folderOf(file: string): string {
  const k = file.indexOf('/');
  return k < 0 ? '.' : file.slice(0, k);
}
