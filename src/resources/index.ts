/**
 * Quantities and resource vectors in the user's units: `500m` CPU, `1Gi` memory, `1G` bit/s, parsed to exact
 * integers (millicores, bytes, bit/s).
 *
 * @example
 * ```ts
 * import { formatQuantity, parseQuantity } from 'podsim/resources';
 * parseQuantity('500m', 'cpu');       // 500 (millicores)
 * formatQuantity(2 ** 30, 'memory');  // '1Gi'
 * ```
 * @packageDocumentation
 * @module podsim/resources
 */
export { KNOWN_DIMENSIONS, unitOf, isValidDimensionName } from './dimensions.js';
export type { ResourceUnit, KnownDimension } from './dimensions.js';
export { tryParseQuantity, parseQuantity, formatQuantity, describeDimension, describeUnit } from './quantity.js';
export type { QuantityInput, QuantityResult } from './quantity.js';
export { add, subtract, sum, available, fits, compare, equals, dominantShare, isNegative } from './vector.js';
export type { ResourceVector } from './vector.js';
export { parseResources } from './parse.js';
export type { ResourceSpec } from './parse.js';
