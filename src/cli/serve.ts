import { existsSync } from 'node:fs';
import { untilStopped } from './until-stopped.js';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readJsonFile, scenarioFromJson } from '../scenario/load.js';
import { hostName } from '../server/hosts.js';
import { startLiveServer } from '../server/live-server.js';
import { UsageError } from './commands.js';
import { packageRoot } from './package-root.js';
import type { ServeArgs } from './run-args.js';
import { defaultScenarioPath } from './run/run.js';

/** The built viewer: `npm install` (the prepare script) or `npm run build` writes it. */
export function distDir(): string {
  return fileURLToPath(new URL('dist/', packageRoot()));
}

/**
 * `wsim serve`: runs a scenario live and serves the viewer, which shows the
 * run as it happens. Runs until interrupted (Ctrl-C), then exits 0.
 */
export async function serveCommand(args: ServeArgs): Promise<number> {
  for (const name of [args.host, ...args.allowHosts]) {
    if (hostName(name) === null) throw new UsageError(`'${name}' is not a host name or address (--host, --allow-host)`);
  }
  const file = args.scenario ?? defaultScenarioPath();
  // Read once: a restart with another seed re-validates the same document, not a file edited since.
  const json = readJsonFile(file);
  const first = scenarioFromJson(file, json, { seed: args.seed, duration: args.duration }).config;
  const dist = distDir();
  if (!existsSync(join(dist, 'index.html'))) {
    process.stderr.write(`wsim: the browser viewer is not built (${join(dist, 'index.html')} is missing); run \`npm run build\` in the wsim folder first\n`);
    return 1;
  }
  const configFor = (seed?: number | string) =>
    seed === undefined || seed === first.seed ? first : scenarioFromJson(file, json, { seed, duration: args.duration }).config;
  const server = await startLiveServer({
    configFor,
    dist,
    host: args.host,
    allowHosts: args.allowHosts,
    port: args.port,
    speed: args.speed,
    hub: { maxViewers: args.maxViewers },
  });
  const names = server.hosts.names.length ? `wsim: answering requests for ${server.hosts.names.join(', ')} besides localhost\n` : '';
  process.stdout.write(
    `wsim: serving ${first.name} (${first.robots.count} robots) at ${server.url} ; viewers stream from ${server.url.replace(/^http/, 'ws')}ws\n` +
      (args.host === '127.0.0.1' || args.host === 'localhost' || args.host === '::1' ? '' : `wsim: listening on ${args.host}: anyone who can reach it can watch and steer the run\n`) +
      names +
      'Press Ctrl-C to stop.\n',
  );
  await untilStopped();
  await server.close();
  return 0;
}
