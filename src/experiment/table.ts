import type { Aggregate, KpiTable } from './aggregate.js';

/** A figure for people: at most 4 decimals. */
export function shown(v: number): string {
  return String(Math.round(v * 1e4) / 1e4);
}

/** Decimals for a KPI's figures, from the size of its means. */
export function decimalsFor(t: KpiTable): number {
  let m = 0;
  for (const v of t.variants) if (v.mean !== null) m = Math.max(m, Math.abs(v.mean));
  if (m >= 100) return 1;
  if (m > 1) return 2;
  return 4;
}

export function fmt(x: number | null, dp: number, sign = false): string {
  if (x === null) return '-';
  const s = x.toFixed(dp);
  const v = /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
  return sign && !v.startsWith('-') ? `+${v}` : v;
}

export function fmtInterval(ci: [number, number] | null, dp: number, sign = false): string {
  return ci === null ? '-' : `[${fmt(ci[0], dp, sign)}, ${fmt(ci[1], dp, sign)}]`;
}

function align(rows: string[][], right: boolean[]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (right[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd(),
  );
}

const betterText = { higher: 'higher is better', lower: 'lower is better', none: 'no better direction' } as const;

/** The experiment's KPI tables as aligned text: one block per KPI. */
export function formatTables(a: Aggregate): string {
  const pct = Math.round(a.confidence * 100);
  const single = a.variants.length === 1 && a.replications === 1;
  const out: string[] = [];
  out.push(
    single
      ? `${a.name}: 1 run`
      : `${a.name}: ${a.variants.length} variant(s) x ${a.replications} replication(s), common random numbers, ${pct}% confidence intervals (Student t)`,
  );
  for (const t of a.kpis) {
    const dp = decimalsFor(t);
    const head = `${t.label}${t.label !== t.path ? ` (${t.path})` : ''}  [${betterText[t.better]}${t.best !== null && !single ? `; best: ${t.best}` : ''}]`;
    out.push('', head);
    const rows: string[][] = [['  variant', 'mean', `${pct}% CI`, `vs ${a.baseline}`, `${pct}% CI`, '']];
    for (const v of t.variants) {
      const mark = v.diff?.significant ? '*' : '';
      rows.push([
        `  ${v.variant}`,
        fmt(v.mean, dp),
        fmtInterval(v.ci, dp),
        v.diff === null ? 'baseline' : fmt(v.diff.mean, dp, true),
        v.diff === null ? '' : fmtInterval(v.diff.ci, dp, true),
        mark,
      ]);
    }
    out.push(...align(rows, [false, true, false, true, false, false]));
  }
  if (!single) out.push('', `* the ${pct}% CI of the paired difference to ${a.baseline} excludes 0`);
  return out.join('\n');
}

/** One line per assertion: what was checked, the figure, pass or fail. */
export function formatAssertions(a: Aggregate): string[] {
  const lines: string[] = [];
  for (const r of a.assertions) {
    const who = a.variants.length > 1 || a.replications > 1 ? `${r.variant}: ` : '';
    const of = a.replications > 1 ? `, the mean of ${r.n} runs` : '';
    const got = r.value === null ? 'no value in the report' : `got ${shown(r.value)}${of}`;
    lines.push(`${r.passed ? 'PASS' : 'FAIL'}  ${who}${r.assertion}  (${got})`);
  }
  return lines;
}
