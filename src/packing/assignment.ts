import { PodsimError } from '../errors.js';
import type { PackProblem } from './pack-problem.js';

/**
 * A packing in array form: how many hosts ("bins") are open, the type of each, and the bin of
 * each unit of a {@link PackProblem}.
 *
 * @example
 * ```ts
 * const a: Assignment = { bins: 2, binType: Int32Array.of(0, 0), binOf: Int32Array.of(0, 1, 0) };
 * ```
 */
export interface Assignment {
  /** Number of open bins; bins are numbered 0 .. bins − 1. */
  readonly bins: number;
  /** Host type index of each bin (length ≥ `bins`). */
  readonly binType: Int32Array;
  /** Bin of each unit. */
  readonly binOf: Int32Array;
}

/**
 * Whether unit `u` fits in an empty host of type `t`.
 *
 * @example
 * ```ts
 * unitFitsType(problem, 0, 3); // true when unit 3's request ≤ type 0's capacity everywhere
 * ```
 */
export function unitFitsType(problem: PackProblem, t: number, u: number): boolean {
  return vectorFitsType(problem, t, problem.size, u * problem.d);
}

/**
 * Whether the vector `v[o .. o + d)` (a request or a host's load) is within the capacity of host
 * type `t` in every dimension.
 *
 * @example
 * ```ts
 * vectorFitsType(problem, 0, loads, b * problem.d); // host b's load fits a host of type 0
 * ```
 */
export function vectorFitsType(problem: PackProblem, t: number, v: Float64Array, o: number): boolean {
  const { d, cap } = problem;
  for (let k = 0; k < d; k++) if ((v[o + k] as number) > (cap[t * d + k] as number)) return false;
  return true;
}

/**
 * The host type to open for unit `u`, given how many of each type are already open: the first
 * type in `problem.typeRank` (or `rank`, when given) that has one left and fits the unit; −1 when
 * none does.
 *
 * @example
 * ```ts
 * const t = chooseHostType(problem, u, openedPerType);
 * ```
 */
export function chooseHostType(problem: PackProblem, u: number, opened: Int32Array, rank: Int32Array = problem.typeRank): number {
  const { max } = problem;
  for (let i = 0; i < rank.length; i++) {
    const t = rank[i] as number;
    if ((opened[t] as number) < (max[t] as number) && unitFitsType(problem, t, u)) return t;
  }
  return -1;
}

/**
 * Opens a host for unit `u`: the type {@link chooseHostType} picks, counted in `opened`.
 *
 * @throws PodsimError ({@link exhaustedError}) when no type has a host left that fits the unit.
 * @example
 * ```ts
 * const t = openHostType(problem, u, openedPerType);
 * binType[bins++] = t;
 * ```
 */
export function openHostType(problem: PackProblem, u: number, opened: Int32Array): number {
  const t = chooseHostType(problem, u, opened);
  if (t < 0) throw exhaustedError(problem, u);
  opened[t] = (opened[t] as number) + 1;
  return t;
}

/**
 * The error thrown when the host types' `max` limits run out before every replica is placed.
 *
 * @example
 * ```ts
 * throw exhaustedError(problem, u);
 * ```
 */
export function exhaustedError(problem: PackProblem, u: number): PodsimError {
  const item = problem.unitItem[u] as number;
  return new PodsimError(
    [
      {
        code: 'capacity_exhausted',
        path: 'hostTypes',
        message: `the max counts of the host types ran out while placing replica ${problem.unitReplica[u] as number} of items[${item}]; raise a max or add a host type`,
      },
    ],
    'pack() could not place every replica',
  );
}

/**
 * The total cost of an assignment's bins.
 *
 * @example
 * ```ts
 * assignmentCost(problem, a); // Σ cost of each bin's type
 * ```
 */
export function assignmentCost(problem: PackProblem, a: Assignment): number {
  let c = 0;
  for (let b = 0; b < a.bins; b++) c += problem.cost[a.binType[b] as number] as number;
  return c;
}

/**
 * Whether assignment `a` is strictly better than `b` for the problem's objective
 * (`hosts`: fewer bins, then lower cost; `cost`: lower cost, then fewer bins).
 *
 * @example
 * ```ts
 * if (isBetter(problem, candidate, best)) best = candidate;
 * ```
 */
export function isBetter(problem: PackProblem, a: Assignment, b: Assignment): boolean {
  const ca = assignmentCost(problem, a);
  const cb = assignmentCost(problem, b);
  if (problem.objective === 'hosts') return a.bins < b.bins || (a.bins === b.bins && ca < cb - 1e-9);
  return ca < cb - 1e-9 || (Math.abs(ca - cb) <= 1e-9 && a.bins < b.bins);
}

/**
 * The loads of an assignment's bins, `bins × d`.
 *
 * @example
 * ```ts
 * const load = binLoads(problem, a); // load[b * problem.d + k]
 * ```
 */
export function binLoads(problem: PackProblem, a: Assignment): Float64Array {
  const { d, n, size } = problem;
  const load = new Float64Array(a.bins * d);
  for (let u = 0; u < n; u++) {
    const b = a.binOf[u] as number;
    for (let k = 0; k < d; k++) load[b * d + k] = (load[b * d + k] as number) + (size[u * d + k] as number);
  }
  return load;
}

/**
 * Gives every bin the cheapest host type that holds its load, within the types' `max` limits,
 * keeping the bins themselves. Bins are served fullest first; if the limits make that greedy
 * choice fail, the original types are kept.
 *
 * @example
 * ```ts
 * const cheaper = retype(problem, a);
 * ```
 */
export function retype(problem: PackProblem, a: Assignment): Assignment {
  const { d, t: types, cost, max, ref } = problem;
  if (types === 1) return a;
  const load = binLoads(problem, a);
  const order = Array.from({ length: a.bins }, (_, b) => b);
  const fill = order.map((b) => {
    let s = 0;
    for (let k = 0; k < d; k++) s += (load[b * d + k] as number) / (ref[k] as number);
    return s;
  });
  order.sort((x, y) => (fill[y] as number) - (fill[x] as number) || x - y);
  const used = new Int32Array(types);
  const binType = new Int32Array(a.bins);
  for (const b of order) {
    let best = -1;
    for (let t = 0; t < types; t++) {
      if ((used[t] as number) >= (max[t] as number)) continue;
      if (!vectorFitsType(problem, t, load, b * d)) continue;
      if (best < 0 || (cost[t] as number) < (cost[best] as number)) best = t;
    }
    if (best < 0) return a;
    binType[b] = best;
    used[best] = (used[best] as number) + 1;
  }
  return { bins: a.bins, binType, binOf: a.binOf };
}

/**
 * Unit indices sorted by decreasing key, ties by increasing index (a stable, deterministic order).
 *
 * @example
 * ```ts
 * decreasingOrder(Float64Array.of(1, 3, 2)); // Int32Array [1, 2, 0]
 * ```
 */
export function decreasingOrder(key: Float64Array): Int32Array {
  const order = new Int32Array(key.length);
  for (let i = 0; i < key.length; i++) order[i] = i;
  order.sort((x, y) => (key[y] as number) - (key[x] as number) || x - y);
  return order;
}
