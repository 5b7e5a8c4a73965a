export { simulate } from './simulate.js';
export { Simulation } from './simulation.js';
export type { SimulationOptions, SimulationRunOptions } from './simulation.js';
export type { SimulationEvent, SimulationEventKind, SimulationListener } from './observation.js';
export type { ClusterSnapshot, HostSnapshot, ContainerSnapshot, ContainerUsage } from './snapshot.js';
export type { SimulationResult, ContainerCounts, TimeSeries, PerformanceSummary } from './result.js';
export { Outcome, OUTCOME_NAMES } from './lifecycle.js';
export type { OutcomeName, ContainerRecord } from './lifecycle.js';
export type { ExplainRecord, WaitSummary, WorkloadResult, WorkloadPerformance, ContainerSummary } from './result.js';
