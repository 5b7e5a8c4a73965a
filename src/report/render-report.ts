import { activityChart } from './charts/activity-chart.js';
import { breakdownChart } from './charts/breakdown-chart.js';
import type { ChartSpec } from './charts/chart-spec.js';
import { costChart } from './charts/cost-chart.js';
import { powerChart } from './charts/power-chart.js';
import { hostHeatmapChart } from './charts/host-heatmap-chart.js';
import { queueChart } from './charts/queue-chart.js';
import { hostsChart, replicasChart } from './charts/autoscaling-charts.js';
import { utilizationChart } from './charts/utilization-chart.js';
import { waitCdfChart } from './charts/wait-cdf-chart.js';
import { availabilityChart, hostsUpChart } from './charts/dynamics-charts.js';
import { escapeHtml } from './html-escape.js';
import { renderFigures, reportPage } from './report-page.js';
import { performanceBreakdown } from './performance-breakdown.js';
import type { ReportData } from './report-data.js';
import { summaryRows } from './summary-rows.js';
import { workloadTable } from './workload-table.js';
import { priorityWaitTable } from './priority-wait-table.js';

/**
 * One chart of the report: its id and title, and either its Vega-Lite spec or a note saying why it
 * is missing.
 *
 * @example
 * ```ts
 * const c: ReportChart = { id: 'queue', title: 'Pending queue length', note: 'no time series' };
 * ```
 */
export type ReportChart = { readonly id: string; readonly title: string } & ({ readonly spec: ChartSpec } | { readonly note: string });

/**
 * The report's charts as Vega-Lite specs, in page order, with a note in place of each chart whose
 * data the run did not record.
 *
 * @example
 * ```ts
 * for (const c of reportCharts(data)) if ('spec' in c) console.log(c.id, JSON.stringify(c.spec).length);
 * ```
 */
export function reportCharts(data: ReportData): ReportChart[] {
  const r = data.result;
  const ts = r.timeseries;
  const noSeries = 'The run kept no time series: give the scenario a `timeseries: { interval }`, or use `podsim run` or simulateForReport(), which sample by default.';
  const slots: ReportChart[] = [];
  slots.push(ts ? { id: 'utilization', title: 'Utilisation over time', spec: utilizationChart(ts) } : { id: 'utilization', title: 'Utilisation over time', note: noSeries });
  slots.push(ts ? { id: 'queue', title: 'Pending queue length', spec: queueChart(ts) } : { id: 'queue', title: 'Pending queue length', note: noSeries });
  if (ts) slots.push({ id: 'activity', title: 'Running containers and hosts in use', spec: activityChart(ts) });
  if (ts?.replicas !== undefined) slots.push({ id: 'replicas', title: 'Replicas over time', spec: replicasChart(ts) });
  if (ts?.hosts !== undefined) slots.push({ id: 'hosts', title: 'Hosts over time', spec: hostsChart(ts) });
  if (ts?.power !== undefined) slots.push({ id: 'power', title: 'Power draw', spec: powerChart(ts) });
  if (ts?.cost !== undefined) slots.push({ id: 'cost', title: 'Cost accrued', spec: costChart(ts) });
  slots.push({ id: 'wait-cdf', title: 'Wait-time CDF', spec: waitCdfChart(data.waitSamples ?? r.wait, 400, r.wait.censored ?? 0) });
  const hs = data.hosts;
  const resources = hs ? Object.keys(hs.utilization).filter((k) => k === 'cpu' || k === 'memory' || Object.keys(hs.utilization).length <= 3) : [];
  if (hs && resources.length > 0 && hs.time.length > 0) {
    for (const res of resources) slots.push({ id: `heatmap-${res.replace(/[^\w-]/g, '_')}`, title: `Per-host ${res} utilisation`, spec: hostHeatmapChart(hs, res) });
  } else {
    slots.push({ id: 'heatmap', title: 'Per-host utilisation', note: 'The run kept no per-host samples: render the report from simulateForReport() or `podsim run --report`.' });
  }
  const perf = data.performance ?? performanceBreakdown(r);
  const title = 'P_a / P_d / P_s breakdown';
  if (perf === undefined || perf.length === 0) {
    slots.push({ id: 'breakdown', title, note: 'No performance figures for this run: the breakdown of each container\'s time into compute (P_a), data transfer (P_d) and system time (P_s) appears when the scenario models performance (work, images, start-up, readiness or memory).' });
  } else if (perf.every((b) => b.pa === 0 && b.pd === 0 && b.ps === 0)) {
    slots.push({ id: 'breakdown', title, note: 'Every finished container\'s P_a, P_d and P_s is 0 (or none finished): the containers have no CPU work, data to transfer, image to pull, start-up or readiness delay to model. Give workloads `work`, an `image`, `startup` or `readiness` for a breakdown.' });
  } else {
    slots.push({ id: 'breakdown', title, spec: breakdownChart(perf) });
  }
  if (r.hosts.groups !== undefined) slots.push({ id: 'hosts-up', title: 'Hosts up per group', spec: hostsUpChart(r) });
  if (Object.values(r.workloads ?? {}).some((w) => w.kind === 'service')) slots.push({ id: 'availability', title: 'Availability per service', spec: availabilityChart(r) });
  return slots;
}

// A table of rows whose first cell names the row (the per-workload and per-priority tables).
function tableHtml(t: { header: readonly string[]; rows: readonly (readonly string[])[] }): string {
  const head = t.header.map((h) => `<th>${escapeHtml(h.toLowerCase())}</th>`).join('');
  const body = t.rows.map((row) => `<tr>${row.map((c, i) => (i === 0 ? `<th>${escapeHtml(c)}</th>` : `<td>${escapeHtml(c)}</td>`)).join('')}</tr>`).join('\n');
  return `<table class="workloads">\n<tr>${head}</tr>\n${body}\n</table>`;
}

// The per-workload table (see workloadTable), with a sentence on censored waits when any.
function workloadSection(data: ReportData): string {
  const r = data.result;
  if (r.workloads === undefined || Object.keys(r.workloads).length === 0) return '';
  const censored = r.wait.censored > 0 ? ` ${r.wait.censored} container${r.wait.censored === 1 ? ' was' : 's were'} still pending at the end: their waits enter every wait figure at their age then (censored), so the true waits are at least as long.` : '';
  const warm = r.warmup !== undefined ? ` Waits count containers submitted from ${r.warmup} s (the warm-up) on.` : '';
  return `<section id="workloads">
<h2>Per workload</h2>
<p>Waits in seconds, from submission to placement.${censored}${warm}</p>
${tableHtml(workloadTable(r))}
</section>`;
}

// A replay's waits per priority class (see priorityWaitTable), when given.
function prioritySection(data: ReportData): string {
  const p = data.priorities;
  if (p === undefined || p.classes.length === 0) return '';
  return `
<section id="priorities">
<h2>Per priority ${p.by === 'tier' ? 'tier' : 'value'}</h2>
<p>Waits in seconds, from submission to placement, of the trace's tasks by their priority in the trace. Priorities do not order the simulated queue (not modelled); censored counts tasks still pending at the end, whose waits enter the figures at their age then.</p>
${tableHtml(priorityWaitTable(p))}
</section>`;
}

/**
 * Renders a self-contained HTML report: the run's summary and its charts as inline SVG (drawn in
 * Node with vega and vega-lite), with no script and nothing fetched, so it opens offline and its
 * Content-Security-Policy forbids any network access. The same data gives the same bytes.
 *
 * @example
 * ```ts
 * import { renderReport, simulateForReport } from 'podsim';
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('report.html', await renderReport(simulateForReport(scenario)));
 * ```
 */
export async function renderReport(data: ReportData): Promise<string> {
  const title = data.title ?? 'podsim report';
  const figures = await renderFigures(reportCharts(data));
  const rows = summaryRows(data.result).map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('\n');
  return reportPage(title, data.sources ?? [], `<section id="summary">
<h2>Summary</h2>
<table class="summary">
${rows}
</table>
</section>
${workloadSection(data)}${prioritySection(data)}
<section id="charts">
<h2>Charts</h2>
${figures.join('\n')}
</section>`);
}
