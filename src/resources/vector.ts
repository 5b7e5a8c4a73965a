/**
 * A resource vector: exact non-negative integers in base units per dimension
 * (`cpu` in millicores, `memory` in bytes, `network` in bit/s, counts otherwise).
 * A missing dimension means zero.
 *
 * @example
 * ```ts
 * const v: ResourceVector = { cpu: 500, memory: 1073741824 };
 * ```
 */
export type ResourceVector = Readonly<Record<string, number>>;

function keysOf(a: ResourceVector, b: ResourceVector): string[] {
  const keys = Object.keys(a);
  for (const k of Object.keys(b)) if (!(k in a)) keys.push(k);
  return keys;
}

/**
 * Adds two vectors dimension by dimension.
 *
 * @example
 * ```ts
 * add({ cpu: 500 }, { cpu: 250, memory: 1024 }); // { cpu: 750, memory: 1024 }
 * ```
 */
export function add(a: ResourceVector, b: ResourceVector): ResourceVector {
  const out: Record<string, number> = {};
  for (const k of keysOf(a, b)) out[k] = (a[k] ?? 0) + (b[k] ?? 0);
  return out;
}

/**
 * Subtracts `b` from `a` dimension by dimension. The result may be negative where `b` exceeds `a`.
 *
 * @example
 * ```ts
 * subtract({ cpu: 1000 }, { cpu: 250 }); // { cpu: 750 }
 * ```
 */
export function subtract(a: ResourceVector, b: ResourceVector): ResourceVector {
  const out: Record<string, number> = {};
  for (const k of keysOf(a, b)) out[k] = (a[k] ?? 0) - (b[k] ?? 0);
  return out;
}

/**
 * Sums many vectors.
 *
 * @example
 * ```ts
 * sum([{ cpu: 1 }, { cpu: 2 }]); // { cpu: 3 }
 * ```
 */
export function sum(vectors: Iterable<ResourceVector>): ResourceVector {
  let out: ResourceVector = {};
  for (const v of vectors) out = add(out, v);
  return out;
}

/**
 * **R_c = R_h − R_s**: what a host still offers a new container, its capacity less what the
 * containers already on it hold, in every dimension of the capacity. Exact, since all values are integers.
 *
 * @param capacity - R_h, the host's allocatable capacity.
 * @param allocations - The requests of the containers already on the host; their sum is R_s.
 * @example
 * ```ts
 * available({ cpu: 4000, memory: 16 * 2 ** 30 }, [{ cpu: 500, memory: 2 ** 30 }, { cpu: 1500 }]);
 * // → { cpu: 2000, memory: 16106127360 }
 * ```
 */
export function available(capacity: ResourceVector, allocations: Iterable<ResourceVector>): ResourceVector {
  const out: Record<string, number> = { ...capacity };
  for (const a of allocations) for (const k of Object.keys(a)) out[k] = (out[k] ?? 0) - (a[k] ?? 0);
  return out;
}

/**
 * Whether a request fits in what is available: every dimension of the request is at most the
 * available amount. A dimension the host lacks counts as zero available.
 *
 * @example
 * ```ts
 * fits({ cpu: 500, gpu: 1 }, { cpu: 1000 }); // false: no GPU
 * fits({ cpu: 500 }, { cpu: 1000 });         // true
 * ```
 */
export function fits(request: ResourceVector, free: ResourceVector): boolean {
  for (const k of Object.keys(request)) {
    const r = request[k] ?? 0;
    if (r > 0 && r > (free[k] ?? 0)) return false;
  }
  return true;
}

/**
 * Compares two vectors by dominance: `-1` if `a ≤ b` in every dimension and they differ, `0` if equal,
 * `1` if `a ≥ b` everywhere and they differ, and `undefined` when neither dominates.
 *
 * @example
 * ```ts
 * compare({ cpu: 1 }, { cpu: 2 });            // -1
 * compare({ cpu: 1, memory: 5 }, { cpu: 2 }); // undefined
 * ```
 */
export function compare(a: ResourceVector, b: ResourceVector): -1 | 0 | 1 | undefined {
  let less = false;
  let more = false;
  for (const k of keysOf(a, b)) {
    const x = a[k] ?? 0;
    const y = b[k] ?? 0;
    if (x < y) less = true;
    else if (x > y) more = true;
  }
  if (less && more) return undefined;
  return less ? -1 : more ? 1 : 0;
}

/**
 * Whether two vectors are equal in every dimension (missing counts as zero).
 *
 * @example
 * ```ts
 * equals({ cpu: 0, memory: 1 }, { memory: 1 }); // true
 * ```
 */
export function equals(a: ResourceVector, b: ResourceVector): boolean {
  return compare(a, b) === 0;
}

/**
 * The dominant share of a demand against a capacity (Ghodsi et al., DRF): the largest fraction
 * it takes of any dimension. A demand on a dimension with zero capacity gives `Infinity`.
 *
 * @example
 * ```ts
 * dominantShare({ cpu: 1000, memory: 2 ** 30 }, { cpu: 4000, memory: 2 ** 32 }); // 0.25
 * ```
 */
export function dominantShare(demand: ResourceVector, capacity: ResourceVector): number {
  let share = 0;
  for (const k of Object.keys(demand)) {
    const d = demand[k] ?? 0;
    if (d <= 0) continue;
    const c = capacity[k] ?? 0;
    const s = c > 0 ? d / c : Infinity;
    if (s > share) share = s;
  }
  return share;
}

/**
 * Whether any dimension is negative: the sign that something was overcommitted.
 *
 * @example
 * ```ts
 * isNegative({ cpu: -1 }); // true
 * ```
 */
export function isNegative(v: ResourceVector): boolean {
  for (const k of Object.keys(v)) if ((v[k] ?? 0) < 0) return true;
  return false;
}
