import type { World } from '../core/world.js';
import { checkConservation, type ConservationReport, type DroppedCounts } from '../books/conservation.js';
import { BOOKS } from './features.js';

/** The conservation books of a world with every feature's part of them (BOOKS), as the report has them. */
export function checkBooks(w: World, drops: DroppedCounts = {}): ConservationReport {
  return checkConservation(w, BOOKS, drops);
}
