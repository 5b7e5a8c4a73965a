import { formatQuantity } from '../resources/quantity.js';

/**
 * An amount of a resource in the words a user would use: CPU in cores (`28 cores`, `0.5 cores`,
 * `1 core`), pods as a count, other dimensions as Kubernetes quantities (`16Gi`).
 *
 * @param value - The exact amount in the dimension's base unit (millicores for `cpu`, bytes for `memory`).
 * @param dim - The dimension's name.
 * @example
 * ```ts
 * describeAmount(28000, 'cpu');         // '28 cores'
 * describeAmount(2 ** 34, 'memory');    // '16Gi'
 * ```
 */
export function describeAmount(value: number, dim: string): string {
  if (dim === 'cpu') {
    const cores = Math.round(value) / 1000;
    return `${cores} core${cores === 1 ? '' : 's'}`;
  }
  if (dim === 'pods') return `${value} pod${value === 1 ? '' : 's'}`;
  return formatQuantity(value, dim);
}
