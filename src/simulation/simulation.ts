import { ClusterState } from '../cluster/cluster-state.js';
import { Simulator } from '../engine/simulator.js';
import { RandomStreams } from '../random/streams.js';
import { compileScenario, type CompiledScenario, type CompiledWorkload } from '../scenario/compile.js';
import { explainFit } from '../scheduling/explain-fit.js';
import { FifoQueue } from '../scheduling/fifo-queue.js';
import { HostCondition } from '../scheduling/host-condition.js';
import type { PendingQueue, QueueContext } from '../scheduling/pending-queue.js';
import { asParts, createScheduler, type ContainerInfo, type PolicyContext, type PolicyFactory } from '../scheduling/policy-registry.js';
import type { PlacementPolicy, PlacementRequest } from '../scheduling/policy.js';
import { SchedulingDecision, type Scheduler } from '../scheduling/scheduler.js';
import { SkipQueue } from '../scheduling/skip-queue.js';
import { Accounting } from './accounting.js';
import { Arrivals } from './arrivals.js';
import {
  C_ATTEMPTS, C_DURATION, C_FINISH, C_HOST, C_ID, C_ORDINAL, C_PINNED, C_RETRY_AT, C_SINCE, C_STATE, C_STRIDE, C_SUBMIT, C_WORKLOAD,
  ContainerState, ContainerTable,
} from './container-table.js';
import { F_PA, F_PD, F_PS, F_RUN, F_SLOWDOWN, F_TURNAROUND, Lifecycle, Outcome } from './lifecycle.js';
import { EventStream, type SimulationEventKind, type SimulationListener } from './observation.js';
import type { ContainerCounts, ExplainRecord, PerformanceSummary, SimulationResult } from './result.js';
import { takeSnapshot, type ClusterSnapshot } from './snapshot.js';
import { TimeSeriesBuilder } from './timeseries.js';

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
   * The scheduler to use instead of the scenario's `scheduler.policy`: a {@link Scheduler} or
   * {@link PlacementPolicy} object, or a factory given the run's cluster, scenario and streams (as
   * {@link registerPolicy} takes).
   * @defaultValue the policy the scenario names (first-fit if none)
   */
  readonly policy?: Scheduler | PlacementPolicy | PolicyFactory;
  /**
   * The pending queue to use.
   * @defaultValue the policy's own queue (kube-scheduler's), else the scenario's `scheduler.queue` (fifo or skip)
   */
  readonly queue?: PendingQueue;
}

/**
 * Options for {@link Simulation.run}.
 *
 * @example
 * ```ts
 * run.run({ until: 600, onProgress: (now) => bar.update(now) });
 * ```
 */
export interface SimulationRunOptions {
  /**
   * Stop after every event at or before this time, with the clock moved to it; the run stays open
   * (call `run()` again to go on).
   * @defaultValue the end of the run
   */
  readonly until?: number;
  /** Called every 1024 events with the time and the events processed. @defaultValue none */
  readonly onProgress?: (now: number, events: number) => void;
}

// Seconds an evicted container waits before it queues again: the scheduler's initial back-off, as a
// controller would recreate it. Queueing at once could evict and re-place it forever at one instant.
const RETURN_DELAY = 1;

/**
 * One run of a scenario, steppable event by event. {@link simulate} is `new Simulation(s).run().result()`;
 * use the class directly to watch the state between events (notebooks, property tests), to
 * {@link Simulation.observe | observe} every container's events, or to take a
 * {@link Simulation.snapshot | snapshot} of the cluster.
 *
 * The simulation composes the layers: the arrivals submit containers into the container table; the
 * {@link PendingQueue} decides whom to try; the {@link Scheduler} chooses a host (or victims); the
 * cluster allocates; the performance model runs the container. Containers live in typed arrays (a
 * recycled slot per live container) and the event loop allocates nothing per event.
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
  /** The scheduler that places containers. */
  readonly scheduler: Scheduler;
  /** The pending queue. */
  readonly queue: PendingQueue;

  private readonly D: number;
  private readonly demand: Float64Array;
  private readonly feasible: Uint8Array;
  private readonly workloads: readonly CompiledWorkload[];
  private readonly ordinal: Int32Array;
  private readonly FINISH: number;
  private readonly SAMPLE: number;
  private readonly RETURN: number;
  private readonly RETRY: number;
  private readonly series: TimeSeriesBuilder | undefined;
  private readonly until: number;
  private readonly table: ContainerTable;
  private readonly books: Accounting;
  private readonly events = new EventStream();
  private readonly ctx: QueueContext;
  private readonly req: PlacementRequest;
  private readonly decision = new SchedulingDecision();
  /** Whether the scheduler handles host conditions itself (else it must keep off blocked hosts). */
  private readonly ownsConditions: boolean;
  private readonly gangHosts: Int32Array;
  /** The performance model, when any workload uses it. */
  private readonly life: Lifecycle | undefined;
  private retryEvent = -1;
  private retryTime = Infinity;
  private draining = false;
  private sampleEvent = -1;
  private finished = false;
  private stopped = false;
  private explainNames: Set<string> | undefined;
  private readonly explained: ExplainRecord[] = [];

  /**
   * @param scenario - A scenario as plain data; validated first (throws {@link PodsimError} listing every problem).
   * @param options - See {@link SimulationOptions}.
   */
  constructor(scenario: unknown, options: SimulationOptions = {}) {
    const s = compileScenario(scenario);
    this.scenario = s;
    this.until = s.until;
    this.cluster = new ClusterState(s.dims, s.hosts);
    const D = (this.D = s.dims.length);
    const W = s.workloads.length;
    this.workloads = s.workloads;
    this.demand = new Float64Array(W * D);
    this.feasible = new Uint8Array(W);
    this.ordinal = new Int32Array(W);
    s.workloads.forEach((w, i) => {
      this.cluster.demandOf(w.request, this.demand, i * D);
      for (let h = 0; h < this.cluster.hostCount; h++) {
        if (this.cluster.fitsEmpty(h, this.demand, i * D)) { this.feasible[i] = 1; break; }
      }
    });
    const streams = new RandomStreams(s.seed);
    this.sim = new Simulator(Math.max(1024, 2 * W));
    // Room up front for the live containers a run is likely to hold: what the scenario may submit,
    // but no more than 64 per host (nor 2^20); more grow by doubling. Untouched typed-array memory
    // is not committed, so room to spare is cheap, while growing a large cluster's state step by
    // step copies all of it each time.
    let total = 0;
    for (const w of s.workloads) total += w.count * (w.daemonHosts?.length ?? 1);
    const slots = Math.max(1024, Math.min(total, 64 * this.cluster.hostCount, 1 << 20));
    // Likewise room for a sample per container the scenario will submit (up to 2^22), so that
    // recording never copies; when that count is open-ended, the samples grow from 2^16.
    const samples = total === Infinity ? 1 << 16 : Math.max(4096, Math.min(total, 1 << 22));
    this.table = new ContainerTable(slots);
    this.books = new Accounting(D, samples);
    this.req = { container: 0, workload: 0, demand: this.demand, offset: 0, attempts: 0 };

    const table = this.table;
    const containers: ContainerInfo = {
      submitTime: (c) => table.rec[c * C_STRIDE + C_SUBMIT] as number,
      workload: (c) => table.rec[c * C_STRIDE + C_WORKLOAD] as number,
      ordinal: (c) => table.rec[c * C_STRIDE + C_ORDINAL] as number,
    };
    const policyContext: PolicyContext = { cluster: this.cluster, scenario: s, streams, clock: this.sim, containers };
    const p = options.policy;
    const parts = p === undefined ? createScheduler(s.policy, policyContext) : asParts(typeof p === 'function' ? p(policyContext) : p);
    this.scheduler = parts.scheduler;
    this.queue = options.queue ?? parts.queue ?? (s.queue === 'skip' ? new SkipQueue() : new FifoQueue());
    this.ownsConditions = this.scheduler.hostConditionChanged !== undefined;
    this.gangHosts = new Int32Array(64);
    const sim = this.sim;
    this.ctx = {
      get now() { return sim.now; },
      attempt: (c) => this.attempt(c),
      attemptGang: (members, count) => this.attemptGang(members, count),
      retryAt: (c) => table.rec[c * C_STRIDE + C_RETRY_AT] as number,
      workload: containers.workload,
      ordinal: containers.ordinal,
    };
    const names = s.parsed.scheduler?.explain;
    if (names !== undefined && names.length > 0) this.explainNames = new Set(names);

    const arrivals = new Arrivals(this.sim, s.workloads, streams, s.until, (w, pinned, duration) => this.submit(w, pinned, duration));
    this.FINISH = this.sim.on((slot) => this.onFinish(slot));
    this.SAMPLE = this.sim.on((k) => this.onSample(k));
    this.RETRY = this.sim.on(() => {
      this.retryEvent = -1;
      this.retryTime = Infinity;
      this.integrate();
      this.drain();
    });
    this.RETURN = this.sim.on((slot) => this.onReturn(slot));
    if (s.workloads.some((w) => w.modelled)) {
      const life = new Lifecycle(this.sim, this.cluster, s, streams, { slots, samples }, containers.submitTime, (slot, outcome) => this.onLifecycleEnd(slot, outcome));
      life.readyWithoutWork = (slot) => {
        const end = this.sim.now + (table.rec[slot * C_STRIDE + C_DURATION] as number);
        if (end !== Infinity) table.rec[slot * C_STRIDE + C_FINISH] = this.sim.scheduleAt(end, this.FINISH, slot);
      };
      life.started = (slot) => this.phase(slot, ContainerState.Started, 'started');
      life.ready = (slot) => this.phase(slot, ContainerState.Running, 'ready');
      life.onPressure = (h, on) => this.setHostCondition(h, HostCondition.MemoryPressure, on);
      this.life = life;
    }
    arrivals.start();
    this.series = s.sampleInterval > 0 ? new TimeSeriesBuilder(s.dims, this.cluster.totalCapacity) : undefined;
    if (this.series !== undefined) this.sampleEvent = this.sim.scheduleAt(0, this.SAMPLE, 0);
  }

  /** The simulated time now, in seconds. */
  get now(): number {
    return this.sim.now;
  }

  /** The placement policy: the same object as {@link Simulation.scheduler}. */
  get policy(): Scheduler {
    return this.scheduler;
  }

  /** Container counts at this moment. */
  get counts(): ContainerCounts {
    return this.books.counts(this.queue.length);
  }

  /** Whether the run is over (its result is final). */
  get done(): boolean {
    return this.finished;
  }

  /**
   * Calls `listener` with every event from now on (see {@link SimulationEventKind}); returns the
   * function that stops it. A run nobody observes pays nothing for events.
   *
   * @example
   * ```ts
   * const stop = run.observe((e) => { if (e.kind === 'evicted') console.log(run.containerName(e.workload, e.ordinal)); });
   * run.run();
   * stop();
   * ```
   */
  observe(listener: SimulationListener): () => void {
    return this.events.add(listener);
  }

  /**
   * A container's name, `<workload>-<n>`: n counts its workload's submissions from 0. The one naming
   * used by events, snapshots, `scheduler.explain`, `podsim explain` and `podsim stats`.
   *
   * @example
   * ```ts
   * run.containerName(0, 3); // 'web-3'
   * ```
   */
  containerName(workload: number, ordinal: number): string {
    return `${(this.workloads[workload] as CompiledWorkload).name}-${ordinal}`;
  }

  /**
   * The cluster now: every host's capacity, allocation, conditions and containers (name, workload,
   * phase and since when, live usage under the performance model), and the pending containers in
   * queue order.
   *
   * @example
   * ```ts
   * run.run({ until: 600 });
   * for (const h of run.snapshot().hosts) console.log(h.name, h.containers.map((c) => c.name));
   * ```
   */
  snapshot(): ClusterSnapshot {
    const life = this.life;
    return takeSnapshot({
      time: this.sim.now,
      counts: this.counts,
      cluster: this.cluster,
      table: this.table,
      queue: this.queue,
      workloadNames: this.workloads.map((w) => w.name),
      usage: life === undefined ? undefined : (slot) => {
        if (!(this.workloads[this.table.rec[slot * C_STRIDE + C_WORKLOAD] as number] as CompiledWorkload).modelled) return undefined;
        const u = life.liveUsage(slot);
        return { cpu: u.cpu, memory: u.memory, netTx: u.netTx, blockWrite: u.blockWrite };
      },
    });
  }

  /**
   * Asks the scheduler to explain every scheduling attempt of the named container (`<workload>-<n>`),
   * as `scheduler.explain` in the scenario does; the records go to {@link Simulation.explanations}
   * and `result().scheduling.explain`.
   *
   * @example
   * ```ts
   * run.explain('web-3');
   * run.run();
   * run.explanations.find((e) => e.host !== null)?.hosts;
   * ```
   */
  explain(name: string): void {
    (this.explainNames ??= new Set()).add(name);
  }

  /** The explanations recorded so far (see {@link Simulation.explain}). */
  get explanations(): readonly ExplainRecord[] {
    return this.explained;
  }

  /**
   * Sets or clears a host condition ({@link HostCondition}): the one path by which conditions reach
   * the cluster (a host with any is blocked for policies that check `fits`), the scheduler
   * ({@link Scheduler.hostConditionChanged}) and observers. When a condition clears, the pending
   * queue is tried again. The performance model uses it for memory pressure.
   *
   * @example
   * ```ts
   * run.setHostCondition(0, HostCondition.Unschedulable, true); // cordon node 0
   * ```
   */
  setHostCondition(host: number, condition: HostCondition, on: boolean): void {
    if (!this.cluster.setCondition(host, condition, on)) return;
    this.scheduler.hostConditionChanged?.(host, condition, on);
    if (this.events.active) this.events.hostCondition(this.sim.now, host, condition, on);
    if (!on) this.drain();
  }

  /**
   * Stops a running container and sends it back to the queue, where it waits 1 s (as a controller
   * recreates a pod) before it is tried again. The one eviction path: preemption victims, and later
   * host failures and drains, go through it.
   *
   * @param reason - `preempted` (by a higher-priority pod) or `evicted`.
   * @example
   * ```ts
   * run.evict(container, 'evicted');
   * ```
   */
  evict(container: number, reason: 'preempted' | 'evicted'): void {
    const rec = this.table.rec, b = container * C_STRIDE;
    if ((rec[b + C_STATE] as number) < ContainerState.Placed) throw new Error(`Simulation.evict: container ${container} is not on a host`);
    const w = rec[b + C_WORKLOAD] as number;
    if (this.life !== undefined && (this.workloads[w] as CompiledWorkload).modelled) this.life.kill(container);
    const f = rec[b + C_FINISH] as number;
    if (f >= 0) this.sim.cancel(f);
    rec[b + C_FINISH] = -1;
    if (reason === 'preempted') this.books.victims++;
    const was = this.draining;
    this.draining = true; // no placements while the scheduler is mid-decision
    this.leave(container, reason);
    this.draining = was;
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

  /**
   * Makes {@link Simulation.run} return after the event being processed (for observers that have seen
   * what they waited for). The run stays open.
   */
  stop(): void {
    this.stopped = true;
  }

  /**
   * Runs to the end (`until`, or until no event is pending), or to `options.until`, or until an
   * observer calls {@link Simulation.stop}. The one stepping loop: the CLI and the report use it too.
   */
  run(options: SimulationRunOptions = {}): this {
    if (this.finished) return this;
    const stopAt = options.until ?? Infinity;
    const progress = options.onProgress;
    this.stopped = false;
    if (stopAt === Infinity && progress === undefined && !this.events.active) {
      if (this.series === undefined || this.until !== Infinity) this.sim.run({ until: this.until });
      else {
        // Stop when the next sample is all that is left: it must not stretch the run.
        while (this.sim.pending > 0 && !(this.sim.pending === 1 && this.sim.isPending(this.sampleEvent))) this.sim.step();
      }
      this.finish();
      return this;
    }
    let n = 0;
    for (;;) {
      const next = this.sim.peek();
      if (next > stopAt && next <= this.until && next !== Infinity) {
        // Every event up to stopAt has run; move the clock there so that fluid progress is read at stopAt.
        if (this.sim.now < stopAt) this.sim.run({ until: stopAt });
        return this;
      }
      if (!this.step()) break;
      if (this.stopped) return this;
      if (progress !== undefined && (++n & 1023) === 0) progress(this.sim.now, this.sim.eventsProcessed);
    }
    if (this.until !== Infinity) this.sim.run({ until: this.until });
    this.finish();
    return this;
  }

  /** The result so far (call after {@link Simulation.run} for the whole run). */
  result(): SimulationResult {
    const T = this.sim.now;
    this.integrate();
    const c = this.cluster, books = this.books;
    const showScheduling = this.scheduler.preempts === true || this.explained.length > 0;
    return {
      seed: this.scenario.seed,
      policy: this.scheduler.name,
      simulatedTime: T,
      events: this.sim.eventsProcessed,
      containers: this.counts,
      wait: books.waits.summary(),
      utilization: books.utilization(this.scenario.dims, c.totalCapacity, T),
      queue: books.queue(T),
      hosts: { count: c.hostCount, peakInUse: books.peakInUse },
      ...(this.series === undefined ? {} : { timeseries: this.series.build() }),
      ...(this.life === undefined ? {} : { performance: this.performance(T) }),
      ...(showScheduling ? { scheduling: { preemptions: books.preemptions, victims: books.victims, ...(this.explained.length > 0 ? { explain: this.explained } : {}) } } : {}),
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
      layerCacheHitRatio: l.layerLookups > 0 ? l.layerHits / l.layerLookups : 0,
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
    this.integrate();
    if (this.series !== undefined && this.series.lastTime < this.sim.now) this.takeSample();
  }

  private onSample(k: number): void {
    this.takeSample();
    // Sample k is taken at k × interval (no drift from repeated addition). Up to `until` when it
    // is set; otherwise only while anything else can still happen, so sampling never keeps a run alive.
    const next = (k + 1) * this.scenario.sampleInterval;
    if (next <= this.until && (this.until !== Infinity || this.sim.pending > 0)) this.sampleEvent = this.sim.scheduleAt(next, this.SAMPLE, k + 1);
  }

  private takeSample(): void {
    (this.series as TimeSeriesBuilder).add(this.sim.now, this.cluster.totalAllocated, this.queue.length, this.books.running, this.cluster.hostsInUse, this.life?.usageNow());
    if (this.events.active) this.events.sampled(this.sim.now);
  }

  // Time-weighted integrals of allocation and queue length up to now.
  private integrate(): void {
    this.books.integrate(this.sim.now, this.cluster.totalAllocated, this.queue.length);
  }

  // ————————————————————————————————————————— arrivals and the queue

  private submit(w: number, pinned: number, duration: number): void {
    this.integrate();
    const now = this.sim.now, books = this.books;
    const slot = this.table.alloc();
    const rec = this.table.rec, b = slot * C_STRIDE;
    const n = this.ordinal[w] as number;
    this.ordinal[w] = n + 1;
    rec[b + C_WORKLOAD] = w;
    rec[b + C_ID] = books.submitted++;
    rec[b + C_ORDINAL] = n;
    rec[b + C_SUBMIT] = now;
    rec[b + C_DURATION] = duration;
    rec[b + C_HOST] = -1;
    rec[b + C_PINNED] = pinned;
    rec[b + C_ATTEMPTS] = 0;
    rec[b + C_RETRY_AT] = 0;
    rec[b + C_FINISH] = -1;
    rec[b + C_STATE] = ContainerState.Pending;
    rec[b + C_SINCE] = now;
    if (this.events.active) this.emit('submitted', slot, -1);
    if (pinned >= 0 ? this.cluster.fitsEmpty(pinned, this.demand, w * this.D) : this.feasible[w] === 1) this.enqueue(slot, false);
    else {
      books.rejected++;
      if (this.events.active) this.emit('rejected', slot, -1);
      this.table.free(slot);
    }
  }

  private enqueue(slot: number, again: boolean): void {
    const due = this.queue.add(slot, again, this.ctx);
    this.books.queued(this.queue.length);
    if (due <= this.sim.now) this.drain();
    else this.wake(due);
  }

  // Back from an eviction: queue again.
  private onReturn(slot: number): void {
    this.integrate();
    this.books.returning--;
    this.table.rec[slot * C_STRIDE + C_STATE] = ContainerState.Pending;
    this.table.rec[slot * C_STRIDE + C_SINCE] = this.sim.now;
    this.enqueue(slot, true);
  }

  // Tries the pending queue after capacity freed, a condition cleared or a back-off ended.
  private drain(): void {
    if (this.draining) return; // an eviction inside a placement frees room; the outer drain goes on
    this.draining = true;
    let due: number;
    try {
      due = this.queue.drain(this.ctx);
    } finally {
      this.draining = false;
    }
    this.wake(due);
  }

  // One timer wakes the queue when the first back-off ends.
  private wake(due: number): void {
    if (due !== Infinity && (this.retryEvent < 0 || due < this.retryTime)) {
      if (this.retryEvent >= 0) this.sim.cancel(this.retryEvent);
      this.retryTime = due;
      this.retryEvent = this.sim.scheduleAt(due, this.RETRY, 0);
    }
  }

  // ————————————————————————————————————————— the scheduling cycle

  // One scheduling attempt: the scheduler decides (evicting its victims and deciding again), then
  // the cluster allocates and the container starts. A pinned container (a DaemonSet's, a trace's
  // recorded host, a gang member's) needs only the room: it tolerates the conditions that block a
  // host, as DaemonSet pods do.
  private attempt(slot: number): boolean {
    const rec = this.table.rec, b = slot * C_STRIDE;
    const w = rec[b + C_WORKLOAD] as number;
    const req = this.req;
    req.container = slot;
    req.workload = w;
    req.offset = w * this.D;
    req.attempts = rec[b + C_ATTEMPTS] as number;
    const pinned = rec[b + C_PINNED] as number;
    const decision = this.decision;
    decision.reset();
    let h: number;
    if (pinned >= 0) h = this.cluster.hasRoom(pinned, this.demand, req.offset) ? pinned : -1;
    else {
      h = this.scheduler.select(req, this.cluster, decision);
      if (h === -1 && decision.victimCount > 0) {
        this.preempt(decision);
        decision.reset();
        h = this.scheduler.select(req, this.cluster, decision);
      }
      if (this.explainNames !== undefined) this.record(slot, h);
    }
    if (h === -1) {
      this.unschedulable(slot, decision.retryAt);
      return false;
    }
    this.checkChoice(h, pinned);
    this.place(slot, h);
    return true;
  }

  private preempt(decision: SchedulingDecision): void {
    this.books.preemptions++;
    const n = decision.victimCount, victims = decision.victims;
    for (let i = 0; i < n; i++) this.evict(victims[i] as number, 'preempted');
  }

  // A failed attempt: one more attempt counted, and no retry before the scheduler's retryAt or the
  // end of the queue's back-off, whichever is later.
  private unschedulable(slot: number, retryAt: number): void {
    const rec = this.table.rec, b = slot * C_STRIDE;
    const n = (rec[b + C_ATTEMPTS] as number) + 1;
    rec[b + C_ATTEMPTS] = n;
    const backoff = this.queue.backoff;
    const until = backoff === undefined ? 0 : this.sim.now + backoff.call(this.queue, n);
    rec[b + C_RETRY_AT] = retryAt > until ? retryAt : until;
  }

  private checkChoice(h: number, pinned: number): void {
    const name = this.scheduler.name;
    if (!(Number.isInteger(h) && h >= 0 && h < this.cluster.hostCount)) {
      throw new Error(`placement policy "${name}" chose host ${h}, which is not a host index (0 to ${this.cluster.hostCount - 1}) nor -1 for none`);
    }
    if (pinned < 0 && !this.ownsConditions && this.cluster.blocked[h] === 1) {
      throw new Error(`placement policy "${name}" chose host ${h} (${this.cluster.hostNames[h]}), which is blocked (under memory pressure); policies must check fits()`);
    }
  }

  private place(slot: number, h: number): void {
    const rec = this.table.rec, b = slot * C_STRIDE, req = this.req;
    const w = req.workload;
    if (!this.cluster.allocate(h, this.demand, req.offset)) {
      throw new Error(`placement policy "${this.scheduler.name}" chose host ${h} (${this.cluster.hostNames[h]}), where the container does not fit; the cluster refused it`);
    }
    const books = this.books, now = this.sim.now;
    rec[b + C_HOST] = h;
    rec[b + C_STATE] = ContainerState.Placed;
    rec[b + C_SINCE] = now;
    books.placed++;
    books.running++;
    this.queue.placed?.(slot, w);
    books.waits.add(now - (rec[b + C_SUBMIT] as number));
    if (this.cluster.hostsInUse > books.peakInUse) books.peakInUse = this.cluster.hostsInUse;
    this.scheduler.placed?.(req, h);
    if (this.events.active) this.emit('placed', slot, h);
    if (this.life !== undefined && (this.workloads[w] as CompiledWorkload).modelled) {
      this.life.begin(slot, w, h);
      return;
    }
    // Without the performance model a container starts and is ready the moment it is placed.
    rec[b + C_STATE] = ContainerState.Running;
    if (this.events.active) {
      this.emit('started', slot, h);
      this.emit('ready', slot, h);
    }
    const end = now + (rec[b + C_DURATION] as number);
    rec[b + C_FINISH] = end !== Infinity ? this.sim.scheduleAt(end, this.FINISH, slot) : -1;
  }

  // All or nothing: the scheduler finds hosts for the whole gang on the side, then each member is
  // placed on its host; otherwise every member backs off together.
  private attemptGang(members: Int32Array, count: number): boolean {
    const rec = this.table.rec;
    const first = members[0] as number;
    const w = rec[first * C_STRIDE + C_WORKLOAD] as number;
    const select = this.scheduler.selectGang;
    if (select === undefined) throw new Error(`placement policy "${this.scheduler.name}" cannot place gangs (it has no selectGang)`);
    const req = this.req;
    req.container = first;
    req.workload = w;
    req.offset = w * this.D;
    req.attempts = rec[first * C_STRIDE + C_ATTEMPTS] as number;
    const decision = this.decision;
    decision.reset();
    if (this.gangHosts.length < count) throw new Error(`gang of ${count} is larger than ${this.gangHosts.length}`);
    if (!select.call(this.scheduler, members, count, req, this.cluster, this.gangHosts, decision)) {
      const n = req.attempts;
      for (let i = 0; i < count; i++) {
        const m = members[i] as number;
        rec[m * C_STRIDE + C_ATTEMPTS] = n;
        this.unschedulable(m, decision.retryAt);
      }
      return false;
    }
    for (let i = 0; i < count; i++) {
      const m = members[i] as number;
      rec[m * C_STRIDE + C_PINNED] = this.gangHosts[i] as number;
      this.attempt(m);
      rec[m * C_STRIDE + C_PINNED] = -1;
    }
    return true;
  }

  private record(slot: number, h: number): void {
    const rec = this.table.rec, b = slot * C_STRIDE;
    const name = this.containerName(rec[b + C_WORKLOAD] as number, rec[b + C_ORDINAL] as number);
    if (!(this.explainNames as Set<string>).has(name)) return;
    // A policy that cannot explain itself still gets the resource filter's account.
    const e = this.scheduler.explain?.(this.req, this.cluster) ?? explainFit(this.req, this.cluster);
    this.explained.push({ container: name, time: this.sim.now, host: h >= 0 ? (this.cluster.hostNames[h] as string) : null, ...e });
    if (this.events.active) this.emit('explained', slot, h);
  }

  // ————————————————————————————————————————— ends

  private onFinish(slot: number): void {
    const w = this.table.rec[slot * C_STRIDE + C_WORKLOAD] as number;
    if (this.life !== undefined && (this.workloads[w] as CompiledWorkload).modelled) {
      this.life.finishFixed(slot); // ends through onLifecycleEnd
      return;
    }
    this.leave(slot, 'finished');
  }

  // A modelled container ended: succeeded, OOM-killed for good, or evicted (then it queues again).
  private onLifecycleEnd(slot: number, outcome: number): void {
    const rec = this.table.rec, b = slot * C_STRIDE;
    const f = rec[b + C_FINISH] as number;
    if (f >= 0) this.sim.cancel(f);
    rec[b + C_FINISH] = -1;
    this.leave(slot, outcome === Outcome.Evicted ? 'evicted' : outcome === Outcome.Succeeded ? 'finished' : 'failed');
  }

  // A container leaves its host: it ended (finished, failed), or was evicted and will queue again.
  private leave(slot: number, how: SimulationEventKind): void {
    this.integrate();
    const rec = this.table.rec, b = slot * C_STRIDE, books = this.books;
    const w = rec[b + C_WORKLOAD] as number;
    const h = rec[b + C_HOST] as number;
    this.cluster.release(h, this.demand, w * this.D);
    this.queue.released?.(slot, w);
    books.running--;
    this.scheduler.released?.(slot, w, h);
    if (this.events.active) this.emit(how, slot, h);
    if (how === 'finished' || how === 'failed') {
      if (how === 'finished') books.completed++;
      else books.failed++;
      this.table.free(slot);
    } else {
      books.returning++;
      rec[b + C_HOST] = -1;
      rec[b + C_STATE] = ContainerState.Returning;
      rec[b + C_SINCE] = this.sim.now;
      this.sim.schedule(RETURN_DELAY, this.RETURN, slot);
    }
    this.drain();
  }

  // The performance model moved a container to `started` or `ready`.
  private phase(slot: number, state: number, kind: SimulationEventKind): void {
    const rec = this.table.rec, b = slot * C_STRIDE;
    rec[b + C_STATE] = state;
    rec[b + C_SINCE] = this.sim.now;
    if (this.events.active) this.emit(kind, slot, rec[b + C_HOST] as number);
  }

  private emit(kind: SimulationEventKind, slot: number, host: number): void {
    const rec = this.table.rec, b = slot * C_STRIDE;
    this.events.container(kind, this.sim.now, rec[b + C_ID] as number, slot, rec[b + C_WORKLOAD] as number, rec[b + C_ORDINAL] as number, host);
  }
}
