/**
 * Numerically careful statistics for long runs: compensated sums, Welford's moments, sample stores with
 * exact quantiles, and a quantile sketch with a relative error bound for bounded memory.
 *
 * @example
 * ```ts
 * import { Welford } from 'podsim/metrics';
 * const w = new Welford();
 * for (const x of [1, 2, 3, 4]) w.add(x);
 * console.log(w.mean); // 2.5
 * ```
 * @packageDocumentation
 * @module podsim/metrics
 */
export { CompensatedSum } from './compensated-sum.js';
export { Welford } from './welford.js';
export { SampleStore, SampleTable, quantileSorted, summarizeValues, EMPTY_SUMMARY } from './sample-store.js';
export type { DistributionSummary, SampleBound } from './sample-store.js';
export { QuantileSketch } from './quantile-sketch.js';
