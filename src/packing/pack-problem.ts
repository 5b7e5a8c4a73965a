import type { PackInput, PackObjective } from './types.js';

/**
 * The internal, array-based form of a validated {@link PackInput}: one "unit" per replica
 * with a positive request, sizes and capacities in typed arrays over the active dimensions
 * (those some item requests). Replicas that request nothing are kept aside and placed last.
 *
 * @example
 * ```ts
 * const p: PackProblem = buildPackProblem({ items, hostTypes });
 * p.size[u * p.d + k]; // unit u's request in dimension p.dims[k]
 * ```
 */
export interface PackProblem {
  /** What to minimise. */
  readonly objective: PackObjective;
  /** Active dimensions: those with a positive request somewhere. */
  readonly dims: readonly string[];
  /** Every dimension named in any request, for reporting `used`. */
  readonly reportDims: readonly string[];
  /** `dims.length`. */
  readonly d: number;
  /** Number of units (replicas with a positive request). */
  readonly n: number;
  /** Unit requests, `n × d`, row-major. */
  readonly size: Float64Array;
  /** For each unit, the index of its item. */
  readonly unitItem: Int32Array;
  /** For each unit, its replica number. */
  readonly unitReplica: Int32Array;
  /** Item index of each replica that requests nothing. */
  readonly zeroItem: Int32Array;
  /** Replica number of each replica that requests nothing. */
  readonly zeroReplica: Int32Array;
  /** Number of host types. */
  readonly t: number;
  /** Host type capacities, `t × d`, row-major. */
  readonly cap: Float64Array;
  /** Host type costs. */
  readonly cost: Float64Array;
  /** Host type limits (`Infinity` when unlimited). */
  readonly max: Float64Array;
  /** Largest capacity of any host type, per dimension; sizes are normalised by it. */
  readonly ref: Float64Array;
  /** Mean normalised demand per dimension: the weights of the `dot` size function. */
  readonly weight: Float64Array;
  /**
   * Host types in order of preference for new hosts. Each type is rated by how many of its hosts
   * the whole demand needs, max over dimensions of total / capacity: for `hosts`, fewest first
   * (ties: cheaper); for `cost`, lowest estimated total cost (that number times the price) first.
   */
  readonly typeRank: Int32Array;
}

/**
 * Builds the {@link PackProblem} of an input that {@link validatePackInput} accepted.
 *
 * @param input - A valid pack input.
 * @example
 * ```ts
 * const p = buildPackProblem({ items: [{ name: 'a', request: { cpu: 5 }, replicas: 2 }], hostTypes: [{ name: 'h', capacity: { cpu: 10 } }] });
 * p.n; // 2
 * ```
 */
export function buildPackProblem(input: PackInput): PackProblem {
  const reportDims: string[] = [];
  const seenDim = new Set<string>();
  const active = new Set<string>();
  let n = 0;
  let zeros = 0;
  for (const item of input.items) {
    let positive = false;
    for (const [dim, q] of Object.entries(item.request)) {
      if (!seenDim.has(dim)) {
        seenDim.add(dim);
        reportDims.push(dim);
      }
      if (q > 0) {
        positive = true;
        if ((item.replicas ?? 1) > 0) active.add(dim);
      }
    }
    if (positive) n += item.replicas ?? 1;
    else zeros += item.replicas ?? 1;
  }
  const dims = reportDims.filter((x) => active.has(x));
  const d = dims.length;
  const size = new Float64Array(n * d);
  const unitItem = new Int32Array(n);
  const unitReplica = new Int32Array(n);
  const zeroItem = new Int32Array(zeros);
  const zeroReplica = new Int32Array(zeros);
  let u = 0;
  let z = 0;
  input.items.forEach((item, i) => {
    const copies = item.replicas ?? 1;
    const row = dims.map((dim) => item.request[dim] ?? 0);
    const positive = row.some((q) => q > 0);
    for (let r = 0; r < copies; r++) {
      if (positive) {
        for (let k = 0; k < d; k++) size[u * d + k] = row[k] as number;
        unitItem[u] = i;
        unitReplica[u] = r;
        u++;
      } else {
        zeroItem[z] = i;
        zeroReplica[z] = r;
        z++;
      }
    }
  });
  const t = input.hostTypes.length;
  const cap = new Float64Array(t * d);
  const cost = new Float64Array(t);
  const max = new Float64Array(t);
  const ref = new Float64Array(d);
  input.hostTypes.forEach((h, j) => {
    for (let k = 0; k < d; k++) {
      const c = h.capacity[dims[k] as string] ?? 0;
      cap[j * d + k] = c;
      if (c > (ref[k] as number)) ref[k] = c;
    }
    cost[j] = h.cost ?? 1;
    max[j] = h.max ?? Infinity;
  });
  const weight = new Float64Array(d);
  if (n > 0) {
    for (let x = 0; x < n; x++) for (let k = 0; k < d; k++) weight[k] = (weight[k] as number) + (size[x * d + k] as number) / (ref[k] as number);
    for (let k = 0; k < d; k++) weight[k] = (weight[k] as number) / n;
  }
  const total = new Float64Array(d);
  for (let x = 0; x < n; x++) for (let k = 0; k < d; k++) total[k] = (total[k] as number) + (size[x * d + k] as number);
  const needed = new Float64Array(t);
  for (let j = 0; j < t; j++) {
    let h = 0;
    for (let k = 0; k < d; k++) {
      const c = cap[j * d + k] as number;
      const v = c > 0 ? (total[k] as number) / c : (total[k] as number) > 0 ? Infinity : 0;
      if (v > h) h = v;
    }
    needed[j] = h;
  }
  const objective = input.objective ?? 'hosts';
  const typeRank = Int32Array.from({ length: t }, (_, j) => j).sort((a, b) => {
    const na = needed[a] as number;
    const nb = needed[b] as number;
    const ca = cost[a] as number;
    const cb = cost[b] as number;
    if (objective === 'cost') {
      const ea = na === Infinity ? Infinity : na * ca;
      const eb = nb === Infinity ? Infinity : nb * cb;
      if (ea !== eb) return ea < eb ? -1 : 1;
    }
    if (na !== nb) return na < nb ? -1 : 1;
    return ca - cb || a - b;
  });
  return {
    objective,
    dims,
    reportDims,
    d,
    n,
    size,
    unitItem,
    unitReplica,
    zeroItem,
    zeroReplica,
    t,
    cap,
    cost,
    max,
    ref,
    weight,
    typeRank,
  };
}
