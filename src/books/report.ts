import type { BooksPart } from '../core/feature.js';
import { checkConservation, type ConservationReport } from './conservation.js';
import type { ReportPart } from '../metrics/report.js';

declare module '../metrics/report.js' {
  interface Report {
    /** Orders, lines, items, totes and pods recounted at the end: created = completed + in progress + dropped; `wsim run` fails when not balanced. */
    conservation: ConservationReport;
  }
}

/**
 * The books recounted at the end of the run, with the registered features'
 * parts of them (handed to every section's builder). Its own file: tests
 * replace checkConservation in its module, and this section must call the
 * replaced one.
 */
export const conservationSection: ReportPart<'conservation'> = {
  keys: ['conservation'],
  build: (w, parts: readonly BooksPart[]) => ({ conservation: checkConservation(w, parts) }),
};
