import { join } from 'node:path';
import { ensureOutputFolder, writeTextAtomic } from '../output/output.js';
import type { Aggregate } from '../experiment/aggregate.js';
import type { RunResult } from '../experiment/run-one.js';
import { formatAssertions } from '../experiment/table.js';
import { csvFiles } from './csv.js';
import { htmlReport } from './html.js';
import type { SiteSketch } from './site.js';
import { junitXml } from './junit.js';
import { summaryMarkdown } from './markdown.js';
import { serviceCsv, serviceMarkdown } from './service.js';
import { stockCsv, stockMarkdown } from './stock.js';
import { stallsCsv, stallsMarkdown } from './stalls.js';

/** Report options shared by `wsim run`, `wsim experiment` and `wsim merge`. */
export interface CiReportOptions {
  junit?: string;
  summary?: string;
  csv?: string;
  html?: string;
  /** The site of each variant, by name, for the HTML report's clock and floor plans (none when merging shards). */
  sites?: ReadonlyMap<string, SiteSketch>;
}

/** Writes every report asked for (each file whole or not at all). */
export function writeCiReports(a: Aggregate, runs: readonly RunResult[], o: CiReportOptions): void {
  if (o.junit) writeTextAtomic(o.junit, junitXml(a));
  if (o.summary) writeTextAtomic(o.summary, summaryMarkdown(a) + stallsMarkdown(runs) + serviceMarkdown(runs) + stockMarkdown(runs));
  if (o.csv) {
    ensureOutputFolder(o.csv);
    for (const [name, text] of [...csvFiles(a), ...stallsCsv(runs), ...serviceCsv(runs), ...stockCsv(runs)]) writeTextAtomic(join(o.csv, name), text);
  }
  if (o.html) writeTextAtomic(o.html, htmlReport(a, runs, o.sites));
}

/**
 * Prints assertion results (all of them on stdout unless quiet; failures
 * always on stderr) and returns whether every assertion passed.
 */
export function printAssertions(a: Aggregate, quiet: boolean): boolean {
  if (a.assertions.length === 0) return true;
  const lines = formatAssertions(a);
  const failed = a.assertions.filter((r) => !r.passed).length;
  if (!quiet) {
    const head = failed === 0 ? `assertions: all ${a.assertions.length} passed` : `assertions: ${failed} of ${a.assertions.length} FAILED`;
    process.stdout.write(`${head}\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
  }
  a.assertions.forEach((r, k) => {
    if (!r.passed) process.stderr.write(`wsim: assertion failed: ${lines[k].replace(/^FAIL\s+/, '')}\n`);
  });
  return failed === 0;
}
