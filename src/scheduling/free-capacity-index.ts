import type { ClusterState } from '../cluster/cluster-state.js';

/**
 * An index over hosts' free capacity, so that first-fit, best-fit and worst-fit find their host
 * without scanning every host. First fit uses a segment tree over host order whose nodes keep, per
 * dimension, the most free capacity of any host below them, and descends to the leftmost host that
 * fits. Best and worst fit use, per class of hosts with the same capacity, a treap ordered by free
 * share (Σ_d free_d / capacity_d) with the same per-dimension maxima, and take the first (or last)
 * host in share order that fits. The cluster tells the index of every allocation and release, and
 * only that host is updated: O(D log H).
 *
 * @example
 * ```ts
 * const index = new FreeCapacityIndex(cluster);
 * index.firstFit(demand, 0); // the lowest-numbered host the demand fits on, or -1
 * ```
 */
export class FreeCapacityIndex {
  private readonly D: number;
  private readonly size: number; // leaves, a power of two
  private readonly maxFree: Float64Array; // [node * D + d]

  /**
   * @param cluster - The hosts; the index listens to its allocations and releases.
   * @param kinds - Which searches to support: `first` (first fit), `share` (best and worst fit), or both.
   *   Each kind costs its own upkeep on every allocation and release. @defaultValue 'both'
   */
  constructor(private readonly cluster: ClusterState, private readonly kinds: 'first' | 'share' | 'both' = 'both') {
    const D = (this.D = cluster.D);
    const H = cluster.hostCount;
    let size = 1;
    while (size < H) size *= 2;
    this.size = size;
    this.maxFree = new Float64Array(2 * size * D).fill(-Infinity);
    if (kinds !== 'share') {
      for (let h = 0; h < H; h++) this.setLeaf(h);
      for (let i = size - 1; i >= 1; i--) this.pull(i);
    }
    this.classOf = new Int32Array(H);
    if (kinds !== 'first') this.buildClasses(H, D);
    cluster.onChange((h) => this.update(h));
  }

  private buildClasses(H: number, D: number): void {
    const cluster = this.cluster;
    // One ordered tree per distinct capacity vector.
    const byCap = new Map<string, number[]>();
    for (let h = 0; h < H; h++) {
      const k = Array.from(cluster.capacity.subarray(h * D, h * D + D)).join(',');
      let list = byCap.get(k);
      if (list === undefined) byCap.set(k, (list = []));
      list.push(h);
    }
    for (const hosts of byCap.values()) {
      const t = new ShareTreap(cluster, hosts, this.classes.length + 1);
      for (const h of hosts) this.classOf[h] = this.classes.length;
      this.classes.push(t);
    }
  }

  private readonly classes: ShareTreap[] = [];
  private readonly classOf: Int32Array;

  private setLeaf(h: number): void {
    const D = this.D, i = this.size + h, c = this.cluster;
    for (let d = 0; d < D; d++) this.maxFree[i * D + d] = c.free(h, d);
  }

  private pull(i: number): void {
    const D = this.D, l = 2 * i, r = l + 1;
    for (let d = 0; d < D; d++) {
      const a = this.maxFree[l * D + d] as number, b = this.maxFree[r * D + d] as number;
      this.maxFree[i * D + d] = a > b ? a : b;
    }
  }

  /** Refreshes host `h` after its allocation changed. */
  update(h: number): void {
    if (this.kinds !== 'first') (this.classes[this.classOf[h] as number] as ShareTreap).update(h);
    if (this.kinds === 'share') return;
    this.setLeaf(h);
    for (let i = (this.size + h) >> 1; i >= 1; i >>= 1) this.pull(i);
  }

  // Could some host below node i fit the demand? (Necessary, not sufficient, above the leaves.)
  private mayFit(i: number, demand: Float64Array, off: number): boolean {
    const D = this.D, base = i * D;
    for (let d = 0; d < D; d++) {
      const r = demand[off + d] as number;
      if (r > 0 && r > (this.maxFree[base + d] as number)) return false;
    }
    return true;
  }

  /** The lowest-numbered host the demand fits on, or -1. */
  firstFit(demand: Float64Array, off: number): number {
    if (this.kinds === 'share') throw new Error("FreeCapacityIndex: built with kinds 'share', which has no first-fit search");
    return this.first(1, demand, off);
  }

  private first(i: number, demand: Float64Array, off: number): number {
    if (!this.mayFit(i, demand, off)) return -1;
    if (i >= this.size) return this.cluster.fits(i - this.size, demand, off) ? i - this.size : -1;
    const l = this.first(2 * i, demand, off);
    return l >= 0 ? l : this.first(2 * i + 1, demand, off);
  }

  /**
   * The host that would have the least (`sign` 1) or most (`sign` -1) capacity left after placement,
   * as Σ_d (free_d − r_d) / capacity_d; ties go to the lower-numbered host. -1 if none fits.
   * Hosts with the same capacity vector share an ordered tree keyed on their free share, so within
   * a class the best host is the first (or last) in key order that fits; across classes the best of
   * those few wins.
   */
  bestFit(demand: Float64Array, off: number, sign: 1 | -1 = 1): number {
    if (this.kinds === 'first') throw new Error("FreeCapacityIndex: built with kinds 'first', which has no best-fit search");
    let best = -1, bestScore = Infinity;
    for (const t of this.classes) {
      const h = sign === 1 ? t.first(demand, off) : t.last(demand, off);
      if (h < 0) continue;
      const v = sign * this.scoreAfter(h, demand, off);
      if (v < bestScore || (v === bestScore && h < best)) {
        bestScore = v;
        best = h;
      }
    }
    return best;
  }

  // The same arithmetic as remainingAfter(), so ties break exactly as the linear scan's do.
  private scoreAfter(h: number, demand: Float64Array, off: number): number {
    const D = this.D, c = this.cluster;
    let s = 0;
    for (let d = 0; d < D; d++) {
      const cap = c.capacity[h * D + d] as number;
      if (cap > 0) s += (cap - (c.allocated[h * D + d] as number) - (demand[off + d] as number)) / cap;
    }
    return s;
  }
}

/**
 * @internal A treap over the hosts of one capacity class, ordered by (free share, host index), each
 * node also keeping the most free capacity per dimension in its subtree, so that "the first host in
 * share order that fits" is one pruned descent.
 */
class ShareTreap {
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private readonly prio: Float64Array;
  private readonly key: Float64Array;
  private readonly agg: Float64Array; // [h * D + d]
  private root = -1;

  constructor(private readonly cluster: ClusterState, hosts: readonly number[], seed: number) {
    const H = cluster.hostCount, D = cluster.D;
    this.left = new Int32Array(H).fill(-1);
    this.right = new Int32Array(H).fill(-1);
    this.prio = new Float64Array(H);
    this.key = new Float64Array(H);
    this.agg = new Float64Array(H * D);
    let x = seed >>> 0 || 1;
    for (const h of hosts) {
      // xorshift: deterministic treap priorities from a fixed seed (never an unseeded source).
      x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
      this.prio[h] = x;
      this.insert(h);
    }
  }

  private share(h: number): number {
    const D = this.cluster.D, c = this.cluster;
    let s = 0;
    for (let d = 0; d < D; d++) {
      const cap = c.capacity[h * D + d] as number;
      if (cap > 0) s += (cap - (c.allocated[h * D + d] as number)) / cap;
    }
    return s;
  }

  private less(a: number, b: number): boolean {
    const ka = this.key[a] as number, kb = this.key[b] as number;
    return ka < kb || (ka === kb && a < b);
  }

  private pull(n: number): void {
    const D = this.cluster.D, c = this.cluster, l = this.left[n] as number, r = this.right[n] as number;
    for (let d = 0; d < D; d++) {
      let m = c.free(n, d);
      if (l >= 0 && (this.agg[l * D + d] as number) > m) m = this.agg[l * D + d] as number;
      if (r >= 0 && (this.agg[r * D + d] as number) > m) m = this.agg[r * D + d] as number;
      this.agg[n * D + d] = m;
    }
  }

  // Splits `t` into nodes ordered before `h` (left) and the rest; results in splitL / splitR.
  private splitL = -1;
  private splitR = -1;
  private split(t: number, h: number): void {
    if (t < 0) { this.splitL = this.splitR = -1; return; }
    if (this.less(t, h)) {
      this.split(this.right[t] as number, h);
      this.right[t] = this.splitL;
      this.pull(t);
      this.splitL = t;
    } else {
      this.split(this.left[t] as number, h);
      this.left[t] = this.splitR;
      this.pull(t);
      this.splitR = t;
    }
  }

  private merge(a: number, b: number): number {
    if (a < 0) return b;
    if (b < 0) return a;
    if ((this.prio[a] as number) > (this.prio[b] as number)) {
      this.right[a] = this.merge(this.right[a] as number, b);
      this.pull(a);
      return a;
    }
    this.left[b] = this.merge(a, this.left[b] as number);
    this.pull(b);
    return b;
  }

  private insert(h: number): void {
    this.key[h] = this.share(h);
    this.left[h] = this.right[h] = -1;
    this.pull(h);
    this.split(this.root, h);
    const l = this.splitL, r = this.splitR;
    this.root = this.merge(this.merge(l, h), r);
  }

  private remove(h: number): void {
    // Split off everything before h, then h itself (the first node of the rest).
    this.split(this.root, h);
    const l = this.splitL;
    let r = this.splitR;
    r = this.dropFirst(r, h);
    this.root = this.merge(l, r);
  }

  private dropFirst(t: number, h: number): number {
    if (t === h) return this.merge(this.left[t] as number, this.right[t] as number);
    this.left[t] = this.dropFirst(this.left[t] as number, h);
    this.pull(t);
    return t;
  }

  /** Re-keys host `h` after its allocation changed. */
  update(h: number): void {
    this.remove(h);
    this.insert(h);
  }

  private mayFit(n: number, demand: Float64Array, off: number): boolean {
    const D = this.cluster.D;
    for (let d = 0; d < D; d++) {
      const r = demand[off + d] as number;
      if (r > 0 && r > (this.agg[n * D + d] as number)) return false;
    }
    return true;
  }

  /** The first host in (share, index) order that fits, or -1. */
  first(demand: Float64Array, off: number): number {
    return this.firstIn(this.root, demand, off);
  }

  private firstIn(n: number, demand: Float64Array, off: number): number {
    if (n < 0 || !this.mayFit(n, demand, off)) return -1;
    const l = this.firstIn(this.left[n] as number, demand, off);
    if (l >= 0) return l;
    if (this.cluster.fits(n, demand, off)) return n;
    return this.firstIn(this.right[n] as number, demand, off);
  }

  /** The host with the largest share that fits; among equal shares, the lowest index. */
  last(demand: Float64Array, off: number): number {
    const h = this.lastIn(this.root, demand, off);
    if (h < 0) return -1;
    // Equal keys sort by index, so the lowest index with this share is the first that fits at it.
    const k = this.key[h] as number;
    const lo = this.firstAtKey(this.root, k, demand, off);
    return lo >= 0 ? lo : h;
  }

  private lastIn(n: number, demand: Float64Array, off: number): number {
    if (n < 0 || !this.mayFit(n, demand, off)) return -1;
    const r = this.lastIn(this.right[n] as number, demand, off);
    if (r >= 0) return r;
    if (this.cluster.fits(n, demand, off)) return n;
    return this.lastIn(this.left[n] as number, demand, off);
  }

  private firstAtKey(n: number, k: number, demand: Float64Array, off: number): number {
    if (n < 0 || !this.mayFit(n, demand, off)) return -1;
    const kn = this.key[n] as number;
    if (kn < k) return this.firstAtKey(this.right[n] as number, k, demand, off);
    const l = this.firstAtKey(this.left[n] as number, k, demand, off);
    if (l >= 0) return l;
    if (kn === k && this.cluster.fits(n, demand, off)) return n;
    return kn === k ? this.firstAtKey(this.right[n] as number, k, demand, off) : -1;
  }
}
