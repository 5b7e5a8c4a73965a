/**
 * The offline packer: the fewest (or cheapest) hosts that hold a set of containers, with lower bounds, size
 * functions and benchmark instances (OR-Library, Caprara–Toth, triplets).
 *
 * @example
 * ```ts
 * import { pack } from 'podsim/packing';
 * const GiB = 2 ** 30;
 * const r = pack({
 *   items: [{ name: 'web', request: { cpu: 500, memory: GiB }, replicas: 10 }],
 *   hostTypes: [{ name: 'm5.xlarge', capacity: { cpu: 4000, memory: 16 * GiB } }],
 * });
 * console.log(r.hostCount, r.lowerBound.hosts); // 2 2
 * ```
 * @packageDocumentation
 * @module podsim/packing
 */
export { pack } from './pack.js';
export { packLowerBounds } from './pack-lower-bounds.js';
export { lowerBoundL1, lowerBoundL2 } from './lower-bounds.js';
export { vectorSize, scalarSize, SIZE_FUNCTIONS } from './size-functions.js';
export { validatePackInput } from './validate-pack-input.js';
export { PACK_ALGORITHMS } from './types.js';
export { describeAmount } from './describe-amount.js';
export { capraraTothInstance, parseOrlibBinpack, tripletInstance, uniformInstance, type OrlibInstance, type PackInstance } from './instances.js';
export type {
  PackAlgorithm,
  PackedHost,
  PackHostType,
  PackInput,
  PackItem,
  PackLowerBounds,
  PackObjective,
  PackOptions,
  PackKubeOptions,
  PackResult,
  PackStats,
  PlacedReplica,
  SizeFunctionName,
} from './types.js';
