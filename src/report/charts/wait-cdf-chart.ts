import type { DistributionSummary } from '../../metrics/sample-store.js';
import { quantileSorted } from '../../metrics/sample-store.js';
import { base, type ChartSpec } from './chart-spec.js';

/**
 * The cumulative distribution of containers' wait (submission to placement). Given every wait it
 * draws the exact empirical CDF (thinned to `maxPoints` quantiles); given only the result's
 * summary it draws the CDF through p50, p90, p99 and the maximum, and says so in the subtitle.
 *
 * Given samples it draws at least 100 quantiles (every sample when there are fewer), exact (type 7)
 * from the sorted samples.
 *
 * @param wait - Every wait in seconds, or the result's `wait` summary.
 * @param maxPoints - Quantiles drawn at most from samples (at least 101). @defaultValue 400
 * @param censored - How many of the waits are ages of containers still pending at the end (said in the subtitle). @defaultValue 0
 * @example
 * ```ts
 * const svg = await renderSvg(waitCdfChart(result.wait));
 * ```
 */
export function waitCdfChart(wait: ArrayLike<number> | DistributionSummary, maxPoints = 400, censored = 0): ChartSpec {
  let values: { wait: number; fraction: number }[];
  let subtitle: string;
  if (isSummary(wait)) {
    values = [
      { wait: 0, fraction: 0 },
      { wait: wait.p50, fraction: 0.5 },
      { wait: wait.p90, fraction: 0.9 },
      { wait: wait.p99, fraction: 0.99 },
      { wait: wait.max, fraction: 1 },
    ];
    subtitle = 'through p50, p90, p99 and max (the run kept no per-container waits)';
  } else {
    const sorted = Float64Array.from(wait).sort();
    const n = sorted.length;
    values = [];
    if (n > 0) {
      const m = Math.min(n, Math.max(101, maxPoints));
      values.push({ wait: 0, fraction: 0 });
      for (let k = 0; k < m; k++) {
        const q = m === 1 ? 1 : k / (m - 1);
        values.push({ wait: quantileSorted(sorted, q), fraction: q });
      }
    }
    subtitle = `${n} containers, ${Math.min(n, Math.max(101, maxPoints))} exact quantiles${censored > 0 ? `; ${censored} still pending at the end, at their age then (censored)` : ''}`;
  }
  const maxWait = values.reduce((a, v) => Math.max(a, v.wait), 0);
  return {
    ...base({ text: 'Wait-time CDF', subtitle }, 640, 200),
    data: { values },
    layer: [
      { mark: { type: 'line', interpolate: isSummary(wait) ? 'linear' : 'step-after', strokeWidth: 1.5 } },
      ...(isSummary(wait) ? [{ mark: { type: 'point', filled: true, size: 40 } }] : []),
    ],
    encoding: {
      x: { field: 'wait', type: 'quantitative', title: 'wait (s)', scale: { domain: [0, maxWait > 0 ? maxWait : 1] } },
      y: { field: 'fraction', type: 'quantitative', title: 'fraction of containers', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
    },
  };
}

function isSummary(w: ArrayLike<number> | DistributionSummary): w is DistributionSummary {
  return typeof (w as DistributionSummary).p50 === 'number' && typeof (w as ArrayLike<number>).length !== 'number';
}
