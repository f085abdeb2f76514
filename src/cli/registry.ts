import { parseCommandArgs, UsageError, type CommandName } from './commands.js';

/**
 * What each sub-command does, given the arguments after its name; returns
 * the exit code. main.ts looks commands up here, and no sub-command imports
 * main.ts or this table, so the CLI has no import cycle. Each loads its
 * module only when it runs, so `wsim --help` stays quick.
 */
export const COMMAND_RUNNERS: Record<CommandName, (rest: string[]) => Promise<number>> = {
  run: async (rest) => await (await import('./run/run.js')).runCommand((await import('./run-args.js')).parseRunArgs(rest)),
  serve: async (rest) => await (await import('./serve.js')).serveCommand((await import('./run-args.js')).parseServeArgs(rest)),
  lorr: async (rest) => {
    const command = await import('./lorr.js');
    return command.lorrCommand((await import('./lorr-args.js')).parseLorrArgs(rest));
  },
  view: async (rest) => {
    const command = await import('./view.js');
    return await command.viewCommand((await import('./view-args.js')).parseViewArgs(rest));
  },
  experiment: async (rest) => {
    const ex = await import('./experiment.js');
    return await ex.experimentCommand(ex.parseExperimentArgs(rest));
  },
  merge: async (rest) => {
    const mg = await import('./merge.js');
    return mg.mergeCommand(mg.parseMergeArgs(rest));
  },
  validate: async (rest) => {
    const { values, positionals } = parseCommandArgs('validate', rest);
    if (positionals.length !== 1) throw new UsageError('validate takes exactly one FILE', 'validate');
    return (await import('./validate.js')).validateCommand(positionals[0], values['allow-outside'] === true);
  },
  schema: async (rest) => {
    parseCommandArgs('schema', rest);
    return (await import('./schema.js')).schemaCommand();
  },
};
