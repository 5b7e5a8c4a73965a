export { KNOWN_DIMENSIONS, unitOf, isValidDimensionName } from './dimensions.js';
export type { ResourceUnit, KnownDimension } from './dimensions.js';
export { tryParseQuantity, parseQuantity, formatQuantity, describeDimension, describeUnit } from './quantity.js';
export type { QuantityInput, QuantityResult } from './quantity.js';
export { add, subtract, sum, available, fits, compare, equals, dominantShare, isNegative } from './vector.js';
export type { ResourceVector } from './vector.js';
export { parseResources } from './parse.js';
export type { ResourceSpec } from './parse.js';
