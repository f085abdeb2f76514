import type { SimConfig } from '../../core/config.js';
import { ScenarioError, ScenarioErrors } from '../../scenario/errors.js';
import { parseJsonText, scenarioFromJson } from '../../scenario/load.js';
import type { ErrorMessage } from '../../live/protocol.js';

/**
 * Reads a scenario in the browser with the CLI's own loader (zod schema,
 * layout checks), so problems come back with the same paths. A layout that
 * names a map file cannot be loaded here: the file is not at hand.
 */
export function configLoader(file: string, json: unknown): (seed?: number | string) => SimConfig {
  const layout = (json as { layout?: { map?: unknown } } | null)?.layout;
  if (layout && typeof layout === 'object' && typeof layout.map === 'string') {
    throw new ScenarioError(
      file,
      'layout.map',
      `the layout is read from the map file '${layout.map}', which the browser cannot open from a single file: ` +
        `put the rows in the scenario ("layout": { "grid": [...] }), or watch it with \`wsim serve ${file}\``,
    );
  }
  const first = scenarioFromJson(file, json).config;
  return (seed) => (seed === undefined || seed === first.seed ? first : scenarioFromJson(file, json, { seed }).config);
}

/** Parses a file's text as JSON, with line and column on a syntax error. */
export function parseScenarioText(file: string, text: string): unknown {
  return parseJsonText(file, text);
}

/** A load failure as a message for the page: scenario problems keep their file and path. */
export function errorMessage(e: unknown): ErrorMessage {
  if (e instanceof ScenarioErrors) {
    return { type: 'error', message: e.message, problems: e.errors.map((x) => ({ file: x.file, path: x.path, detail: x.detail })) };
  }
  if (e instanceof ScenarioError) return { type: 'error', message: e.message, problems: [{ file: e.file, path: e.path, detail: e.detail }] };
  return { type: 'error', message: (e as Error)?.message ?? String(e) };
}
