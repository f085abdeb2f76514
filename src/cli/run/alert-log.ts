import type { Sim } from '../../sim/sim.js';
import { alertLine } from '../../alerts/report.js';

/**
 * Prints each alert the detector raises to stderr as it is raised
 * (`alert t=01:23:45 station-queue station 3: ...`). On a terminal the line
 * first clears the progress line drawn in place, which redraws after it.
 * Returns the frame observer to subscribe, or null when the run has no detector.
 */
export function alertLog(sim: Sim, stream: NodeJS.WriteStream = process.stderr): (() => void) | null {
  const d = sim.alerts;
  if (!d) return null;
  const prefix = stream.isTTY ? '\r\x1b[K' : '';
  const tickSeconds = sim.config.tickSeconds;
  let printed = 0;
  return () => {
    // Alerts are appended in the order raised; print the new ones.
    while (printed < d.alerts.length) stream.write(`${prefix}${alertLine(d.alerts[printed++], tickSeconds)}\n`);
  };
}
