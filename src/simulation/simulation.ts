import { ClusterState } from '../cluster/cluster-state.js';
import { Simulator } from '../engine/simulator.js';
import { CompensatedSum } from '../metrics/compensated-sum.js';
import { SampleStore } from '../metrics/sample-store.js';
import { RandomStreams, type Rng } from '../random/streams.js';
import { compileScenario, type CompiledScenario, type CompiledWorkload } from '../scenario/compile.js';
import { createPolicy, KUBE_POLICIES, type ClassicPolicyName } from '../scheduling/create-policy.js';
import { KubePolicy } from './kube-policy.js';
import { DominantResourceFairness } from '../kube/dominant-resource-fairness.js';
import { placeGang } from '../kube/place-gang.js';
import type { PlacementPolicy, PlacementRequest } from '../scheduling/policy.js';
import type { ContainerCounts, PerformanceSummary, SimulationResult } from './result.js';
import { TimeSeriesBuilder } from './timeseries.js';
import { F_PA, F_PD, F_PS, F_RUN, F_SLOWDOWN, F_TURNAROUND, Lifecycle, Outcome } from './lifecycle.js';
import { grown } from '../util/grown.js';

// Offsets in a container slot's record: workload index, submit time, fixed duration (Infinity for
// none), host, pinned host (a DaemonSet's or a trace's, else -1), n-th container of its workload,
// failed scheduling attempts and when it may retry (kube back-off), and its FINISH event (-1 for none).
const C_WORKLOAD = 0, C_SUBMIT = 1, C_DURATION = 2, C_HOST = 3, C_PINNED = 4, C_ORDINAL = 5;
const C_ATTEMPTS = 6, C_RETRY_AT = 7, C_FINISH = 8;

// The node lifecycle controller's taint for the MemoryPressure condition.
const MEMORY_PRESSURE_TAINT = { key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' } as const;

/**
 * Options for a {@link Simulation}.
 *
 * @example
 * ```ts
 * new Simulation(scenario, { policy: myPolicy });
 * ```
 */
export interface SimulationOptions {
  /**
   * A placement policy object to use instead of the scenario's `scheduler.policy`.
   * @defaultValue the policy the scenario names (first-fit if none)
   */
  readonly policy?: PlacementPolicy;
}

/**
 * One run of a scenario, steppable event by event. {@link simulate} is `new Simulation(s).run().result()`;
 * use the class directly to watch the state between events (notebooks, property tests).
 *
 * Containers live in typed arrays (a recycled slot per live container), the pending queue is a
 * ring buffer, and the event loop allocates nothing per event.
 *
 * @example
 * ```ts
 * const run = new Simulation(scenario);
 * while (run.step()) {
 *   if (run.counts.pending > 100) console.log('backlog at', run.now);
 * }
 * console.log(run.result().wait.p99);
 * ```
 */
export class Simulation {
  /** The compiled scenario. */
  readonly scenario: CompiledScenario;
  /** The hosts and what they hold. */
  readonly cluster: ClusterState;
  /** The event kernel. */
  readonly sim: Simulator;
  /** The placement policy. */
  readonly policy: PlacementPolicy;

  private readonly D: number;
  private readonly demand: Float64Array;
  private readonly feasible: Uint8Array;
  private readonly workloads: readonly CompiledWorkload[];
  private readonly arrivalRng: Rng[];
  private readonly durationRng: Rng[];
  private readonly arrived: Float64Array;
  private readonly ordinal: Int32Array;
  private readonly ARRIVAL: number;
  private readonly FINISH: number;
  private readonly SAMPLE: number;
  private readonly REQUEUE: number;
  private readonly RETRY: number;
  private readonly series: TimeSeriesBuilder | undefined;
  private readonly fifo: boolean;
  private readonly until: number;

  // Live containers, one recycled slot each: a record of 9 doubles per slot (see the C_* offsets).
  private cs: Float64Array;
  private slotCap: number;
  /** The kube-scheduler adapter, under a kube policy. */
  private readonly kube: KubePolicy | undefined;
  private readonly drf: DominantResourceFairness | undefined;
  private readonly tenantOf: readonly string[];
  private retryEvent = -1;
  private retryTime = Infinity;
  private draining = false;
  private freeSlots: Int32Array;
  private freeTop = 0;
  private slotsUsed = 0;

  // Pending queue: a ring buffer of slots.
  private qBuf = new Int32Array(1024);
  private qHead = 0;
  private qLen = 0;

  private submitted = 0;
  private placed = 0;
  private completed = 0;
  private rejected = 0;
  private failed = 0;
  private requeueing = 0; // evicted, waiting out the back-off before queueing again
  private running = 0;
  /** The performance model, when any workload uses it. */
  private readonly life: Lifecycle | undefined;

  private lastT = 0;
  // ∫ allocated dt per dimension, Neumaier-compensated (sum and compensation kept side by side).
  private readonly utilSum: Float64Array;
  private readonly utilComp: Float64Array;
  private readonly queueIntegral = new CompensatedSum();
  private queueMax = 0;
  private peakInUse = 0;
  private readonly waits: SampleStore;
  private readonly req: PlacementRequest;
  private finished = false;

  /**
   * @param scenario - A scenario as plain data; validated first (throws {@link PodsimError} listing every problem).
   * @param options - See {@link SimulationOptions}.
   */
  constructor(scenario: unknown, options: SimulationOptions = {}) {
    const s = compileScenario(scenario);
    this.scenario = s;
    this.until = s.until;
    this.fifo = s.queue === 'fifo';
    this.cluster = new ClusterState(s.dims, s.hosts);
    const D = (this.D = s.dims.length);
    const W = s.workloads.length;
    this.workloads = s.workloads;
    this.demand = new Float64Array(W * D);
    this.tenantOf = s.workloads.map((_, i) => s.parsed.workloads[i]?.namespace ?? 'default');
    this.feasible = new Uint8Array(W);
    const streams = new RandomStreams(s.seed);
    if (options.policy !== undefined) this.policy = options.policy;
    else if (KUBE_POLICIES.includes(s.policy)) {
      const kube = new KubePolicy(this.cluster, s.parsed, s.workloads.map((w) => w.request), streams.get('policy/kube'));
      kube.now = () => this.sim.now;
      kube.submitted = (slot) => this.cs[slot * 9 + C_SUBMIT] as number;
      const names = new Set(s.parsed.scheduler?.explain ?? []);
      kube.explainName = names.size === 0 ? () => undefined : (slot) => {
        const n = `${(this.workloads[this.cs[slot * 9 + C_WORKLOAD] as number] as CompiledWorkload).name}-${this.cs[slot * 9 + C_ORDINAL] as number}`;
        return names.has(n) ? n : undefined;
      };
      kube.evict = (slot) => this.preemptVictim(slot);
      this.kube = kube;
      this.policy = kube;
      if (s.parsed.scheduler?.queueSort === 'DRF') this.drf = new DominantResourceFairness(this.cluster.totalCapacity, s.parsed.scheduler.tenants ?? {});
    } else this.policy = createPolicy(s.policy as ClassicPolicyName, streams);
    this.arrivalRng = s.workloads.map((w) => streams.get(`arrival/${w.name}`));
    this.durationRng = s.workloads.map((w) => streams.get(`duration/${w.name}`));
    this.arrived = new Float64Array(W);
    this.ordinal = new Int32Array(W);
    s.workloads.forEach((w, i) => {
      this.cluster.demandOf(w.request, this.demand, i * D);
      for (let h = 0; h < this.cluster.hostCount; h++) {
        if (this.cluster.fitsEmpty(h, this.demand, i * D)) { this.feasible[i] = 1; break; }
      }
    });
    this.utilSum = new Float64Array(D);
    this.utilComp = new Float64Array(D);
    this.req = { container: 0, workload: 0, demand: this.demand, offset: 0 };
    this.sim = new Simulator(Math.max(1024, 2 * W));
    // Room up front for the live containers a run is likely to hold: what the scenario may submit,
    // but no more than 64 per host (nor 2^20); more grow by doubling. Untouched typed-array memory
    // is not committed, so room to spare is cheap, while growing a large cluster's state step by
    // step copies all of it each time.
    let total = 0;
    for (const w of s.workloads) total += w.count * (w.daemonHosts?.length ?? 1);
    this.slotCap = Math.max(1024, Math.min(total, 64 * this.cluster.hostCount, 1 << 20));
    // Likewise room for a sample per container the scenario will submit (up to 2^22), so that
    // recording never copies; when that count is open-ended, the samples grow from 2^16.
    const samples = total === Infinity ? 1 << 16 : Math.max(4096, Math.min(total, 1 << 22));
    this.waits = new SampleStore(samples);
    this.cs = new Float64Array(this.slotCap * 9);
    this.freeSlots = new Int32Array(this.slotCap);
    this.ARRIVAL = this.sim.on((w) => this.onArrival(w));
    this.FINISH = this.sim.on((slot) => this.onFinish(slot));
    this.SAMPLE = this.sim.on((k) => this.onSample(k));
    this.RETRY = this.sim.on(() => {
      this.retryEvent = -1;
      this.retryTime = Infinity;
      this.integrate(this.sim.now);
      this.drain();
    });
    this.REQUEUE = this.sim.on((slot) => {
      this.integrate(this.sim.now);
      this.requeueing--;
      if ((this.fifo && this.qLen > 0) || !this.tryPlace(slot)) this.enqueue(slot);
    });
    if (s.workloads.some((w) => w.modelled)) {
      const life = new Lifecycle(this.sim, this.cluster, s, streams, { slots: this.slotCap, samples }, (slot) => this.cs[slot * 9 + C_SUBMIT] as number, (slot, outcome) => this.onLifecycleEnd(slot, outcome));
      life.readyWithoutWork = (slot) => {
        const end = this.sim.now + (this.cs[slot * 9 + C_DURATION] as number);
        if (end !== Infinity) this.cs[slot * 9 + C_FINISH] = this.sim.scheduleAt(end, this.FINISH, slot);
      };
      // A host under memory pressure is tainted node.kubernetes.io/memory-pressure:NoSchedule: for
      // kube-scheduler, a taint that pods may tolerate; for the classic policies, a blocked host.
      life.onPressure = (h, on) => {
        if (this.kube !== undefined) this.kube.kube.setTaint(h, MEMORY_PRESSURE_TAINT, on);
        else this.cluster.setBlocked(h, on);
        if (!on) this.drain();
      };
      this.life = life;
    }
    for (let w = 0; w < W; w++) this.scheduleArrival(w, 0);
    this.series = s.sampleInterval > 0 ? new TimeSeriesBuilder(s.dims, this.cluster.totalCapacity) : undefined;
    if (this.series !== undefined) this.sampleEvent = this.sim.scheduleAt(0, this.SAMPLE, 0);
  }

  /** The simulated time now, in seconds. */
  get now(): number {
    return this.sim.now;
  }

  /** Container counts at this moment. */
  get counts(): ContainerCounts {
    return {
      submitted: this.submitted,
      placed: this.placed,
      completed: this.completed,
      rejected: this.rejected,
      pending: this.qLen + this.requeueing,
      running: this.running,
      failed: this.failed,
    };
  }

  /**
   * Processes the next event, unless it lies beyond the scenario's `until`.
   * @returns `false` when the run is over.
   */
  step(): boolean {
    if (this.finished || this.sim.peek() > this.until) return false;
    if (this.until === Infinity && this.sim.pending === 1 && this.sim.isPending(this.sampleEvent)) return false;
    return this.sim.step();
  }

  /** Runs to the end: `until`, or until no event is pending. */
  run(): this {
    if (!this.finished) {
      if (this.series === undefined || this.until !== Infinity) this.sim.run({ until: this.until });
      else {
        // Stop when the next sample is all that is left: it must not stretch the run.
        while (this.sim.pending > 0 && !(this.sim.pending === 1 && this.sim.isPending(this.sampleEvent))) this.sim.step();
      }
      this.finish();
    }
    return this;
  }

  /** The result so far (call after {@link Simulation.run} for the whole run). */
  result(): SimulationResult {
    const T = this.sim.now;
    this.integrate(T);
    const c = this.cluster;
    const utilization: Record<string, number> = {};
    this.scenario.dims.forEach((d, i) => {
      const cap = c.totalCapacity[i] as number;
      const integral = (this.utilSum[i] as number) + (this.utilComp[i] as number);
      if (cap > 0) utilization[d] = T > 0 ? integral / (cap * T) : 0;
    });
    return {
      seed: this.scenario.seed,
      policy: this.policy.name,
      simulatedTime: T,
      events: this.sim.eventsProcessed,
      containers: this.counts,
      wait: this.waits.summary(),
      utilization,
      queue: { mean: T > 0 ? this.queueIntegral.value / T : 0, max: this.queueMax },
      hosts: { count: c.hostCount, peakInUse: this.peakInUse },
      ...(this.series === undefined ? {} : { timeseries: this.series.build() }),
      ...(this.life === undefined ? {} : { performance: this.performance(T) }),
      ...(this.kube === undefined ? {} : { scheduling: { preemptions: this.kube.preemptions, victims: this.preempted, ...(this.kube.explained.length > 0 ? { explain: this.kube.explained } : {}) } }),
    };
  }

  private performance(T: number): PerformanceSummary {
    const l = this.life as Lifecycle;
    const runs = l.finishedRuns;
    return {
      startup: l.startup.summary(),
      run: runs.summary(F_RUN),
      turnaround: runs.summary(F_TURNAROUND),
      slowdown: runs.summary(F_SLOWDOWN),
      breakdown: { pa: runs.summary(F_PA), pd: runs.summary(F_PD), ps: runs.summary(F_PS) },
      oomKills: l.oomKills,
      evictions: l.evictions,
      restarts: l.restartCount,
      throttledFraction: l.computeTime > 0 ? l.throttledTime / l.computeTime : 0,
      imageBytesPulled: l.bytesPulled,
      layerCacheHitRatio: l.layerCacheHitRatio,
      usage: l.usageUtilization(T),
      ...(this.scenario.record === 'containers' ? { records: l.records } : {}),
    };
  }

  /** @internal The performance model, for tests and tools that watch live usage. */
  get lifecycle(): Lifecycle | undefined {
    return this.life;
  }

  private finish(): void {
    this.finished = true;
    this.integrate(this.sim.now);
    if (this.series !== undefined && this.series.lastTime < this.sim.now) this.takeSample();
  }

  private onSample(k: number): void {
    this.takeSample();
    // Sample k is taken at k × interval (no drift from repeated addition). Up to `until` when it
    // is set; otherwise only while anything else can still happen, so sampling never keeps a run alive.
    const next = (k + 1) * this.scenario.sampleInterval;
    if (next <= this.until && (this.until !== Infinity || this.sim.pending > 0)) this.sampleEvent = this.sim.scheduleAt(next, this.SAMPLE, k + 1);
  }

  private sampleEvent = -1;

  private takeSample(): void {
    (this.series as TimeSeriesBuilder).add(this.sim.now, this.cluster.totalAllocated, this.qLen, this.running, this.cluster.hostsInUse, this.life?.usageNow());
  }

  // Time-weighted integrals of allocation and queue length up to time t.
  private integrate(t: number): void {
    const dt = t - this.lastT;
    if (dt <= 0) return;
    const tot = this.cluster.totalAllocated, sum = this.utilSum, comp = this.utilComp;
    for (let d = 0; d < this.D; d++) {
      const x = (tot[d] as number) * dt;
      const s = sum[d] as number;
      const t = s + x;
      comp[d] = (comp[d] as number) + (Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s);
      sum[d] = t;
    }
    if (this.qLen !== 0) this.queueIntegral.add(this.qLen * dt);
    this.lastT = t;
  }

  private scheduleArrival(w: number, after: number): void {
    const wl = this.workloads[w] as CompiledWorkload;
    const k = this.arrived[w] as number;
    if (k >= wl.count) return;
    const a = wl.arrival;
    let t: number;
    if (a.kind === 'poisson') t = after - Math.log(1 - (this.arrivalRng[w] as Rng).next()) / a.rate;
    else if (a.kind === 'interval') t = a.start + k * a.every;
    else if (k < a.times.length) t = a.times[k] as number;
    else return;
    if (t > wl.horizon || t > this.until) return;
    this.sim.scheduleAt(t, this.ARRIVAL, w);
  }

  private onArrival(w: number): void {
    const now = this.sim.now;
    this.integrate(now);
    this.arrived[w] = (this.arrived[w] as number) + 1;
    const wl = this.workloads[w] as CompiledWorkload;
    const daemon = wl.daemonHosts;
    const a = wl.arrival;
    if (a.kind === 'explicit' && (a.hosts !== undefined || a.durations !== undefined)) {
      // Trace replay: this arrival's own run time and, when recorded, its host.
      const k = (this.arrived[w] as number) - 1;
      const pin = a.hosts === undefined ? -1 : (a.hosts[k] as number);
      this.submit(w, pin, pin >= 0 ? this.cluster.fitsEmpty(pin, this.demand, w * this.D) : this.feasible[w] === 1, a.durations?.[k]);
    } else if (daemon === undefined) this.submit(w, -1, this.feasible[w] === 1);
    else {
      // One container per matching host, pinned to it.
      for (let i = 0; i < daemon.length; i++) {
        const h = daemon[i] as number;
        this.submit(w, h, this.cluster.fitsEmpty(h, this.demand, w * this.D));
      }
    }
    this.scheduleArrival(w, now);
  }

  private submit(w: number, pinned: number, feasible: boolean, fixedDuration?: number): number {
    const slot = this.newSlot();
    this.cs[slot * 9 + C_WORKLOAD] = w;
    this.cs[slot * 9 + C_SUBMIT] = this.sim.now;
    this.cs[slot * 9 + C_PINNED] = pinned;
    this.cs[slot * 9 + C_ORDINAL] = this.ordinal[w] as number;
    this.ordinal[w] = (this.ordinal[w] as number) + 1;
    this.cs[slot * 9 + C_ATTEMPTS] = 0;
    this.cs[slot * 9 + C_RETRY_AT] = 0;
    // Drawn at arrival, in arrival order, so every policy sees the same durations.
    const duration = (this.workloads[w] as CompiledWorkload).duration;
    this.cs[slot * 9 + C_DURATION] = fixedDuration ?? (duration === undefined ? Infinity : duration(this.durationRng[w] as Rng));
    this.submitted++;
    if (!feasible) {
      this.rejected++;
      this.freeSlot(slot);
    } else if (this.gangSize(w) > 0) {
      this.enqueue(slot);
      this.drain();
    } else if ((this.fifo && this.kube === undefined && this.qLen > 0) || !this.tryPlace(slot)) {
      this.enqueue(slot);
    }
    return slot;
  }

  private onFinish(slot: number): void {
    const w0 = this.cs[slot * 9 + C_WORKLOAD] as number;
    if (this.life !== undefined && (this.workloads[w0] as CompiledWorkload).modelled) {
      this.life.finishFixed(slot); // ends through onLifecycleEnd
      return;
    }
    this.release(slot, true);
  }

  // A modelled container ended: succeeded, OOM-killed for good, or evicted (then it queues again).
  private onLifecycleEnd(slot: number, outcome: number): void {
    const f = this.cs[slot * 9 + C_FINISH] as number;
    if (f >= 0) this.sim.cancel(f);
    this.cs[slot * 9 + C_FINISH] = -1;
    if (outcome === Outcome.Evicted) {
      this.release(slot, false);
      return;
    }
    if (outcome !== Outcome.Succeeded) {
      this.failed++;
      this.completed--; // release() counts a completion; a failure is not one
    }
    this.release(slot, true);
  }

  private gangSize(w: number): number {
    return this.kube === undefined ? 0 : (this.scenario.parsed.workloads[w]?.gang ?? 0);
  }

  // Places a whole gang when all its members are pending and kube-scheduler finds room for all of
  // them together (tried on the side first, then committed one by one); returns the slots placed.
  private tryGang(slot: number, pending: readonly number[]): number[] {
    const kube = this.kube as KubePolicy;
    const w = this.cs[slot * 9 + C_WORKLOAD] as number;
    const N = this.gangSize(w);
    const g = Math.floor((this.cs[slot * 9 + C_ORDINAL] as number) / N);
    const members = pending.filter((s) => this.cs[s * 9 + C_WORKLOAD] === w && Math.floor((this.cs[s * 9 + C_ORDINAL] as number) / N) === g);
    if (members.length < N || members[0] !== slot) return [];
    const pods = members.map((m) => kube.podFor(m, w));
    const hosts = placeGang(kube.kube, pods);
    if (hosts === undefined) {
      const n = (this.cs[slot * 9 + C_ATTEMPTS] as number) + 1;
      for (const m of members) {
        this.cs[m * 9 + C_ATTEMPTS] = n;
        this.cs[m * 9 + C_RETRY_AT] = this.sim.now + kube.backoff(n);
      }
      return [];
    }
    members.forEach((m, i) => {
      this.cs[m * 9 + C_PINNED] = hosts[i] as number;
      this.tryPlace(m);
      this.cs[m * 9 + C_PINNED] = -1;
    });
    return members;
  }

  // A preemption victim: stopped at once and queued again after the back-off, as a controller recreates it.
  private preemptVictim(slot: number): void {
    const w = this.cs[slot * 9 + C_WORKLOAD] as number;
    if (this.life !== undefined && (this.workloads[w] as CompiledWorkload).modelled) this.life.kill(slot);
    const f = this.cs[slot * 9 + C_FINISH] as number;
    if (f >= 0) this.sim.cancel(f);
    this.cs[slot * 9 + C_FINISH] = -1;
    this.preempted++;
    const was = this.draining;
    this.draining = true; // no placements while the scheduler is mid-decision
    this.release(slot, false);
    this.draining = was;
  }

  private preempted = 0;

  private release(slot: number, end: boolean): void {
    this.integrate(this.sim.now);
    const w = this.cs[slot * 9 + C_WORKLOAD] as number;
    const h = this.cs[slot * 9 + C_HOST] as number;
    this.cluster.release(h, this.demand, w * this.D);
    this.drf?.release(this.tenantOf[w] as string, this.demand, w * this.D);
    this.running--;
    this.policy.released?.(slot, w, h);
    if (end) {
      this.completed++;
      this.freeSlot(slot);
    } else {
      // Evicted: back to the queue after the scheduler's initial back-off (1 s), as a controller
      // would recreate it; requeueing at once could evict and re-place it forever at one instant.
      this.requeueing++;
      this.sim.schedule(1, this.REQUEUE, slot);
    }
    this.drain();
  }

  private tryPlace(slot: number): boolean {
    const w = this.cs[slot * 9 + C_WORKLOAD] as number;
    const req = this.req;
    req.container = slot;
    req.workload = w;
    req.offset = w * this.D;
    const pinned = this.cs[slot * 9 + C_PINNED] as number;
    // A pinned container (a DaemonSet's, or a trace's recorded host) needs only the room: it
    // tolerates the taints that block a host (memory pressure), as DaemonSet pods do.
    const h = pinned >= 0 ? (this.cluster.hasRoom(pinned, this.demand, req.offset) ? pinned : -1) : this.policy.select(req, this.cluster);
    if (h === -1) {
      if (this.kube !== undefined) {
        const n = (this.cs[slot * 9 + C_ATTEMPTS] as number) + 1;
        this.cs[slot * 9 + C_ATTEMPTS] = n;
        this.cs[slot * 9 + C_RETRY_AT] = this.sim.now + this.kube.backoff(n);
      }
      return false;
    }
    if (!(Number.isInteger(h) && h >= 0 && h < this.cluster.hostCount)) {
      throw new Error(`placement policy "${this.policy.name}" chose host ${h}, which is not a host index (0 to ${this.cluster.hostCount - 1}) nor -1 for none`);
    }
    if (pinned < 0 && this.kube === undefined && this.cluster.blocked[h] === 1) {
      throw new Error(`placement policy "${this.policy.name}" chose host ${h} (${this.cluster.hostNames[h]}), which is blocked (under memory pressure); policies must check fits()`);
    }
    if (!this.cluster.allocate(h, this.demand, req.offset)) {
      throw new Error(`placement policy "${this.policy.name}" chose host ${h} (${this.cluster.hostNames[h]}), where the container does not fit; the cluster refused it`);
    }
    this.cs[slot * 9 + C_HOST] = h;
    this.placed++;
    this.running++;
    this.drf?.allocate(this.tenantOf[w] as string, this.demand, req.offset);
    const now = this.sim.now;
    this.waits.add(now - (this.cs[slot * 9 + C_SUBMIT] as number));
    if (this.life !== undefined && (this.workloads[w] as CompiledWorkload).modelled) {
      this.cs[slot * 9 + C_FINISH] = -1;
      this.life.begin(slot, w, h);
    } else {
      const end = now + (this.cs[slot * 9 + C_DURATION] as number);
      this.cs[slot * 9 + C_FINISH] = end !== Infinity ? this.sim.scheduleAt(end, this.FINISH, slot) : -1;
    }
    if (this.cluster.hostsInUse > this.peakInUse) this.peakInUse = this.cluster.hostsInUse;
    this.policy.placed?.(req, h);
    return true;
  }

  // Retries pending containers in order after capacity frees.
  private drain(): void {
    if (this.draining) return; // a preemption inside a placement frees room; the outer drain goes on
    this.draining = true;
    try {
      this.drainQueue();
    } finally {
      this.draining = false;
    }
  }

  private drainQueue(): void {
    const cap = this.qBuf.length;
    if (this.kube !== undefined) {
      // kube-scheduler: every pending pod in queue order (priority then arrival, or DRF), except
      // those still backing off after a failed attempt; one timer wakes the queue when the first is due.
      const now = this.sim.now;
      let due = Infinity;
      const n = this.qLen;
      const order: number[] = [];
      for (let i = 0; i < n; i++) order.push(this.qBuf[(this.qHead + i) % cap] as number);
      const placedNow = new Set<number>();
      const attempt = (slot: number): void => {
        if (placedNow.has(slot)) return;
        const at = this.cs[slot * 9 + C_RETRY_AT] as number;
        if (at > now) { if (at < due) due = at; return; }
        const w = this.cs[slot * 9 + C_WORKLOAD] as number;
        if (this.gangSize(w) > 0) {
          const placed = this.tryGang(slot, order);
          for (const m of placed) placedNow.add(m);
          if (placed.length === 0 && (this.cs[slot * 9 + C_RETRY_AT] as number) > now && (this.cs[slot * 9 + C_RETRY_AT] as number) < due) due = this.cs[slot * 9 + C_RETRY_AT] as number;
          return;
        }
        if (this.tryPlace(slot)) placedNow.add(slot);
        else if ((this.cs[slot * 9 + C_RETRY_AT] as number) < due) due = this.cs[slot * 9 + C_RETRY_AT] as number;
      };
      if (this.drf === undefined) for (const slot of order) attempt(slot);
      else {
        // DRF: repeatedly serve the namespace with the lowest weighted dominant share.
        const byTenant = new Map<string, number[]>();
        for (const slot of order) {
          const t = this.tenantOf[this.cs[slot * 9 + C_WORKLOAD] as number] as string;
          let q = byTenant.get(t);
          if (q === undefined) byTenant.set(t, (q = []));
          q.push(slot);
        }
        const drf = this.drf;
        for (;;) {
          let pick: string | undefined, share = Infinity;
          for (const [t, q] of byTenant) {
            if (q.length === 0) continue;
            const x = drf.weightedShare(t);
            if (x < share || (x === share && pick !== undefined && t < pick)) { share = x; pick = t; }
          }
          if (pick === undefined) break;
          attempt((byTenant.get(pick) as number[]).shift() as number);
        }
      }
      let kept = 0;
      for (const slot of order) if (!placedNow.has(slot)) this.qBuf[(this.qHead + kept++) % cap] = slot;
      this.qLen = kept;
      if (due !== Infinity && (this.retryEvent < 0 || due < this.retryTime)) {
        if (this.retryEvent >= 0) this.sim.cancel(this.retryEvent);
        this.retryTime = due;
        this.retryEvent = this.sim.scheduleAt(due, this.RETRY, 0);
      }
      return;
    }
    if (this.fifo) {
      while (this.qLen > 0 && this.tryPlace(this.qBuf[this.qHead] as number)) {
        this.qHead = (this.qHead + 1) % cap;
        this.qLen--;
      }
      return;
    }
    // skip: place any that fit, keep the rest in order.
    let kept = 0;
    const n = this.qLen;
    for (let i = 0; i < n; i++) {
      const slot = this.qBuf[(this.qHead + i) % cap] as number;
      if (!this.tryPlace(slot)) this.qBuf[(this.qHead + kept++) % cap] = slot;
    }
    this.qLen = kept;
  }

  private enqueue(slot: number): void {
    if (this.qLen === this.qBuf.length) {
      const old = this.qBuf, n = old.length;
      const b = new Int32Array(n * 2);
      for (let i = 0; i < n; i++) b[i] = old[(this.qHead + i) % n] as number;
      this.qBuf = b;
      this.qHead = 0;
    }
    const cap = this.qBuf.length;
    let i = this.qLen;
    if (this.kube !== undefined) {
      // PrioritySort: higher priority first, FIFO among equals.
      const p = (this.workloads[this.cs[slot * 9 + C_WORKLOAD] as number] as CompiledWorkload).priority;
      while (i > 0) {
        const prev = this.qBuf[(this.qHead + i - 1) % cap] as number;
        if ((this.workloads[this.cs[prev * 9 + C_WORKLOAD] as number] as CompiledWorkload).priority >= p) break;
        this.qBuf[(this.qHead + i) % cap] = prev;
        i--;
      }
    }
    this.qBuf[(this.qHead + i) % cap] = slot;
    this.qLen++;
    if (this.qLen > this.queueMax) this.queueMax = this.qLen;
  }

  private newSlot(): number {
    if (this.freeTop > 0) return this.freeSlots[--this.freeTop] as number;
    if (this.slotsUsed === this.slotCap) this.growSlots();
    return this.slotsUsed++;
  }

  private freeSlot(slot: number): void {
    this.freeSlots[this.freeTop++] = slot;
  }

  private growSlots(): void {
    const n = this.slotCap * 2;
    this.cs = grown(this.cs, n * 9);
    this.freeSlots = grown(this.freeSlots, n);
    this.slotCap = n;
  }
}
