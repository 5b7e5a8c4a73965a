import type { Simulator } from '../../engine/simulator.js';
import type { EventHandle } from '../../engine/event-queue.js';
import type { ClusterState } from '../../cluster/cluster-state.js';
import type { CompiledScenario, CompiledWorkload } from '../../scenario/compile.js';
import { firstTimeAbove, profileSegment, type ProfileSegment } from '../../performance/memory-at.js';
import { memoryEvictionLine, underMemoryPressure } from '../../performance/under-memory-pressure.js';
import { grown } from '../../util/grown.js';
import { L_HOST, L_STRIDE, L_T_STARTED, Phase, type ContainerTable } from './container-table.js';
import { setHostEvent } from './host-event.js';
import type { UsageIntegral } from './usage-integral.js';

/**
 * @internal Memory in the performance model: each running container's usage follows its profile
 * ({@link profileSegment}, one event per profile point), its OOM kill is scheduled where the
 * profile first crosses its limit ({@link firstTimeAbove}), and each host's usage is the exact
 * piecewise-linear sum of its containers'. A host is checked for memory pressure
 * ({@link underMemoryPressure}) when a container with a profile starts, at each profile point, and
 * at the computed instant its rising sum reaches the eviction line ({@link memoryEvictionLine}).
 *
 * While the scenario has any memory profile, every running container (started, not stopped) is a
 * member of its host's list, profile or not: they are the candidates for eviction. Without
 * profiles this part does nothing at all.
 */
export class MemoryModel {
  /** Whether any workload has a memory profile. */
  readonly active: boolean;
  /** Per host: its running containers (while {@link MemoryModel.active}). */
  readonly members: number[][];
  /** Called when a container's usage crosses its limit. */
  oom: (slot: number) => void = () => {};
  /** Called when host `h`'s usage may have reached its eviction line. */
  checkPressure: (h: number) => void = () => {};

  // Per host: Σ usage at t[h], Σ slopes, allocatable memory, and the event at which Σ reaches the line.
  private readonly usage: Float64Array;
  private readonly rate: Float64Array;
  private readonly t: Float64Array;
  private readonly allocatable: Float64Array;
  private readonly lineEvent: EventHandle[];
  private live = 0; // running containers with a profile, over the cluster
  // Per slot: usage at cT, slope, its next-point event, its OOM kill event (-1: none), 1 + its position
  // in its host's members (0: none).
  private cVal = new Float64Array(0);
  private cRate = new Float64Array(0);
  private cT = new Float64Array(0);
  private cStep = new Float64Array(0);
  private cOom = new Float64Array(0);
  private cPos = new Int32Array(0);
  private readonly seg: ProfileSegment = { bytes: 0, rate: 0, next: 0 };
  private readonly STEP: number;
  private readonly LINE: number;
  private readonly OOM: number;

  constructor(
    private readonly sim: Simulator,
    private readonly table: ContainerTable,
    private readonly integral: UsageIntegral,
    private readonly s: CompiledScenario,
    cluster: ClusterState,
  ) {
    this.active = s.workloads.some((w) => w.memory.length > 0);
    const H = this.active ? cluster.hostCount : 0;
    const mem = cluster.dimensionIndex('memory');
    this.members = Array.from({ length: H }, () => []);
    this.usage = new Float64Array(H);
    this.rate = new Float64Array(H);
    this.t = new Float64Array(H);
    this.allocatable = new Float64Array(H);
    for (let h = 0; h < H; h++) this.allocatable[h] = cluster.capacity[h * cluster.D + mem] as number;
    this.lineEvent = new Array<EventHandle>(H).fill(-1);
    this.STEP = sim.on((slot) => this.onStep(slot));
    this.LINE = sim.on((h) => this.onLine(h));
    this.OOM = sim.on((slot) => {
      this.cOom[slot] = -1;
      this.oom(slot);
    });
  }

  /** A container's memory in use now (0 unless it is running with a profile). */
  usageAt(slot: number, now: number): number {
    const wl = this.s.workloads[this.table.workload(slot)] as CompiledWorkload;
    const p = this.table.phase[slot] as number;
    if (wl.memory.length === 0 || p < Phase.Readying || p === Phase.BackOff || p === Phase.Done) return 0;
    return this.segment(wl, now - (this.table.st[slot * L_STRIDE + L_T_STARTED] as number)).bytes;
  }

  /** Whether host `h` is under memory pressure now, up to rounding (the check at a computed crossing may land a hair early). */
  overLine(h: number): boolean {
    const tolerance = 1e-9 * Math.abs(this.line(h));
    return underMemoryPressure((this.usage[h] as number) + tolerance, this.allocatable[h] as number, this.s.hosts[h]?.evictionThreshold);
  }

  // Host h's eviction line: allocatable − threshold (Infinity without memory).
  private line(h: number): number {
    return memoryEvictionLine(this.allocatable[h] as number, this.s.hosts[h]?.evictionThreshold);
  }

  /** A container started: it joins its host, and with a profile its usage counts and its OOM kill is scheduled. */
  start(slot: number, wl: CompiledWorkload): void {
    if (!this.active) return;
    this.ensure(slot);
    const st = this.table.st;
    const h = st[slot * L_STRIDE + L_HOST] as number;
    const list = this.members[h] as number[];
    list.push(slot);
    this.cPos[slot] = list.length;
    if (wl.memory.length === 0) {
      // No profile: it holds nothing. Its slot may have held a container with a profile, whose
      // usage and slope must not count for it (the host's sum runs over every member).
      this.cVal[slot] = 0;
      this.cRate[slot] = 0;
      return;
    }
    const now = this.sim.now;
    this.live++;
    this.follow(slot, wl, now);
    this.refresh(h, now);
    const cross = firstTimeAbove(wl.memory, wl.memoryLimit);
    if (cross === 0) {
      this.oom(slot);
      return;
    }
    if (cross !== Infinity) this.cOom[slot] = this.sim.schedule(cross, this.OOM, slot);
    this.checkPressure(h);
  }

  /** A container stopped running: it leaves its host, and its usage no longer counts. */
  stop(slot: number, wl: CompiledWorkload): void {
    if (!this.active || slot >= this.cPos.length) return;
    const pos = this.cPos[slot] as number;
    if (pos === 0) return; // not running: holds no memory
    const st = this.table.st;
    const h = st[slot * L_STRIDE + L_HOST] as number;
    const list = this.members[h] as number[];
    const last = list.pop() as number;
    if (last !== slot) {
      list[pos - 1] = last;
      this.cPos[last] = pos;
    }
    this.cPos[slot] = 0;
    if (wl.memory.length === 0) return;
    const oom = this.cOom[slot] as number;
    if (oom >= 0) this.sim.cancel(oom);
    this.cOom[slot] = -1;
    const step = this.cStep[slot] as number;
    if (step >= 0) this.sim.cancel(step);
    this.cStep[slot] = -1;
    this.live--;
    this.refresh(h, this.sim.now);
    this.scheduleLine(h);
  }

  /**
   * Schedules the check at the time Σ usage on host `h`, rising, will reach the line (none while it
   * is over the line already: the next start, point or stop on the host checks again).
   */
  scheduleLine(h: number): void {
    const rate = this.rate[h] as number, line = this.line(h);
    const t = rate > 0 && line !== Infinity && !this.overLine(h) ? this.sim.now + (line - (this.usage[h] as number)) / rate : Infinity;
    setHostEvent(this.sim, this.lineEvent, h, t, this.LINE);
  }

  // The profile piece that holds container time x. A point within rounding of x counts as reached:
  // the event at a point computes x as (start + t) − start, which may fall a hair short of t.
  private segment(wl: CompiledWorkload, x: number): ProfileSegment {
    return profileSegment(wl.memory, x, this.seg, 1e-9 * Math.max(1, Math.abs(x)));
  }

  // Sets a container's usage and slope to its profile's now, and schedules its next point.
  private follow(slot: number, wl: CompiledWorkload, now: number): void {
    const started = this.table.st[slot * L_STRIDE + L_T_STARTED] as number;
    const seg = this.segment(wl, now - started);
    this.cVal[slot] = seg.bytes;
    this.cRate[slot] = seg.rate;
    this.cT[slot] = now;
    const next = seg.next + started;
    this.cStep[slot] = next === Infinity ? -1 : this.sim.scheduleAt(Math.max(next, now), this.STEP, slot);
  }

  // Brings the cluster's Σ usage up to now, and host h's: summed afresh over its containers (not
  // updated by differences), so that rounding never accumulates and a host whose containers hold
  // steady has a slope of exactly 0.
  private refresh(h: number, now: number): void {
    const g = this.integral;
    g.advance(now);
    const list = this.members[h] as number[];
    let u = 0, r = 0;
    for (let i = 0; i < list.length; i++) {
      const c = list[i] as number;
      u += (this.cVal[c] as number) + (this.cRate[c] as number) * (now - (this.cT[c] as number));
      r += this.cRate[c] as number;
    }
    const before = (this.usage[h] as number) + (this.rate[h] as number) * (now - (this.t[h] as number));
    if (this.live === 0) {
      g.memSum = 0;
      g.memRate = 0;
    } else {
      g.memSum += u - before;
      g.memRate += r - (this.rate[h] as number);
    }
    this.usage[h] = u;
    this.rate[h] = r;
    this.t[h] = now;
  }

  // A point of a container's profile: its slope changes.
  private onStep(slot: number): void {
    this.cStep[slot] = -1;
    const h = this.table.host(slot);
    const now = this.sim.now;
    this.follow(slot, this.s.workloads[this.table.workload(slot)] as CompiledWorkload, now);
    this.refresh(h, now);
    this.checkPressure(h);
  }

  // Σ usage on host h reaches the eviction line now.
  private onLine(h: number): void {
    this.lineEvent[h] = -1;
    this.refresh(h, this.sim.now);
    this.checkPressure(h);
  }

  private ensure(slot: number): void {
    if (slot < this.cPos.length) return;
    const n = Math.max(slot + 1, this.table.phase.length, this.cPos.length * 2);
    this.cVal = grown(this.cVal, n); this.cRate = grown(this.cRate, n); this.cT = grown(this.cT, n);
    this.cStep = grown(this.cStep, n, -1); this.cOom = grown(this.cOom, n, -1); this.cPos = grown(this.cPos, n);
  }
}
