import type { BooksPart } from '../core/feature.js';
import type { World } from '../core/world.js';

/**
 * The stock books recounted from the slots and line lists: units received =
 * on hand + in put-away + picked; no slot below zero or above its capacity;
 * the units promised in each slot are those of the open lines routed to its
 * pod; the lines waiting for stock are those on the backorder lists. Returns
 * the problems found (none when the books close), the backordered lines
 * counted and the units on hand recounted. Cheap enough to run every tick
 * under test.
 */
export function checkStock(w: World): { problems: string[]; backordered: number; onHand: number } {
  const st = w.inventory;
  const problems: string[] = [];
  if (!st) return { problems, backordered: 0, onHand: 0 };
  const { pods, books } = w;
  let onHand = 0;
  for (let j = 0; j < st.onHand.length; j++) {
    onHand += st.onHand[j];
    if (st.onHand[j] < 0) problems.push(`slot ${j} (SKU of pod ${pods.podsOfSku[j]}) holds ${st.onHand[j]} units`);
    if (st.capacity[j] >= 0 && st.onHand[j] > st.capacity[j]) problems.push(`slot ${j} of pod ${pods.podsOfSku[j]} holds ${st.onHand[j]} units, above its capacity ${st.capacity[j]}`);
  }
  if (onHand !== st.onHandUnits) problems.push(`the slots hold ${onHand} units, the books say ${st.onHandUnits}`);
  const gap = st.receivedUnits - st.onHandUnits - st.inPutAwayUnits - st.pickedUnits;
  if (gap !== 0) problems.push(`received ${st.receivedUnits} != on hand ${st.onHandUnits} + in put-away ${st.inPutAwayUnits} + picked ${st.pickedUnits}`);
  // Promised units, recounted from the lines on the pods' lists.
  const promised = new Int32Array(st.onHand.length);
  const bound = books.openLines + 1;
  for (let p = 0; p < pods.n; p++) {
    for (const head of [pods.pendHead[p], pods.visitHead[p]]) {
      let n = 0;
      for (let l = head; l >= 0 && n++ <= bound; l = books.lineNext[l]) {
        const j = st.slotOf(books.lineSku[l], p);
        if (j < 0) problems.push(`a line of SKU ${books.lineSku[l]} waits on pod ${p}, which does not hold it`);
        else promised[j] += books.lineQty[l];
      }
    }
  }
  for (let j = 0; j < promised.length; j++) {
    if (promised[j] !== st.reserved[j]) problems.push(`slot ${j} of pod ${pods.podsOfSku[j]}: ${st.reserved[j]} units promised, lines on its pod want ${promised[j]}`);
    else if (promised[j] > st.onHand[j]) problems.push(`slot ${j} of pod ${pods.podsOfSku[j]}: ${promised[j]} units promised, ${st.onHand[j]} on hand`);
  }
  let backordered = 0;
  for (let s = 0; s < st.backorderHead.length; s++) {
    for (let l = st.backorderHead[s]; l >= 0 && backordered <= bound; l = books.lineNext[l]) backordered++;
  }
  if (backordered !== st.backorderedLines) problems.push(`${backordered} lines on the backorder lists, the books say ${st.backorderedLines}`);
  problems.push(...st.problems);
  return { problems: problems.slice(0, 20), backordered, onHand };
}

/** Lines waiting for stock are open lines held by the inventory; its stock books' problems go in the books as problems of the stock. */
export const stockBooks: BooksPart = {
  name: 'inventory',
  count: (w, tally) => {
    if (!w.inventory) return;
    const { problems, backordered } = checkStock(w);
    tally.hold('lines', 'backordered', backordered);
    for (const m of problems) tally.problem('stock', m);
  },
};
