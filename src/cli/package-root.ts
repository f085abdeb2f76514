/**
 * The wsim package folder (where package.json, scenarios/ and dist/ live),
 * found from this module's own place: src/cli/ when run from source, lib/cli/
 * when built, both two levels down.
 */
export function packageRoot(): URL {
  return new URL('../../', import.meta.url);
}
