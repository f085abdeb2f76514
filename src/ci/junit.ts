import type { Aggregate } from '../experiment/aggregate.js';
import { shown } from '../experiment/table.js';
import { xmlEscape } from './text.js';

/**
 * JUnit XML: one test suite per variant (named scenario/variant, or the
 * scenario for a single run), one test case per assertion, a failure element
 * for each failed one.
 */
export function junitXml(a: Aggregate): string {
  const single = a.variants.length === 1 && a.replications === 1;
  const suiteName = (variant: string) => (single ? a.name : `${a.name}/${variant}`);
  const failures = a.assertions.filter((r) => !r.passed).length;
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(`<testsuites name="${xmlEscape(`wsim ${a.name}`)}" tests="${a.assertions.length}" failures="${failures}" errors="0">`);
  for (const v of a.variants) {
    const mine = a.assertions.filter((r) => r.variant === v.name);
    const failed = mine.filter((r) => !r.passed).length;
    const name = suiteName(v.name);
    out.push(`  <testsuite name="${xmlEscape(name)}" tests="${mine.length}" failures="${failed}" errors="0" skipped="0">`);
    for (const r of mine) {
      const open = `    <testcase classname="${xmlEscape(name)}" name="${xmlEscape(r.assertion)}"`;
      if (r.passed) {
        out.push(`${open}/>`);
        continue;
      }
      const of = a.replications > 1 ? ` (mean of ${r.n} replications)` : '';
      const msg = r.value === null ? `${r.path} has no value in the report` : `${r.path} = ${shown(r.value)}${of}, expected ${r.op} ${r.target}`;
      out.push(`${open}>`);
      out.push(`      <failure type="AssertionFailed" message="${xmlEscape(msg)}">${xmlEscape(`${r.assertion}\n${msg}`)}</failure>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
