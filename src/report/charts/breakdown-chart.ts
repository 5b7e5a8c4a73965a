import type { WorkloadBreakdown } from '../report-data.js';
import { base, type ChartSpec } from './chart-spec.js';

const PARTS = [
  ['pa', 'P_a compute'],
  ['pd', 'P_d data transfer'],
  ['ps', 'P_s system (pull, start, readiness)'],
] as const;

/**
 * A stacked bar per workload splitting its containers' mean time into P_a, P_d and P_s.
 *
 * @example
 * ```ts
 * const svg = await renderSvg(breakdownChart([{ workload: 'web', pa: 1.2, pd: 0.3, ps: 0.8 }]));
 * ```
 */
export function breakdownChart(rows: readonly WorkloadBreakdown[]): ChartSpec {
  const values = rows.flatMap((r) => PARTS.map(([k, part], order) => ({ workload: r.workload, part, order, seconds: r[k] })));
  return {
    ...base('Where containers spend their time: P_c = P_a + P_d + P_s', 640, Math.max(40, rows.length * 28)),
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'workload', type: 'nominal', title: null, sort: rows.map((r) => r.workload) },
      x: { field: 'seconds', type: 'quantitative', title: 'mean seconds per container', stack: 'zero' },
      color: { field: 'part', type: 'nominal', title: null, sort: PARTS.map((p) => p[1]), legend: { orient: 'bottom', labelLimit: 320 } },
      order: { field: 'order', type: 'quantitative' },
    },
  };
}
