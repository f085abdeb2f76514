import type { SimConfig } from '../core/config.js';
import { scenarioFromJson } from '../scenario/load.js';

/** What the HTML report draws under its heat maps and reads its clock from: the layout and the start time of day. */
export interface SiteSketch {
  rows: readonly string[];
  width: number;
  height: number;
  /** Station cells, in station order. */
  stations: readonly number[];
  chargers: readonly number[];
  /** The scenario's `startTime`, seconds after midnight. */
  startOfDaySeconds: number;
}

/** The sketch of the site a run of `config` simulates. */
export function siteSketch(config: SimConfig): SiteSketch {
  const g = config.grid;
  return {
    rows: g.rows,
    width: g.width,
    height: g.height,
    stations: Array.from(g.stations),
    chargers: Array.from(g.chargers),
    startOfDaySeconds: config.startOfDayTick * config.tickSeconds,
  };
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * Formats a time axis given in simulated hours as the site clock:
 * "08:00", "13:30", and "day 2 01:00" past midnight.
 */
export function siteClockHours(startOfDaySeconds: number): (hours: number) => string {
  return (hours) => {
    const minutes = Math.round((startOfDaySeconds + hours * 3600) / 60);
    const day = Math.floor(minutes / 1440);
    const m = minutes % 1440;
    const hm = `${two(Math.floor(m / 60))}:${two(m % 60)}`;
    return day > 0 ? `day ${day + 1} ${hm}` : hm;
  };
}

/**
 * The site of every variant of an experiment, by variant name: each
 * variant's scenario loaded once more (layouts are small next to the runs).
 * None when a layout comes from a map file: merged shards could not read it
 * again, and an experiment's HTML report and that of its merged shards must
 * be the same file.
 */
export function experimentSites(scenarioFile: string, variants: readonly { name: string; scenario: Record<string, unknown> }[]): Map<string, SiteSketch> | undefined {
  if (variants.some((v) => (v.scenario.layout as { map?: unknown } | undefined)?.map !== undefined)) return undefined;
  try {
    return new Map(variants.map((v) => [v.name, siteSketch(scenarioFromJson(scenarioFile, v.scenario).config)]));
  } catch {
    return undefined;
  }
}

/** Minutes between clock ticks, the first giving at most 8 ticks is used. */
const CLOCK_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 720, 1440];

/**
 * Ticks (in simulated hours) for a time axis read as the site clock, on
 * round clock times: every 5 minutes, quarter hour, hour... so the labels
 * read 08:15, 08:30, not 08:03, 08:06.
 */
export function siteClockTicks(startOfDaySeconds: number): (lo: number, hi: number) => number[] {
  return (lo, hi) => {
    const s0 = startOfDaySeconds / 60;
    const a = s0 + lo * 60;
    const b = s0 + Math.max(hi, lo + 1 / 60) * 60;
    const step = CLOCK_STEPS.find((m) => (b - a) / m <= 8) ?? 1440 * Math.ceil((b - a) / 1440 / 8);
    const ticks: number[] = [];
    for (let m = Math.floor(a / step) * step; m < b + step; m += step) {
      ticks.push((m - s0) / 60);
      if (m >= b) break;
    }
    return ticks;
  };
}
