import type { ResourceVector } from '../resources/vector.js';
import type { HostCondition } from '../scheduling/host-condition.js';

/**
 * The hosts of a simulated cluster as struct-of-arrays typed arrays: for host `h` and
 * dimension `d`, `capacity[h * D + d]` is what it can allocate and `allocated[h * D + d]` what its
 * containers hold, in exact integer base units. `dims[d]` names dimension `d`; `cpu` is always
 * dimension 0 and `memory` dimension 1.
 *
 * The cluster enforces "never overcommit": {@link ClusterState.allocate} refuses a demand that does
 * not fit, whatever a placement policy chose.
 *
 * @example
 * ```ts
 * const c = new ClusterState(['cpu', 'memory'], [{ name: 'n0', capacity: { cpu: 4000, memory: 2 ** 34 } }]);
 * const demand = c.demandOf({ cpu: 500, memory: 2 ** 30 });
 * c.allocate(0, demand, 0); // true
 * c.free(0, 0);             // 3500 millicores left: R_c = R_h − R_s
 * ```
 */
export class ClusterState {
  /** Dimension names; index = dimension number. */
  readonly dims: readonly string[];
  /** Number of dimensions, D. */
  readonly D: number;
  /** Number of hosts, H. */
  readonly hostCount: number;
  /** Host names, by host index. */
  readonly hostNames: readonly string[];
  /** Index of the host group each host came from. */
  readonly hostGroup: Int32Array;
  /** Labels of each host (shared objects per group; treat as read-only). */
  readonly hostLabels: ReadonlyArray<Readonly<Record<string, string>>>;
  /** Allocatable capacity, `[h * D + d]`. */
  readonly capacity: Float64Array;
  /** Sum of the requests of the containers on each host, `[h * D + d]`. */
  readonly allocated: Float64Array;
  /** Containers on each host. */
  readonly containers: Int32Array;
  /** Σ allocated over all hosts, per dimension. */
  readonly totalAllocated: Float64Array;
  /** Σ capacity over all hosts, per dimension. */
  readonly totalCapacity: Float64Array;
  /** 1 for a host that takes no new containers for now (see {@link ClusterState.setBlocked}). */
  readonly blocked: Uint8Array;
  /** Each host's conditions as bits, `1 << condition` (see {@link "podsim/scheduling"!HostCondition} and {@link ClusterState.setCondition}). */
  readonly conditions: Uint8Array;
  /** Hosts holding at least one container. */
  hostsInUse = 0;
  /** Bumped on every allocate, release, block and capacity change, so indexes can tell when they are stale. */
  version = 0;
  /** Hosts whose capacity is still above the target of a shrink (see {@link ClusterState.setCapacity}). */
  pendingShrinks = 0;
  private readonly dimIndex: ReadonlyMap<string, number>;
  private listeners: Array<(host: number) => void> = [];
  private capacityListeners: Array<(host: number) => void> = [];
  // Built on the first shrink that must wait: each host's target capacity, and 1 where it is not reached yet.
  private target: Float64Array | undefined;
  private shrinking: Uint8Array | undefined;
  // One host per distinct capacity when empty, for fitsSomeEmpty (undefined: recompute).
  private emptyReps: Int32Array | undefined;
  // Every host below this has no room in the first dimension (capacity − allocated ≤ 0): first fit
  // raises it as it passes them, a release or a capacity change on a host below it lowers it.
  private lowRoom = 0;

  constructor(
    dims: readonly string[],
    hosts: ReadonlyArray<{ readonly name: string; readonly capacity: ResourceVector; readonly group?: number; readonly labels?: Readonly<Record<string, string>> }>,
  ) {
    this.dims = dims;
    this.D = dims.length;
    this.dimIndex = new Map(dims.map((d, i) => [d, i]));
    this.hostCount = hosts.length;
    const H = hosts.length, D = this.D;
    this.hostNames = hosts.map((h) => h.name);
    this.hostGroup = Int32Array.from(hosts, (h) => h.group ?? 0);
    this.hostLabels = hosts.map((h) => h.labels ?? {});
    this.capacity = new Float64Array(H * D);
    this.allocated = new Float64Array(H * D);
    this.containers = new Int32Array(H);
    this.blocked = new Uint8Array(H);
    this.conditions = new Uint8Array(H);
    this.totalAllocated = new Float64Array(D);
    this.totalCapacity = new Float64Array(D);
    hosts.forEach((h, i) => {
      for (const [k, v] of Object.entries(h.capacity)) {
        const d = this.dimIndex.get(k);
        if (d === undefined) throw new Error(`ClusterState: dimension "${k}" is not in dims`);
        this.capacity[i * D + d] = v;
        this.totalCapacity[d] = (this.totalCapacity[d] as number) + v;
      }
    });
  }

  /** The index of a dimension, or -1. */
  dimensionIndex(name: string): number {
    return this.dimIndex.get(name) ?? -1;
  }

  /**
   * Lays a resource vector out as a dense demand array over {@link ClusterState.dims}.
   * @throws Error if the vector names a dimension the cluster does not track.
   */
  demandOf(v: ResourceVector, out: Float64Array = new Float64Array(this.D), offset = 0): Float64Array {
    for (const [k, x] of Object.entries(v)) {
      const d = this.dimIndex.get(k);
      if (d === undefined) throw new Error(`ClusterState: dimension "${k}" is not in dims`);
      out[offset + d] = x;
    }
    return out;
  }

  /** R_c for host `h` in dimension `d`: capacity less allocations. */
  free(h: number, d: number): number {
    const i = h * this.D + d;
    return (this.capacity[i] as number) - (this.allocated[i] as number);
  }

  /**
   * Whether a placement policy may put `demand[offset .. offset + D)` on host `h`: the host is not
   * blocked and the demand fits its free capacity in every dimension.
   */
  fits(h: number, demand: Float64Array, offset: number): boolean {
    return this.blocked[h] === 0 && this.hasRoom(h, demand, offset);
  }

  /**
   * The lowest-numbered host in `[from, hostCount)` that {@link "podsim/engine"!ClusterState.fits} the demand, or -1:
   * first fit as one tight loop over the cluster's arrays.
   *
   * @example
   * ```ts
   * c.firstFit(demand, 0); // 0 if it fits on host 0
   * ```
   */
  firstFit(demand: Float64Array, offset: number, from = 0): number {
    const n = this.hostCount, D = this.D, blocked = this.blocked, cap = this.capacity, alloc = this.allocated;
    // The first dimension's request is read once: on a busy cluster most hosts fail on it. The hosts
    // it does not fit are skipped by an inner loop of its own, with no loop inside it, so that V8
    // peels it and checks the arrays once, not at every host; roomAt then checks every dimension.
    const r0 = D === 0 ? 0 : (demand[offset] as number);
    let h = from;
    if (r0 > 0) {
      // Hosts with no room left in the first dimension fit no request for some of it; those from the
      // first host up are passed once here, and later scans start after them (see lowRoom).
      let low = this.lowRoom, b = low * D;
      while (low < n && (cap[b] as number) - (alloc[b] as number) <= 0) {
        low++;
        b += D;
      }
      this.lowRoom = low;
      if (h < low) h = low;
    }
    let base = h * D;
    while (h < n) {
      if (r0 > 0) {
        while (exceeds(r0, cap, alloc, base)) {
          if (++h === n) return -1;
          base += D;
        }
      }
      // The first dimension fits here: the others, then the blocked flag (read only where the container fits).
      if (roomAt(cap, alloc, base, D, demand, offset, 1) && blocked[h] === 0) return h;
      h++;
      base += D;
    }
    return -1;
  }

  /** Whether the demand fits host `h`'s free capacity in every dimension, blocked or not. */
  hasRoom(h: number, demand: Float64Array, offset: number): boolean {
    return roomAt(this.capacity, this.allocated, h * this.D, this.D, demand, offset, 0);
  }

  /** Whether the demand fits on host `h` when it is empty (at the target of a shrink still under way). */
  fitsEmpty(h: number, demand: Float64Array, offset: number): boolean {
    const D = this.D, base = h * D, cap = this.pendingShrinks !== 0 && this.shrinking?.[h] === 1 ? (this.target as Float64Array) : this.capacity;
    for (let d = 0; d < D; d++) if ((demand[offset + d] as number) > (cap[base + d] as number)) return false;
    return true;
  }

  /**
   * Whether the demand fits some host when it is empty ({@link ClusterState.fitsEmpty}), checked on one
   * host per distinct capacity (recomputed after a capacity change).
   *
   * @example
   * ```ts
   * c.fitsSomeEmpty(demand, 0); // false: no host could ever take it
   * ```
   */
  fitsSomeEmpty(demand: Float64Array, offset: number): boolean {
    let reps = this.emptyReps;
    if (reps === undefined) {
      const seen = new Map<string, number>(), D = this.D;
      for (let h = 0; h < this.hostCount; h++) {
        const a = this.shrinking?.[h] === 1 ? (this.target as Float64Array) : this.capacity;
        const key = Array.from(a.subarray(h * D, h * D + D)).join(',');
        if (!seen.has(key)) seen.set(key, h);
      }
      reps = this.emptyReps = Int32Array.from(seen.values());
    }
    for (let i = 0; i < reps.length; i++) if (this.fitsEmpty(reps[i] as number, demand, offset)) return true;
    return false;
  }

  /**
   * Changes host `h`'s allocatable capacity to `capacity` (dimensions it does not name keep theirs),
   * as a node's allocatable changes (a machine UPDATE in a trace). A growth applies at once. A shrink
   * never overcommits: in each dimension the capacity becomes max(target, allocated), so what runs
   * there keeps running and no new container fits where the host is full (as kube-scheduler sees
   * allocatable − requested ≤ 0), and it steps down towards the target as containers release, until
   * it reaches it ({@link ClusterState.pendingShrinks} counts hosts on the way). `totalCapacity` follows.
   * Listeners of {@link ClusterState.onCapacity} and {@link ClusterState.onChange} hear of each change.
   * @returns whether the capacity changed now.
   * @throws Error for a dimension the cluster does not track, or a value that is negative or not finite.
   * @example
   * ```ts
   * c.setCapacity(0, { cpu: 8000 });  // grows at once
   * c.setCapacity(0, { cpu: 1000 });  // 4000 m held: capacity 4000 m until they release
   * ```
   */
  setCapacity(h: number, capacity: ResourceVector): boolean {
    const D = this.D, base = h * D, cap = this.capacity, alloc = this.allocated, tot = this.totalCapacity;
    if (h < this.lowRoom) this.lowRoom = h;
    const was = this.shrinking?.[h] === 1;
    const want = new Float64Array(D);
    for (let d = 0; d < D; d++) want[d] = was ? ((this.target as Float64Array)[base + d] as number) : (cap[base + d] as number);
    for (const [k, v] of Object.entries(capacity)) {
      const d = this.dimIndex.get(k);
      if (d === undefined) throw new Error(`ClusterState: dimension "${k}" is not in dims`);
      if (!(v >= 0 && v < Infinity)) throw new Error(`ClusterState: capacity ${k} = ${v} of host ${this.hostNames[h]} must be a finite number ≥ 0`);
      want[d] = v;
    }
    let changed = false, pending = false;
    for (let d = 0; d < D; d++) {
      const t = want[d] as number, a = alloc[base + d] as number, now = t > a ? t : a;
      if (now !== t) pending = true;
      if (now !== cap[base + d]) {
        tot[d] = (tot[d] as number) + (now - (cap[base + d] as number));
        cap[base + d] = now;
        changed = true;
      }
    }
    if (pending) {
      if (this.target === undefined) {
        this.target = new Float64Array(this.hostCount * D);
        this.shrinking = new Uint8Array(this.hostCount);
      }
      this.target.set(want, base);
      if (!was) {
        (this.shrinking as Uint8Array)[h] = 1;
        this.pendingShrinks++;
      }
    } else if (was) {
      (this.shrinking as Uint8Array)[h] = 0;
      this.pendingShrinks--;
    }
    this.emptyReps = undefined;
    // A host whose shrink starts or ends moves between indexes' classes even when its capacity stays.
    if (changed || was !== pending) {
      this.version++;
      this.notifyCapacity(h);
      this.notify(h);
    }
    return changed;
  }

  /** Whether host `h`'s capacity is still above the target of a shrink. @example `c.shrinkPending(0) // true while it steps down` */
  shrinkPending(h: number): boolean {
    return this.pendingShrinks !== 0 && (this.shrinking as Uint8Array)[h] === 1;
  }

  /** Host `h`'s capacity target: the capacity it has when a shrink under way is done (else its capacity), in dimension `d`. @example `c.targetCapacity(0, 0) // 1000` */
  targetCapacity(h: number, d: number): number {
    const i = h * this.D + d;
    return this.shrinking?.[h] === 1 ? ((this.target as Float64Array)[i] as number) : (this.capacity[i] as number);
  }

  // After a release on a host whose shrink waits: its capacity steps down to max(target, allocated).
  private settle(h: number): void {
    const D = this.D, base = h * D, cap = this.capacity, alloc = this.allocated, tot = this.totalCapacity, target = this.target as Float64Array;
    let changed = false, pending = false;
    for (let d = 0; d < D; d++) {
      const t = target[base + d] as number, a = alloc[base + d] as number, now = t > a ? t : a;
      if (now !== t) pending = true;
      if (now !== cap[base + d]) {
        tot[d] = (tot[d] as number) + (now - (cap[base + d] as number));
        cap[base + d] = now;
        changed = true;
      }
    }
    if (!pending) {
      (this.shrinking as Uint8Array)[h] = 0;
      this.pendingShrinks--;
      this.emptyReps = undefined;
    }
    if (changed) this.notifyCapacity(h);
  }

  /**
   * Places a demand on host `h` if it fits. This is the only way capacity is taken, so no policy
   * can overcommit a host. A blocked host still takes a demand placed here directly (a DaemonSet's
   * pod tolerates the taint that blocks it); policies are kept off it by {@link "podsim/engine"!ClusterState.fits}.
   * @returns `false` (and changes nothing) if it does not fit.
   */
  allocate(h: number, demand: Float64Array, offset: number): boolean {
    const D = this.D, base = h * D, cap = this.capacity, alloc = this.allocated, tot = this.totalAllocated;
    // One pass: each dimension checked (the rule of fit, exceeds), then taken. If one
    // does not fit, those taken before it are given back, exactly: the values are integers in base units.
    for (let d = 0; d < D; d++) {
      const r = demand[offset + d] as number;
      if (exceeds(r, cap, alloc, base + d)) {
        this.giveBack(base, demand, offset, d);
        return false;
      }
      alloc[base + d] = (alloc[base + d] as number) + r;
      tot[d] = (tot[d] as number) + r;
    }
    if ((this.containers[h] as number) === 0) this.hostsInUse++;
    this.containers[h] = (this.containers[h] as number) + 1;
    this.version++;
    if (this.listeners.length !== 0) this.notify(h);
    return true;
  }

  // A refused allocate gives back its first n dimensions, taken before the one that did not fit. Out of
  // allocate, so that allocate stays small enough for V8 to inline it with the rest of a placement.
  private giveBack(base: number, demand: Float64Array, offset: number, n: number): void {
    const alloc = this.allocated, tot = this.totalAllocated;
    for (let e = 0; e < n; e++) {
      const q = demand[offset + e] as number;
      alloc[base + e] = (alloc[base + e] as number) - q;
      tot[e] = (tot[e] as number) - q;
    }
  }

  /** Returns a demand previously allocated on host `h`. */
  release(h: number, demand: Float64Array, offset: number): void {
    const D = this.D, base = h * D, alloc = this.allocated, tot = this.totalAllocated;
    for (let d = 0; d < D; d++) {
      const r = demand[offset + d] as number;
      alloc[base + d] = (alloc[base + d] as number) - r;
      tot[d] = (tot[d] as number) - r;
    }
    const n = (this.containers[h] as number) - 1;
    this.containers[h] = n;
    if (n === 0) this.hostsInUse--;
    if (h < this.lowRoom) this.lowRoom = h;
    if (this.pendingShrinks !== 0 && (this.shrinking as Uint8Array)[h] === 1) this.settle(h);
    this.version++;
    if (this.listeners.length !== 0) this.notify(h);
  }

  /**
   * Keeps placement policies off host `h` (`true`) or lets them back (`false`), as a NoSchedule
   * taint does: what runs there stays. The simulation blocks a host under memory pressure.
   *
   * @example
   * ```ts
   * c.setBlocked(0, true);
   * c.fits(0, demand, 0);    // false
   * c.hasRoom(0, demand, 0); // true, if it has the room
   * ```
   */
  setBlocked(h: number, on: boolean): void {
    this.blocked[h] = on ? 1 : 0;
    this.version++;
    this.notify(h);
  }

  /**
   * Sets or clears one of host `h`'s conditions ({@link "podsim/scheduling"!HostCondition}: memory pressure, not ready,
   * cordoned). A host with any condition is blocked: {@link "podsim/engine"!ClusterState.fits} is false there, so
   * placement policies keep off it, while what runs there stays.
   *
   * @returns whether the condition changed.
   * @example
   * ```ts
   * c.setCondition(0, HostCondition.MemoryPressure, true); // true
   * c.fits(0, demand, 0);                                   // false
   * ```
   */
  setCondition(h: number, condition: HostCondition, on: boolean): boolean {
    const was = this.conditions[h] as number;
    const now = on ? was | (1 << condition) : was & ~(1 << condition);
    if (now === was) return false;
    this.conditions[h] = now;
    this.setBlocked(h, now !== 0);
    return true;
  }

  /**
   * Calls `listener(host)` after every allocate, release and block, so that an index over free capacity
   * can update just that host.
   */
  onChange(listener: (host: number) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Calls `listener(host)` after every change of a host's capacity ({@link ClusterState.setCapacity},
   * and each step of a shrink as containers release), before the {@link ClusterState.onChange}
   * listeners hear of it: for indexes and caches that hold capacity. A run that never changes
   * capacity never calls it.
   *
   * @example
   * ```ts
   * c.onCapacity((h) => console.log(c.capacityOf(h)));
   * ```
   */
  onCapacity(listener: (host: number) => void): void {
    this.capacityListeners.push(listener);
  }

  private notifyCapacity(h: number): void {
    const ls = this.capacityListeners;
    for (let i = 0; i < ls.length; i++) (ls[i] as (host: number) => void)(h);
  }

  private notify(h: number): void {
    const ls = this.listeners;
    for (let i = 0; i < ls.length; i++) (ls[i] as (host: number) => void)(h);
  }

  /** Host `h`'s capacity as a friendly vector (allocates; not for hot paths). */
  capacityOf(h: number): ResourceVector {
    return this.vectorAt(this.capacity, h);
  }

  /** What host `h`'s containers hold, as a vector (allocates; not for hot paths). */
  allocatedOf(h: number): ResourceVector {
    return this.vectorAt(this.allocated, h);
  }

  /** R_c for host `h` as a vector (allocates; not for hot paths). */
  availableOf(h: number): ResourceVector {
    const out: Record<string, number> = {};
    for (let d = 0; d < this.D; d++) out[this.dims[d] as string] = this.free(h, d);
    return out;
  }

  private vectorAt(a: Float64Array, h: number): ResourceVector {
    const out: Record<string, number> = {};
    for (let d = 0; d < this.D; d++) out[this.dims[d] as string] = a[h * this.D + d] as number;
    return out;
  }
}

/**
 * The rule of fit in one dimension: a request `r` does not fit at index `i` when it asks for some
 * (`r > 0`) and more than capacity − allocated there. Every fit test of {@link ClusterState} is made of it.
 */
function exceeds(r: number, cap: Float64Array, alloc: Float64Array, i: number): boolean {
  return r > 0 && r > (cap[i] as number) - (alloc[i] as number);
}

/**
 * A demand fits a host's free capacity when, in every dimension it asks for
 * (`r > 0`), it is at most capacity − allocated (R_c = R_h − R_s; see {@link exceeds}). The host's
 * values start at `base` in `cap` and `alloc`, the demand's at `offset`. Shared by every fit test of {@link ClusterState}; the
 * dimensions below `from` are taken as checked already (first fit checks the first one on its own).
 */
function roomAt(cap: Float64Array, alloc: Float64Array, base: number, D: number, demand: Float64Array, offset: number, from: number): boolean {
  for (let d = from; d < D; d++) {
    if (exceeds(demand[offset + d] as number, cap, alloc, base + d)) return false;
  }
  return true;
}
