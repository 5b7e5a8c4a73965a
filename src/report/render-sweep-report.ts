import type { ExperimentResult } from '../experiments/experiment.js';
import type { CapacityResult } from '../experiments/find-capacity.js';
import { capacityMetricChart, searchPathChart } from './charts/search-chart.js';
import { sweepChart } from './charts/sweep-chart.js';
import { formatNumber } from './format.js';
import { escapeHtml } from './html-escape.js';
import type { ReportChart } from './render-report.js';
import { renderFigures, reportPage } from './report-page.js';

const id = (s: string) => s.replace(/[^\w-]/g, '_');

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return `<table class="summary">\n<tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>\n${rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n')}\n</table>`;
}

const interval = (m: { mean: number; halfWidth: number } | undefined) => (m === undefined ? '—' : `${formatNumber(m.mean)} ± ${formatNumber(m.halfWidth)}`);

/**
 * A self-contained HTML report of a sweep: the table of points (each metric's mean ± half-width),
 * and for each metric a chart against the varied value, one line per other factor, with its
 * confidence band. The same result gives the same bytes.
 *
 * @example
 * ```ts
 * writeFileSync('sweep.html', await renderSweepReport(await experiment(options)));
 * ```
 */
export async function renderSweepReport(ex: ExperimentResult, options: { readonly title?: string; readonly sources?: readonly string[] } = {}): Promise<string> {
  const slots: ReportChart[] = ex.metrics.map((m) => ({ id: `metric-${id(m)}`, title: m, spec: sweepChart(ex, m) }));
  const figures = await renderFigures(slots);
  const header = [...ex.factors, 'n', ...ex.metrics, ...(ex.baseline !== undefined ? ex.metrics.map((m) => `Δ ${m}`) : [])];
  const rows = ex.points.map((p) => [
    ...ex.factors.map((f) => String(p.values[f])),
    p.stopped === 'failed' ? 'failed' : String(p.replications),
    ...ex.metrics.map((m) => (p.issues !== undefined ? (p.issues[0]?.message ?? '') : interval(p.metrics[m]))),
    ...(ex.baseline !== undefined ? ex.metrics.map((m) => interval(p.differences?.[m])) : []),
  ]);
  const about = `${ex.points.length} point${ex.points.length === 1 ? '' : 's'}, ${Math.round(ex.confidence * 100)}% intervals, warm-up ${ex.warmup.seconds} s (${ex.warmup.method})`;
  return reportPage(options.title ?? 'podsim sweep', options.sources ?? [], `<section id="points">
<h2>Points</h2>
<p>${escapeHtml(about)}</p>
${table(header, rows)}
</section>
<section id="charts">
<h2>Charts</h2>
${figures.join('\n')}
</section>`);
}

/**
 * A self-contained HTML report of a capacity search: the answer, the analytic estimate, the
 * evidence table, the search path, and each objective's metric at every value tried.
 *
 * @example
 * ```ts
 * writeFileSync('plan.html', await renderPlanReport(await findCapacity(options)));
 * ```
 */
export async function renderPlanReport(cap: CapacityResult, options: { readonly title?: string; readonly sources?: readonly string[] } = {}): Promise<string> {
  const metrics = Object.keys(cap.slo);
  const slots: ReportChart[] = [
    { id: 'search-path', title: 'Search path', spec: searchPathChart(cap) },
    ...metrics.map((m) => ({ id: `metric-${id(m)}`, title: m, spec: capacityMetricChart(cap, m) })),
  ];
  const figures = await renderFigures(slots);
  const rows = cap.evidence.map((e, i) => [String(i + 1), String(e.value), e.status, String(e.replications), ...metrics.map((m) => (e.issues !== undefined ? (e.issues[0]?.message ?? '') : interval(e.metrics[m])))]);
  const estimate = cap.analytic.value !== undefined ? `${cap.analytic.value} (${cap.analytic.model})` : cap.analytic.model;
  return reportPage(options.title ?? 'podsim plan', options.sources ?? [], `<section id="answer">
<h2>Answer</h2>
<p>${escapeHtml(cap.message)}</p>
<p>Analytic estimate: ${escapeHtml(estimate)}</p>
${cap.warnings.map((w) => `<p>${escapeHtml(w)}</p>`).join('\n')}
</section>
<section id="evidence">
<h2>Evidence</h2>
${table(['step', cap.vary, 'status', 'n', ...metrics], rows)}
</section>
<section id="charts">
<h2>Charts</h2>
${figures.join('\n')}
</section>`);
}
