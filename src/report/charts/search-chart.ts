import type { CapacityResult } from '../../experiments/find-capacity.js';
import { base, type ChartSpec } from './chart-spec.js';

const STATUS_COLORS = { domain: ['meets', 'fails', 'undecided', 'invalid'], range: ['#27ae60', '#c0392b', '#f39c12', '#7f8c8d'] };

/**
 * The path a capacity search took: each value tried, in order, coloured by whether it met the
 * objectives, with the answer marked.
 *
 * @example
 * ```ts
 * const svg = await renderSvg(searchPathChart(cap));
 * ```
 */
export function searchPathChart(cap: CapacityResult): ChartSpec {
  const values = cap.evidence.map((e, i) => ({ step: i + 1, value: e.value, status: e.status, replications: e.replications }));
  const layers: Record<string, unknown>[] = [
    { mark: { type: 'line', color: '#bbb' }, encoding: { x: { field: 'step', type: 'ordinal', title: 'step of the search', axis: { labelAngle: 0 } }, y: { field: 'value', type: 'quantitative', title: cap.vary } } },
    { mark: { type: 'point', filled: true, size: 80 }, encoding: { x: { field: 'step', type: 'ordinal' }, y: { field: 'value', type: 'quantitative' }, color: { field: 'status', type: 'nominal', scale: STATUS_COLORS, title: 'status' } } },
  ];
  if (cap.found) layers.push({ data: { values: [{ answer: cap.value }] }, mark: { type: 'rule', strokeDash: [4, 3], color: '#27ae60' }, encoding: { y: { field: 'answer', type: 'quantitative' } } });
  return { ...base('Search path', 560, 200), data: { values }, layer: layers };
}

/**
 * One objective's metric at every value the search tried, with its confidence interval, and the
 * objective's bound as a line.
 *
 * @example
 * ```ts
 * const svg = await renderSvg(capacityMetricChart(cap, 'wait.p99'));
 * ```
 */
export function capacityMetricChart(cap: CapacityResult, metric: string): ChartSpec {
  const values = cap.evidence.filter((e) => e.metrics[metric] !== undefined).map((e) => {
    const m = e.metrics[metric] as { mean: number; ci: readonly [number, number] };
    return { value: e.value, mean: m.mean, lo: m.ci[0], hi: m.ci[1], status: e.status };
  }).sort((a, b) => a.value - b.value);
  const slo = cap.slo[metric] ?? {};
  const bounds = [slo.max, slo.min].filter((b): b is number => b !== undefined).map((b) => ({ bound: b }));
  const x = { field: 'value', type: 'quantitative', title: cap.vary, scale: { zero: false, padding: 16 } };
  return {
    ...base(`${metric} at each value tried (${Math.round(cap.confidence * 100)}% intervals)`, 560, 220),
    data: { values },
    layer: [
      { mark: { type: 'rule' }, encoding: { x, y: { field: 'lo', type: 'quantitative', title: metric }, y2: { field: 'hi' } } },
      { mark: { type: 'point', filled: true, size: 60 }, encoding: { x, y: { field: 'mean', type: 'quantitative' }, color: { field: 'status', type: 'nominal', scale: STATUS_COLORS, title: 'status' } } },
      { data: { values: bounds }, mark: { type: 'rule', strokeDash: [6, 4], color: '#555' }, encoding: { y: { field: 'bound', type: 'quantitative' } } },
    ],
  };
}
