import { describe, expect, it } from 'vitest';
import { COMMANDS, optionsOf, type CommandName } from '../../src/cli/commands.js';
import { lines, markdownFiles, read } from './markdown.js';

/**
 * The command lines the pages show in code blocks are ones wsim takes: the
 * command exists and every option is one its parser accepts. (The README's
 * prose commands and docs/cli.md's synopsis are also checked against --help
 * in tests/cli/newcomer.test.ts.)
 */

const files = markdownFiles();

describe('wsim command lines in code blocks', () => {
  it.each(files)('%s shows only commands and options wsim accepts', (file) => {
    const wrong: string[] = [];
    for (const l of lines(read(file))) {
      if (!l.fenced) continue;
      for (const m of l.text.matchAll(/(?<![\w/-])wsim ([a-z]+)([^#]*)/g)) {
        const command = m[1];
        if (command === 'help') continue;
        if (!(command in COMMANDS)) {
          wrong.push(`${file}:${l.n}: no command 'wsim ${command}'`);
          continue;
        }
        const known = optionsOf(command as CommandName);
        for (const o of m[2].matchAll(/(?<![\w-])--([a-z][a-z-]*)/g)) {
          if (!(o[1] in known)) wrong.push(`${file}:${l.n}: wsim ${command} takes no --${o[1]}`);
        }
      }
    }
    expect(wrong, wrong.join('\n')).toEqual([]);
  });
});
