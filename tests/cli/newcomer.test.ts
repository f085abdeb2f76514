import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS, optionsOf, parseCommandArgs, UsageError, type CommandName } from '../../src/cli/commands.js';
import { closest, editDistance } from '../../src/scenario/errors.js';
import { cli } from '../helpers/cli.js';
import { scenarioPath } from '../helpers/scenarios.js';

/**
 * The CLI as someone new to it meets it: every command explains itself with
 * --help, typos get a suggestion, and a bad flag value is blamed on the flag.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const names = Object.keys(COMMANDS) as CommandName[];
/** `--out` must not be found inside `--output`. */
const mentions = (text: string, option: string) => new RegExp(`${option}(?![\\w-])`).test(text);
const helpOf = async (command: CommandName) => (await cli(command, '--help')).out;

describe('--help for every command', () => {
  it.each(names)('wsim %s --help and -h print its usage and exit 0', async (command) => {
    for (const flag of ['--help', '-h']) {
      const r = await cli(command, flag);
      expect(r.code, flag).toBe(0);
      expect(r.err).toBe('');
      expect(r.out).toMatch(new RegExp(`^Usage: wsim ${command}\\b`));
    }
  });

  it('help wins over missing arguments and is the same as wsim help COMMAND', async () => {
    const viaHelp = await cli('help', 'lorr');
    const r = await cli('lorr', '--steps', '10', '-h');
    expect(r.code).toBe(0);
    expect(r.out).toBe(viaHelp.out);
  });

  it.each(names)('every option the %s parser accepts is in its help', async (command) => {
    const help = await helpOf(command);
    for (const [name, o] of Object.entries(optionsOf(command))) {
      // The table is what the parser reads: the option parses, and is described.
      expect(() => parseCommandArgs(command, [`--${name}`, ...(o.type === 'string' ? ['x'] : [])]), name).not.toThrow();
      expect(mentions(help, `--${name}`), `${command} --help lacks --${name}`).toBe(true);
    }
  });

  it.each(names)('every option in the %s usage line is one its parser accepts', (command) => {
    const known = Object.keys(optionsOf(command));
    for (const m of COMMANDS[command].usage.matchAll(/--([a-z][a-z-]*)/g)) expect(known, `${command} usage names --${m[1]}`).toContain(m[1]);
  });

  it('the global help is made of the same texts', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    for (const command of names) {
      expect(r.out).toContain(COMMANDS[command].usage);
      for (const name of Object.keys(COMMANDS[command].options)) expect(mentions(r.out, `--${name}`), `--${name}`).toBe(true);
    }
  });

  it("every option in docs/cli.md's synopsis is in its command's --help", async () => {
    const doc = readFileSync(join(root, 'docs/cli.md'), 'utf8');
    const block = /^## Synopsis\n+```\n([\s\S]*?)\n```/m.exec(doc)?.[1];
    expect(block).toBeDefined();
    let command = '';
    let checked = 0;
    for (const line of block!.split('\n')) {
      // A command's line starts "wsim NAME"; indented lines go on with it.
      if (line.startsWith('wsim ')) command = line.split(/\s+/)[1];
      const help = command in COMMANDS ? await helpOf(command as CommandName) : (await cli('--help')).out;
      for (const m of line.matchAll(/--[a-z][a-z-]*/g)) {
        expect(mentions(help, m[0]), `docs/cli.md: wsim ${command} ${m[0]}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
    // Every command is in the synopsis.
    for (const name of names) expect(block, `docs/cli.md synopsis lacks wsim ${name}`).toMatch(new RegExp(`^wsim ${name}\\b`, 'm'));
  });

  it("every command and option README.md runs is one wsim accepts", async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    // Shell blocks, and code spans in the prose that start with a command.
    const commandLines = [...readme.matchAll(/^```(\w*)\n([\s\S]*?)\n```$/gm)].filter((b) => b[1] === 'sh').flatMap((b) => b[2].split('\n'));
    for (const span of readme.matchAll(/`((?:npx )?wsim [^`\n]+)`/g)) commandLines.push(span[1]);
    let checked = 0;
    for (const line of commandLines) {
      for (const m of line.matchAll(/(?:npx )?wsim ([a-z]+)([^#&|]*)/g)) {
        const command = m[1] as CommandName;
        expect(names, `README.md: ${line}`).toContain(command);
        const help = await helpOf(command);
        for (const o of m[2].matchAll(/--[a-z][a-z-]*/g)) {
          expect(mentions(help, o[0]), `README.md: wsim ${command} ${o[0]}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(5);
  });
});

describe('did you mean', () => {
  it('edit distance counts a swap of neighbours as one edit', () => {
    expect(editDistance('rnu', 'run')).toBe(1);
    expect(editDistance('sed', 'seed')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests only a close candidate', () => {
    expect(closest('rnu', Object.keys(COMMANDS))).toBe('run');
    expect(closest('orderPerHour', ['ordersPerHour', 'profile'])).toBe('ordersPerHour');
    expect(closest('OrdersPerHour', ['ordersPerHour'])).toBe('ordersPerHour');
    // One letter, or most of a word changed, is not a typo of anything.
    expect(closest('x', ['h'])).toBeUndefined();
    expect(closest('frobnicate', Object.keys(COMMANDS))).toBeUndefined();
    expect(closest('bogus', ['robots', 'demand'])).toBeUndefined();
  });

  it('an unknown sub-command', async () => {
    const r = await cli('rnu');
    expect(r.code).toBe(2);
    expect(r.err).toBe("wsim: unknown command 'rnu'; did you mean run?\nRun 'wsim --help' for usage.\n");
    expect((await cli('frobnicate')).err).toMatch(/^wsim: unknown command 'frobnicate'\n/);
  });

  it('an unknown option', async () => {
    const r = await cli('run', '--sed', '4');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe("wsim: run: unknown option '--sed'; did you mean --seed?\nRun 'wsim run --help' for usage.\n");
    expect((await cli('serve', '--max-viewer', '3')).err).toMatch(/^wsim: serve: unknown option '--max-viewer'; did you mean --max-viewers\?/);
    expect((await cli('run', '--bogus')).err).toMatch(/^wsim: run: unknown option '--bogus'\n/);
    expect(() => parseCommandArgs('lorr', ['p.json', '--gudiance', 'none'])).toThrow(UsageError);
    expect(() => parseCommandArgs('lorr', ['p.json', '--gudiance', 'none'])).toThrow("lorr: unknown option '--gudiance'; did you mean --guidance?");
  });

  describe('an unknown key in a scenario file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsim-newcomer-'));
    const shipped = (name: string) => JSON.parse(readFileSync(scenarioPath(name), 'utf8'));
    const validate = async (doc: object) => {
      const file = join(dir, 'site.json');
      writeFileSync(file, JSON.stringify(doc));
      const r = await cli('validate', file);
      expect(r.code).toBe(2);
      return r.err.replace(`${file}: `, '');
    };

    it('names the key meant, from the keys valid at that place', async () => {
      const base = shipped('default.json');
      expect(await validate({ ...base, demand: { ...base.demand, orderPerHour: 5 } })).toBe("demand: unknown key 'orderPerHour'; did you mean 'ordersPerHour'?\n");
      expect(await validate({ ...base, robot: base.robots })).toMatch(/^unknown key 'robot'; did you mean 'robots'\?\n/m);
    });

    it('inside a union: the keys of the form the file uses', async () => {
      const dense = shipped('dense.json');
      const generate = { ...dense.layout.generate, blockWidht: 8 };
      delete generate.blockWidth;
      expect(await validate({ ...dense, layout: { generate } })).toBe("layout.generate: unknown key 'blockWidht'; did you mean 'blockWidth'?\n");
      const base = shipped('default.json');
      expect(await validate({ ...base, layout: { ...base.layout, cellSise: 2 } })).toBe("layout: unknown key 'cellSise'; did you mean 'cellSize'?\n");
    });

    it("keeps zod's message when no key is close", async () => {
      expect(await validate({ ...shipped('default.json'), bogus: 1 })).toBe('Unrecognized key: "bogus"\n');
    });
  });
});

describe('a bad --duration or --seed is blamed on the flag', () => {
  const cases: [string[], string][] = [
    [['run', '--duration', 'banana'], "--duration: expected a duration like 8h, 90m or 3600 (seconds), got 'banana'"],
    [['serve', '--duration=-2h'], "--duration: expected a duration like 8h, 90m or 3600 (seconds), got '-2h'"],
    [['run', '--duration', '0'], "--duration: expected a duration above zero, got '0'"],
    [['run', '--duration', '9000h'], "--duration: expected at most 366 days, got '9000h'"],
    [['run', '--seed', ''], "--seed: expected a whole number or a word, got ''"],
    [['run', '--seed', '123456789012345678901'], "--seed: expected a whole number of at most 15 digits (or a word), got '123456789012345678901'"],
  ];
  it.each(cases)('wsim %j', async (args, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(`wsim: ${message}\n`);
  });

  it('a value starting with a dash: how to write it, on one line', async () => {
    const r = await cli('run', '--duration', '-2h');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^wsim: Option '--duration' argument is ambiguous\. .*'--duration=-XYZ'\.\nRun 'wsim run --help' for usage\.\n$/);
  });

  it('a good value still overrides the file', async () => {
    const r = await cli('run', '--duration', '1m', '--seed', 'blue', '--quiet');
    expect(r.code).toBe(0);
  });
});
