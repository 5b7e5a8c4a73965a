import type { Assignment } from './assignment.js';
import type { PackProblem } from './pack-problem.js';
import { unitSizes } from './size-functions.js';

/** Tolerance of overflow comparisons (overflow is a sum of normalised excesses). */
export const OVERFLOW_EPS = 1e-12;

/**
 * The state of the overflow search: a packing whose hosts may overflow, hosts as linked lists of
 * units with their loads in typed arrays (`load[b·d + k]`), and the best complete packing found.
 * The overflow of a host is Σ over dimensions of max(0, load − capacity) / largest capacity; at
 * zero total overflow the packing is feasible.
 * @internal
 * @example
 * ```ts
 * const p = new OverflowPacking(problem, start);
 * p.restoreBest();
 * p.totalOver(); // 0: the start is feasible
 * ```
 */
export class OverflowPacking {
  readonly d: number;
  readonly n: number;
  /** Host types. */
  readonly t: number;
  readonly size: Float64Array;
  readonly cap: Float64Array;
  readonly cost: Float64Array;
  readonly ref: Float64Array;
  readonly objective: 'hosts' | 'cost';
  /** Scalar normalised size of each unit (the `sum` size function). */
  readonly sc: Float64Array;

  /** Hosts in the current packing. */
  nb = 0;
  readonly binType: Int32Array;
  readonly load: Float64Array;
  /** First unit of each host's list (−1: empty), and the list links. */
  readonly head: Int32Array;
  readonly nxt: Int32Array;
  readonly prv: Int32Array;
  /** Units in each host. */
  readonly cnt: Int32Array;
  readonly binOf: Int32Array;
  /** Overflow of each host. */
  readonly over: Float64Array;

  // best complete packing
  bestBins: number;
  bestCost: number;
  readonly bestBinOf: Int32Array;
  readonly bestBinType: Int32Array;

  private readonly tmp: Float64Array;

  constructor(problem: PackProblem, start: Assignment) {
    const { d, n } = problem;
    this.d = d;
    this.n = n;
    this.t = problem.t;
    this.size = problem.size;
    this.cap = problem.cap;
    this.cost = problem.cost;
    this.ref = problem.ref;
    this.objective = problem.objective;
    this.sc = unitSizes(problem, 'sum');
    const B = Math.max(start.bins, 1);
    this.binType = new Int32Array(B);
    this.load = new Float64Array(B * d);
    this.head = new Int32Array(B).fill(-1);
    this.cnt = new Int32Array(B);
    this.over = new Float64Array(B);
    this.nxt = new Int32Array(n);
    this.prv = new Int32Array(n);
    this.binOf = new Int32Array(n);
    this.tmp = new Float64Array(d);
    this.bestBinOf = new Int32Array(n);
    this.bestBinType = new Int32Array(B);
    this.bestBins = start.bins;
    this.bestBinOf.set(start.binOf);
    this.bestBinType.set(start.binType.subarray(0, start.bins));
    this.bestCost = this.costOf(start.bins, start.binType);
  }

  private costOf(bins: number, types: Int32Array): number {
    let c = 0;
    for (let b = 0; b < bins; b++) c += this.cost[types[b] as number] as number;
    return c;
  }

  /** Adds unit u to host b (its overflow is not refreshed). */
  linkInto(u: number, b: number): void {
    const { d } = this;
    const h = this.head[b] as number;
    this.nxt[u] = h;
    this.prv[u] = -1;
    if (h >= 0) this.prv[h] = u;
    this.head[b] = u;
    this.cnt[b] = (this.cnt[b] as number) + 1;
    this.binOf[u] = b;
    for (let k = 0; k < d; k++) this.load[b * d + k] = (this.load[b * d + k] as number) + (this.size[u * d + k] as number);
  }

  /** Takes unit u out of its host (its overflow is not refreshed). */
  unlink(u: number): void {
    const { d } = this;
    const b = this.binOf[u] as number;
    const p = this.prv[u] as number;
    const x = this.nxt[u] as number;
    if (p >= 0) this.nxt[p] = x;
    else this.head[b] = x;
    if (x >= 0) this.prv[x] = p;
    this.cnt[b] = (this.cnt[b] as number) - 1;
    for (let k = 0; k < d; k++) this.load[b * d + k] = (this.load[b * d + k] as number) - (this.size[u * d + k] as number);
    this.binOf[u] = -1;
  }

  /** Writes the units of host b into `out` from index `from` on; returns the index after the last. */
  membersOf(b: number, out: Int32Array, from = 0): number {
    let c = from;
    for (let u = this.head[b] as number; u >= 0; u = this.nxt[u] as number) out[c++] = u;
    return c;
  }

  /** Overflow of a load vector `v` (offset `o`) in a host of type `t`. */
  overflowOf(v: Float64Array, o: number, t: number): number {
    const { d, cap, ref } = this;
    let s = 0;
    for (let k = 0; k < d; k++) {
      const x = (v[o + k] as number) - (cap[t * d + k] as number);
      if (x > 0) s += x / (ref[k] as number);
    }
    return s;
  }

  refreshOver(b: number): void {
    this.over[b] = this.overflowOf(this.load, b * this.d, this.binType[b] as number);
  }

  /** Total overflow, from the exact integer loads: 0 exactly when every host is within capacity. */
  totalOver(): number {
    let s = 0;
    for (let b = 0; b < this.nb; b++) s += this.over[b] as number;
    return s;
  }

  /** Σ over dimensions of load / capacity of host b's type. */
  fill(b: number): number {
    const { d } = this;
    const t = this.binType[b] as number;
    let f = 0;
    for (let k = 0; k < d; k++) {
      const c = this.cap[t * d + k] as number;
      if (c > 0) f += (this.load[b * d + k] as number) / c;
    }
    return f;
  }

  /** Lower is a better candidate for removal: the emptiest host, or the dearest per unit of fill. */
  removalScore(b: number): number {
    const f = this.fill(b);
    if (this.objective === 'hosts') return f;
    return -(this.cost[this.binType[b] as number] as number) / (f + 1e-9);
  }

  /** Moves the contents and type of bin `from` into the empty slot `to`. */
  private moveBin(from: number, to: number): void {
    const { d } = this;
    this.binType[to] = this.binType[from] as number;
    for (let k = 0; k < d; k++) this.load[to * d + k] = this.load[from * d + k] as number;
    this.head[to] = this.head[from] as number;
    this.cnt[to] = this.cnt[from] as number;
    for (let u = this.head[to] as number; u >= 0; u = this.nxt[u] as number) this.binOf[u] = to;
  }

  /** Deletes the empty host b (the last host takes its slot) and refreshes every overflow. */
  removeEmptyBin(b: number): void {
    const { d } = this;
    const last = this.nb - 1;
    if (b !== last) this.moveBin(last, b);
    this.head[last] = -1;
    this.cnt[last] = 0;
    for (let k = 0; k < d; k++) this.load[last * d + k] = 0;
    this.nb = last;
    for (let x = 0; x < this.nb; x++) this.refreshOver(x);
  }

  /** Resets the state to the best packing. */
  restoreBest(): void {
    this.nb = this.bestBins;
    this.load.fill(0);
    this.head.fill(-1);
    this.cnt.fill(0);
    for (let b = 0; b < this.nb; b++) this.binType[b] = this.bestBinType[b] as number;
    for (let u = 0; u < this.n; u++) this.linkInto(u, this.bestBinOf[u] as number);
    for (let b = 0; b < this.nb; b++) this.refreshOver(b);
  }

  /** Puts unit u into the host (other than `not`) where it adds least overflow; ties: most room. */
  placeLeastOverflow(u: number, not: number): void {
    const { d, size, tmp } = this;
    let best = -1;
    let bestAdd = Infinity;
    let bestFill = Infinity;
    for (let b = 0; b < this.nb; b++) {
      if (b === not) continue;
      for (let k = 0; k < d; k++) tmp[k] = (this.load[b * d + k] as number) + (size[u * d + k] as number);
      const add = this.overflowOf(tmp, 0, this.binType[b] as number) - (this.over[b] as number);
      const f = this.fill(b);
      if (add < bestAdd - OVERFLOW_EPS || (add <= bestAdd + OVERFLOW_EPS && f < bestFill)) {
        bestAdd = add;
        bestFill = f;
        best = b;
      }
    }
    this.linkInto(u, best);
    this.refreshOver(best);
  }

  /** Records the current (overflow-free) packing as the best one. */
  saveBest(): void {
    this.bestBins = this.nb;
    this.bestBinOf.set(this.binOf);
    this.bestBinType.set(this.binType.subarray(0, this.nb));
    this.bestCost = this.costOf(this.nb, this.binType);
  }

  /** Whether the current overflow-free packing improves on the best one. */
  improves(): boolean {
    if (this.objective === 'hosts') return this.nb < this.bestBins;
    return this.costOf(this.nb, this.binType) < this.bestCost - 1e-9;
  }
}
