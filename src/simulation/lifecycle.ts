import type { ClusterState } from '../cluster/cluster-state.js';
import type { Simulator } from '../engine/simulator.js';
import type { EventHandle } from '../engine/event-queue.js';
import type { RandomStreams, Rng } from '../random/streams.js';
import type { CompiledScenario, CompiledWorkload } from '../scenario/compile.js';
import type { SampleTable } from '../metrics/sample-store.js';
import { crashLoopBackOff, crashLoopFailures } from '../performance/crash-loop-back-off.js';
import { readinessDelay } from '../performance/readiness-delay.js';
import { HostCpu } from './host-cpu.js';
import {
  ContainerTable, Phase, L_DATA_INIT, L_FAILURES, L_HOST, L_REM_CPU, L_REM_DATA, L_RESTARTS, L_STRIDE,
  L_T_COMPUTED, L_T_FAILED, L_T_PLACED, L_T_PULLED, L_T_READY, L_T_STARTED, L_T_SUBMIT, L_TIMER, L_WL, L_WORK_DONE,
} from './lifecycle/container-table.js';
import { Outcome } from './lifecycle/outcome.js';
import { FlowKind, NetworkFlows } from './lifecycle/network-flows.js';
import { ImagePulls, PullStart } from './lifecycle/image-pulls.js';
import { MemoryModel } from './lifecycle/memory.js';
import { Eviction } from './lifecycle/eviction.js';
import { RunRecords, type ContainerRecord } from './lifecycle/records.js';
import { UsageIntegral } from './lifecycle/usage-integral.js';
import { setHostEvent } from './lifecycle/host-event.js';
import { ST_RUNNING, ST_STARTED } from './container-table.js';
import { E_READY, E_STARTED } from './observation.js';

export { Phase } from './lifecycle/container-table.js';
export { Outcome, OUTCOME_NAMES, type OutcomeName } from './lifecycle/outcome.js';
export { F_PA, F_PD, F_PS, F_RUN, F_TURNAROUND, F_SLOWDOWN, F_WORKLOAD, S_SECONDS, S_WORKLOAD, type ContainerRecord } from './lifecycle/records.js';

const NOOP = (): void => {};

/**
 * @internal Who hears of a container's start and readiness: the scheduling cycle, which keeps each
 * container's state (for snapshots) and tells observers (`SchedulingCycle.phase`). A method on one
 * object rather than a closure, so that V8 can inline the call into the lifecycle's hot path.
 */
export interface PhaseSink {
  phase(slot: number, state: number, code: number): void;
}

const NO_SINK: PhaseSink = { phase: NOOP };

/**
 * @internal Whether the performance model leaves a workload's run to be timed by the simulation (a
 * fixed duration, or none): it has neither CPU work nor data to send.
 */
export function runsFixed(wl: CompiledWorkload): boolean {
  return wl.cpuWork === undefined && wl.dataBytes === undefined;
}

/**
 * @internal The performance model: runs a placed container through pulling → starting → ready →
 * compute (CPU shared by CFS weights, fluid) → data transfer (NIC shared max-min) → done, with
 * OOM kills, restarts with CrashLoopBackOff, and node-pressure eviction. This class holds the
 * phases and the CPU; its parts live in `lifecycle/`: the container table, network flows, image
 * pulls and layer caches, memory and OOM, eviction, and the records. Each host keeps at most one
 * pending "next CPU completion" and one "next network completion" event; a change on a host
 * recomputes only that host.
 */
export class Lifecycle {
  private readonly table: ContainerTable;
  // The table's arrays, held here for the hot path; begin() refreshes them when the table grows.
  private st: Float64Array;
  private phases: Uint8Array;
  private readonly cpu: HostCpu;
  private readonly cpuEvent: EventHandle[];
  private readonly net: NetworkFlows;
  private readonly pulls: ImagePulls | undefined;
  private readonly memory: MemoryModel;
  private readonly eviction: Eviction;
  private readonly runs: RunRecords;
  private readonly usage: UsageIntegral;
  private readonly rngStart: Rng[];
  private readonly rngReady: Rng[];
  private readonly rngWork: Rng[];
  private readonly rngData: Rng[];
  // Event kinds, one per transition.
  private readonly STARTED: number;
  private readonly READY: number;
  private readonly CPU: number;
  private readonly RESTART: number;
  private readonly ENDED: number;
  // Runs that ended inside begin() (an image it may not pull, an OOM kill or an eviction as it
  // starts): the simulation hears of them at the same instant, by an event, not from inside its
  // own placement.
  private beginning = false;
  private readonly recordContainers: boolean;
  // 1 for a workload whose containers are ready the moment they are placed (see begin).
  private readonly instant: Uint8Array;
  private readonly endedSlots: number[] = [];
  private readonly endedOutcomes: Outcome[] = [];

  /** Set by the simulation: called when a container with no work becomes ready (its run is timed by the simulation). */
  readyWithoutWork: (slot: number) => void = NOOP;
  /** Set by the simulation: hears of each container's start and readiness, before {@link Lifecycle.started} and {@link Lifecycle.ready}. */
  sink: PhaseSink = NO_SINK;
  /** Set by observers: a container's process started (after its pull and create/start time; again after each restart). */
  started: (slot: number) => void = NOOP;
  /** Set by observers: a container passed its readiness probe (again after each restart). */
  ready: (slot: number) => void = NOOP;

  /**
   * When the container {@link Lifecycle.begin} is given next was submitted: set by the simulation just
   * before (a field, not an argument: a double passed to a call V8 does not inline is boxed).
   */
  submitted = 0;
  oomKills = 0;
  restartCount = 0;
  totalWork = 0;
  finishedWork = 0;

  constructor(
    private readonly sim: Simulator,
    private readonly cluster: ClusterState,
    private readonly s: CompiledScenario,
    streams: RandomStreams,
    room: { readonly slots: number; readonly samples: number },
    private readonly done: (slot: number, outcome: Outcome) => void,
  ) {
    const H = cluster.hostCount, D = cluster.D;
    this.table = new ContainerTable(room.slots);
    this.st = this.table.st;
    this.phases = this.table.phase;
    this.cpu = new HostCpu(Float64Array.from({ length: H }, (_, h) => cluster.capacity[h * D] as number), sim, room.slots);
    this.cpuEvent = new Array<EventHandle>(H).fill(-1);
    s.workloads.forEach((wl, w) => this.cpu.setClass(w + 1, wl.shares, wl.cpuCap, wl.cpuQuota));
    this.usage = new UsageIntegral(this.cpu);
    this.net = new NetworkFlows(sim, cluster);
    this.net.dataDone = (slot) => this.finishRun(slot, Outcome.Succeeded);
    if (s.workloads.some((w) => w.image >= 0)) {
      const pulls = new ImagePulls(sim, this.table, this.net, s);
      pulls.pulled = (slot) => this.pulled(slot);
      this.pulls = pulls;
    }
    this.memory = new MemoryModel(sim, this.table, this.usage, s, cluster);
    this.memory.oom = (slot) => this.onOom(slot);
    this.eviction = new Eviction(sim, this.table, this.memory, s);
    this.eviction.evict = (slot) => {
      this.stopRunning(slot);
      this.terminate(slot, Outcome.Evicted);
    };
    this.instant = Uint8Array.from(s.workloads, (w) => (w.image < 0 && w.startup === undefined && w.readiness === undefined && !this.memory.active ? 1 : 0));
    this.recordContainers = s.record === 'containers';
    this.runs = new RunRecords(room.samples, this.table, s, cluster, this.net.nic, sim);
    const names = s.workloads.map((w) => w.name);
    this.rngStart = names.map((n) => streams.get(`startup/${n}`));
    this.rngReady = names.map((n) => streams.get(`ready/${n}`));
    this.rngWork = names.map((n) => streams.get(`work/${n}`));
    this.rngData = names.map((n) => streams.get(`data/${n}`));
    this.STARTED = sim.on((slot) => this.onStarted(slot));
    this.READY = sim.on((slot) => this.onReady(slot));
    this.CPU = sim.on((h) => this.onCpu(h));
    this.RESTART = sim.on((slot) => this.onRestart(slot));
    this.ENDED = sim.on(() => this.reportEnded());
  }

  // ---- What the simulation reads ----

  /** Each container slot's {@link Phase}. */
  get phase(): Uint8Array {
    return this.phases;
  }

  /** Set by the simulation: host `h` came under memory pressure (`true`) or left it. */
  get onPressure(): (h: number, on: boolean) => void {
    return this.eviction.onPressure;
  }

  set onPressure(f: (h: number, on: boolean) => void) {
    this.eviction.onPressure = f;
  }

  /** Placement → ready, for each container's first start (columns S_SECONDS, S_WORKLOAD). */
  get startup(): SampleTable {
    return this.runs.startup;
  }

  /** One row per finished run: P_a, P_d, P_s, run time, turnaround, slowdown (see the F_* columns). */
  get finishedRuns(): SampleTable {
    return this.runs.finishedRuns;
  }

  /** One record per run that ended, with `record: 'containers'`. */
  get records(): ContainerRecord[] {
    return this.runs.records;
  }

  /** Containers evicted under node memory pressure. */
  get evictions(): number {
    return this.eviction.evictions;
  }

  /** Bytes of image layers downloaded. */
  get bytesPulled(): number {
    return this.pulls?.bytesPulled ?? 0;
  }

  /** The layer-cache hit ratio by bytes: bytes found in a host's cache (or joining a download under way) over bytes looked up. */
  get layerCacheHitRatio(): number {
    return this.pulls?.hitRatio ?? 0;
  }

  /** Container-seconds spent at the CPU limit. */
  get throttledTime(): number {
    return this.cpu.throttledTime;
  }

  /** Container-seconds of compute. */
  get computeTime(): number {
    return this.cpu.computeTime;
  }

  // ---- Phases ----

  /**
   * Begins the lifecycle of a container just placed on host `h`, submitted at {@link Lifecycle.submitted}
   * (set just before). Work is drawn now, per workload stream. `done` is never called from inside
   * `begin`: a run that ends at once is reported by an event at the same instant.
   */
  begin(slot: number, w: number, h: number): void {
    const nested = this.beginning;
    this.beginning = true;
    if (slot >= this.phases.length) {
      this.table.ensure(slot);
      this.st = this.table.st;
      this.phases = this.table.phase;
    }
    const wl = this.s.workloads[w] as CompiledWorkload;
    const st = this.st, o = slot * L_STRIDE;
    st[o + L_HOST] = h;
    st[o + L_WL] = w;
    st[o + L_RESTARTS] = 0;
    st[o + L_FAILURES] = 0;
    const now = this.sim.now;
    st[o + L_T_PLACED] = now;
    st[o + L_T_READY] = NaN;
    st[o + L_T_COMPUTED] = NaN;
    st[o + L_TIMER] = -1;
    st[o + L_T_SUBMIT] = this.submitted;
    this.drawWork(slot, wl);
    if (this.instant[w] === 1) {
      // No image, start-up time, readiness probe nor memory model: pulled, started and ready now.
      st[o + L_T_PULLED] = now;
      st[o + L_T_STARTED] = now;
      this.phases[slot] = Phase.Readying;
      this.sink.phase(slot, ST_STARTED, E_STARTED);
      this.started(slot);
      this.onReady(slot);
    } else {
      st[o + L_T_PULLED] = NaN;
      st[o + L_T_STARTED] = NaN;
      this.phases[slot] = Phase.Pulling;
      const r = wl.image < 0 ? PullStart.Ready : (this.pulls as ImagePulls).start(slot, wl, h);
      if (r === PullStart.Ready) this.pulled(slot);
      else if (r === PullStart.NeverPull) this.terminate(slot, Outcome.ErrImageNeverPull);
    }
    this.beginning = nested;
  }

  private drawWork(slot: number, wl: CompiledWorkload): void {
    const w = wl.index, st = this.st, o = slot * L_STRIDE;
    st[o + L_REM_CPU] = wl.cpuWork === undefined ? 0 : wl.cpuWork(this.rngWork[w] as Rng) * 1000;
    const bits = wl.dataBytes === undefined ? 0 : wl.dataBytes(this.rngData[w] as Rng) * 8;
    st[o + L_REM_DATA] = bits;
    st[o + L_DATA_INIT] = bits;
    st[o + L_WORK_DONE] = 0;
  }

  // The image is in: create and start the container.
  private pulled(slot: number): void {
    this.st[slot * L_STRIDE + L_T_PULLED] = this.sim.now;
    this.startContainer(slot);
  }

  private startContainer(slot: number): void {
    const wl = this.s.workloads[((this.st[slot * L_STRIDE + L_WL] as number) | 0)] as CompiledWorkload;
    this.phases[slot] = Phase.Starting;
    const d = wl.startup === undefined ? 0 : wl.startup(this.rngStart[wl.index] as Rng);
    if (d === 0) this.onStarted(slot); // no event for a zero delay
    else this.st[slot * L_STRIDE + L_TIMER] = this.sim.schedule(d, this.STARTED, slot);
  }

  private onStarted(slot: number): void {
    const now = this.sim.now;
    const st = this.st, o = slot * L_STRIDE;
    const wl = this.s.workloads[((st[o + L_WL] as number) | 0)] as CompiledWorkload;
    st[o + L_TIMER] = -1;
    st[o + L_T_STARTED] = now;
    this.phases[slot] = Phase.Readying;
    this.sink.phase(slot, ST_STARTED, E_STARTED);
    this.started(slot);
    if (this.memory.active) {
      this.memory.start(slot, wl);
      if (this.phases[slot] !== Phase.Readying) return; // OOM-killed at once
    }
    let delay = 0;
    if (wl.readiness !== undefined) {
      const { initialDelay, period, ready } = wl.readiness;
      delay = readinessDelay(initialDelay, period, ready === undefined ? 0 : ready(this.rngReady[wl.index] as Rng));
    }
    if (delay === 0) this.onReady(slot);
    else st[o + L_TIMER] = this.sim.schedule(delay, this.READY, slot);
  }

  private onReady(slot: number): void {
    const now = this.sim.now;
    const st = this.st, o = slot * L_STRIDE;
    st[o + L_TIMER] = -1;
    st[o + L_T_READY] = now;
    if (st[o + L_RESTARTS] === 0) this.runs.startedUp(slot, now - (st[o + L_T_PLACED] as number));
    this.sink.phase(slot, ST_RUNNING, E_READY);
    this.ready(slot);
    const wl = this.s.workloads[((st[o + L_WL] as number) | 0)] as CompiledWorkload;
    this.phases[slot] = Phase.Computing;
    if (runsFixed(wl)) {
      // A fixed-duration or long-running container: its run is timed by the simulation itself.
      st[o + L_T_COMPUTED] = now;
      this.readyWithoutWork(slot);
      return;
    }
    const work = st[o + L_REM_CPU] as number;
    this.totalWork += work;
    const h = ((st[o + L_HOST] as number) | 0);
    this.advanceCpu(h);
    this.cpu.work = work;
    this.cpu.addOf(h, slot, wl.index + 1);
    this.reshareCpu(h);
  }

  // ---- CPU: fluid, per host (see HostCpu) ----

  private advanceCpu(h: number): void {
    this.usage.advance(this.sim.now);
    this.cpu.advance(h);
  }

  private reshareCpu(h: number): void {
    this.cpu.reshare(h);
    setHostEvent(this.sim, this.cpuEvent, h, this.cpu.next, this.CPU);
  }

  private onCpu(h: number): void {
    this.cpuEvent[h] = -1;
    this.advanceCpu(h);
    const n = this.cpu.finished(h);
    const out = this.cpu.done;
    const st = this.st;
    for (let i = 0; i < n; i++) {
      const c = out[i] as number;
      this.cpu.remove(h, c);
      const work = this.cpu.workOf(c);
      st[c * L_STRIDE + L_WORK_DONE] = work;
      this.finishedWork += work;
    }
    this.reshareCpu(h);
    // Move the finished on after the host is re-shared, so their next phase sees the new rates.
    for (let i = 0; i < n; i++) this.computeDone(out[i] as number);
  }

  private computeDone(slot: number): void {
    const st = this.st, o = slot * L_STRIDE;
    st[o + L_T_COMPUTED] = this.sim.now;
    const bits = st[o + L_REM_DATA] as number;
    if (bits > 0) {
      const h = ((st[o + L_HOST] as number) | 0);
      this.phases[slot] = Phase.Transferring;
      this.net.open(h, FlowKind.Data, slot, bits, Infinity);
      this.net.reshare(h);
    } else this.finishRun(slot, Outcome.Succeeded);
  }

  // ---- OOM kills and CrashLoopBackOff ----

  private onOom(slot: number): void {
    this.oomKills++;
    const st = this.st, o = slot * L_STRIDE;
    const wl = this.s.workloads[((st[o + L_WL] as number) | 0)] as CompiledWorkload;
    this.stopRunning(slot);
    if (wl.restartPolicy === 'Never') {
      this.terminate(slot, Outcome.OomKilled);
      return;
    }
    // The container stays on its host and restarts after the back-off.
    const now = this.sim.now;
    const failures = crashLoopFailures(st[o + L_FAILURES] as number, now - (st[o + L_T_FAILED] as number));
    st[o + L_FAILURES] = failures;
    st[o + L_T_FAILED] = now;
    st[o + L_RESTARTS] = (st[o + L_RESTARTS] as number) + 1;
    this.restartCount++;
    this.phases[slot] = Phase.BackOff;
    st[o + L_TIMER] = this.sim.schedule(crashLoopBackOff(failures), this.RESTART, slot);
  }

  private onRestart(slot: number): void {
    this.st[slot * L_STRIDE + L_TIMER] = -1;
    this.drawWork(slot, this.s.workloads[((this.st[slot * L_STRIDE + L_WL] as number) | 0)] as CompiledWorkload);
    this.startContainer(slot);
  }

  // ---- Ending ----

  /** Takes a container out of whatever it is doing (pull, compute, transfer, timers, memory). */
  private stopRunning(slot: number): void {
    const st = this.st, o = slot * L_STRIDE;
    const h = ((st[o + L_HOST] as number) | 0);
    const p = this.phases[slot] as number;
    this.cancelTimer(slot);
    if (p === Phase.Pulling) this.pulls?.abandon(slot, h);
    else if (p === Phase.Computing && this.cpu.has(slot)) {
      this.advanceCpu(h);
      this.cpu.remove(h, slot);
      this.totalWork -= this.cpu.workOf(slot); // the work of a killed run does not count
      this.reshareCpu(h);
    } else if (p === Phase.Transferring) this.net.closeData(h, slot);
    if (this.memory.active) this.memory.stop(slot, this.s.workloads[((st[o + L_WL] as number) | 0)] as CompiledWorkload);
  }

  private cancelTimer(slot: number): void {
    const o = slot * L_STRIDE;
    const t = this.st[o + L_TIMER] as number;
    if (t >= 0) this.sim.cancel(t);
    this.st[o + L_TIMER] = -1;
  }

  private finishRun(slot: number, outcome: Outcome): void {
    this.cancelTimer(slot);
    if (this.memory.active) this.memory.stop(slot, this.s.workloads[((this.st[slot * L_STRIDE + L_WL] as number) | 0)] as CompiledWorkload);
    this.runs.finished(slot);
    this.terminate(slot, outcome);
  }

  /** Called by the simulation when a fixed-duration modelled container's time is up. */
  finishFixed(slot: number): void {
    if (this.phases[slot] === Phase.Done) return; // it ended at this instant already (its end is on its way)
    this.st[slot * L_STRIDE + L_T_COMPUTED] = this.sim.now; // a fixed duration is all application time (P_a)
    this.finishRun(slot, Outcome.Succeeded);
  }

  private terminate(slot: number, outcome: Outcome): void {
    if (this.pulls !== undefined) this.release(slot);
    this.phases[slot] = Phase.Done;
    if (this.recordContainers) this.runs.ended(slot, outcome, this.sim.now);
    if (!this.beginning) {
      this.done(slot, outcome);
      return;
    }
    if (this.endedSlots.length === 0) this.sim.schedule(0, this.ENDED, 0);
    this.endedSlots.push(slot);
    this.endedOutcomes.push(outcome);
  }

  private reportEnded(): void {
    const slots = this.endedSlots.splice(0), outcomes = this.endedOutcomes.splice(0);
    for (let i = 0; i < slots.length; i++) this.done(slots[i] as number, outcomes[i] as Outcome);
  }

  // The container no longer uses its image: its layers may be evicted from the host's cache.
  private release(slot: number): void {
    const wl = this.s.workloads[((this.st[slot * L_STRIDE + L_WL] as number) | 0)] as CompiledWorkload;
    if (wl.image >= 0) this.pulls?.release(slot, wl, ((this.st[slot * L_STRIDE + L_HOST] as number) | 0));
  }

  /** Stops a container whose fixed duration is over or that the simulation removes. */
  kill(slot: number): void {
    const i = this.endedSlots.indexOf(slot);
    if (i >= 0) {
      // It ended already and the simulation has not heard yet: now it never will.
      this.endedSlots.splice(i, 1);
      this.endedOutcomes.splice(i, 1);
    }
    this.stopRunning(slot);
    if (this.pulls !== undefined) this.release(slot);
    this.phases[slot] = Phase.Done;
  }

  // ---- Usage ----

  /** Time-weighted utilisation by actual usage over [0, T]: CPU from the fluid rates, memory from usage. */
  usageUtilization(T: number): { cpu: number; memory: number } {
    const u = this.usage;
    u.advance(T);
    const c = this.cluster;
    const cpuCap = c.totalCapacity[0] as number, memCap = c.totalCapacity[1] as number;
    return {
      cpu: T > 0 && cpuCap > 0 ? u.cpuIntegral / (cpuCap * T) : 0,
      memory: T > 0 && memCap > 0 ? u.memIntegral / (memCap * T) : 0,
    };
  }

  /** Cluster-wide CPU in use now (Σ rates, millicores) and memory in use (bytes). */
  usageNow(): { cpu: number; memory: number } {
    this.usage.advance(this.sim.now);
    return { cpu: this.cpu.usageSum, memory: this.usage.memSum };
  }

  /**
   * A container's state now, for `docker stats`-style views: its host and workload (indices), its
   * {@link Phase}, CPU rate (millicores), memory in use (bytes), bytes sent over the network so far
   * (its data transfer), and bytes of image layers this container's pull wrote to the host's disk.
   */
  liveUsage(slot: number): { host: number; workload: number; cpu: number; memory: number; phase: number; netTx: number; blockWrite: number } {
    const st = this.st, o = slot * L_STRIDE;
    const h = ((st[o + L_HOST] as number) | 0);
    const p = this.phases[slot] ?? 0;
    const bits = st[o + L_DATA_INIT] as number;
    const sent = p === Phase.Transferring ? (bits - this.net.dataLeft(h, slot)) / 8 : p === Phase.Done ? bits / 8 : 0;
    const wl = this.s.workloads[((st[o + L_WL] as number) | 0)] as CompiledWorkload | undefined;
    const wrote = wl !== undefined && wl.image >= 0 ? (this.pulls?.wroteFor(slot) ?? 0) : 0;
    return { host: h, workload: ((st[o + L_WL] as number) | 0), cpu: this.cpu.rateOf(slot, h), memory: this.memory.usageAt(slot, this.sim.now), phase: p, netTx: sent, blockWrite: wrote };
  }
}
