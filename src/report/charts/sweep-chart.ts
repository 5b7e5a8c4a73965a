import type { ExperimentResult } from '../../experiments/experiment.js';
import { base, type ChartSpec } from './chart-spec.js';

/** How a point's values print in a legend or on a category axis (the title names the paths): `kube, 8`. */
function label(values: Readonly<Record<string, unknown>>, factors: readonly string[]): string {
  return factors.length === 0 ? 'all' : factors.map((f) => (typeof values[f] === 'string' ? (values[f] as string) : JSON.stringify(values[f]))).join(', ');
}

/**
 * One metric of a sweep against a varied value, with its confidence band: the x axis is the first
 * factor whose values are all numbers (else the first factor, as categories), and each combination
 * of the other factors is a line of its own colour. Failed points are left out.
 *
 * @param ex - What `experiment()` returned.
 * @param metric - One of its metrics.
 * @example
 * ```ts
 * const svg = await renderSvg(sweepChart(ex, 'wait.p99'));
 * ```
 */
export function sweepChart(ex: ExperimentResult, metric: string): ChartSpec {
  const numeric = ex.factors.find((f) => ex.points.every((p) => typeof p.values[f] === 'number'));
  const x = numeric ?? ex.factors[0];
  const others = ex.factors.filter((f) => f !== x);
  const values = ex.points.filter((p) => p.metrics[metric] !== undefined).map((p) => {
    const m = p.metrics[metric] as { mean: number; ci: readonly [number, number] };
    // An interval from one replication is unbounded; draw the mean alone then.
    const [lo, hi] = Number.isFinite(m.ci[0]) && Number.isFinite(m.ci[1]) ? m.ci : [m.mean, m.mean];
    return { x: x === undefined ? 'all' : (numeric !== undefined ? p.values[x] : label({ [x]: p.values[x] }, [x])), series: label(p.values, others), mean: m.mean, lo, hi };
  });
  const xEnc = numeric !== undefined
    ? { field: 'x', type: 'quantitative', title: x, scale: { zero: false, padding: 12 } }
    : { field: 'x', type: 'nominal', title: x ?? '', sort: null };
  const color = others.length > 0 ? { color: { field: 'series', type: 'nominal', title: others.join(', ') } } : {};
  const band = numeric !== undefined
    ? { mark: { type: 'area', opacity: 0.2 }, encoding: { x: xEnc, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, ...color } }
    : { mark: { type: 'rule', strokeWidth: 2 }, encoding: { x: xEnc, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, ...color } };
  return {
    ...base(`${metric}: mean with ${Math.round(ex.confidence * 100)}% confidence interval`, 560, 220),
    data: { values },
    layer: [
      band,
      { mark: numeric !== undefined ? { type: 'line', point: { filled: true } } : { type: 'point', filled: true }, encoding: { x: xEnc, y: { field: 'mean', type: 'quantitative', title: metric, scale: { zero: false } }, ...color } },
    ],
  };
}
