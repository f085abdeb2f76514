import type { World } from '../core/world.js';
import type { StallCause } from './stall-chain.js';
import { r4 } from '../metrics/round.js';
import { compareEpisodes, STALLS_KEPT, type StallEpisode } from './watch.js';

/** One stall episode in the report. */
export interface StallReportEntry {
  startSeconds: number;
  durationSeconds: number;
  /** Robots stalled in it once it had passed the threshold, ascending. */
  robots: number[];
  /** Robot ids in wait-for order: each waits for the next; the last holds them up, or, in a cycle, is the robot the chain comes back to (named twice). */
  chain: number[];
  /** The chain's cells in the same order, then the closed cell a closure chain waits for. */
  cells: { row: number; col: number }[];
  cause: StallCause;
  robotSeconds: number;
  /** Still going at the end of the run. */
  ongoing: boolean;
}

/** `robots.stalls`: robots standing still on their way, grouped into episodes by their wait-for chains. */
export interface StallsReport {
  /** Episodes longer than the threshold. */
  count: number;
  /** Longest episode of the run, whatever its length (0 without stalls). */
  longestSeconds: number;
  /** Robot-seconds stood still in the episodes longer than the threshold. */
  robotSeconds: number;
  thresholdSeconds: number;
  /** The longest episodes longer than the threshold, longest first (at most 20). */
  longest: StallReportEntry[];
}

/** The stalls section of the report from the world's StallWatch (zeros for a world run without one). */
export function buildStallsReport(w: World): StallsReport {
  const tickS = w.config.tickSeconds;
  const s = w.stalls;
  if (!s) return { count: 0, longestSeconds: 0, robotSeconds: 0, thresholdSeconds: r4((w.config.fleet.stallTicks ?? 0) * tickS), longest: [] };
  const open = s.openLong(w.tick);
  const all = s.longest.concat(open).sort(compareEpisodes).slice(0, STALLS_KEPT);
  let robotTicks = s.endedRobotTicks;
  for (const e of open) robotTicks += e.robotTicks;
  const width = w.grid.width;
  const entry = (e: StallEpisode): StallReportEntry => ({
    startSeconds: r4(e.startTick * tickS),
    durationSeconds: r4(e.ticks * tickS),
    robots: e.robots.slice(),
    chain: e.chain.slice(),
    cells: e.cells.map((c) => ({ row: Math.floor(c / width), col: c % width })),
    cause: e.cause,
    robotSeconds: r4(e.robotTicks * tickS),
    ongoing: e.open,
  });
  return {
    count: s.ended + open.length,
    longestSeconds: r4(Math.max(s.endedMaxTicks, s.openMaxTicks(w.tick)) * tickS),
    robotSeconds: r4(robotTicks * tickS),
    thresholdSeconds: r4(s.thresholdTicks * tickS),
    longest: all.map(entry),
  };
}
