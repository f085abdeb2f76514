import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../src/scenario/schema.js';
import { scenarioPath } from '../helpers/scenarios.js';

describe('shipped JSON Schema', () => {
  it('scenarios/scenario.schema.json is what `wsim schema` prints (regenerate with npx wsim schema > scenarios/scenario.schema.json)', () => {
    const shipped = readFileSync(scenarioPath('scenario.schema.json'), 'utf8');
    expect(shipped).toBe(JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
  });
});
