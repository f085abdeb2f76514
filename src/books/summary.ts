import type { SummaryPart } from '../metrics/report.js';

/** Whether every order, line, item, tote and pod is accounted for (created = completed + in progress + dropped). */
export const booksSummary: SummaryPart = (r) => {
  const c = r.conservation;
  if (c.balanced) return ['  books         orders, lines, items, totes and pods balanced'];
  const off = (['orders', 'lines', 'items', 'totes', 'pods'] as const).filter((e) => !c[e].balanced).map((e) => `${e} off by ${c[e].imbalance}`);
  // A problem outside the five entities (the stock's books) shows as its first problem.
  if (off.length === 0) off.push(c.problems[0] ?? 'a problem');
  return [`  books         NOT balanced: ${off.join(', ')}`];
};
