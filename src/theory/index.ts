/**
 * Queueing theory beside the simulation: Erlang B and C, the M/M/c queue and its wait distribution,
 * M/M/1 processor sharing, Little's law, M/M/∞ from an empty start, and the stationary
 * distribution of Markov chains (MMPP). Use it to sanity-check a simulation, to size a first
 * guess, or (as `findCapacity` does) to bracket a search.
 *
 * @example
 * ```ts
 * import { mmc, erlangC } from 'podsim/theory';
 * mmc(10, 8, 1).waitQuantile(0.99);
 * ```
 * @packageDocumentation
 */
export { erlangB } from './erlang-b.js';
export { erlangC } from './erlang-c.js';
export { mmc } from './mmc.js';
export type { MmcQueue } from './mmc.js';
export { mm1ProcessorSharing } from './processor-sharing.js';
export type { ProcessorSharingQueue } from './processor-sharing.js';
export { littlesLaw } from './littles-law.js';
export type { LittlesLawInput } from './littles-law.js';
export { mmInfinityTimeAverage } from './infinite-servers.js';
export { stationaryDistribution, mmppArrivalRate } from './markov-chain.js';
