import { decreasingOrder, openHostType, type Assignment } from './assignment.js';
import type { PackProblem } from './pack-problem.js';
import { scalarSize, unitSizes } from './size-functions.js';
import type { SizeFunctionName } from './types.js';

/**
 * Best-fit decreasing: units sorted by decreasing size under `fn` (ties by input order), each
 * placed in the open host where it fits and where the room left afterwards, normalised and
 * measured by the same size function, is smallest (ties: the lowest-numbered host); a new host
 * is opened only when none fits. O(n · hosts · d).
 *
 * @param problem - The problem.
 * @param fn - The size function that orders units and measures leftover room.
 * @throws PodsimError when the host types' `max` limits run out.
 * @example
 * ```ts
 * const a = bestFitDecreasing(problem, 'l2');
 * ```
 */
export function bestFitDecreasing(problem: PackProblem, fn: SizeFunctionName): Assignment {
  const { n, d, size, cap, ref, weight } = problem;
  const order = decreasingOrder(unitSizes(problem, fn));
  const resid = new Float64Array(n * d);
  const tmp = new Float64Array(d);
  const binOf = new Int32Array(n);
  const binType = new Int32Array(Math.max(n, 1));
  const opened = new Int32Array(problem.t);
  let bins = 0;
  for (let i = 0; i < n; i++) {
    const u = order[i] as number;
    let best = -1;
    let bestScore = Infinity;
    for (let b = 0; b < bins; b++) {
      let fits = true;
      for (let k = 0; k < d; k++) {
        const left = (resid[b * d + k] as number) - (size[u * d + k] as number);
        if (left < 0) {
          fits = false;
          break;
        }
        tmp[k] = left / (ref[k] as number);
      }
      if (!fits) continue;
      const score = scalarSize(fn, tmp, 0, d, weight);
      if (score < bestScore) {
        bestScore = score;
        best = b;
      }
    }
    if (best < 0) {
      const t = openHostType(problem, u, opened);
      best = bins++;
      binType[best] = t;
      for (let k = 0; k < d; k++) resid[best * d + k] = cap[t * d + k] as number;
    }
    binOf[u] = best;
    for (let k = 0; k < d; k++) resid[best * d + k] = (resid[best * d + k] as number) - (size[u * d + k] as number);
  }
  return { bins, binType, binOf };
}
