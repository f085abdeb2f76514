import { FlagError, parseCommandArgs, str, UsageError } from './commands.js';

/** The command line of `wsim view`: one recording and where to serve it. */
export function parseViewArgs(args: string[]) {
  const { values, positionals } = parseCommandArgs('view', args);
  if (positionals.length !== 1) throw new UsageError('view takes exactly one FILE', 'view');
  const portText = str(values, 'port');
  const port = portText === undefined ? 8080 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new FlagError(`--port must be a port number (0-65535), got '${portText}'`);
  return { file: positionals[0], problem: str(values, 'problem'), port, allowOutside: values['allow-outside'] === true };
}
