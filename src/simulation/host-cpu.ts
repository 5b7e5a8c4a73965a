import { shareCpuInto } from '../performance/share-cpu-into.js';
import { grown } from '../util/grown.js';

// A container's record: S_STRIDE doubles (one 64-byte line). Offsets: weight, cap, CPU limit,
// virtual finish, work left (explicit mode), initial work, whether it is in its host's heap (1, else
// -1; the heap does not track positions, see heapIndex), and 1 + its position in its host's member
// list (0 when it is computing nowhere, so a fresh zeroed record means "not a member").
const S_STRIDE = 8;
const S_W = 0, S_CAP = 1, S_LIMIT = 2, S_VFIN = 3, S_REM = 4, S_WORK0 = 5, S_IN_HEAP = 6, S_MPOS = 7;
// A class of containers (HostCpu.setClass): weight, cap and CPU limit.
const C_STRIDE = 4;
const C_W = 0, C_CAP = 1, C_LIMIT = 2;
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
  // Classes' weight, cap and limit (C_STRIDE each); class 0 is add()'s.
  private cls = new Float64Array(C_STRIDE);
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
    const hs = this.hs, g = h * H_STRIDE;
    const now = this.clock.now;
    const dt = now - (hs[g + H_T] as number);
    hs[g + H_T] = now;
    if (dt <= 0) return;
    this.computeTime += dt * (this.members[h] as number[]).length;
    if (hs[g + H_EXPLICIT] === 0) hs[g + H_V] = (hs[g + H_V] as number) + (hs[g + H_LAMBDA] as number) * dt;
    else this.advanceRates(h, dt);
  }

  // advance() in explicit mode: every container's work left, at its rate (out of line, so that the
  // virtual-time path stays small enough for V8 to inline into its callers).
  private advanceRates(h: number, dt: number): void {
    const list = this.members[h] as number[], st = this.st, rate = this.rate;
    for (let i = 0; i < list.length; i++) {
      const c = list[i] as number;
      const r = rate[c] as number;
      st[c * S_STRIDE + S_REM] = (st[c * S_STRIDE + S_REM] as number) - r * dt;
      // Quota-bound: the CPU limit, not the host, is what holds it back.
      if (r >= (st[c * S_STRIDE + S_LIMIT] as number) * (1 - 1e-12)) this.throttledTime += dt;
    }
  }

  /** Adds a container with `work` millicore-seconds at the clock's time (call {@link HostCpu.advance} first). */
  add(h: number, slot: number, work: number, weight: number, cap: number, limit: number): void {
    const k = this.cls;
    k[C_W] = weight;
    k[C_CAP] = cap;
    k[C_LIMIT] = limit;
    this.work = work;
    this.addOf(h, slot, 0);
  }

  /**
   * The work of the container the next {@link HostCpu.addOf} adds, millicore-seconds: a field, not an
   * argument, because a double passed to a call V8 does not inline is boxed.
   */
  work = 0;

  /**
   * Declares class `k` (1, 2, …): the weight, cap and CPU limit of the containers {@link HostCpu.addOf}
   * adds with it (the simulator's workloads), so that adding one passes no double.
   */
  setClass(k: number, weight: number, cap: number, limit: number): void {
    if ((k + 1) * C_STRIDE > this.cls.length) this.cls = grown(this.cls, (k + 1) * C_STRIDE);
    const c = this.cls, x = k * C_STRIDE;
    c[x + C_W] = weight;
    c[x + C_CAP] = cap;
    c[x + C_LIMIT] = limit;
  }

  /**
   * {@link HostCpu.add} for a container of class `k` (see {@link HostCpu.setClass}; 0 is add's own) with
   * {@link HostCpu.work} millicore-seconds.
   */
  addOf(h: number, slot: number, k: number): void {
    this.ensure(slot);
    const st = this.st, hs = this.hs, o = slot * S_STRIDE, g = h * H_STRIDE, c = this.cls, x = k * C_STRIDE;
    const work = this.work, weight = c[x + C_W] as number, cap = c[x + C_CAP] as number;
    st[o + S_W] = weight;
    st[o + S_CAP] = cap;
    st[o + S_LIMIT] = c[x + C_LIMIT] as number;
    st[o + S_WORK0] = work;
    const list = this.members[h] as number[];
    st[o + S_MPOS] = list.length + 1;
    list.push(slot);
    hs[g + H_WSUM] = (hs[g + H_WSUM] as number) + weight;
    const ratio = cap / weight, min = hs[g + H_MIN_RATIO] as number;
    if (ratio < min) {
      hs[g + H_MIN_RATIO] = ratio;
      hs[g + H_MIN_COUNT] = 1;
    } else if (ratio === min) hs[g + H_MIN_COUNT] = (hs[g + H_MIN_COUNT] as number) + 1;
    if (hs[g + H_EXPLICIT] === 1) {
      st[o + S_REM] = work; // in virtual time the work left is implied by the virtual finish
      this.rate[slot] = 0;
    } else {
      st[o + S_VFIN] = (hs[g + H_V] as number) + work / weight;
      this.heapPush(h, slot);
    }
  }

  /** Removes a container (finished or killed) and returns the work it had left. */
  remove(h: number, slot: number): number {
    const st = this.st, hs = this.hs, o = slot * S_STRIDE, g = h * H_STRIDE;
    const list = this.members[h] as number[];
    const i = (st[o + S_MPOS] as number) - 1;
    const last = list.pop() as number;
    if (last !== slot) {
      list[i] = last;
      st[last * S_STRIDE + S_MPOS] = i + 1;
    }
    st[o + S_MPOS] = 0;
    const weight = st[o + S_W] as number;
    hs[g + H_WSUM] = list.length === 0 ? 0 : (hs[g + H_WSUM] as number) - weight;
    let left: number;
    if (hs[g + H_EXPLICIT] === 1) {
      const r = this.rate[slot] as number;
      left = st[o + S_REM] as number;
      hs[g + H_USAGE] = (hs[g + H_USAGE] as number) - r;
      this.usageSum -= r;
      this.rate[slot] = 0;
    } else {
      left = ((st[o + S_VFIN] as number) - (hs[g + H_V] as number)) * weight;
      if ((st[o + S_IN_HEAP] as number) > 0) this.heapRemove(h, this.heapIndex(h, slot));
    }
    // Recompute the smallest cap/weight only when the last container holding it leaves.
    if ((st[o + S_CAP] as number) / weight === hs[g + H_MIN_RATIO] && (hs[g + H_MIN_COUNT] = (hs[g + H_MIN_COUNT] as number) - 1) === 0) this.minRatio(h);
    return left > 0 ? left : 0;
  }

  // The smallest cap/weight on host h and how many containers have it, afresh.
  private minRatio(h: number): void {
    const list = this.members[h] as number[], st = this.st;
    let m = Infinity, count = 0;
    for (let k = 0; k < list.length; k++) {
      const c = list[k] as number;
      const r = (st[c * S_STRIDE + S_CAP] as number) / (st[c * S_STRIDE + S_W] as number);
      if (r < m) { m = r; count = 1; } else if (r === m) count++;
    }
    this.hs[h * H_STRIDE + H_MIN_RATIO] = m;
    this.hs[h * H_STRIDE + H_MIN_COUNT] = count;
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
    const hs = this.hs, g = h * H_STRIDE;
    const list = this.members[h] as number[];
    const n = list.length;
    const C = this.capacity[h] as number;
    const oldUsage = hs[g + H_USAGE] as number;
    if (n === 0) {
      hs[g + H_EXPLICIT] = 0;
      hs[g + H_LAMBDA] = 0;
      this.heapN[h] = 0;
      hs[g + H_USAGE] = 0;
      this.usageSum -= oldUsage;
      this.next = Infinity;
      return;
    }
    const level = C / (hs[g + H_WSUM] as number);
    if (!(level <= (hs[g + H_MIN_RATIO] as number))) {
      this.reshareRates(h);
      return;
    }
    // No cap binds: virtual time.
    if (hs[g + H_EXPLICIT] === 1) {
      hs[g + H_EXPLICIT] = 0;
      this.heapN[h] = 0;
      const st = this.st;
      for (let i = 0; i < n; i++) {
        const c = list[i] as number;
        st[c * S_STRIDE + S_VFIN] = (hs[g + H_V] as number) + (st[c * S_STRIDE + S_REM] as number) / (st[c * S_STRIDE + S_W] as number);
        this.heapPush(h, c);
      }
    }
    hs[g + H_LAMBDA] = level;
    if (oldUsage !== C) {
      // In virtual time the host is fully used: its usage changes only when it fills or leaves explicit mode.
      hs[g + H_USAGE] = C;
      this.usageSum += C - oldUsage;
    }
    const vmin = this.heap[h]![0] as number;
    this.next = this.clock.now + Math.max(0, vmin - (hs[g + H_V] as number)) / level;
  }

  // reshare() when some cap binds: explicit rates by water-filling, O(k) (out of line, so that the
  // virtual-time path stays small enough for V8 to inline).
  private reshareRates(h: number): void {
    const now = this.clock.now;
    const hs = this.hs, g = h * H_STRIDE;
    const list = this.members[h] as number[];
    const n = list.length;
    const C = this.capacity[h] as number;
    const oldUsage = hs[g + H_USAGE] as number;
    if (hs[g + H_EXPLICIT] === 0) {
      hs[g + H_EXPLICIT] = 1;
      for (let i = 0; i < n; i++) {
        const c = list[i] as number;
        this.st[c * S_STRIDE + S_REM] = Math.max(0, ((this.st[c * S_STRIDE + S_VFIN] as number) - (hs[g + H_V] as number)) * (this.st[c * S_STRIDE + S_W] as number));
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
    hs[g + H_USAGE] = total;
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
    if (this.hs[h * H_STRIDE + H_EXPLICIT] === 1) return this.finishedRates(h);
    let n = 0;
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

  // finished() in explicit mode: a scan of the host's containers.
  private finishedRates(h: number): number {
    let n = 0;
    const list = this.members[h] as number[];
    for (let i = 0; i < list.length; i++) {
      const c = list[i] as number;
      const r = this.rate[c] as number;
      // Finished, up to rounding: less than a nanosecond of work left at the current rate.
      if ((this.st[c * S_STRIDE + S_REM] as number) <= r * 1e-9 || (this.st[c * S_STRIDE + S_REM] as number) <= 1e-9) n = this.pushDone(n, c);
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

  // Pushes `slot` with its virtual finish, which the caller has written to its record (S_VFIN): read
  // here rather than passed, since a double passed to a call V8 does not inline is boxed.
  private heapPush(h: number, slot: number): void {
    let a = this.heap[h] as Float64Array;
    const n = this.heapN[h] as number;
    if (2 * n === a.length) a = this.heap[h] = grown(a, 4 * n);
    this.st[slot * S_STRIDE + S_IN_HEAP] = 1;
    this.heapN[h] = n + 1;
    this.siftUp(a, n, slot);
  }

  // Moves `slot` up from position `at` past larger parents; its key is its virtual finish (S_VFIN).
  private siftUp(a: Float64Array, at: number, slot: number): void {
    const key = this.st[slot * S_STRIDE + S_VFIN] as number;
    let i = at | 0;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pk = a[2 * p] as number;
      if (pk <= key) break;
      a[2 * i] = pk;
      a[(2 * i + 1) | 0] = a[(2 * p + 1) | 0] as number;
      i = p;
    }
    a[2 * i] = key;
    a[(2 * i + 1) | 0] = slot;
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

  private heapRemove(h: number, at: number): void {
    if (at < 0) return;
    const a = this.heap[h] as Float64Array;
    const n = ((this.heapN[h] as number) - 1) | 0;
    this.heapN[h] = n;
    let i = at | 0;
    if (i === n) return;
    const key = a[2 * n] as number;
    const slot = (a[(2 * n + 1) | 0] as number) | 0;
    if (i > 0 && (a[2 * ((i - 1) >> 2)] as number) > key) {
      this.siftUp(a, i, slot); // its key is its S_VFIN
      return;
    }
    for (;;) {
      const c = (4 * i + 1) | 0;
      if (c >= n) break;
      // The smallest of the (up to four) children, the first of equal keys winning; unrolled, since
      // TurboFan checks the stack and reloads the array at every turn of a loop.
      let m = c, mk = a[2 * c] as number;
      let k = (c + 1) | 0;
      if (k < n) {
        const kk = a[2 * k] as number;
        if (kk < mk) { m = k; mk = kk; }
        if ((k = (k + 1) | 0) < n) {
          const kk = a[2 * k] as number;
          if (kk < mk) { m = k; mk = kk; }
          if ((k = (k + 1) | 0) < n) {
            const kk = a[2 * k] as number;
            if (kk < mk) { m = k; mk = kk; }
          }
        }
      }
      if (key <= mk) break;
      a[2 * i] = mk;
      a[(2 * i + 1) | 0] = a[(2 * m + 1) | 0] as number;
      i = m;
    }
    a[2 * i] = key;
    a[(2 * i + 1) | 0] = slot;
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
