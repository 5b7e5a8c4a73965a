/**
 * Seeded randomness: independent named random streams and the distributions scenarios use.
 *
 * @example
 * ```ts
 * import { RandomStreams, compileDistribution } from 'podsim/random';
 * const streams = new RandomStreams(42);
 * const draw = compileDistribution({ distribution: 'exponential', mean: 2 });
 * draw(streams.get('durations')); // the same number for the same seed and stream name
 * ```
 * @packageDocumentation
 * @module podsim/random
 */
export { createRng, RandomStreams } from './streams.js';
export type { Rng } from './streams.js';
export { compileDistribution, checkDistribution, meanOf, DISTRIBUTIONS } from './distributions.js';
export type { DistributionSpec, Sampler } from './distributions.js';
