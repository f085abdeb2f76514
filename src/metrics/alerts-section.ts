import { buildAlertsReport, type AlertsReport } from './alerts-report.js';
import type { ReportPart } from './report.js';

declare module './report.js' {
  interface Report {
    /** Live alerts raised and how they met the run's faults; present only when the scenario has an `alerts` section. */
    alerts?: AlertsReport;
  }
}

/** The alerts of the run; left out of the report without an `alerts` section. */
export const alertsSection: ReportPart<'alerts'> = {
  keys: ['alerts'],
  build: (w) => (w.alerts ? { alerts: buildAlertsReport(w) } : {}),
};
