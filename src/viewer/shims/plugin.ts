import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import * as pathStandIn from './node-path.js';

const PREFIX = '\0wsim-node:';
const pathImpl = fileURLToPath(new URL('./node-path.ts', import.meta.url));

/**
 * Lets engine modules that import node:fs, node:path or node:zlib (the scenario loader,
 * for files named by path) load in the browser. Each import gets a module
 * with every name the real Node module exports: path functions that work on
 * plain names where there is one (node-path.ts), otherwise a function that
 * throws "not available in the browser" when called. Generated from the real
 * module's export list, so a new import elsewhere never breaks the viewer's
 * build; only calling it in the browser fails, with a clear message.
 */
export function nodeStandIns(): Plugin {
  return {
    name: 'wsim-node-stand-ins',
    enforce: 'pre',
    resolveId(id) {
      const m = /^(?:node:)?(fs|path|fs\/promises|path\/posix|zlib)$/.exec(id);
      return m ? PREFIX + m[1] : null;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const name = id.slice(PREFIX.length);
      const real = (await import(`node:${name}`)) as Record<string, unknown>;
      const names = Object.keys(real).filter((k) => k !== 'default' && /^[A-Za-z_$][\w$]*$/.test(k));
      const isPath = name.startsWith('path');
      const implemented = new Set(isPath ? Object.keys(pathStandIn) : []);
      const lines = [
        `const unavailable = (n) => () => { throw new Error(\`\${n}: files named by path cannot be read in the browser\`); };`,
        isPath ? `import * as impl from ${JSON.stringify(pathImpl)};` : '',
      ];
      for (const k of names) {
        const value = implemented.has(k) ? `impl.${k}` : k === 'existsSync' ? '() => false' : `unavailable(${JSON.stringify(`${name}.${k}`)})`;
        lines.push(`export const ${k} = ${value};`);
      }
      lines.push(`export default { ${names.join(', ')} };`);
      return lines.join('\n');
    },
  };
}
