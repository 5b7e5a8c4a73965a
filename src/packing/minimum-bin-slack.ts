import { decreasingOrder, openHostType, type Assignment } from './assignment.js';
import type { PackProblem } from './pack-problem.js';
import { unitSizes } from './size-functions.js';
import { gcd } from './gcd.js';
import { SubsetCounts } from './subset-counts.js';
import { hasBit, orShifted } from './subset-sum-bits.js';

/** In one dimension, capacities up to this (divided by the gcd of the sizes) use exact subset sums. */
const SUBSET_SUM_LIMIT = 1 << 16;

/**
 * Default budget of the subset search for one host, in search nodes.
 *
 * @example
 * ```ts
 * minimumBinSlack(problem, { nodeLimit: MBS_NODE_LIMIT / 4 });
 * ```
 */
export const MBS_NODE_LIMIT = 20000;

/**
 * Options of {@link minimumBinSlack}.
 *
 * @example
 * ```ts
 * const o: MinimumBinSlackOptions = { seedRule: 'constrained' };
 * ```
 */
export interface MinimumBinSlackOptions {
  /**
   * Search budget per host (multi-dimensional or large capacities).
   * @defaultValue 20000
   */
  readonly nodeLimit?: number;
  /**
   * Unit order to use instead of decreasing `sum` size.
   * @defaultValue decreasing size
   */
  readonly order?: Int32Array;
  /**
   * Which unit seeds each host: the largest unplaced one (MBS′), or, in one dimension with one
   * host type and a small capacity, the one with fewest exact completions by at most three
   * others (most constrained first; ties and units with none: the largest).
   * @defaultValue `'largest'`
   */
  readonly seedRule?: 'largest' | 'constrained';
}

/**
 * Minimum bin slack, in Fleszar & Hindi's MBS′ form (Gupta & Ho, 1999; Fleszar & Hindi, 2002):
 * hosts are filled one at a time; each new host takes the largest unplaced unit, then the subset
 * of the other unplaced units that fills it most, found by a depth-first search over units in
 * decreasing order with bound pruning, which stops early when the host is exactly full or the
 * node budget runs out. Fill is the sum over dimensions of load / capacity, and every dimension
 * must stay within capacity; in one dimension this is exactly MBS′. In one dimension with a
 * capacity of at most 65 536 units (after dividing by the gcd of the sizes) the fullest subset is
 * found exactly, with bitsets of reachable subset sums, in O(n · capacity / 32) per host.
 *
 * @param problem - The problem.
 * @param options - Node budget, unit order and seed rule.
 * @throws PodsimError when the host types' `max` limits run out.
 * @example
 * ```ts
 * const a = minimumBinSlack(problem);
 * ```
 */
export function minimumBinSlack(problem: PackProblem, options: MinimumBinSlackOptions = {}): Assignment {
  const nodeLimit = options.nodeLimit ?? MBS_NODE_LIMIT;
  const order = options.order;
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
  const nextDiff = new Int32Array(n + 1);
  const chosen = new Int32Array(n);
  const best = new Int32Array(n);
  const taken = new Uint8Array(n);
  let bins = 0;

  // One dimension with a small capacity (after dividing by the gcd of all sizes): the fullest
  // subset is found exactly with bitsets of reachable sums instead of the bounded search.
  const scaledCap: (number | undefined)[] = [];
  let g = 0;
  if (d === 1) {
    for (let u = 0; u < n; u++) g = gcd(g, size[u] as number);
    for (let t = 0; t < problem.t; t++) {
      const c = cap[t] as number;
      const gt = gcd(g, c);
      scaledCap.push(gt > 0 && c / gt <= SUBSET_SUM_LIMIT ? c / gt : undefined);
    }
  }
  let reach = new Uint32Array(0);
  /** Fills best[] with the positions (in pending) of the fullest subset for a host of type t seeded by `first`; returns its length. */
  const fillExactly1D = (t: number, first: number): number => {
    const gt = gcd(g, cap[t] as number);
    const S = scaledCap[t] as number;
    const W = (S >>> 5) + 1;
    if (reach.length < (left + 1) * W) reach = new Uint32Array((left + 1) * W);
    // reach[p] = sums reachable with pending[p .. left)
    reach.fill(0, left * W, (left + 1) * W);
    reach[left * W] = 1;
    for (let p = left - 1; p >= 1; p--) orShifted(reach, p * W, (p + 1) * W, W, (size[pending[p] as number] as number) / gt);
    const bit = (p: number, x: number): boolean => hasBit(reach, p * W, x);
    let target = Math.floor(((cap[t] as number) - (size[first] as number)) / gt);
    if (left < 2) return 0;
    while (target > 0 && !bit(1, target)) target--;
    let len = 0;
    for (let p = 1; p < left && target > 0; p++) {
      const w = (size[pending[p] as number] as number) / gt;
      if (w <= target && bit(p + 1, target - w)) {
        best[len++] = p;
        target -= w;
      }
    }
    return len;
  };

  // subset counts (by up to three units) per scaled sum, for the constrained seed rule
  const mrv = options.seedRule === 'constrained' && d === 1 && problem.t === 1 && scaledCap[0] !== undefined;
  const S = mrv ? (scaledCap[0] as number) : 0;
  const g0 = mrv ? gcd(g, cap[0] as number) : 1;
  const counts = new SubsetCounts();
  if (mrv) {
    counts.reset(S);
    for (let u = 0; u < n; u++) counts.add((size[u] as number) / g0);
  }
  /** Position in pending of the unit with fewest exact completions (≥ 1); 0 when none has any. */
  const constrainedSeed = (): number => {
    counts.sumPrefixes();
    let best = 0;
    let bestCount = Infinity;
    for (let p = 0; p < left; p++) {
      const w = (size[pending[p] as number] as number) / g0;
      // exact completions by up to three other units (the empty one when the unit fills the host)
      const c = counts.completions(w, S - w, S - w);
      if (c >= 1 && c < bestCount) {
        bestCount = c;
        best = p;
      }
    }
    return best;
  };

  while (left > 0) {
    if (mrv && left > 1) {
      const ps = constrainedSeed();
      if (ps > 0) {
        const seed = pending[ps] as number;
        pending.copyWithin(1, 0, ps);
        pending[0] = seed;
      }
    }
    const first = pending[0] as number;
    const t = openHostType(problem, first, opened);
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
    // nextDiff[p]: the first position after p whose request differs (runs of copies are skipped)
    nextDiff[left - 1] = left;
    for (let p = left - 2; p >= 1; p--) {
      const u = pending[p] as number;
      const v = pending[p + 1] as number;
      let same = true;
      for (let k = 0; k < d && same; k++) if ((size[u * d + k] as number) !== (size[v * d + k] as number)) same = false;
      nextDiff[p] = same ? (nextDiff[p + 1] as number) : p + 1;
    }
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
      for (let p = start; p < left && !exact; p = nextDiff[p] as number) {
        if (fill + (suffix[p] as number) <= bestFill + 1e-12) return;
        if (++nodes > nodeLimit) return;
        const u = pending[p] as number;
        // copies of the same request at this level give the same subsets: try only the first
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
    if (d === 1 && scaledCap[t] !== undefined && (scaledCap[t] as number) > 0) {
      bestLen = fillExactly1D(t, first);
    } else dfs(1, 0);
    binOf[first] = b;
    taken[0] = 1;
    if (mrv) {
      counts.remove((size[first] as number) / g0);
      for (let i = 0; i < bestLen; i++) counts.remove((size[pending[best[i] as number] as number] as number) / g0);
    }
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
