/**
 * The alert rules: their ids (carried by AlertRaised / AlertCleared events as
 * operand a), names, severities, what their subject is (operand b), and the
 * engine's settings for them, in ticks. Shared by the detector, the report,
 * the CLI and the viewer, so it imports nothing.
 */

/** Alert rule ids, as carried by alert events (operand a). */
export const enum AlertRule {
  /** Orders completed in a sliding window far below the run's own baseline while the backlog grows. Subject: the site (-1). */
  ThroughputDrop = 0,
  /** Work waiting at a station (robots queued or lines routed to it) and no line picked there for a while. Subject: station. */
  StationQueue = 1,
  /** A robot with somewhere to be that has not come closer to it for a while (broken down, blocked, jammed). Subject: robot. */
  RobotStalled = 2,
  /** A robot's battery below the critical level and not charging. Subject: robot. */
  BatteryCritical = 3,
  /** A sorter chute full for a long time. Subject: chute (all sorters' chutes in scenario order). */
  ChuteFull = 4,
}

/** Rule names by id, as the report, the CLI and the viewer spell them. */
export const ALERT_RULE_NAMES = ['throughput-drop', 'station-queue', 'robot-stalled', 'battery-critical', 'chute-full'] as const;
export type AlertRuleName = (typeof ALERT_RULE_NAMES)[number];

/** What a rule's subject (event operand b) counts. */
export const ALERT_SUBJECT_KIND = ['site', 'station', 'robot', 'robot', 'chute'] as const;

/** Severity by rule id: critical stops work or will; warning needs a look. */
export const ALERT_SEVERITY = ['critical', 'warning', 'warning', 'critical', 'warning'] as const;

/** A subject as people read it: "site", "station 3", "robot 12", "chute 2". */
export function subjectLabel(rule: number, subject: number): string {
  const kind = ALERT_SUBJECT_KIND[rule] ?? 'subject';
  return kind === 'site' ? 'site' : `${kind} ${subject}`;
}

/** The detector's settings, in ticks; a rule set to null is off. Built from the scenario's `alerts` section. */
export interface AlertsConfig {
  /** Ticks between checks: rules look at the KPIs once per this many ticks. */
  checkEveryTicks: number;
  /** No alert is raised before this tick: baselines learn the run's normal first. */
  warmupTicks: number;
  throughputDrop: {
    /** Sliding window of completed orders, in ticks (a whole number of checks). */
    windowTicks: number;
    /** How far below the baseline, in standard deviations of the window's count, raises the alert. */
    sigmas: number;
    /** Smallest expected count per window for the rule to judge at all: below it there is too little demand to tell. */
    minExpected: number;
  } | null;
  stationQueue: {
    /** Ticks with work waiting and no pick before the alert. */
    afterTicks: number;
  } | null;
  robotStalled: {
    /** Ticks without coming closer to its goal before the alert. */
    afterTicks: number;
  } | null;
  batteryCritical: {
    /** Share of capacity below which a robot that is not charging is critical. */
    below: number;
  } | null;
  chuteFull: {
    /** Ticks a chute stays full before the alert. */
    afterTicks: number;
  } | null;
  /** Alerts listed one by one in the report (the first ones); all are counted. */
  listed: number;
}
