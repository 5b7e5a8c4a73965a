import type { ClusterState } from '../cluster/cluster-state.js';
import type { Simulator } from '../engine/simulator.js';
import type { EventHandle } from '../engine/event-queue.js';
import type { RandomStreams, Rng } from '../random/streams.js';
import type { CompiledScenario, CompiledWorkload } from '../scenario/compile.js';
import { SampleStore, SampleTable } from '../metrics/sample-store.js';
import { waterFillInto } from '../performance/water-fill-into.js';
import { HostCpu } from './host-cpu.js';
import { evictionOrder } from '../performance/eviction-order.js';
import { firstTimeAbove, segmentOf, type MemoryPoint } from '../performance/memory-at.js';
import { grown } from '../util/grown.js';

/** Container phases, in lifecycle order. */
export const Phase = { Pending: 0, Pulling: 1, Starting: 2, Readying: 3, Computing: 4, Transferring: 5, BackOff: 6, Done: 7 } as const;

/** How a container's run ended. */
export const Outcome = { Succeeded: 0, OomKilled: 1, Evicted: 2, Failed: 3 } as const;

/** Lifecycle state names, for records. */
export const OUTCOME_NAMES = ['succeeded', 'oom-killed', 'evicted', 'failed'] as const;

const DEFAULT_NIC = 10e9; // bit/s when a host gives no network capacity
const EPS = 1e-9;

// Offsets in a container's 16-double record: host, workload, CPU work left (millicore-seconds),
// data left and at the start (bits), work done, the times it was placed, pulled, started, ready and
// done computing, layers still being pulled, restarts, its pending timer and OOM event (-1 for
// none), and bytes its pull wrote to the host's disk.
const L_HOST = 0, L_WL = 1, L_REM_CPU = 2, L_REM_DATA = 3, L_DATA_INIT = 4, L_WORK_DONE = 5;
const L_T_PLACED = 6, L_T_PULLED = 7, L_T_STARTED = 8, L_T_READY = 9, L_T_COMPUTED = 10;
const L_PULL_LEFT = 11, L_RESTARTS = 12, L_TIMER = 13, L_MEM_HANDLE = 14, L_PULLED_FOR = 15;

/** Columns of {@link Lifecycle.finishedRuns}; a slowdown of NaN means the run had no solo time to compare with. */
export const F_PA = 0, F_PD = 1, F_PS = 2, F_RUN = 3, F_TURNAROUND = 4, F_SLOWDOWN = 5;

/** Per-container record when `record: 'containers'`. */
export interface ContainerRecord {
  readonly id: number;
  readonly workload: string;
  readonly host: string;
  readonly state: (typeof OUTCOME_NAMES)[number] | 'running' | 'pending';
  readonly submitted: number;
  readonly placed: number;
  readonly pulled: number;
  readonly started: number;
  readonly ready: number;
  readonly finished: number;
  readonly pa: number;
  readonly pd: number;
  readonly ps: number;
  readonly restarts: number;
}

/**
 * @internal The performance model: runs a placed container through pulling → starting → ready →
 * compute (CPU shared by CFS weights, fluid) → data transfer (NIC shared max-min) → done, with
 * OOM kills, restarts with CrashLoopBackOff, and node-pressure eviction. Each host keeps at most
 * one pending "next CPU completion" and one "next network completion" event; a change on a host
 * recomputes only that host.
 */
export class Lifecycle {
  private readonly D: number;
  private readonly memDim = 1;
  private readonly netDim: number;
  private readonly H: number;
  // Per container slot: its phase, and a packed record of 16 doubles (two cache lines; see the
  // L_* offsets) so that a container's arrival and completion touch few lines of memory.
  phase: Uint8Array;
  private st: Float64Array;
  // Per host: containers computing, flows on the NIC.
  private readonly cpu: HostCpu;
  private flows: number[][];
  private cpuEvent: EventHandle[];
  private netEvent: EventHandle[];
  private nic: Float64Array;
  // Memory in use is piecewise linear in time. Per host: Σ usage at memT[h], and Σ slopes (bytes/s);
  // memCheck[h] is the event at which Σ usage will reach the eviction line.
  private memUsage: Float64Array;
  private memRate: Float64Array;
  private memT: Float64Array;
  private memCheck: EventHandle[];
  private memMembers: number[][]; // per host: its containers with a memory profile, running
  private memLive = 0; // such containers over the cluster
  // Per container with a memory profile: its usage at cT, its slope, and its next-breakpoint event.
  private cVal = new Float64Array(1024);
  private cRate = new Float64Array(1024);
  private cT = new Float64Array(1024);
  private cStep = new Float64Array(1024);
  private cPos = new Float64Array(1024).fill(-1); // position in its host's memMembers; -1 while it holds no memory
  // The profile segment found by segment(): usage, slope and the next breakpoint (container time).
  private segVal = 0;
  private segRate = 0;
  private segNext = Infinity;
  // Flows: SoA pool. kind 0 = a container's data, 1 = a layer pull.
  private fRem = new Float64Array(256);
  private fRate = new Float64Array(256);
  private fCap = new Float64Array(256);
  private fOwner = new Int32Array(256);
  private fKind = new Uint8Array(256);
  private fFree: number[] = [];
  private fUsed = 0;
  private fWaiters: number[][] = [];
  private inflight: Array<Map<number, number>>; // per host: layer → flow
  // Layer caches: per host, LRU order in a Map (insertion order), pin counts.
  private cache: Array<Map<number, true>>;
  private cacheUsed: Float64Array;
  private pins: Array<Map<number, number>>;
  // Scratch.
  private w = new Float64Array(64);
  private cap = new Float64Array(64);
  private out = new Float64Array(64);
  private order = new Int32Array(64);
  private readonly rngStart: Rng[];
  private readonly rngReady: Rng[];
  private readonly rngWork: Rng[];
  private readonly rngData: Rng[];
  private readonly START: number;
  private readonly CPU: number;
  private readonly NET: number;
  private readonly RESTART: number;
  private readonly READY: number;
  private readonly OOM: number;
  private readonly PRESSURE_END: number;
  private readonly MEM_STEP: number;
  private readonly MEM_CHECK: number;
  // Per host: under memory pressure (tainted), and the event that ends it.
  private readonly underPressure: Uint8Array;
  private readonly pressureEvent: EventHandle[];
  // Metrics.
  readonly startup: SampleStore;
  /** One row per finished run: P_a, P_d, P_s, run time, turnaround, slowdown (see the F_* columns). */
  readonly finishedRuns: SampleTable;
  oomKills = 0;
  evictions = 0;
  restartCount = 0;
  bytesPulled = 0;
  layerHits = 0;
  layerLookups = 0;
  /** Container-seconds spent at the CPU limit. */
  get throttledTime(): number {
    return this.cpu.throttledTime;
  }
  /** Container-seconds of compute. */
  get computeTime(): number {
    return this.cpu.computeTime;
  }
  totalWork = 0;
  finishedWork = 0;
  private memUsageSum = 0; // Σ over the cluster, at usageLastT
  private memRateSum = 0;
  private usageLastT = 0;
  private cpuUsageIntegral = 0;
  private memUsageIntegral = 0;
  readonly records: ContainerRecord[] = [];

  constructor(
    private readonly sim: Simulator,
    private readonly cluster: ClusterState,
    private readonly s: CompiledScenario,
    streams: RandomStreams,
    room: { readonly slots: number; readonly samples: number },
    private readonly submitTime: (slot: number) => number,
    private readonly done: (slot: number, outcome: number) => void,
  ) {
    this.D = cluster.D;
    this.H = cluster.hostCount;
    this.netDim = cluster.dimensionIndex('network');
    const H = this.H;
    const { slots, samples } = room;
    this.phase = new Uint8Array(slots);
    this.st = new Float64Array(slots * 16);
    this.startup = new SampleStore(samples);
    this.finishedRuns = new SampleTable(6, samples);
    this.cpu = new HostCpu(Float64Array.from({ length: H }, (_, h) => cluster.capacity[h * this.D] as number), slots);
    this.flows = Array.from({ length: H }, () => []);
    this.cpuEvent = new Array<EventHandle>(H).fill(-1);
    this.netEvent = new Array<EventHandle>(H).fill(-1);
    this.nic = new Float64Array(H);
    this.memUsage = new Float64Array(H);
    this.memRate = new Float64Array(H);
    this.memT = new Float64Array(H);
    this.memCheck = new Array<EventHandle>(H).fill(-1);
    this.memMembers = Array.from({ length: H }, () => []);
    this.inflight = Array.from({ length: H }, () => new Map());
    this.cache = Array.from({ length: H }, () => new Map());
    this.pins = Array.from({ length: H }, () => new Map());
    this.cacheUsed = new Float64Array(H);
    for (let h = 0; h < H; h++) {
      this.nic[h] = this.netDim >= 0 && (cluster.capacity[h * this.D + this.netDim] as number) > 0 ? (cluster.capacity[h * this.D + this.netDim] as number) : DEFAULT_NIC;
      const hostSpec = s.hosts[h];
      for (const im of hostSpec?.prePulled ?? []) for (const l of s.images[im]?.layers ?? []) this.cacheAdd(h, l);
    }
    const names = s.workloads.map((w) => w.name);
    this.rngStart = names.map((n) => streams.get(`startup/${n}`));
    this.rngReady = names.map((n) => streams.get(`ready/${n}`));
    this.rngWork = names.map((n) => streams.get(`work/${n}`));
    this.rngData = names.map((n) => streams.get(`data/${n}`));
    this.START = sim.on((slot) => this.onStarted(slot));
    this.READY = sim.on((slot) => this.onReady(slot));
    this.CPU = sim.on((h) => this.onCpu(h));
    this.NET = sim.on((h) => this.onNet(h));
    this.RESTART = sim.on((slot) => this.onRestart(slot));
    this.OOM = sim.on((slot) => this.onOom(slot));
    this.PRESSURE_END = sim.on((h) => this.onPressureEnd(h));
    this.MEM_STEP = sim.on((slot) => this.onMemStep(slot));
    this.MEM_CHECK = sim.on((h) => this.onMemCheck(h));
    this.underPressure = new Uint8Array(H);
    this.pressureEvent = new Array<EventHandle>(H).fill(-1);
  }

  /** Begins the lifecycle of a container just placed on host `h`. Work is drawn now, per workload stream. */
  begin(slot: number, w: number, h: number): void {
    this.ensure(slot);
    const wl = this.s.workloads[w] as CompiledWorkload;
    const now = this.sim.now;
    this.st[slot * 16 + L_HOST] = h;
    this.st[slot * 16 + L_WL] = w;
    this.st[slot * 16 + L_RESTARTS] = 0;
    this.st[slot * 16 + L_T_PLACED] = now;
    this.st[slot * 16 + L_PULL_LEFT] = 0;
    this.st[slot * 16 + L_PULLED_FOR] = 0;
    this.st[slot * 16 + L_TIMER] = -1;
    this.st[slot * 16 + L_MEM_HANDLE] = -1;
    this.drawWork(slot, wl);
    this.pull(slot, wl, h);
  }

  private drawWork(slot: number, wl: CompiledWorkload): void {
    const w = wl.index;
    this.st[slot * 16 + L_REM_CPU] = wl.cpuWork === undefined ? 0 : wl.cpuWork(this.rngWork[w] as Rng) * 1000;
    this.st[slot * 16 + L_REM_DATA] = wl.dataBytes === undefined ? 0 : wl.dataBytes(this.rngData[w] as Rng) * 8;
    this.st[slot * 16 + L_DATA_INIT] = this.st[slot * 16 + L_REM_DATA] as number;
    this.st[slot * 16 + L_WORK_DONE] = 0;
  }

  private pull(slot: number, wl: CompiledWorkload, h: number): void {
    const now = this.sim.now;
    this.phase[slot] = Phase.Pulling;
    if (wl.image >= 0) {
      const image = this.s.images[wl.image];
      const reg = this.s.registries[image?.registry ?? 0];
      const pins = this.pins[h] as Map<number, number>;
      for (const l of image?.layers ?? []) {
        pins.set(l, (pins.get(l) ?? 0) + 1);
        this.layerLookups++;
        const cached = (this.cache[h] as Map<number, true>).has(l);
        if (cached && wl.pullPolicy !== 'Always') {
          this.layerHits++;
          this.cacheTouch(h, l);
          continue;
        }
        if (wl.pullPolicy === 'Never') continue; // ErrImageNeverPull is caught at validation for uncached images
        let f = (this.inflight[h] as Map<number, number>).get(l);
        if (f === undefined) {
          f = this.newFlow(h, 1, l, (this.s.layerSizes[l] as number) * 8, reg?.bandwidth ?? Infinity);
          (this.inflight[h] as Map<number, number>).set(l, f);
          this.bytesPulled += this.s.layerSizes[l] as number;
          this.st[slot * 16 + L_PULLED_FOR] = (this.st[slot * 16 + L_PULLED_FOR] ?? 0) + (this.s.layerSizes[l] as number);
        } else if (cached) this.layerHits++;
        (this.fWaiters[f] as number[]).push(slot);
        this.st[slot * 16 + L_PULL_LEFT] = (this.st[slot * 16 + L_PULL_LEFT] as number) + 1;
      }
      if ((this.st[slot * 16 + L_PULL_LEFT] as number) > 0) {
        this.reshareNet(h);
        return;
      }
    }
    this.st[slot * 16 + L_T_PULLED] = now;
    this.startContainer(slot);
  }

  private startContainer(slot: number): void {
    const wl = this.s.workloads[this.st[slot * 16 + L_WL] as number] as CompiledWorkload;
    this.phase[slot] = Phase.Starting;
    const d = wl.startup === undefined ? 0 : wl.startup(this.rngStart[wl.index] as Rng);
    if (d === 0) this.onStarted(slot); // no event for a zero delay
    else this.st[slot * 16 + L_TIMER] = this.sim.schedule(d, this.START, slot);
  }

  private onStarted(slot: number): void {
    const now = this.sim.now;
    const wl = this.s.workloads[this.st[slot * 16 + L_WL] as number] as CompiledWorkload;
    this.st[slot * 16 + L_T_STARTED] = now;
    this.phase[slot] = Phase.Readying;
    this.started(slot);
    this.memStart(slot, wl);
    if (this.phase[slot] !== Phase.Readying) return; // OOM-killed at once
    let delay = 0;
    if (wl.readiness !== undefined) {
      const { initialDelay, period, ready } = wl.readiness;
      const appReady = ready === undefined ? 0 : ready(this.rngReady[wl.index] as Rng);
      // The first probe at or after the application is ready: initialDelay + k·period.
      delay = appReady <= initialDelay ? initialDelay : initialDelay + Math.ceil((appReady - initialDelay) / period - EPS) * period;
    }
    if (delay === 0) this.onReady(slot);
    else this.st[slot * 16 + L_TIMER] = this.sim.schedule(delay, this.READY, slot);
  }

  private onReady(slot: number): void {
    const now = this.sim.now;
    this.st[slot * 16 + L_TIMER] = -1;
    this.st[slot * 16 + L_T_READY] = now;
    this.ready(slot);
    if (this.st[slot * 16 + L_RESTARTS] === 0) this.startup.add(now - (this.st[slot * 16 + L_T_PLACED] as number));
    const wl = this.s.workloads[this.st[slot * 16 + L_WL] as number] as CompiledWorkload;
    if (wl.cpuWork === undefined && wl.dataBytes === undefined) {
      // A fixed-duration or long-running container: its run is timed by the simulation itself.
      this.phase[slot] = Phase.Computing;
      this.st[slot * 16 + L_T_COMPUTED] = now;
      this.readyWithoutWork(slot);
      return;
    }
    this.totalWork += this.st[slot * 16 + L_REM_CPU] as number;
    this.phase[slot] = Phase.Computing;
    const h = this.st[slot * 16 + L_HOST] as number;
    this.advanceCpu(h);
    this.cpu.add(h, slot, this.st[slot * 16 + L_REM_CPU] as number, wl.shares, wl.cpuCap, wl.limit?.cpu ?? Infinity);
    this.reshareCpu(h);
  }

  /** Set by the simulation: a container's process started (after each restart too). */
  started: (slot: number) => void = () => {};

  /** Set by the simulation: a container became ready. */
  ready: (slot: number) => void = () => {};

  /** Set by the simulation: called when a container with no work becomes ready. */
  readyWithoutWork: (slot: number) => void = () => {};

  // ---- CPU: fluid, per host (see HostCpu) ----

  private advanceCpu(h: number): void {
    const now = this.sim.now;
    this.integrateUsage(now);
    this.cpu.advance(h, now);
  }

  private reshareCpu(h: number): void {
    const next = this.cpu.reshare(h, this.sim.now);
    this.setHostEvent(this.cpuEvent, h, next, this.CPU);
  }

  private setHostEvent(events: EventHandle[], h: number, t: number, kind: number): void {
    const e = events[h] as number;
    if (t === Infinity) {
      if (e >= 0) this.sim.cancel(e);
      events[h] = -1;
    } else if (e >= 0 && this.sim.reschedule(e, t)) {
      // moved
    } else events[h] = this.sim.scheduleAt(Math.max(t, this.sim.now), kind, h);
  }

  private onCpu(h: number): void {
    this.cpuEvent[h] = -1;
    this.advanceCpu(h);
    const n = this.cpu.finished(h);
    const out = this.cpu.done;
    for (let i = 0; i < n; i++) {
      const c = out[i] as number;
      this.cpu.remove(h, c);
      const work = this.cpu.workOf(c);
      this.st[c * 16 + L_WORK_DONE] = work;
      this.st[c * 16 + L_REM_CPU] = 0;
      this.finishedWork += work;
    }
    this.reshareCpu(h);
    // Move the finished on after the host is re-shared, so their next phase sees the new rates.
    for (let i = 0; i < n; i++) this.computeDone(out[i] as number);
  }

  private computeDone(slot: number): void {
    this.st[slot * 16 + L_T_COMPUTED] = this.sim.now;
    const h = this.st[slot * 16 + L_HOST] as number;
    if ((this.st[slot * 16 + L_REM_DATA] as number) > 0) {
      this.phase[slot] = Phase.Transferring;
      this.newFlow(h, 0, slot, this.st[slot * 16 + L_REM_DATA] as number, Infinity);
      this.reshareNet(h);
    } else this.finishRun(slot, 0);
  }

  // ---- Network: flows on the host NIC, max-min fair ----

  private newFlow(h: number, kind: number, owner: number, bits: number, cap: number): number {
    const now = this.sim.now;
    this.advanceNet(h, now);
    let f = this.fFree.pop();
    if (f === undefined) {
      f = this.fUsed++;
      if (f >= this.fRem.length) this.growFlows();
    }
    this.fRem[f] = bits;
    this.fRate[f] = 0;
    this.fCap[f] = cap;
    this.fOwner[f] = owner;
    this.fKind[f] = kind;
    this.fWaiters[f] = [];
    (this.flows[h] as number[]).push(f);
    return f;
  }

  private netT = new Float64Array(0);

  private advanceNet(h: number, now: number): void {
    if (this.netT.length !== this.H) this.netT = new Float64Array(this.H);
    const dt = now - (this.netT[h] as number);
    if (dt > 0) {
      const list = this.flows[h] as number[];
      for (let i = 0; i < list.length; i++) {
        const f = list[i] as number;
        this.fRem[f] = (this.fRem[f] as number) - (this.fRate[f] as number) * dt;
      }
    }
    this.netT[h] = now;
  }

  private reshareNet(h: number): void {
    const list = this.flows[h] as number[];
    const n = list.length;
    if (n > this.w.length) this.growScratch(n);
    for (let i = 0; i < n; i++) {
      this.w[i] = 1;
      this.cap[i] = this.fCap[list[i] as number] as number;
    }
    waterFillInto(this.nic[h] as number, this.w, this.cap, n, this.out, this.order);
    const now = this.sim.now;
    let next = Infinity;
    for (let i = 0; i < n; i++) {
      const f = list[i] as number;
      const r = this.out[i] as number;
      this.fRate[f] = r;
      const t = r > 0 ? now + (this.fRem[f] as number) / r : Infinity;
      if (t < next) next = t;
    }
    this.setHostEvent(this.netEvent, h, next, this.NET);
  }

  private onNet(h: number): void {
    this.netEvent[h] = -1;
    const now = this.sim.now;
    this.advanceNet(h, now);
    const list = this.flows[h] as number[];
    let k = 0;
    const finished: number[] = [];
    for (let i = 0; i < list.length; i++) {
      const f = list[i] as number;
      if ((this.fRem[f] as number) <= (this.fRate[f] as number) * 1e-9 || (this.fRem[f] as number) <= 1e-6) finished.push(f);
      else list[k++] = f;
    }
    list.length = k;
    this.reshareNet(h);
    for (const f of finished) {
      this.fFree.push(f);
      if (this.fKind[f] === 0) this.finishRun(this.fOwner[f] as number, 0);
      else {
        const layer = this.fOwner[f] as number;
        (this.inflight[h] as Map<number, number>).delete(layer);
        this.cacheAdd(h, layer);
        for (const slot of this.fWaiters[f] as number[]) {
          if (this.phase[slot] !== Phase.Pulling) continue;
          const image = this.s.images[(this.s.workloads[this.st[slot * 16 + L_WL] as number] as CompiledWorkload).image];
          const latency = this.s.registries[image?.registry ?? 0]?.latency ?? 0;
          const left = (this.st[slot * 16 + L_PULL_LEFT] as number) - 1;
          this.st[slot * 16 + L_PULL_LEFT] = left;
          if (left === 0) {
            // Registry latency: a fixed cost per pull, paid once the bytes are in.
            this.st[slot * 16 + L_T_PULLED] = now + latency;
            if (latency > 0) this.st[slot * 16 + L_TIMER] = this.sim.schedule(latency, this.RESTART, -1 - slot);
            else this.startContainer(slot);
          }
        }
      }
    }
  }

  // ---- Layer cache: LRU over layers no running container uses ----

  private cacheTouch(h: number, l: number): void {
    const m = this.cache[h] as Map<number, true>;
    m.delete(l);
    m.set(l, true);
  }

  private cacheAdd(h: number, l: number): void {
    const m = this.cache[h] as Map<number, true>;
    if (m.has(l)) return this.cacheTouch(h, l);
    const size = this.s.layerSizes[l] as number;
    const limit = this.s.hosts[h]?.imageCache ?? Infinity;
    const pins = this.pins[h] as Map<number, number>;
    // Evict least recently used layers that no container on this host uses, until it fits.
    if ((this.cacheUsed[h] as number) + size > limit) {
      for (const old of m.keys()) {
        if ((this.cacheUsed[h] as number) + size <= limit) break;
        if ((pins.get(old) ?? 0) > 0) continue;
        m.delete(old);
        this.cacheUsed[h] = (this.cacheUsed[h] as number) - (this.s.layerSizes[old] as number);
      }
    }
    // A layer in use stays on disk even over the limit (the kubelet cannot delete it either).
    m.set(l, true);
    this.cacheUsed[h] = (this.cacheUsed[h] as number) + size;
  }

  private unpin(slot: number): void {
    const wl = this.s.workloads[this.st[slot * 16 + L_WL] as number] as CompiledWorkload;
    if (wl.image < 0) return;
    const pins = this.pins[this.st[slot * 16 + L_HOST] as number] as Map<number, number>;
    for (const l of this.s.images[wl.image]?.layers ?? []) pins.set(l, (pins.get(l) ?? 1) - 1);
  }

  // ---- Memory: OOM kills and node pressure ----

  // The segment of a container's memory profile that holds container time x (segmentOf: at a
  // point, the segment that starts there): its usage and slope at x and where it ends.
  private segment(wl: CompiledWorkload, x: number): void {
    const points = wl.memory;
    const n = points.length;
    // A point within rounding of x counts as reached: the event at a point computes x as
    // (start + t) − start, which may fall a hair short of t.
    const i = segmentOf(points, x + 1e-9 * Math.max(1, Math.abs(x)));
    if (i < 0 || i === n - 1) {
      this.segVal = (points[i < 0 ? 0 : n - 1] as MemoryPoint).bytes;
      this.segRate = 0;
      this.segNext = i < 0 ? (points[0] as MemoryPoint).t : Infinity;
      return;
    }
    const a = points[i] as MemoryPoint, b = points[i + 1] as MemoryPoint; // b.t > a.t: a is the last at or before x
    this.segRate = (b.bytes - a.bytes) / (b.t - a.t);
    this.segVal = a.bytes + this.segRate * (x - a.t);
    this.segNext = b.t;
  }

  private usageAt(slot: number, now: number): number {
    const wl = this.s.workloads[this.st[slot * 16 + L_WL] as number] as CompiledWorkload;
    const p = this.phase[slot] as number;
    if (wl.memory.length === 0 || p < Phase.Readying || p === Phase.BackOff || p === Phase.Done) return 0;
    this.segment(wl, now - (this.st[slot * 16 + L_T_STARTED] as number));
    return this.segVal;
  }

  // Brings the cluster's Σ memory usage up to now, and host h's: summed afresh over its containers
  // (not updated by differences), so that rounding never accumulates and a host whose containers
  // hold steady has a slope of exactly 0.
  private refreshMem(h: number, now: number): void {
    this.integrateUsage(now);
    const list = this.memMembers[h] as number[];
    let u = 0, r = 0;
    for (let i = 0; i < list.length; i++) {
      const c = list[i] as number;
      u += (this.cVal[c] as number) + (this.cRate[c] as number) * (now - (this.cT[c] as number));
      r += this.cRate[c] as number;
    }
    const before = (this.memUsage[h] as number) + (this.memRate[h] as number) * (now - (this.memT[h] as number));
    if (this.memLive === 0) {
      this.memUsageSum = 0;
      this.memRateSum = 0;
    } else {
      this.memUsageSum += u - before;
      this.memRateSum += r - (this.memRate[h] as number);
    }
    this.memUsage[h] = u;
    this.memRate[h] = r;
    this.memT[h] = now;
  }

  // Sets a container's usage and slope to the profile's now, and schedules its next breakpoint.
  private memSet(slot: number, wl: CompiledWorkload, now: number): void {
    this.segment(wl, now - (this.st[slot * 16 + L_T_STARTED] as number));
    this.cVal[slot] = this.segVal;
    this.cRate[slot] = this.segRate;
    this.cT[slot] = now;
    const next = this.segNext + (this.st[slot * 16 + L_T_STARTED] as number);
    this.cStep[slot] = next === Infinity ? -1 : this.sim.scheduleAt(Math.max(next, now), this.MEM_STEP, slot);
  }

  // When the container starts: its usage joins its host's, and its OOM kill is scheduled at the
  // first time the profile crosses its limit.
  private memStart(slot: number, wl: CompiledWorkload): void {
    if (wl.memory.length === 0) return;
    const h = this.st[slot * 16 + L_HOST] as number;
    const now = this.sim.now;
    const list = this.memMembers[h] as number[];
    this.cPos[slot] = list.length;
    list.push(slot);
    this.memLive++;
    this.memSet(slot, wl, now);
    this.refreshMem(h, now);
    const cross = firstTimeAbove(wl.memory, wl.memoryLimit);
    if (cross === 0) {
      this.onOom(slot);
      return;
    }
    if (cross !== Infinity) this.st[slot * 16 + L_MEM_HANDLE] = this.sim.schedule(cross, this.OOM, slot);
    this.checkPressure(h);
  }

  // A breakpoint of a container's profile: its slope changes.
  private onMemStep(slot: number): void {
    this.cStep[slot] = -1;
    const h = this.st[slot * 16 + L_HOST] as number;
    const now = this.sim.now;
    this.memSet(slot, this.s.workloads[this.st[slot * 16 + L_WL] as number] as CompiledWorkload, now);
    this.refreshMem(h, now);
    this.checkPressure(h);
  }

  private memStop(slot: number): void {
    const wl = this.s.workloads[this.st[slot * 16 + L_WL] as number] as CompiledWorkload;
    if (wl.memory.length === 0) return;
    const m = this.st[slot * 16 + L_MEM_HANDLE] ?? -1;
    if (m >= 0) this.sim.cancel(m);
    this.st[slot * 16 + L_MEM_HANDLE] = -1;
    if ((this.cPos[slot] as number) < 0) return; // not started (or already stopped): holds no memory
    const step = this.cStep[slot] as number;
    if (step >= 0) this.sim.cancel(step);
    this.cStep[slot] = -1;
    const h = this.st[slot * 16 + L_HOST] as number;
    const list = this.memMembers[h] as number[];
    const i = this.cPos[slot] as number;
    const last = list.pop() as number;
    if (last !== slot) {
      list[i] = last;
      this.cPos[last] = i;
    }
    this.cPos[slot] = -1;
    this.memLive--;
    this.refreshMem(h, this.sim.now);
    this.scheduleMemCheck(h);
  }

  // Σ usage on host h reaches the eviction line now.
  private onMemCheck(h: number): void {
    this.memCheck[h] = -1;
    this.refreshMem(h, this.sim.now);
    this.checkPressure(h);
  }

  // The eviction line of host h: allocatable memory less the threshold (Infinity without memory).
  private evictionLine(h: number): number {
    const cap = this.cluster.capacity[h * this.D + this.memDim] as number;
    return cap > 0 ? cap - (this.s.hosts[h]?.evictionThreshold ?? 0) : Infinity;
  }

  // Over the line, up to rounding (the check at the computed crossing time may land a hair early).
  private overLine(h: number): boolean {
    const line = this.evictionLine(h);
    return (this.memUsage[h] as number) > line - 1e-9 * Math.abs(line);
  }

  // Schedules the check at the time Σ usage on host h, rising, will reach the line (none while it
  // is over the line already: the next start, breakpoint or stop on the host checks again).
  private scheduleMemCheck(h: number): void {
    const rate = this.memRate[h] as number, line = this.evictionLine(h);
    const t = rate > 0 && line !== Infinity && !this.overLine(h) ? this.sim.now + (line - (this.memUsage[h] as number)) / rate : Infinity;
    this.setHostEvent(this.memCheck, h, t, this.MEM_CHECK);
  }

  private onOom(slot: number): void {
    this.st[slot * 16 + L_MEM_HANDLE] = -1;
    this.oomKills++;
    const wl = this.s.workloads[this.st[slot * 16 + L_WL] as number] as CompiledWorkload;
    this.stopRunning(slot);
    if (wl.restartPolicy === 'Never') {
      this.terminate(slot, 1);
      return;
    }
    // CrashLoopBackOff: 10 s, doubling, at most 5 min; the container stays on its host.
    const n = (this.st[slot * 16 + L_RESTARTS] as number) + 1;
    this.st[slot * 16 + L_RESTARTS] = n;
    this.restartCount++;
    this.phase[slot] = Phase.BackOff;
    this.st[slot * 16 + L_TIMER] = this.sim.schedule(Math.min(10 * 2 ** (n - 1), 300), this.RESTART, slot);
  }

  private onRestart(code: number): void {
    if (code < 0) {
      // End of a pull's registry latency.
      const slot = -1 - code;
      this.st[slot * 16 + L_TIMER] = -1;
      this.startContainer(slot);
      return;
    }
    const slot = code;
    this.st[slot * 16 + L_TIMER] = -1;
    this.drawWork(slot, this.s.workloads[this.st[slot * 16 + L_WL] as number] as CompiledWorkload);
    this.startContainer(slot);
  }

  // Kubelet memory-pressure eviction (pkg/kubelet/eviction/helpers.go, rankMemoryPressure, as
  // evictionOrder): first pods whose usage exceeds their request, then by priority (lower first),
  // then by usage above request. The host is then under memory pressure: tainted
  // node.kubernetes.io/memory-pressure:NoSchedule until the transition period has passed since the
  // threshold was last met, so that an evicted container is not simply placed back on it.
  private checkPressure(h: number): void {
    if (!this.overLine(h)) {
      this.scheduleMemCheck(h);
      return;
    }
    this.pressure(h);
    const now = this.sim.now;
    const victims: number[] = [];
    for (let slot = 0; slot < this.phase.length; slot++) {
      const p = this.phase[slot] as number;
      if (this.st[slot * 16 + L_HOST] === h && p >= Phase.Readying && p <= Phase.Transferring) victims.push(slot);
    }
    const order = evictionOrder(victims.map((c) => {
      const wl = this.s.workloads[this.st[c * 16 + L_WL] as number] as CompiledWorkload;
      return { usage: this.usageAt(c, now), request: wl.request.memory ?? 0, priority: wl.priority };
    }));
    for (const k of order) {
      if (!this.overLine(h)) break;
      const v = victims[k] as number;
      // An eviction frees room, and a container placed in that room may itself check (and evict).
      const p = this.phase[v] as number;
      if (p < Phase.Readying || p > Phase.Transferring || this.st[v * 16 + L_HOST] !== h) continue;
      this.evictions++;
      this.stopRunning(v);
      this.terminate(v, 2);
    }
    this.scheduleMemCheck(h);
  }

  /** Set by the simulation: host `h` came under memory pressure (`true`) or left it. */
  onPressure: (h: number, on: boolean) => void = () => {};

  private pressure(h: number): void {
    if (this.underPressure[h] === 0) {
      this.underPressure[h] = 1;
      this.onPressure(h, true);
    }
    const until = this.sim.now + (this.s.hosts[h]?.pressureTransition ?? 0);
    this.setHostEvent(this.pressureEvent, h, until, this.PRESSURE_END);
  }

  private onPressureEnd(h: number): void {
    this.pressureEvent[h] = -1;
    this.underPressure[h] = 0;
    this.onPressure(h, false);
  }

  // ---- Ending ----

  /** Takes a container out of whatever it is doing (compute, transfer, timers). */
  private stopRunning(slot: number): void {
    const h = this.st[slot * 16 + L_HOST] as number;
    const p = this.phase[slot] as number;
    const t = this.st[slot * 16 + L_TIMER] ?? -1;
    if (t >= 0) this.sim.cancel(t);
    this.st[slot * 16 + L_TIMER] = -1;
    if (p === Phase.Computing && this.cpu.has(slot)) {
      this.advanceCpu(h);
      this.cpu.remove(h, slot);
      this.totalWork -= this.cpu.workOf(slot); // the work of a killed run does not count
      this.reshareCpu(h);
    } else if (p === Phase.Transferring) {
      const list = this.flows[h] as number[];
      this.advanceNet(h, this.sim.now);
      const i = list.findIndex((f) => this.fKind[f] === 0 && this.fOwner[f] === slot);
      if (i >= 0) {
        this.fFree.push(list[i] as number);
        list.splice(i, 1);
        this.reshareNet(h);
      }
    }
    this.memStop(slot);
  }

  private finishRun(slot: number, outcome: number): void {
    const now = this.sim.now;
    this.stopRunningTimersOnly(slot);
    this.memStop(slot);
    const submit = this.submitTime(slot);
    const ps = (this.st[slot * 16 + L_T_READY] as number) - (this.st[slot * 16 + L_T_PLACED] as number);
    const pa = (this.st[slot * 16 + L_T_COMPUTED] as number) - (this.st[slot * 16 + L_T_READY] as number);
    const pd = now - (this.st[slot * 16 + L_T_COMPUTED] as number);
    const solo = this.soloTime(slot);
    const row = this.finishedRuns.append();
    const v = this.finishedRuns.values;
    v[row + F_PA] = pa;
    v[row + F_PD] = pd;
    v[row + F_PS] = ps;
    v[row + F_RUN] = now - (this.st[slot * 16 + L_T_READY] as number);
    v[row + F_TURNAROUND] = now - submit;
    v[row + F_SLOWDOWN] = solo > 0 ? (now - submit) / solo : NaN;
    this.terminate(slot, outcome);
  }

  private stopRunningTimersOnly(slot: number): void {
    const t = this.st[slot * 16 + L_TIMER] ?? -1;
    if (t >= 0) this.sim.cancel(t);
    this.st[slot * 16 + L_TIMER] = -1;
  }

  /** Called by the simulation when a fixed-duration modelled container's time is up. */
  finishFixed(slot: number): void {
    this.st[slot * 16 + L_T_COMPUTED] = this.sim.now; // a fixed duration is all application time (P_a)
    this.finishRun(slot, 0);
  }

  // Time alone on an idle host: P_a at the container's own cap, P_d at the whole NIC, and its own
  // system time (pull from a cold cache is not included: the solo reference has the image cached).
  private soloTime(slot: number): number {
    const wl = this.s.workloads[this.st[slot * 16 + L_WL] as number] as CompiledWorkload;
    const h = this.st[slot * 16 + L_HOST] as number;
    const cpu = Math.min(wl.cpuCap, this.cluster.capacity[h * this.D] as number);
    const work = this.st[slot * 16 + L_WORK_DONE] as number;
    const pa = work > 0 ? work / cpu : (this.st[slot * 16 + L_T_COMPUTED] as number) - (this.st[slot * 16 + L_T_READY] as number);
    const bits = this.st[slot * 16 + L_DATA_INIT] as number;
    const pd = bits / (this.nic[h] as number);
    const sys = (this.st[slot * 16 + L_T_READY] as number) - (this.st[slot * 16 + L_T_PULLED] as number);
    return pa + pd + sys;
  }

  private terminate(slot: number, outcome: number): void {
    this.unpin(slot);
    this.phase[slot] = Phase.Done;
    if (this.s.record === 'containers') {
      const now = this.sim.now;
      this.records.push({
        id: this.records.length,
        workload: (this.s.workloads[this.st[slot * 16 + L_WL] as number] as CompiledWorkload).name,
        host: this.cluster.hostNames[this.st[slot * 16 + L_HOST] as number] as string,
        state: OUTCOME_NAMES[outcome] ?? 'failed',
        submitted: this.submitTime(slot),
        placed: this.st[slot * 16 + L_T_PLACED] as number,
        pulled: this.st[slot * 16 + L_T_PULLED] as number,
        started: this.st[slot * 16 + L_T_STARTED] as number,
        ready: this.st[slot * 16 + L_T_READY] as number,
        finished: now,
        pa: outcome === 0 ? (this.st[slot * 16 + L_T_COMPUTED] as number) - (this.st[slot * 16 + L_T_READY] as number) : 0,
        pd: outcome === 0 ? now - (this.st[slot * 16 + L_T_COMPUTED] as number) : 0,
        ps: (this.st[slot * 16 + L_T_READY] as number) - (this.st[slot * 16 + L_T_PLACED] as number),
        restarts: this.st[slot * 16 + L_RESTARTS] as number,
      });
    }
    this.done(slot, outcome);
  }

  /** Stops a container whose fixed duration is over or that the simulation removes. */
  kill(slot: number): void {
    this.stopRunning(slot);
    this.unpin(slot);
    this.phase[slot] = Phase.Done;
  }

  private integrateUsage(now: number): void {
    const dt = now - this.usageLastT;
    if (dt > 0) {
      this.cpuUsageIntegral += this.cpu.usageSum * dt;
      this.memUsageIntegral += this.memUsageSum * dt + (this.memRateSum * dt * dt) / 2;
      this.memUsageSum += this.memRateSum * dt;
    }
    this.usageLastT = now;
  }

  /** Time-weighted utilisation by actual usage over [0, T]: CPU from the fluid rates, memory from usage. */
  usageUtilization(T: number): { cpu: number; memory: number } {
    this.integrateUsage(T);
    const c = this.cluster;
    const cpuCap = c.totalCapacity[0] as number, memCap = c.totalCapacity[1] as number;
    return {
      cpu: T > 0 && cpuCap > 0 ? this.cpuUsageIntegral / (cpuCap * T) : 0,
      memory: T > 0 && memCap > 0 ? this.memUsageIntegral / (memCap * T) : 0,
    };
  }

  /** Cluster-wide CPU in use now (Σ rates, millicores) and memory in use (bytes). */
  usageNow(): { cpu: number; memory: number } {
    this.integrateUsage(this.sim.now);
    return { cpu: this.cpu.usageSum, memory: this.memUsageSum };
  }

  /**
   * A container's state now, for `docker stats`-style views: CPU rate (millicores), memory in use
   * (bytes), bytes sent over the network so far (its data transfer), and bytes of image layers this
   * container's pull wrote to the host's disk.
   */
  liveUsage(slot: number): { cpu: number; memory: number; phase: number; netTx: number; blockWrite: number } {
    const h = this.st[slot * 16 + L_HOST] as number;
    const p = this.phase[slot] ?? 0;
    let sent = 0;
    if (p === Phase.Transferring) {
      const list = this.flows[h] as number[];
      for (const f of list) {
        if (this.fKind[f] !== 0 || this.fOwner[f] !== slot) continue;
        const left = (this.fRem[f] as number) - (this.fRate[f] as number) * (this.sim.now - (this.netT[h] ?? 0));
        sent = ((this.st[slot * 16 + L_DATA_INIT] as number) - Math.max(0, left)) / 8;
      }
    } else if (p === Phase.Done) sent = (this.st[slot * 16 + L_DATA_INIT] as number) / 8;
    return { cpu: this.cpu.rateOf(slot, h), memory: this.usageAt(slot, this.sim.now), phase: p, netTx: sent, blockWrite: this.st[slot * 16 + L_PULLED_FOR] ?? 0 };
  }

  private ensure(slot: number): void {
    if (slot < this.phase.length) return;
    const n = Math.max(slot + 1, this.phase.length * 2);
    this.phase = grown(this.phase, n);
    this.st = grown(this.st, n * 16);
    this.cVal = grown(this.cVal, n); this.cRate = grown(this.cRate, n); this.cT = grown(this.cT, n); this.cStep = grown(this.cStep, n);
    this.cPos = grown(this.cPos, n, -1);
  }

  private growScratch(n: number): void {
    const m = Math.max(n, this.w.length * 2);
    this.w = new Float64Array(m); this.cap = new Float64Array(m); this.out = new Float64Array(m); this.order = new Int32Array(m);
  }

  private growFlows(): void {
    const n = this.fRem.length * 2;
    this.fRem = grown(this.fRem, n); this.fRate = grown(this.fRate, n); this.fCap = grown(this.fCap, n);
    this.fOwner = grown(this.fOwner, n); this.fKind = grown(this.fKind, n);
  }
}
