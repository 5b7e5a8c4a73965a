import type { PackProblem } from './pack-problem.js';
import type { SizeFunctionName } from './types.js';

/**
 * Every {@link SizeFunctionName}, in a stable order.
 *
 * @example
 * ```ts
 * SIZE_FUNCTIONS; // ['sum', 'max', 'l2', 'dot']
 * ```
 */
export const SIZE_FUNCTIONS: readonly SizeFunctionName[] = ['sum', 'max', 'l2', 'dot'];

/**
 * The scalar size of a request vector under one of the size functions of Panigrahy et al.
 * (2011). Each component is first normalised by the capacity in that dimension; dimensions
 * with zero capacity are ignored. For `dot`, `weights` gives the weight of each dimension
 * (podsim's packer uses the mean normalised demand of all items); a missing weight counts 1.
 *
 * @param fn - Which size function.
 * @param request - The request, in base units.
 * @param capacity - The normalising capacity, in base units.
 * @param weights - Per-dimension weights for `dot`.
 * @example
 * ```ts
 * vectorSize('sum', { cpu: 500, memory: 2048 }, { cpu: 1000, memory: 4096 }); // 1
 * vectorSize('max', { cpu: 500, memory: 1024 }, { cpu: 1000, memory: 4096 }); // 0.5
 * vectorSize('l2', { cpu: 300, memory: 1600 }, { cpu: 1000, memory: 4000 });  // 0.5
 * vectorSize('dot', { cpu: 500 }, { cpu: 1000 }, { cpu: 0.2 });              // 0.1
 * ```
 */
export function vectorSize(
  fn: SizeFunctionName,
  request: Readonly<Record<string, number>>,
  capacity: Readonly<Record<string, number>>,
  weights: Readonly<Record<string, number>> = {},
): number {
  const dims = Object.keys(capacity).filter((k) => (capacity[k] ?? 0) > 0);
  const x = new Float64Array(dims.length);
  const w = new Float64Array(dims.length);
  dims.forEach((k, i) => {
    x[i] = (request[k] ?? 0) / (capacity[k] as number);
    w[i] = weights[k] ?? 1;
  });
  return scalarSize(fn, x, 0, dims.length, w);
}

/**
 * The size of the normalised vector `x[offset .. offset + d)` under `fn`, with `dot` weights `w`.
 * Allocation-free; used in hot loops.
 *
 * @example
 * ```ts
 * scalarSize('max', Float64Array.of(0.2, 0.7), 0, 2, Float64Array.of(1, 1)); // 0.7
 * ```
 */
export function scalarSize(fn: SizeFunctionName, x: Float64Array, offset: number, d: number, w: Float64Array): number {
  let s = 0;
  switch (fn) {
    case 'sum':
      for (let k = 0; k < d; k++) s += x[offset + k] as number;
      return s;
    case 'max':
      for (let k = 0; k < d; k++) if ((x[offset + k] as number) > s) s = x[offset + k] as number;
      return s;
    case 'l2':
      for (let k = 0; k < d; k++) s += (x[offset + k] as number) * (x[offset + k] as number);
      return Math.sqrt(s);
    case 'dot':
      for (let k = 0; k < d; k++) s += (w[k] as number) * (x[offset + k] as number);
      return s;
  }
}

/**
 * The normalised request of every unit of a problem (`n × d`, divided by `problem.ref`).
 *
 * @example
 * ```ts
 * const x = normalisedSizes(problem); // x[u * problem.d + k] in [0, 1]
 * ```
 */
export function normalisedSizes(problem: PackProblem): Float64Array {
  const { n, d, size, ref } = problem;
  const x = new Float64Array(n * d);
  for (let u = 0; u < n; u++) for (let k = 0; k < d; k++) x[u * d + k] = (size[u * d + k] as number) / (ref[k] as number);
  return x;
}

/**
 * The scalar size of every unit of a problem under `fn`, with sizes normalised by the largest
 * host capacity and `dot` weighted by the mean demand.
 *
 * @example
 * ```ts
 * const s = unitSizes(problem, 'l2'); // s[u] for every unit u
 * ```
 */
export function unitSizes(problem: PackProblem, fn: SizeFunctionName): Float64Array {
  const x = normalisedSizes(problem);
  const out = new Float64Array(problem.n);
  for (let u = 0; u < problem.n; u++) out[u] = scalarSize(fn, x, u * problem.d, problem.d, problem.weight);
  return out;
}
