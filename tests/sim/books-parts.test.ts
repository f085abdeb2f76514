import { describe, expect, it } from 'vitest';
import type { BooksPart } from '../../src/core/feature.js';
import { checkConservation } from '../../src/books/conservation.js';
import { BOOKS } from '../../src/sim/features.js';
import { simFor } from '../helpers/scenarios.js';

describe('the features\' parts of the books', () => {
  const sim = simFor('hub.json', { duration: '20m' });
  sim.run();

  it('close the books together', () => {
    expect(checkConservation(sim.world, BOOKS).balanced).toBe(true);
  });

  it('are what finds the equipment\'s totes: without them the totes in the outbound network are missing', () => {
    const c = checkConservation(sim.world, []);
    expect(c.totes.where.inOutbound).toBe(0);
    expect(c.totes.balanced).toBe(false);
  });

  it('each count, and a problem one of them notes leaves its entity unbalanced', () => {
    const extra: BooksPart = { name: 'test', count: (_w, t) => (t.hold('items', 'looseOnSorters', 1), t.problem('pods', 'a pod went missing')) };
    const c = checkConservation(sim.world, [...BOOKS, extra]);
    expect(c.items.imbalance).toBe(-1);
    expect(c.pods.balanced).toBe(false);
    expect(c.problems).toContain('pods: a pod went missing');
  });
});
