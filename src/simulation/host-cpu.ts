import { shareCpuInto } from '../performance/share-cpu-into.js';
import { grown } from '../util/grown.js';

// A container's record: S_STRIDE doubles (one 64-byte line). Offsets: weight, cap, CPU limit,
// virtual finish, work left (explicit mode), initial work, whether it is in its host's heap (1, else
// -1; the heap does not track positions, see heapIndex), and 1 + its position in its host's member
// list (0 when it is computing nowhere, so a fresh zeroed record means "not a member").
const S_STRIDE = 8;
const S_W = 0, S_CAP = 1, S_LIMIT = 2, S_VFIN = 3, S_REM = 4, S_WORK0 = 5, S_IN_HEAP = 6, S_MPOS = 7;
// A host's record: H_STRIDE doubles (one 64-byte line). Offsets: virtual time V, λ (dV/dt), the
// time it was advanced to, Σ weights, the smallest cap/weight and how many containers have it,
// 1 in explicit mode, and its CPU in use (millicores).
const H_STRIDE = 8;
const H_V = 0, H_LAMBDA = 1, H_T = 2, H_WSUM = 3, H_MIN_RATIO = 4, H_MIN_COUNT = 5, H_EXPLICIT = 6, H_USAGE = 7;

/**
 * @internal Fluid CPU sharing for every host, as CFS does it: weights from cpu.shares, caps from the
 * CPU limit and thread count, work-conserving weighted max-min (water-filling, {@link shareCpuInto}).
 *
 * Each host runs in one of two modes, chosen afresh whenever its set of containers changes:
 * - **virtual time** while no cap binds (the usual case): every container runs at `weight · λ`
 *   with λ = C / Σw, so its finish is fixed in the host's virtual time V (dV/dt = λ) at
 *   `V₀ + work / weight`, whatever comes and goes. A min-heap on that virtual finish gives the next
 *   completion in O(log k), and nothing is touched per container when λ changes.
 * - **explicit rates** when some cap binds: water-filling gives each container a rate and every
 *   change advances all of the host's containers, O(k).
 * Either way a change on one host recomputes only that host.
 */
export class HostCpu {
  // Per host, packed: one 64-byte record per host (see the H_* offsets), so that touching a host
  // costs one or two cache lines rather than one per field.
  private readonly hs: Float64Array;
  private readonly members: number[][];
  // Per host, a 4-ary min-heap of (virtual finish, slot) pairs, interleaved in one array (a pair
  // at 2i, 2i + 1), so that a move reads and writes one array; heapN holds how many pairs.
  private readonly heap: Float64Array[];
  private readonly heapN: Int32Array;
  // Per container slot, packed: one 64-byte record per slot (see the S_* offsets), so that a
  // container's arrival or completion touches one or two cache lines rather than one per field.
  private st: Float64Array;
  private rate: Float64Array; // explicit mode only
  // Scratch for water-filling.
  private sw = new Float64Array(64);
  private sc = new Float64Array(64);
  private so = new Float64Array(64);
  private order = new Int32Array(64);
  /** Σ rates over the cluster, millicores. */
  usageSum = 0;
  /** Container-seconds of compute, and of those, seconds spent at the CPU limit. */
  computeTime = 0;
  throttledTime = 0;

  /**
   * The next completion time found by the last {@link HostCpu.reshare} (Infinity if none): a field,
   * not a return value, because a double returned from a call V8 does not inline is boxed.
   */
  next = Infinity;

  /**
   * @param capacity - Each host's CPU, millicores.
   * @param clock - Where the current time is read (the simulator): {@link HostCpu.advance} and
   * {@link HostCpu.reshare} work at `clock.now` (read, not passed, so that no double is boxed per call).
   * @param slots - Container slots to make room for up front (more grow by doubling).
   */
  constructor(private readonly capacity: Float64Array, private readonly clock: { readonly now: number }, slots = 1024) {
    const H = capacity.length;
    this.st = new Float64Array(slots * S_STRIDE);
    this.rate = new Float64Array(slots);
    this.hs = new Float64Array(H * H_STRIDE);
    for (let h = 0; h < H; h++) this.hs[h * H_STRIDE + H_MIN_RATIO] = Infinity;
    this.members = Array.from({ length: H }, () => []);
    this.heap = Array.from({ length: H }, () => new Float64Array(16));
    this.heapN = new Int32Array(H);
  }

  /** Containers computing on host `h`. */
  count(h: number): number {
    return (this.members[h] as number[]).length;
  }

  /** Whether a container is computing on some host. */
  has(slot: number): boolean {
    return slot < this.rate.length && (this.st[slot * S_STRIDE + S_MPOS] as number) > 0;
  }

  /** A container's current rate, millicores. */
  rateOf(slot: number, h: number): number {
    if (slot >= this.rate.length || this.st[slot * S_STRIDE + S_MPOS] === 0) return 0;
    return this.hs[h * H_STRIDE + H_EXPLICIT] === 1 ? (this.rate[slot] as number) : (this.st[slot * S_STRIDE + S_W] as number) * (this.hs[h * H_STRIDE + H_LAMBDA] as number);
  }

  /** Brings host `h`'s progress up to the clock's time. */
  advance(h: number): void {
    const now = this.clock.now;
    const dt = now - (this.hs[h * H_STRIDE + H_T] as number);
    this.hs[h * H_STRIDE + H_T] = now;
    if (dt <= 0) return;
    const list = this.members[h] as number[];
    this.computeTime += dt * list.length;
    if (this.hs[h * H_STRIDE + H_EXPLICIT] === 0) {
      this.hs[h * H_STRIDE + H_V] = (this.hs[h * H_STRIDE + H_V] as number) + (this.hs[h * H_STRIDE + H_LAMBDA] as number) * dt;
      return;
    }
    for (let i = 0; i < list.length; i++) {
      const c = list[i] as number;
      const r = this.rate[c] as number;
      this.st[c * S_STRIDE + S_REM] = (this.st[c * S_STRIDE + S_REM] as number) - r * dt;
      // Quota-bound: the CPU limit, not the host, is what holds it back.
      if (r >= (this.st[c * S_STRIDE + S_LIMIT] as number) * (1 - 1e-12)) this.throttledTime += dt;
    }
  }

  /** Adds a container with `work` millicore-seconds at the clock's time (call {@link HostCpu.advance} first). */
  add(h: number, slot: number, work: number, weight: number, cap: number, limit: number): void {
    this.ensure(slot);
    this.st[slot * S_STRIDE + S_W] = weight;
    this.st[slot * S_STRIDE + S_CAP] = cap;
    this.st[slot * S_STRIDE + S_LIMIT] = limit;
    this.st[slot * S_STRIDE + S_WORK0] = work;
    const list = this.members[h] as number[];
    this.st[slot * S_STRIDE + S_MPOS] = list.length + 1;
    list.push(slot);
    this.hs[h * H_STRIDE + H_WSUM] = (this.hs[h * H_STRIDE + H_WSUM] as number) + weight;
    const ratio = cap / weight;
    if (ratio < (this.hs[h * H_STRIDE + H_MIN_RATIO] as number)) {
      this.hs[h * H_STRIDE + H_MIN_RATIO] = ratio;
      this.hs[h * H_STRIDE + H_MIN_COUNT] = 1;
    } else if (ratio === this.hs[h * H_STRIDE + H_MIN_RATIO]) this.hs[h * H_STRIDE + H_MIN_COUNT] = (this.hs[h * H_STRIDE + H_MIN_COUNT] as number) + 1;
    if (this.hs[h * H_STRIDE + H_EXPLICIT] === 1) {
      this.st[slot * S_STRIDE + S_REM] = work;
      this.rate[slot] = 0;
    } else {
      this.st[slot * S_STRIDE + S_REM] = work;
      this.heapPush(h, slot, (this.hs[h * H_STRIDE + H_V] as number) + work / weight);
    }
  }

  /** Removes a container (finished or killed) and returns the work it had left. */
  remove(h: number, slot: number): number {
    const list = this.members[h] as number[];
    const i = (this.st[slot * S_STRIDE + S_MPOS] as number) - 1;
    const last = list.pop() as number;
    if (last !== slot) {
      list[i] = last;
      this.st[last * S_STRIDE + S_MPOS] = i + 1;
    }
    this.st[slot * S_STRIDE + S_MPOS] = 0;
    const weight = this.st[slot * S_STRIDE + S_W] as number;
    this.hs[h * H_STRIDE + H_WSUM] = list.length === 0 ? 0 : (this.hs[h * H_STRIDE + H_WSUM] as number) - weight;
    let left: number;
    if (this.hs[h * H_STRIDE + H_EXPLICIT] === 1) {
      left = this.st[slot * S_STRIDE + S_REM] as number;
      this.hs[h * H_STRIDE + H_USAGE] = (this.hs[h * H_STRIDE + H_USAGE] as number) - (this.rate[slot] as number);
      this.usageSum -= this.rate[slot] as number;
      this.rate[slot] = 0;
    } else {
      left = ((this.st[slot * S_STRIDE + S_VFIN] as number) - (this.hs[h * H_STRIDE + H_V] as number)) * weight;
      if ((this.st[slot * S_STRIDE + S_IN_HEAP] as number) > 0) this.heapRemove(h, this.heapIndex(h, slot));
    }
    // Recompute the smallest cap/weight only when the last container holding it leaves.
    if ((this.st[slot * S_STRIDE + S_CAP] as number) / weight === this.hs[h * H_STRIDE + H_MIN_RATIO] && (this.hs[h * H_STRIDE + H_MIN_COUNT] = (this.hs[h * H_STRIDE + H_MIN_COUNT] as number) - 1) === 0) {
      let m = Infinity, count = 0;
      for (let k = 0; k < list.length; k++) {
        const c = list[k] as number;
        const r = (this.st[c * S_STRIDE + S_CAP] as number) / (this.st[c * S_STRIDE + S_W] as number);
        if (r < m) { m = r; count = 1; } else if (r === m) count++;
      }
      this.hs[h * H_STRIDE + H_MIN_RATIO] = m;
      this.hs[h * H_STRIDE + H_MIN_COUNT] = count;
    }
    return left > 0 ? left : 0;
  }

  /** The initial work of a container, millicore-seconds. */
  workOf(slot: number): number {
    return this.st[slot * S_STRIDE + S_WORK0] as number;
  }

  /**
   * Re-divides host `h`'s CPU after a change at the clock's time and sets {@link HostCpu.next} to the
   * time of its next completion (Infinity if none).
   */
  reshare(h: number): void {
    const now = this.clock.now;
    const list = this.members[h] as number[];
    const n = list.length;
    const C = this.capacity[h] as number;
    const oldUsage = this.hs[h * H_STRIDE + H_USAGE] as number;
    if (n === 0) {
      this.hs[h * H_STRIDE + H_EXPLICIT] = 0;
      this.hs[h * H_STRIDE + H_LAMBDA] = 0;
      this.heapN[h] = 0;
      this.hs[h * H_STRIDE + H_USAGE] = 0;
      this.usageSum -= oldUsage;
      this.next = Infinity;
      return;
    }
    const level = C / (this.hs[h * H_STRIDE + H_WSUM] as number);
    if (level <= (this.hs[h * H_STRIDE + H_MIN_RATIO] as number)) {
      // No cap binds: virtual time.
      if (this.hs[h * H_STRIDE + H_EXPLICIT] === 1) {
        this.hs[h * H_STRIDE + H_EXPLICIT] = 0;
        this.heapN[h] = 0;
        for (let i = 0; i < n; i++) {
          const c = list[i] as number;
          this.heapPush(h, c, (this.hs[h * H_STRIDE + H_V] as number) + (this.st[c * S_STRIDE + S_REM] as number) / (this.st[c * S_STRIDE + S_W] as number));
        }
      }
      this.hs[h * H_STRIDE + H_LAMBDA] = level;
      this.hs[h * H_STRIDE + H_USAGE] = C;
      this.usageSum += C - oldUsage;
      const vmin = this.heap[h]![0] as number;
      this.next = now + Math.max(0, vmin - (this.hs[h * H_STRIDE + H_V] as number)) / level;
      return;
    }
    // Some cap binds: explicit rates by water-filling.
    if (this.hs[h * H_STRIDE + H_EXPLICIT] === 0) {
      this.hs[h * H_STRIDE + H_EXPLICIT] = 1;
      for (let i = 0; i < n; i++) {
        const c = list[i] as number;
        this.st[c * S_STRIDE + S_REM] = Math.max(0, ((this.st[c * S_STRIDE + S_VFIN] as number) - (this.hs[h * H_STRIDE + H_V] as number)) * (this.st[c * S_STRIDE + S_W] as number));
        this.st[c * S_STRIDE + S_IN_HEAP] = -1;
      }
      this.heapN[h] = 0;
    }
    if (n > this.sw.length) this.growScratch(n);
    for (let i = 0; i < n; i++) {
      const c = list[i] as number;
      this.sw[i] = this.st[c * S_STRIDE + S_W] as number;
      this.sc[i] = this.st[c * S_STRIDE + S_CAP] as number;
    }
    const total = shareCpuInto(C, this.sw, this.sc, n, this.so, this.order);
    let next = Infinity;
    for (let i = 0; i < n; i++) {
      const c = list[i] as number;
      const r = this.so[i] as number;
      this.rate[c] = r;
      const t = r > 0 ? now + (this.st[c * S_STRIDE + S_REM] as number) / r : Infinity;
      if (t < next) next = t;
    }
    this.hs[h * H_STRIDE + H_USAGE] = total;
    this.usageSum += total - oldUsage;
    this.next = next;
  }

  /** The containers found by the last {@link HostCpu.finished} call, in its first `n` entries. */
  done = new Int32Array(64);

  /**
   * Collects into {@link HostCpu.done} the containers on host `h` that have finished by now (after
   * advance) and returns how many there are.
   */
  finished(h: number): number {
    let n = 0;
    const list = this.members[h] as number[];
    if (this.hs[h * H_STRIDE + H_EXPLICIT] === 1) {
      for (let i = 0; i < list.length; i++) {
        const c = list[i] as number;
        const r = this.rate[c] as number;
        // Finished, up to rounding: less than a nanosecond of work left at the current rate.
        if ((this.st[c * S_STRIDE + S_REM] as number) <= r * 1e-9 || (this.st[c * S_STRIDE + S_REM] as number) <= 1e-9) n = this.pushDone(n, c);
      }
      return n;
    }
    const V = this.hs[h * H_STRIDE + H_V] as number;
    const tol = Math.abs(V) * 1e-12 + (this.hs[h * H_STRIDE + H_LAMBDA] as number) * 1e-9;
    const a = this.heap[h] as Float64Array;
    while ((this.heapN[h] as number) > 0 && (a[0] as number) <= V + tol) {
      const c = (a[1] as number) | 0;
      n = this.pushDone(n, c);
      this.heapRemove(h, 0);
      // Out of the heap, still a member until remove() is called for it.
      this.st[c * S_STRIDE + S_VFIN] = V;
      this.st[c * S_STRIDE + S_IN_HEAP] = -1;
    }
    return n;
  }

  private pushDone(n: number, c: number): number {
    if (n === this.done.length) this.done = grown(this.done, n * 2);
    this.done[n] = c;
    return n + 1;
  }

  // ---- per-host 4-ary min-heap on virtual finish ----
  // Four children per node (of i: 4i + 1 … 4i + 4) rather than two: a completion's sift-down passes
  // half as many levels (about 3 instead of 5 with 50 containers), and each level's moves and
  // bookkeeping cost more than its extra comparisons (measured by instruction count, bench/README).
  // The moves are written out in siftUp and heapRemove rather than shared through a helper: with
  // the helper, V8 stopped inlining heapRemove into the completion path.

  private heapPush(h: number, slot: number, key: number): void {
    let a = this.heap[h] as Float64Array;
    const n = this.heapN[h] as number;
    if (2 * n === a.length) a = this.heap[h] = grown(a, 4 * n);
    this.st[slot * S_STRIDE + S_VFIN] = key;
    this.st[slot * S_STRIDE + S_IN_HEAP] = 1;
    this.heapN[h] = n + 1;
    this.siftUp(a, n, slot, key);
  }

  private siftUp(a: Float64Array, i: number, slot: number, key: number): void {
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pk = a[2 * p] as number;
      if (pk <= key) break;
      a[2 * i] = pk;
      a[2 * i + 1] = a[2 * p + 1] as number;
      i = p;
    }
    a[2 * i] = key;
    a[2 * i + 1] = slot;
  }

  // Where a container sits in its host's heap, by a scan: only a container removed before it
  // finishes (killed, evicted, OOM-killed) needs this, so the moves of every push and pop do not
  // keep positions up to date.
  private heapIndex(h: number, slot: number): number {
    const a = this.heap[h] as Float64Array;
    const n = this.heapN[h] as number;
    for (let i = 0; i < n; i++) if (a[2 * i + 1] === slot) return i;
    return -1;
  }

  private heapRemove(h: number, i: number): void {
    if (i < 0) return;
    const a = this.heap[h] as Float64Array;
    const n = (this.heapN[h] as number) - 1;
    this.heapN[h] = n;
    if (i === n) return;
    const key = a[2 * n] as number;
    const slot = a[2 * n + 1] as number;
    if (i > 0 && (a[2 * ((i - 1) >> 2)] as number) > key) {
      this.siftUp(a, i, slot, key);
      return;
    }
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      // The smallest of the (up to four) children; the first of equal keys wins.
      let c = first, ck = a[2 * first] as number;
      const end = first + 4 < n ? first + 4 : n;
      for (let j = first + 1; j < end; j++) {
        const k = a[2 * j] as number;
        if (k < ck) { c = j; ck = k; }
      }
      if (key <= ck) break;
      a[2 * i] = ck;
      a[2 * i + 1] = a[2 * c + 1] as number;
      i = c;
    }
    a[2 * i] = key;
    a[2 * i + 1] = slot;
  }

  private ensure(slot: number): void {
    if (slot < this.rate.length) return;
    const n = Math.max(slot + 1, this.rate.length * 2);
    this.st = grown(this.st, n * S_STRIDE);
    this.rate = grown(this.rate, n);
  }

  private growScratch(n: number): void {
    const m = Math.max(n, this.sw.length * 2);
    this.sw = new Float64Array(m); this.sc = new Float64Array(m); this.so = new Float64Array(m); this.order = new Int32Array(m);
  }
}
