/**
 * The report's parts: Vega-Lite chart specs, SVG rendering, CSV exports, the per-host sampler and the number
 * formats the report and CLI use. `simulateForReport` and `renderReport` are also in the root export.
 *
 * @example
 * ```ts
 * import { simulateForReport } from 'podsim';
 * import { renderSvg, utilizationChart } from 'podsim/report';
 * const data = simulateForReport({
 *   hosts: [{ name: 'node', count: 2, capacity: { cpu: 4 } }],
 *   workloads: [{ name: 'w', count: 50, arrival: { process: 'poisson', rate: 1 }, duration: { distribution: 'exponential', mean: 5 }, request: { cpu: 1 } }],
 * }, { interval: 10 });
 * const svg = await renderSvg(utilizationChart(data.result.timeseries!));
 * ```
 * @packageDocumentation
 * @module podsim/report
 */
export { renderReport, reportCharts } from './render-report.js';
export type { ReportChart } from './render-report.js';
export { renderSvg } from './render-svg.js';
export { simulateForReport } from './simulate-for-report.js';
export type { SimulateForReportOptions } from './simulate-for-report.js';
export { HostSampler } from './host-sampler.js';
export type { HostSamplerOptions } from './host-sampler.js';
export type { HostSeries } from './host-series.js';
export type { ReportData, WorkloadBreakdown } from './report-data.js';
export { utilizationChart } from './charts/utilization-chart.js';
export { queueChart } from './charts/queue-chart.js';
export { activityChart } from './charts/activity-chart.js';
export { waitCdfChart } from './charts/wait-cdf-chart.js';
export { hostHeatmapChart } from './charts/host-heatmap-chart.js';
export { breakdownChart } from './charts/breakdown-chart.js';
export { powerChart } from './charts/power-chart.js';
export { costChart } from './charts/cost-chart.js';
export type { ChartSpec } from './charts/chart-spec.js';
export { timeSeriesCsv } from './timeseries-csv.js';
export { containersCsv } from './containers-csv.js';
export type { ContainerRow } from './container-row.js';
export { summaryRows } from './summary-rows.js';
export { workloadTable } from './workload-table.js';
export { performanceBreakdown } from './performance-breakdown.js';
export { formatSeconds, formatNumber, formatPercent } from './format.js';
export { estimateEnd, defaultInterval } from './estimate-end.js';
export { timeUnitFor } from './time-unit.js';
export type { TimeUnit } from './time-unit.js';
export { renderSweepReport, renderPlanReport } from './render-sweep-report.js';
export { sweepChart } from './charts/sweep-chart.js';
export { searchPathChart, capacityMetricChart } from './charts/search-chart.js';
export { pointsCsv, evidenceCsv } from './points-csv.js';
