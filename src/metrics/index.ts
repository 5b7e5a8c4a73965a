export { CompensatedSum } from './compensated-sum.js';
export { Welford } from './welford.js';
export { SampleStore, SampleTable, quantileSorted, EMPTY_SUMMARY } from './sample-store.js';
export type { DistributionSummary } from './sample-store.js';
