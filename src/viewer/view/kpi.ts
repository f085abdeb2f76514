/** The KPI series live in src/record (recordings carry them in keyframes); the viewer reads them from there. */
export { busyShare, KpiSeries, type KpiPoint, type KpiSnapshot } from '../../record/kpi-series.js';
