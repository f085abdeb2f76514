import type { Aggregate } from '../experiment/aggregate.js';
import { decimalsFor, fmt, fmtInterval, shown } from '../experiment/table.js';
import { mdCell } from './text.js';

const arrow = { higher: ' ↑', lower: ' ↓', none: '' } as const;

/** Markdown for a CI job summary: the KPI table, differences to the baseline, and assertion results. */
export function summaryMarkdown(a: Aggregate): string {
  const single = a.variants.length === 1 && a.replications === 1;
  const pct = Math.round(a.confidence * 100);
  const out: string[] = [];
  out.push(`## wsim ${single ? 'run' : 'experiment'}: ${mdCell(a.name)}`, '');
  if (single) out.push('One run (seed ' + mdCell(a.seeds[0]) + ').', '');
  else {
    out.push(
      `${a.variants.length} variant(s) x ${a.replications} replication(s) under common random numbers. Cells: mean ± half-width of the ${pct}% confidence interval; **bold**: best (↑ higher / ↓ lower is better).`,
      '',
    );
  }
  out.push(`| KPI | ${a.variants.map((v) => mdCell(v.name)).join(' | ')} |`);
  out.push(`|---|${a.variants.map(() => '---:').join('|')}|`);
  for (const t of a.kpis) {
    const dp = decimalsFor(t);
    const cells = t.variants.map((v) => {
      const hw = v.ci ? ` ± ${fmt((v.ci[1] - v.ci[0]) / 2, dp)}` : '';
      const s = `${fmt(v.mean, dp)}${hw}`;
      return t.best === v.variant && !single ? `**${s}**` : s;
    });
    out.push(`| ${mdCell(t.label)}${arrow[t.better]} | ${cells.join(' | ')} |`);
  }
  const others = a.variants.filter((v) => v.name !== a.baseline);
  if (others.length > 0 && a.replications > 1) {
    out.push('', `Paired difference to **${mdCell(a.baseline)}** (${pct}% CI; ✱ = excludes 0):`, '');
    out.push(`| KPI | ${others.map((v) => mdCell(v.name)).join(' | ')} |`);
    out.push(`|---|${others.map(() => '---:').join('|')}|`);
    for (const t of a.kpis) {
      const dp = decimalsFor(t);
      const cells = others.map((o) => {
        const d = t.variants.find((v) => v.variant === o.name)?.diff;
        if (!d) return '-';
        return `${fmt(d.mean, dp, true)} ${fmtInterval(d.ci, dp, true)}${d.significant ? ' ✱' : ''}`;
      });
      out.push(`| ${mdCell(t.label)} | ${cells.join(' | ')} |`);
    }
  }
  out.push('', '### Assertions', '');
  if (a.assertions.length === 0) out.push('No assertions.');
  else {
    const failed = a.assertions.filter((r) => !r.passed).length;
    out.push(failed === 0 ? `✅ All ${a.assertions.length} assertions passed.` : `❌ ${failed} of ${a.assertions.length} assertions failed.`, '');
    out.push(single ? '| | assertion | value |' : '| | variant | assertion | mean |');
    out.push(single ? '|---|---|---:|' : '|---|---|---|---:|');
    for (const r of a.assertions) {
      const mark = r.passed ? '✅' : '❌';
      const v = r.value === null ? 'no value' : shown(r.value);
      out.push(single ? `| ${mark} | \`${mdCell(r.assertion)}\` | ${v} |` : `| ${mark} | ${mdCell(r.variant)} | \`${mdCell(r.assertion)}\` | ${v} |`);
    }
  }
  if (a.conflicts > 0) out.push('', `❌ ${a.conflicts} robot conflicts: a simulator defect.`);
  return out.join('\n') + '\n';
}
