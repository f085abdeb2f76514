import type { SummaryPart } from '../metrics/report.js';

/** Pick fetches that changed robots before the pod was lifted (`fleet.assignment: errands`); nothing when none did. */
export const takeOversSummary: SummaryPart = (r) => {
  const k = r.storage.takeOvers;
  if (k === 0) return [];
  return [`  fetches       ${k} taken over by a nearer robot before the pod was lifted`];
};
