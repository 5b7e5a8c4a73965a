export { simulate } from './simulate.js';
export { Simulation } from './simulation.js';
export type { SimulationOptions, SimulationRunOptions } from './simulation.js';
export type { SimulationEvent, SimulationEventKind, SimulationListener } from './observation.js';
export type { ClusterSnapshot, HostSnapshot, ContainerSnapshot, ContainerUsage } from './snapshot.js';
export type { SimulationResult, ContainerCounts, TimeSeries } from './result.js';
