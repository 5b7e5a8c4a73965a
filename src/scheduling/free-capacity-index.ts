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
    cluster.onCapacity((h) => this.capacityChanged(h));
  }

  // Host h's capacity changed (ClusterState.setCapacity): it moves to the class of its new capacity
  // (a new one if none has it), or, while a shrink is under way (its capacity steps with each release),
  // to the hosts bestFit scans one by one. The first-fit tree reads capacity in update(h).
  private capacityChanged(h: number): void {
    if (this.kinds === 'first') return;
    const c = this.classOf[h] as number, cluster = this.cluster, D = this.D;
    if (c >= 0) (this.classes[c] as ShareTreap).remove(h);
    else this.odd.delete(h);
    if (cluster.shrinkPending(h)) {
      this.classOf[h] = -1;
      this.odd.add(h);
      return;
    }
    const k = Array.from(cluster.capacity.subarray(h * D, h * D + D)).join(',');
    let i = this.classKeys.get(k);
    if (i === undefined) {
      this.classKeys.set(k, (i = this.classes.length));
      this.classes.push(new ShareTreap(cluster, [], i + 1));
    }
    this.classOf[h] = i;
    (this.classes[i] as ShareTreap).add(h);
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
    for (const [k, hosts] of byCap) {
      this.classKeys.set(k, this.classes.length);
      const t = new ShareTreap(cluster, hosts, this.classes.length + 1);
      for (const h of hosts) this.classOf[h] = this.classes.length;
      this.classes.push(t);
    }
  }

  private readonly classes: ShareTreap[] = [];
  private readonly classOf: Int32Array;
  private readonly classKeys = new Map<string, number>();
  // Hosts whose shrink is under way (classOf -1), scanned one by one.
  private readonly odd = new Set<number>();

  private setLeaf(h: number): void {
    const D = this.D, i = this.size + h, c = this.cluster;
    for (let d = 0; d < D; d++) this.maxFree[i * D + d] = c.free(h, d);
  }

  // A node's maxima from its children's; returns whether they changed.
  private pull(i: number): boolean {
    const D = this.D, l = 2 * i, r = l + 1, m = this.maxFree;
    let changed = false;
    for (let d = 0; d < D; d++) {
      const a = m[l * D + d] as number, b = m[r * D + d] as number;
      const x = a > b ? a : b;
      if (m[i * D + d] !== x) {
        m[i * D + d] = x;
        changed = true;
      }
    }
    return changed;
  }

  /** Refreshes host `h` after its allocation changed. */
  update(h: number): void {
    if (this.kinds !== 'first' && (this.classOf[h] as number) >= 0) (this.classes[this.classOf[h] as number] as ShareTreap).update(h);
    if (this.kinds === 'share') return;
    this.setLeaf(h);
    // Up the tree until a node's maxima stay as they were (then every node above does too).
    for (let i = (this.size + h) >> 1; i >= 1 && this.pull(i); i >>= 1);
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
    for (const h of this.odd) {
      if (!this.cluster.fits(h, demand, off)) continue;
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
 *
 * Nodes are host indices with parent links. A host whose share changed is re-keyed in place when it
 * keeps its place among its in-order neighbours (only its ancestors' maxima change); otherwise it is
 * rotated down to a leaf, cut, and inserted again (a descent, then rotations up: fewer than two on
 * average). Either way the maxima are refreshed on one path to the root, iteratively.
 */
class ShareTreap {
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private readonly parent: Int32Array;
  private readonly prio: Float64Array;
  private readonly key: Float64Array;
  private readonly agg: Float64Array; // [h * D + d]
  private readonly D: number;
  private root = -1;

  private x: number;

  constructor(private readonly cluster: ClusterState, hosts: readonly number[], seed: number) {
    const H = cluster.hostCount, D = (this.D = cluster.D);
    this.left = new Int32Array(H).fill(-1);
    this.right = new Int32Array(H).fill(-1);
    this.parent = new Int32Array(H).fill(-1);
    this.prio = new Float64Array(H);
    this.key = new Float64Array(H);
    this.agg = new Float64Array(H * D);
    this.x = seed >>> 0 || 1;
    for (const h of hosts) this.add(h);
  }

  /** Inserts host `h` (not in the tree). */
  add(h: number): void {
    // xorshift: deterministic treap priorities from a fixed seed (never an unseeded source).
    let x = this.x;
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    this.x = x;
    this.prio[h] = x;
    this.key[h] = this.share(h);
    this.insert(h);
  }

  private share(h: number): number {
    const D = this.D, cap = this.cluster.capacity, alloc = this.cluster.allocated, base = h * D;
    let s = 0;
    for (let d = 0; d < D; d++) {
      const c = cap[base + d] as number;
      if (c > 0) s += (c - (alloc[base + d] as number)) / c;
    }
    return s;
  }

  private less(a: number, b: number): boolean {
    const ka = this.key[a] as number, kb = this.key[b] as number;
    return ka < kb || (ka === kb && a < b);
  }

  // agg[n] = max(free of n, agg of its children), per dimension; returns whether it changed.
  private pull(n: number): boolean {
    const D = this.D, agg = this.agg, cap = this.cluster.capacity, alloc = this.cluster.allocated;
    const l = this.left[n] as number, r = this.right[n] as number, base = n * D;
    let changed = false;
    for (let d = 0; d < D; d++) {
      let m = (cap[base + d] as number) - (alloc[base + d] as number);
      if (l >= 0 && (agg[l * D + d] as number) > m) m = agg[l * D + d] as number;
      if (r >= 0 && (agg[r * D + d] as number) > m) m = agg[r * D + d] as number;
      if (agg[base + d] !== m) {
        agg[base + d] = m;
        changed = true;
      }
    }
    return changed;
  }

  // Refreshes the maxima from n up to the root, stopping where one did not change (nor will any above).
  private pullUp(n: number): void {
    for (; n >= 0; n = this.parent[n] as number) if (!this.pull(n)) return;
  }

  // Replaces child `from` of p (or the root) with `to`.
  private relink(p: number, from: number, to: number): void {
    if (p < 0) this.root = to;
    else if (this.left[p] === from) this.left[p] = to;
    else this.right[p] = to;
    if (to >= 0) this.parent[to] = p;
  }

  // Rotates n above its parent p, keeping the in-order sequence; refreshes p then n.
  private rotateUp(n: number): void {
    const p = this.parent[n] as number, g = this.parent[p] as number;
    if (this.left[p] === n) {
      const b = this.right[n] as number;
      this.left[p] = b;
      if (b >= 0) this.parent[b] = p;
      this.right[n] = p;
    } else {
      const b = this.left[n] as number;
      this.right[p] = b;
      if (b >= 0) this.parent[b] = p;
      this.left[n] = p;
    }
    this.parent[p] = n;
    this.relink(g, p, n);
    this.pull(p);
    this.pull(n);
  }

  private insert(h: number): void {
    this.left[h] = this.right[h] = -1;
    let p = -1, n = this.root, goLeft = false;
    while (n >= 0) {
      p = n;
      goLeft = this.less(h, n);
      n = (goLeft ? this.left[n] : this.right[n]) as number;
    }
    this.parent[h] = p;
    if (p < 0) this.root = h;
    else if (goLeft) this.left[p] = h;
    else this.right[p] = h;
    this.pull(h);
    while (this.parent[h] !== -1 && (this.prio[h] as number) > (this.prio[this.parent[h] as number] as number)) this.rotateUp(h);
    this.pullUp(this.parent[h] as number);
  }

  /** Takes host `h` out of the tree. */
  remove(h: number): void {
    // Rotate h down (the child with the higher priority goes up) until it has at most one child.
    for (;;) {
      const l = this.left[h] as number, r = this.right[h] as number;
      if (l < 0 || r < 0) {
        const c = l >= 0 ? l : r, p = this.parent[h] as number;
        this.relink(p, h, c);
        this.pullUp(p);
        return;
      }
      this.rotateUp((this.prio[l] as number) > (this.prio[r] as number) ? l : r);
    }
  }

  // The in-order neighbours of n, or -1.
  private before(n: number): number {
    let c = this.left[n] as number;
    if (c >= 0) {
      while ((this.right[c] as number) >= 0) c = this.right[c] as number;
      return c;
    }
    let p = this.parent[n] as number;
    while (p >= 0 && this.left[p] === n) { n = p; p = this.parent[p] as number; }
    return p;
  }

  private after(n: number): number {
    let c = this.right[n] as number;
    if (c >= 0) {
      while ((this.left[c] as number) >= 0) c = this.left[c] as number;
      return c;
    }
    let p = this.parent[n] as number;
    while (p >= 0 && this.right[p] === n) { n = p; p = this.parent[p] as number; }
    return p;
  }

  /** Re-keys host `h` after its allocation changed. */
  update(h: number): void {
    const k = this.share(h);
    if (k === this.key[h]) {
      this.pullUp(h);
      return;
    }
    const a = this.before(h), b = this.after(h);
    this.key[h] = k;
    if ((a < 0 || this.less(a, h)) && (b < 0 || this.less(h, b))) {
      this.pullUp(h); // still in order: only the maxima above it change
      return;
    }
    this.remove(h);
    this.insert(h);
  }

  private mayFit(n: number, demand: Float64Array, off: number): boolean {
    const D = this.D, agg = this.agg, base = n * D;
    for (let d = 0; d < D; d++) {
      const r = demand[off + d] as number;
      if (r > 0 && r > (agg[base + d] as number)) return false;
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
