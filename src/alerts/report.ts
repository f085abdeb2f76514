import type { World } from '../core/world.js';
import type { ReportPart } from '../metrics/report.js';
import { ALERT_RULE_NAMES, ALERT_SEVERITY, AlertRule, subjectLabel } from './rules.js';
import type { Alert, AlertDetector, FaultWindow, FaultWindowKind } from './detector.js';

/**
 * Alerts raised after a fault window has ended still count as its
 * consequences for this long (a backlog takes a while to clear). Later ones
 * are false alerts.
 */
export const GRACE_SECONDS = 15 * 60;
/** Fault windows listed one by one in the report (the first ones). */
const LISTED_FAULTS = 50;

/** One alert in the report. */
export interface AlertRecord {
  rule: string;
  severity: string;
  subject: string;
  /** Run clock, seconds from the start. */
  raisedSeconds: number;
  /** null while still active at the end. */
  clearedSeconds: number | null;
  message: string;
}

/** How one injected fault was detected. */
export interface FaultDetection {
  kind: FaultWindowKind;
  subject: number;
  fromSeconds: number;
  /** null when it lasted to the end of the run. */
  toSeconds: number | null;
  /** The first alert that detected it, or null. */
  detectedBy: string | null;
  latencySeconds: number | null;
}

/** The report's `alerts` section (present only when the scenario has an `alerts` section). */
export interface AlertsReport {
  raisedTotal: number;
  activeAtEnd: number;
  byRule: Record<string, number>;
  /** The first `listed` alerts, in the order raised. */
  raised: AlertRecord[];
  /** The detector measured against the run's injected faults. */
  detection: {
    faults: number;
    detected: number;
    latencySeconds: { mean: number; p50: number; max: number };
    /** Alerts no fault window (plus GRACE_SECONDS) explains. */
    falseAlerts: number;
    falseAlertsPerDay: number;
    /** The first fault windows one by one. */
    windows: FaultDetection[];
  };
}

/** Rules a fault of each kind may set off (its consequences): alerts of these rules in its window are not false. */
const EXPLAINS: Record<FaultWindowKind, AlertRule[]> = {
  // A robot held with a pod (short of a closed goal or a closed station) cannot go and charge.
  breakdown: [AlertRule.RobotStalled, AlertRule.StationQueue, AlertRule.ThroughputDrop, AlertRule.BatteryCritical],
  closure: [AlertRule.RobotStalled, AlertRule.StationQueue, AlertRule.ThroughputDrop, AlertRule.BatteryCritical],
  conveyor: [AlertRule.StationQueue, AlertRule.ThroughputDrop, AlertRule.ChuteFull],
  chute: [AlertRule.ChuteFull, AlertRule.StationQueue, AlertRule.ThroughputDrop],
  station: [AlertRule.StationQueue, AlertRule.RobotStalled, AlertRule.ThroughputDrop, AlertRule.BatteryCritical],
  pickers: [AlertRule.ThroughputDrop],
};

/**
 * Whether alert `a` detects fault `f`: its rule is one the fault sets off,
 * and where the rule's subject is the fault's own kind of subject (a broken
 * robot stalled, a closed station's queue) it is the same subject.
 */
function detects(f: FaultWindow, a: Alert): boolean {
  if (!EXPLAINS[f.kind].includes(a.rule)) return false;
  if (f.kind === 'breakdown' && a.rule === AlertRule.RobotStalled) return a.subject === f.subject;
  if (f.kind === 'station' && a.rule === AlertRule.StationQueue) return a.subject === f.subject;
  return true;
}

function explains(f: FaultWindow, a: Alert, endTick: number, graceTicks: number): boolean {
  const to = f.toTick < 0 ? endTick : f.toTick;
  return a.raisedTick >= f.fromTick && a.raisedTick <= to + graceTicks && EXPLAINS[f.kind].includes(a.rule);
}

/** The report's `alerts` section, or undefined when the run had no detector (the key is then left out). */
export function buildAlertsReport(w: World): AlertsReport | undefined {
  const d: AlertDetector | null | undefined = w.alerts;
  if (!d) return undefined;
  const ts = w.config.tickSeconds;
  const sec = (t: number) => Math.round(t * ts * 100) / 100;
  const endTick = w.tick;
  const graceTicks = Math.round(GRACE_SECONDS / ts);
  const byRule: Record<string, number> = {};
  ALERT_RULE_NAMES.forEach((name, k) => (byRule[name] = d.raisedByRule[k]));

  const latencies: number[] = [];
  const windows: FaultDetection[] = [];
  for (const f of d.faults) {
    const to = f.toTick < 0 ? endTick : f.toTick;
    let hit: Alert | null = null;
    for (const a of d.alerts) {
      if (a.raisedTick < f.fromTick) continue;
      if (a.raisedTick > to + graceTicks) break;
      if (detects(f, a)) {
        hit = a;
        break;
      }
    }
    if (hit) latencies.push(sec(hit.raisedTick - f.fromTick));
    if (windows.length < LISTED_FAULTS) {
      windows.push({
        kind: f.kind,
        subject: f.subject,
        fromSeconds: sec(f.fromTick),
        toSeconds: f.toTick < 0 ? null : sec(f.toTick),
        detectedBy: hit ? `${ALERT_RULE_NAMES[hit.rule]} ${subjectLabel(hit.rule, hit.subject)}` : null,
        latencySeconds: hit ? sec(hit.raisedTick - f.fromTick) : null,
      });
    }
  }
  let falseAlerts = 0;
  for (const a of d.alerts) if (!d.faults.some((f) => explains(f, a, endTick, graceTicks))) falseAlerts++;
  const days = (endTick * ts) / 86400;
  latencies.sort((x, y) => x - y);
  const mean = latencies.length ? latencies.reduce((s, x) => s + x, 0) / latencies.length : 0;
  return {
    raisedTotal: d.raisedByRule.reduce((s, x) => s + x, 0),
    activeAtEnd: d.activeCount,
    byRule,
    raised: d.alerts.slice(0, d.config.listed).map((a) => ({
      rule: ALERT_RULE_NAMES[a.rule],
      severity: ALERT_SEVERITY[a.rule],
      subject: subjectLabel(a.rule, a.subject),
      raisedSeconds: sec(a.raisedTick),
      clearedSeconds: a.clearedTick < 0 ? null : sec(a.clearedTick),
      message: a.message,
    })),
    detection: {
      faults: d.faultsSeen,
      detected: latencies.length,
      latencySeconds: {
        mean: Math.round(mean * 100) / 100,
        p50: latencies.length ? latencies[Math.floor((latencies.length - 1) / 2)] : 0,
        max: latencies.length ? latencies[latencies.length - 1] : 0,
      },
      falseAlerts,
      falseAlertsPerDay: days > 0 ? Math.round((falseAlerts / days) * 100) / 100 : 0,
      windows,
    },
  };
}

/** Run clock "HH:MM:SS" of a tick. */
export function runClock(seconds: number): string {
  const s = Math.floor(seconds);
  const p = (x: number) => String(x).padStart(2, '0');
  return `${p(Math.floor(s / 3600))}:${p(Math.floor((s % 3600) / 60))}:${p(s % 60)}`;
}

/** The CLI's line for a raised alert: `alert t=01:23:45 station-queue station 3: ...`. */
export function alertLine(a: Alert, tickSeconds: number): string {
  return `alert t=${runClock(a.raisedTick * tickSeconds)} ${ALERT_RULE_NAMES[a.rule]} ${subjectLabel(a.rule, a.subject)}: ${a.message}`;
}

/** The summary's alerts line, or null without a detector. */
export function alertsSummaryLine(r: AlertsReport | undefined): string | null {
  if (!r) return null;
  const d = r.detection;
  const rules = Object.entries(r.byRule)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  const raised = `${r.raisedTotal} raised${rules ? ` (${rules})` : ''}`;
  if (d.faults === 0) return `  alerts        ${raised}; ${d.falseAlerts} false (${d.falseAlertsPerDay}/day)`;
  const l = d.latencySeconds;
  const latency = d.detected > 0 ? `, fault to alert mean ${Math.round(l.mean)}s, p50 ${Math.round(l.p50)}s, max ${Math.round(l.max)}s` : '';
  return `  alerts        ${raised}; ${d.detected} of ${d.faults} faults detected${latency}; ${d.falseAlerts} false (${d.falseAlertsPerDay}/day)`;
}

declare module '../metrics/report.js' {
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
