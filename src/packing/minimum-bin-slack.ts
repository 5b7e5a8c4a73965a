import { chooseHostType, decreasingOrder, exhaustedError, type Assignment } from './assignment.js';
import type { PackProblem } from './pack-problem.js';
import { unitSizes } from './size-functions.js';

/** Default budget of the subset search for one host, in search nodes. */
export const MBS_NODE_LIMIT = 20000;

/**
 * Minimum bin slack, in Fleszar & Hindi's MBS′ form (Gupta & Ho, 1999; Fleszar & Hindi, 2002):
 * hosts are filled one at a time; each new host takes the largest unplaced unit, then the subset
 * of the other unplaced units that fills it most, found by a depth-first search over units in
 * decreasing order with bound pruning, which stops early when the host is exactly full or the
 * node budget runs out. Fill is the sum over dimensions of load / capacity, and every dimension
 * must stay within capacity; in one dimension this is exactly MBS′.
 *
 * @param problem - The problem.
 * @param nodeLimit - Search budget per host.
 * @param order - Unit order to use instead of decreasing `sum` size (the first unplaced unit
 *   seeds each host, and the search tries units in this order).
 * @throws PodsimError when the host types' `max` limits run out.
 * @example
 * ```ts
 * const a = minimumBinSlack(problem);
 * ```
 */
export function minimumBinSlack(problem: PackProblem, nodeLimit = MBS_NODE_LIMIT, order?: Int32Array): Assignment {
  const { n, d, size, cap } = problem;
  const ord = order ?? decreasingOrder(unitSizes(problem, 'sum'));
  // the list of unplaced units, in order; compacted after each host
  const pending = Int32Array.from(ord);
  let left = n;
  const binOf = new Int32Array(n);
  const binType = new Int32Array(Math.max(n, 1));
  const opened = new Int32Array(problem.t);
  const room = new Float64Array(d);
  const inv = new Float64Array(d);
  const fillOf = new Float64Array(n);
  const suffix = new Float64Array(n + 1);
  const chosen = new Int32Array(n);
  const best = new Int32Array(n);
  const taken = new Uint8Array(n);
  let bins = 0;

  while (left > 0) {
    const first = pending[0] as number;
    const t = chooseHostType(problem, first, opened);
    if (t < 0) throw exhaustedError(problem, first);
    opened[t] = (opened[t] as number) + 1;
    const b = bins++;
    binType[b] = t;
    for (let k = 0; k < d; k++) {
      room[k] = (cap[t * d + k] as number) - (size[first * d + k] as number);
      inv[k] = 1 / (cap[t * d + k] as number);
    }
    // fill value of each pending unit in this host type; suffix sums bound the search
    for (let p = 1; p < left; p++) {
      const u = pending[p] as number;
      let f = 0;
      for (let k = 0; k < d; k++) f += (size[u * d + k] as number) * (inv[k] as number);
      fillOf[p] = f;
    }
    suffix[left] = 0;
    for (let p = left - 1; p >= 1; p--) suffix[p] = (suffix[p + 1] as number) + (fillOf[p] as number);
    let bestFill = 0;
    let bestLen = 0;
    let depth = 0;
    let nodes = 0;
    let exact = false;
    // full = fill of an exactly full host over the dimensions with room
    let full = 0;
    for (let k = 0; k < d; k++) full += (room[k] as number) * (inv[k] as number);
    const dfs = (start: number, fill: number): void => {
      if (fill > bestFill + 1e-12) {
        bestFill = fill;
        bestLen = depth;
        best.set(chosen.subarray(0, depth));
        if (fill >= full - 1e-12) exact = true;
      }
      for (let p = start; p < left && !exact; p++) {
        if (fill + (suffix[p] as number) <= bestFill + 1e-12) return;
        if (++nodes > nodeLimit) return;
        const u = pending[p] as number;
        // skip a unit equal to the previous candidate at this level (same subsets)
        if (p > start) {
          const v = pending[p - 1] as number;
          let same = true;
          for (let k = 0; k < d && same; k++) if ((size[u * d + k] as number) !== (size[v * d + k] as number)) same = false;
          if (same) continue;
        }
        let fits = true;
        for (let k = 0; k < d; k++) if ((size[u * d + k] as number) > (room[k] as number)) fits = false;
        if (!fits) continue;
        for (let k = 0; k < d; k++) room[k] = (room[k] as number) - (size[u * d + k] as number);
        chosen[depth++] = p;
        dfs(p + 1, fill + (fillOf[p] as number));
        depth--;
        for (let k = 0; k < d; k++) room[k] = (room[k] as number) + (size[u * d + k] as number);
      }
    };
    dfs(1, 0);
    binOf[first] = b;
    taken[0] = 1;
    for (let i = 0; i < bestLen; i++) {
      const p = best[i] as number;
      taken[p] = 1;
      binOf[pending[p] as number] = b;
    }
    let w = 0;
    for (let p = 0; p < left; p++) {
      if (taken[p] === 1) taken[p] = 0;
      else pending[w++] = pending[p] as number;
    }
    left = w;
  }
  return { bins, binType, binOf };
}
