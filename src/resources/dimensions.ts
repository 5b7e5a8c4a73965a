/**
 * The unit a resource dimension is counted in, exactly, as an integer.
 *
 * - `millicores`: CPU, where `1000` is one core.
 * - `bytes`: memory and storage.
 * - `bits-per-second`: network bandwidth.
 * - `count`: GPUs and Kubernetes extended resources such as `example.com/fpga`.
 *
 * @example
 * ```ts
 * unitOf('cpu'); // 'millicores'
 * ```
 */
export type ResourceUnit = 'millicores' | 'bytes' | 'bits-per-second' | 'count';

/** The dimensions podsim knows by name; any other valid name is an extended resource counted as a whole number. @example `KNOWN_DIMENSIONS.includes('gpu') // true` */
export const KNOWN_DIMENSIONS = ['cpu', 'memory', 'ephemeral-storage', 'network', 'gpu'] as const;

/**
 * A known dimension name.
 *
 * @example
 * ```ts
 * const d: KnownDimension = 'memory';
 * ```
 */
export type KnownDimension = (typeof KNOWN_DIMENSIONS)[number];

const UNITS: Readonly<Record<string, ResourceUnit>> = {
  cpu: 'millicores',
  memory: 'bytes',
  'ephemeral-storage': 'bytes',
  storage: 'bytes',
  network: 'bits-per-second',
  gpu: 'count',
  'nvidia.com/gpu': 'count',
  'amd.com/gpu': 'count',
};

/**
 * The integer unit podsim stores a dimension in. Unknown names are extended resources, counted.
 *
 * @example
 * ```ts
 * unitOf('memory');            // 'bytes'
 * unitOf('example.com/fpga');  // 'count'
 * ```
 */
export function unitOf(dimension: string): ResourceUnit {
  return UNITS[dimension] ?? 'count';
}

// Kubernetes resource names: an optional DNS-subdomain prefix and a slash, then a name of
// letters, digits, '-', '_' and '.', starting and ending alphanumerically.
const NAME = /^(?:[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/**
 * Whether a string is a valid resource dimension name: a known name, or an extended
 * resource such as `example.com/fpga`.
 *
 * @example
 * ```ts
 * isValidDimensionName('example.com/fpga'); // true
 * isValidDimensionName('bad name');         // false
 * ```
 */
export function isValidDimensionName(name: string): boolean {
  return name.length > 0 && name.length <= 253 && NAME.test(name);
}
