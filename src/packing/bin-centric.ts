import { decreasingOrder, openHostType, type Assignment } from './assignment.js';
import type { PackProblem } from './pack-problem.js';
import { unitSizes } from './size-functions.js';

/**
 * The scoring rules of the bin-centric heuristics: `dot` maximises the weighted dot product of
 * the item and the host's remaining room; `l2` minimises the weighted squared L2 distance
 * between the remaining room and the item.
 *
 * @example
 * ```ts
 * const rule: BinCentricRule = 'dot';
 * ```
 */
export type BinCentricRule = 'dot' | 'l2';

/**
 * Panigrahy et al.'s bin-centric heuristics (2011): open one host, then repeatedly add the
 * unplaced unit that fits and scores best against the host's remaining room (both normalised
 * by the largest capacity, dimensions weighted by mean demand); when nothing fits, open the
 * next host. Ties go to the larger unit (by the `dot` size), then input order. The type of each
 * new host is chosen for the largest unplaced unit. O(n² · d).
 *
 * @param problem - The problem.
 * @param rule - The scoring rule.
 * @throws PodsimError when the host types' `max` limits run out.
 * @example
 * ```ts
 * const a = binCentric(problem, 'dot');
 * ```
 */
export function binCentric(problem: PackProblem, rule: BinCentricRule): Assignment {
  const { n, d, size, cap, ref, weight } = problem;
  const pending = decreasingOrder(unitSizes(problem, 'dot'));
  let left = n;
  const room = new Float64Array(d);
  const binOf = new Int32Array(n);
  const binType = new Int32Array(Math.max(n, 1));
  const opened = new Int32Array(problem.t);
  let bins = 0;
  while (left > 0) {
    const first = pending[0] as number;
    const t = openHostType(problem, first, opened);
    const b = bins++;
    binType[b] = t;
    for (let k = 0; k < d; k++) room[k] = cap[t * d + k] as number;
    for (;;) {
      let bestPos = -1;
      let bestScore = -Infinity;
      for (let p = 0; p < left; p++) {
        const u = pending[p] as number;
        let score = 0;
        let fits = true;
        for (let k = 0; k < d; k++) {
          const w = size[u * d + k] as number;
          const r = room[k] as number;
          if (w > r) {
            fits = false;
            break;
          }
          const rk = ref[k] as number;
          if (rule === 'dot') score += ((weight[k] as number) * w * r) / (rk * rk);
          else {
            const gap = (r - w) / rk;
            score -= (weight[k] as number) * gap * gap;
          }
        }
        if (fits && score > bestScore) {
          bestScore = score;
          bestPos = p;
        }
      }
      if (bestPos < 0) break;
      const u = pending[bestPos] as number;
      binOf[u] = b;
      for (let k = 0; k < d; k++) room[k] = (room[k] as number) - (size[u * d + k] as number);
      // remove from pending, keeping the decreasing order
      pending.copyWithin(bestPos, bestPos + 1, left);
      left--;
    }
  }
  return { bins, binType, binOf };
}
