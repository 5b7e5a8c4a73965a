export { simulate } from './simulate.js';
export { Simulation } from './simulation.js';
export type { SimulationOptions } from './simulation.js';
export type { SimulationResult, ContainerCounts, TimeSeries, PerformanceSummary } from './result.js';
export { Outcome, OUTCOME_NAMES } from './lifecycle.js';
export type { OutcomeName, ContainerRecord } from './lifecycle.js';
export type { ExplainRecord } from './kube-policy.js';
