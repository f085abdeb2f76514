import type { Report } from '../../metrics/report.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Summary lines for picking arms, pack stations and forecast-driven operations: only the parts the scenario has. */
export function automationLines(r: Report): string[] {
  const out: string[] = [];
  const arms = r.robotPicking;
  if (arms) {
    out.push('  robotic picking');
    for (const s of arms.stations) {
      const who = s.kind === 'arm' ? `arm ${s.model ?? ''}`.trim() : 'people';
      const arm =
        s.kind === 'arm' ? `, ${s.linesByArm} by the arm, ${s.linesByPerson} by a person (${s.unhandled} out of reach), grasps ${pct(s.failureRate)} failed` : '';
      out.push(`    #${s.station} ${who}: ${s.linesPicked} lines, ${s.linesPerHour.toFixed(0)}/h, busy ${pct(s.utilization)}${arm}`);
    }
  }
  const pack = r.packing;
  if (pack) {
    out.push('  packing');
    for (const p of pack.stations) {
      const jams = p.jams > 0 ? `, ${p.jams} jams` : '';
      out.push(
        `    ${p.id} (${p.mode}): ${p.parcels} parcels, ${p.parcelsPerHour.toFixed(0)}/h, busy ${pct(p.utilization)}${jams}; carton fill ${pct(p.fillRate)}, ` +
          `${p.cardboardM2PerOrder.toFixed(2)} m2 board and ${p.voidFillLitresPerOrder.toFixed(1)} L void fill per order`,
      );
    }
  }
  const ops = r.operations;
  if (ops) {
    const f = r.forecast;
    const mape = f ? `; forecast MAPE ${pct(f.mape)}` : '';
    out.push(
      `  operations    ${ops.policy}: ${ops.robotHoursOnDuty.toFixed(0)} of ${ops.robotHoursFleet} robot-hours on duty, ${ops.pickerHoursOnDuty.toFixed(0)} person-hours, ${ops.reslotPasses} re-slot passes${mape}`,
    );
  }
  return out;
}
