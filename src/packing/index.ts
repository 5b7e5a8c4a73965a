export { pack } from './pack.js';
export { packLowerBounds } from './pack-lower-bounds.js';
export { lowerBoundL1, lowerBoundL2 } from './lower-bounds.js';
export { vectorSize, scalarSize, SIZE_FUNCTIONS } from './size-functions.js';
export { validatePackInput } from './validate-pack-input.js';
export { PACK_ALGORITHMS } from './types.js';
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
  PackResult,
  PackStats,
  PlacedReplica,
  SizeFunctionName,
} from './types.js';
