import { activityChart } from './charts/activity-chart.js';
import { breakdownChart } from './charts/breakdown-chart.js';
import type { ChartSpec } from './charts/chart-spec.js';
import { hostHeatmapChart } from './charts/host-heatmap-chart.js';
import { queueChart } from './charts/queue-chart.js';
import { utilizationChart } from './charts/utilization-chart.js';
import { waitCdfChart } from './charts/wait-cdf-chart.js';
import { escapeHtml } from './html-escape.js';
import { renderSvg } from './render-svg.js';
import { scopeSvgIds } from './scope-svg-ids.js';
import { performanceBreakdown } from './performance-breakdown.js';
import type { ReportData } from './report-data.js';
import { summaryRows } from './summary-rows.js';

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
  slots.push({ id: 'wait-cdf', title: 'Wait-time CDF', spec: waitCdfChart(data.waitSamples ?? r.wait) });
  const hs = data.hosts;
  const resources = hs ? Object.keys(hs.utilization).filter((k) => k === 'cpu' || k === 'memory' || Object.keys(hs.utilization).length <= 3) : [];
  if (hs && resources.length > 0 && hs.time.length > 0) {
    for (const res of resources) slots.push({ id: `heatmap-${res.replace(/[^\w-]/g, '_')}`, title: `Per-host ${res} utilisation`, spec: hostHeatmapChart(hs, res) });
  } else {
    slots.push({ id: 'heatmap', title: 'Per-host utilisation', note: 'The run kept no per-host samples: render the report from simulateForReport() or `podsim run --report`.' });
  }
  const perf = data.performance ?? performanceBreakdown(r);
  slots.push(perf && perf.length > 0
    ? { id: 'breakdown', title: 'P_a / P_d / P_s breakdown', spec: breakdownChart(perf) }
    : { id: 'breakdown', title: 'P_a / P_d / P_s breakdown', note: 'No performance figures for this run: the breakdown of each container\'s time into compute (P_a), data transfer (P_d) and system time (P_s) appears when the scenario models performance (work, images, start-up, readiness or memory).' });
  return slots;
}

const STYLE = `
:root { color-scheme: light; }
body { font: 15px/1.45 Helvetica, Arial, sans-serif; color: #222; background: #fff; margin: 0; }
main { max-width: 760px; margin: 0 auto; padding: 24px 16px 48px; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.2em; margin: 32px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
.sources { color: #666; margin: 0 0 16px; font-size: 0.9em; }
table.summary { border-collapse: collapse; width: 100%; font-size: 0.92em; }
table.summary th { text-align: left; font-weight: 600; padding: 4px 12px 4px 0; white-space: nowrap; vertical-align: top; color: #444; }
table.summary td { padding: 4px 0; font-variant-numeric: tabular-nums; }
figure.chart { margin: 16px 0 28px; }
figure.chart svg { max-width: 100%; height: auto; display: block; }
figure.chart.missing { border: 1px dashed #ccc; padding: 12px 16px; color: #555; }
figure.chart.missing figcaption { font-weight: 600; color: #333; margin-bottom: 4px; }
footer { color: #888; font-size: 0.85em; margin-top: 40px; }
`;

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
  const figures: string[] = [];
  for (const slot of reportCharts(data)) {
    if ('spec' in slot) {
      const svg = scopeSvgIds(await renderSvg(slot.spec), `chart-${slot.id}`);
      figures.push(`<figure class="chart" id="chart-${slot.id}" aria-label="${escapeHtml(slot.title)}">\n${svg}\n</figure>`);
    } else {
      figures.push(`<figure class="chart missing" id="chart-${slot.id}"><figcaption>${escapeHtml(slot.title)}</figcaption><p>${escapeHtml(slot.note)}</p></figure>`);
    }
  }
  const rows = summaryRows(data.result).map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('\n');
  const sources = data.sources && data.sources.length > 0 ? `<p class="sources">${data.sources.map(escapeHtml).join(', ')}</p>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${sources}
<section id="summary">
<h2>Summary</h2>
<table class="summary">
${rows}
</table>
</section>
<section id="charts">
<h2>Charts</h2>
${figures.join('\n')}
</section>
<footer>Generated by podsim. Same scenario and seed, same report.</footer>
</main>
</body>
</html>
`;
}
