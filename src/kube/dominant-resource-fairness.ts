/**
 * One queued item for {@link DominantResourceFairness.pickNext}: its tenant (namespace) and, for ties,
 * priority and queue time.
 *
 * @example
 * ```ts
 * const item: DrfQueued = { tenant: 'team-a', priority: 0, timestamp: 3 };
 * ```
 */
export interface DrfQueued {
  readonly tenant: string;
  readonly priority?: number;
  readonly timestamp?: number;
}

/**
 * Dominant Resource Fairness (Ghodsi et al., NSDI 2011) as a queue order: tenants (namespaces) with
 * weights, each tenant's dominant share being the largest fraction of cluster capacity it holds in any
 * dimension, divided by its weight. The queue serves the tenant with the lowest weighted dominant share
 * first (then higher priority, then FIFO). Keep it current with {@link DominantResourceFairness.allocate}
 * and {@link DominantResourceFairness.release} as pods are bound and leave.
 *
 * @example
 * ```ts
 * const drf = new DominantResourceFairness(cluster.totalCapacity, { 'team-a': 2 });
 * drf.allocate('team-a', s.demand, s.demandOffset(pod));
 * const next = drf.pickNext(queue.map((p) => ({ tenant: ns(p), timestamp: ts(p) })));
 * ```
 */
export class DominantResourceFairness {
  private readonly total: Float64Array;
  private readonly held = new Map<string, Float64Array>();

  /**
   * @param totalCapacity - Capacity per dimension (such as `cluster.totalCapacity`).
   * @param weights - Weight per tenant. @defaultValue 1 for every tenant
   */
  constructor(totalCapacity: ArrayLike<number>, private readonly weights: Readonly<Record<string, number>> = {}) {
    this.total = Float64Array.from(totalCapacity);
  }

  /**
   * Replaces the capacity shares are taken of (after hosts' capacity changed).
   *
   * @example
   * ```ts
   * cluster.onCapacity(() => drf.setTotal(cluster.totalCapacity));
   * ```
   */
  setTotal(totalCapacity: ArrayLike<number>): void {
    for (let d = 0; d < this.total.length; d++) this.total[d] = totalCapacity[d] as number;
  }

  private of(tenant: string): Float64Array {
    let a = this.held.get(tenant);
    if (a === undefined) this.held.set(tenant, (a = new Float64Array(this.total.length)));
    return a;
  }

  /** Adds a demand (`demand[offset .. offset + D)`) to a tenant's holdings. */
  allocate(tenant: string, demand: ArrayLike<number>, offset = 0): void {
    const a = this.of(tenant);
    for (let d = 0; d < a.length; d++) a[d] = (a[d] as number) + (demand[offset + d] as number);
  }

  /** Removes a demand from a tenant's holdings. */
  release(tenant: string, demand: ArrayLike<number>, offset = 0): void {
    const a = this.of(tenant);
    for (let d = 0; d < a.length; d++) a[d] = (a[d] as number) - (demand[offset + d] as number);
  }

  /** A tenant's dominant share divided by its weight. */
  weightedShare(tenant: string): number {
    const a = this.held.get(tenant);
    if (a === undefined) return 0;
    let s = 0;
    for (let d = 0; d < a.length; d++) {
      const t = this.total[d] as number;
      if (t > 0) s = Math.max(s, (a[d] as number) / t);
    }
    return s / (this.weights[tenant] ?? 1);
  }

  /** Negative if `a` goes before `b`: lower weighted share, then higher priority, then earlier timestamp. */
  compare(a: DrfQueued, b: DrfQueued): number {
    const sa = this.weightedShare(a.tenant), sb = this.weightedShare(b.tenant);
    if (sa !== sb) return sa < sb ? -1 : 1;
    const pa = a.priority ?? 0, pb = b.priority ?? 0;
    if (pa !== pb) return pb - pa;
    return (a.timestamp ?? 0) - (b.timestamp ?? 0);
  }

  /** The index of the item to serve next, or -1 for an empty queue. */
  pickNext(items: readonly DrfQueued[]): number {
    let best = -1;
    for (let i = 0; i < items.length; i++) if (best < 0 || this.compare(items[i] as DrfQueued, items[best] as DrfQueued) < 0) best = i;
    return best;
  }
}
