import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

/** A League of Robot Runners file given to run or validate: one line naming it and the command that takes it. */
describe('LoRR files where a scenario is expected', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wsim-lorr-elsewhere-'));
  const problem = join(dir, 'problem.json');
  writeFileSync(problem, JSON.stringify({ mapFile: 'maps/w.map', agentFile: 'a.agents', taskFile: 't.tasks', teamSize: 10, numTasksReveal: 1.5, version: '2024 LoRR' }));
  const output = join(dir, 'out.json');
  writeFileSync(output, JSON.stringify({ actionModel: 'MAPF_T', version: '2024 LoRR', teamSize: 1, start: [[0, 0, 'E']], actualPaths: ['W'], numTaskFinished: 0 }));

  for (const command of ['run', 'validate']) {
    it(`${command} with a LoRR problem says it is one and names wsim lorr`, async () => {
      const r = await cli(command, problem);
      expect(r.code).toBe(2);
      expect(r.err.trim()).toBe(`${problem}: is a League of Robot Runners problem, not a scenario: run it with \`wsim lorr FILE\``);
      expect(r.out).toBe('');
    });
    it(`${command} with a LoRR output says what it is and names wsim view`, async () => {
      const r = await cli(command, output);
      expect(r.code).toBe(2);
      expect(r.err.trim()).toBe(`${output}: is a League of Robot Runners output (what \`wsim lorr --output\` writes), not a scenario: watch it with \`wsim view FILE --problem PROBLEM.json\``);
    });
  }
});
