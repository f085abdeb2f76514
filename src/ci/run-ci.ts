import { checkReportPath, parseAssertion } from '../scenario/assertions.js';
import type { SimConfig } from '../core/config.js';
import { aggregate } from '../experiment/aggregate.js';
import { DEFAULT_KPIS, INBOUND_KPIS, INVENTORY_KPIS, kpiDef, QUALITY_KPIS, SHIPMENT_KPIS } from '../experiment/kpis.js';
import { templateReport, wsimVersion, type ExperimentPlan } from '../experiment/load.js';
import type { RunResult } from '../experiment/run-one.js';
import type { Report } from '../metrics/report.js';
import { ScenarioError, ScenarioErrors } from '../scenario/errors.js';
import type { ScenarioFile } from '../scenario/schema.js';
import { printAssertions, writeCiReports, type CiReportOptions } from './outputs.js';
import { siteSketch } from './site.js';

/** CI checks and reports for `wsim run`: assertions checked before the run, evaluated and reported after it. */
export interface RunCi {
  /** Writes the reports asked for, prints assertion results; returns 1 when an assertion failed, else 0. */
  finish(report: Report, options: CiReportOptions & { quiet?: boolean }): number;
}

/**
 * Checks the scenario's assertions against the report the run will produce
 * (throws ScenarioErrors pointing at `assertions[k]` in the file when a path
 * names no figure), before any time is spent running.
 */
export function prepareRunCi(file: string, scenario: ScenarioFile, config: SimConfig): RunCi {
  const assertions = scenario.assertions ?? [];
  if (assertions.length > 0) {
    const template = templateReport(config);
    const errors: ScenarioError[] = [];
    assertions.forEach((text, k) => {
      const problem = checkReportPath(template, parseAssertion(text).segments);
      if (problem) errors.push(new ScenarioError(file, `assertions[${k}]`, problem));
    });
    if (errors.length > 0) throw new ScenarioErrors(errors);
  }
  return {
    finish(report, options) {
      const { wallSeconds, ...stable } = report;
      const seed = String(report.seed);
      const plan: ExperimentPlan = {
        name: scenario.name,
        description: scenario.description ?? null,
        wsimVersion: wsimVersion(),
        baseline: scenario.name,
        replications: 1,
        seeds: [seed],
        confidence: 0.95,
        // A run with finite stock reports its stock figures too; one with pick accuracy or shipping rules, those.
        kpis: [...DEFAULT_KPIS, ...(report.inventory ? INVENTORY_KPIS : []), ...(report.inbound ? INBOUND_KPIS : []), ...(report.quality ? QUALITY_KPIS : []), ...(report.shipments ? SHIPMENT_KPIS : [])].map(kpiDef),
        variants: [{ name: scenario.name, description: null, set: {}, scenario: {}, assertions, layoutDigest: '' }],
      };
      const run: RunResult = { index: 0, variant: scenario.name, replication: 1, seed, wallSeconds, report: stable };
      const agg = aggregate(plan, '', [run]);
      writeCiReports(agg, [run], { ...options, sites: new Map([[scenario.name, siteSketch(config)]]) });
      return printAssertions(agg, options.quiet ?? false) ? 0 : 1;
    },
  };
}
