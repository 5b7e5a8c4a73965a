export { simulate } from './simulate.js';
export { Simulation } from './simulation.js';
export type { SimulationOptions } from './simulation.js';
export type { SimulationResult, ContainerCounts, TimeSeries } from './result.js';
