import { decreasingOrder, openHostType, type Assignment } from './assignment.js';
import type { PackProblem } from './pack-problem.js';
import { unitSizes } from './size-functions.js';
import type { SizeFunctionName } from './types.js';

/**
 * First-fit decreasing: units sorted by decreasing size under `fn` (ties by input order), each
 * placed in the lowest-numbered open host where it fits in every dimension, or in a new host
 * whose type {@link openHostType} picks. A segment tree over the hosts keeps the per-dimension
 * maximum remaining room, so the first fitting host is found without scanning them all
 * (O(n log n) in one dimension).
 *
 * @param problem - The problem.
 * @param fn - The size function that orders the units.
 * @throws PodsimError when the host types' `max` limits run out.
 * @example
 * ```ts
 * const a = firstFitDecreasing(problem, 'sum');
 * a.bins; // hosts opened
 * ```
 */
export function firstFitDecreasing(problem: PackProblem, fn: SizeFunctionName): Assignment {
  const { n, d, size, cap } = problem;
  const order = decreasingOrder(unitSizes(problem, fn));
  let leaves = 1;
  while (leaves < n) leaves <<= 1;
  const tree = new Float64Array(2 * leaves * d).fill(-1);
  const binOf = new Int32Array(n);
  const binType = new Int32Array(Math.max(n, 1));
  const opened = new Int32Array(problem.t);
  let bins = 0;

  const find = (node: number, u: number): number => {
    for (let k = 0; k < d; k++) if ((tree[node * d + k] as number) < (size[u * d + k] as number)) return -1;
    if (node >= leaves) return node - leaves;
    const left = find(2 * node, u);
    return left >= 0 ? left : find(2 * node + 1, u);
  };

  for (let i = 0; i < n; i++) {
    const u = order[i] as number;
    let b = find(1, u);
    let node: number;
    if (b < 0) {
      const t = openHostType(problem, u, opened);
      b = bins++;
      binType[b] = t;
      node = b + leaves;
      for (let k = 0; k < d; k++) tree[node * d + k] = cap[t * d + k] as number;
    } else node = b + leaves;
    binOf[u] = b;
    for (let k = 0; k < d; k++) tree[node * d + k] = (tree[node * d + k] as number) - (size[u * d + k] as number);
    for (node >>= 1; node >= 1; node >>= 1) {
      for (let k = 0; k < d; k++) {
        const l = tree[2 * node * d + k] as number;
        const r = tree[(2 * node + 1) * d + k] as number;
        tree[node * d + k] = l > r ? l : r;
      }
    }
  }
  return { bins, binType, binOf };
}
