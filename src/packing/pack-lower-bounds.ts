import { PodsimError } from '../errors.js';
import { unitFitsType } from './assignment.js';
import { lowerBoundL1, lowerBoundL2 } from './lower-bounds.js';
import { buildPackProblem, type PackProblem } from './pack-problem.js';
import { unitSizes } from './size-functions.js';
import type { PackHostType, PackItem, PackLowerBounds } from './types.js';
import { validatePackInput } from './validate-pack-input.js';

/**
 * The lower bounds of a {@link PackProblem}: per active dimension, L1 and Martello–Toth L2 with
 * the largest capacity of any host type in that dimension (a valid relaxation for mixed host
 * types and `max` limits); with several dimensions also a conflict bound (a greedy set of units
 * no two of which fit together in any host); and a cardinality bound (units divided by the most
 * units one host can hold). The host bound is the largest of them, and at
 * least 1 when any replica is to be placed. The cost bound is the larger of (host bound × cheapest useful host
 * type) and, per dimension, the demand bought at the cheapest price per unit of capacity.
 *
 * @example
 * ```ts
 * problemLowerBounds(buildPackProblem(input)).hosts;
 * ```
 */
export function problemLowerBounds(problem: PackProblem): PackLowerBounds {
  const { n, d, size, ref, t: types, cap, cost } = problem;
  const perDimension: Record<string, { l1: number; l2: number }> = {};
  let l1 = 0;
  let l2 = 0;
  const column = new Float64Array(n);
  for (let k = 0; k < d; k++) {
    for (let u = 0; u < n; u++) column[u] = size[u * d + k] as number;
    const a = lowerBoundL1(column, ref[k] as number);
    const b = lowerBoundL2(column, ref[k] as number);
    perDimension[problem.dims[k] as string] = { l1: a, l2: b };
    if (a > l1) l1 = a;
    if (b > l2) l2 = b;
  }
  const conflict = d > 1 ? conflictBound(problem) : 0;
  const cardinality = cardinalityBound(problem);
  const anything = n + problem.zeroItem.length > 0;
  const hosts = Math.max(l1, l2, conflict, cardinality, anything ? 1 : 0);
  // cheapest host type that can hold at least one unit (an opened host holds something)
  let cheapest = Infinity;
  for (let t = 0; t < types; t++) {
    let useful = n === 0;
    for (let u = 0; u < n && !useful; u++) useful = unitFitsType(problem, t, u);
    if (useful && (cost[t] as number) < cheapest) cheapest = cost[t] as number;
  }
  let costBound = anything && Number.isFinite(cheapest) ? hosts * cheapest : 0;
  for (let k = 0; k < d; k++) {
    let demand = 0;
    for (let u = 0; u < n; u++) demand += size[u * d + k] as number;
    let price = Infinity;
    for (let t = 0; t < types; t++) {
      const c = cap[t * d + k] as number;
      if (c > 0 && (cost[t] as number) / c < price) price = (cost[t] as number) / c;
    }
    if (Number.isFinite(price) && demand * price > costBound) costBound = demand * price * (1 - 1e-12);
  }
  return { l1, l2, conflict, cardinality, hosts, cost: costBound, perDimension };
}

/**
 * ⌈n / k⌉, where k is the most units one host can hold: the largest k whose k smallest sizes
 * fit the largest capacity in every dimension, and whose k smallest "surrogate" sizes
 * (Σ over dimensions of size / largest capacity) are at most the number of dimensions.
 */
function cardinalityBound(problem: PackProblem): number {
  const { n, d, size, ref } = problem;
  if (n === 0) return 0;
  let most = n;
  const column = new Float64Array(n);
  const fits = (limit: number): number => {
    column.sort();
    let sum = 0;
    let k = 0;
    while (k < n && sum + (column[k] as number) <= limit * (1 + 1e-12)) sum += column[k++] as number;
    return k;
  };
  for (let k = 0; k < d; k++) {
    for (let u = 0; u < n; u++) column[u] = size[u * d + k] as number;
    most = Math.min(most, fits(ref[k] as number));
  }
  if (d > 1) {
    column.set(unitSizes(problem, 'sum'));
    most = Math.min(most, fits(d));
  }
  return Math.ceil(n / Math.max(most, 1));
}

/** Units examined by the conflict bound (the largest by their biggest normalised component). */
const CONFLICT_LIMIT = 2000;

/**
 * A greedy clique in the conflict graph: units taken largest first (by their biggest normalised
 * component), each kept when it cannot share a host with any unit kept so far (their sum
 * exceeds the largest capacity in some dimension). Every kept unit needs its own host.
 */
function conflictBound(problem: PackProblem): number {
  const { n, d, size, ref } = problem;
  const key = unitSizes(problem, 'max');
  const order = Array.from({ length: n }, (_, u) => u).sort((a, b) => (key[b] as number) - (key[a] as number) || a - b);
  const kept: number[] = [];
  for (const u of order.slice(0, CONFLICT_LIMIT)) {
    let clashesWithAll = true;
    for (const v of kept) {
      let clash = false;
      for (let k = 0; k < d && !clash; k++) if ((size[u * d + k] as number) + (size[v * d + k] as number) > (ref[k] as number)) clash = true;
      if (!clash) {
        clashesWithAll = false;
        break;
      }
    }
    if (clashesWithAll) kept.push(u);
  }
  return kept.length;
}

/**
 * Lower bounds on the number of hosts (L1 and Martello–Toth L2, the largest over dimensions)
 * and on the total cost of packing `items` onto `hostTypes`. Validates its input like
 * {@link pack}.
 *
 * @param items - The items.
 * @param hostTypes - The host types.
 * @throws PodsimError listing every problem in the input.
 * @example
 * ```ts
 * packLowerBounds([{ name: 'a', request: { cpu: 600 }, replicas: 3 }], [{ name: 'h', capacity: { cpu: 1000 } }]);
 * // → { l1: 2, l2: 3, conflict: 0, cardinality: 3, hosts: 3, cost: 3, perDimension: { cpu: { l1: 2, l2: 3 } } }
 * ```
 */
export function packLowerBounds(items: readonly PackItem[], hostTypes: readonly PackHostType[]): PackLowerBounds {
  const issues = validatePackInput({ items, hostTypes });
  if (issues.length > 0) throw new PodsimError(issues, 'invalid packLowerBounds() input');
  return problemLowerBounds(buildPackProblem({ items, hostTypes }));
}
