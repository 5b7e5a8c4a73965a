export { createRng, RandomStreams } from './streams.js';
export type { Rng } from './streams.js';
export { compileDistribution, checkDistribution, meanOf, DISTRIBUTIONS } from './distributions.js';
export type { DistributionSpec, Sampler } from './distributions.js';
