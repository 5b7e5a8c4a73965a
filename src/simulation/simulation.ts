import { ClusterState } from '../cluster/cluster-state.js';
import { Simulator } from '../engine/simulator.js';
import { RandomStreams } from '../random/streams.js';
import { compileScenario, needsUntil, type CompiledScenario, type CompiledWorkload } from '../scenario/compile.js';
import { validationWarnings } from '../scenario/validate.js';
import { PodsimError } from '../errors.js';
import { FifoQueue } from '../scheduling/fifo-queue.js';
import { HostCondition } from '../scheduling/host-condition.js';
import type { PendingQueue } from '../scheduling/pending-queue.js';
import { asParts, createScheduler, type PolicyContext } from '../scheduling/policy-registry.js';
import type { Scheduler } from '../scheduling/scheduler.js';
import { SkipQueue } from '../scheduling/skip-queue.js';
import { Accounting } from './accounting.js';
import { ContainerRecorder } from './container-records.js';
import { runRoom, workloadDemands } from './run-room.js';
import { Arrivals } from './arrivals.js';
import { I_HOST, I_STATE, I_STRIDE, I_WORKLOAD, N_ID, N_SINCE, N_STRIDE, ContainerState, ContainerTable } from './container-table.js';
import { Lifecycle } from './lifecycle.js';
import { E_EVICTED, E_PREEMPTED, EventStream, type SimulationListener } from './observation.js';
import { SchedulingCycle } from './scheduling-cycle.js';
import { concatValues, performanceSummary, waitValues, waitsAndWorkloads, workloadPerformance, type SummarySource } from './run-summary.js';
import type { ContainerCounts, ExplainRecord, SimulationResult } from './result.js';
import { containerUsage, takeSnapshot, type ClusterSnapshot, type ContainerUsage } from './snapshot.js';
import { TimeSeriesBuilder } from './timeseries.js';
import { attachAutoscaling } from './autoscaling-adapter.js';
import type { Autoscaling } from '../dynamics/autoscaling.js';
import { DynamicsDriver, usesDynamics } from './dynamics/dynamics-driver.js';
import { HOST_ABSENT, HOST_DOWN, HOST_UP } from './dynamics/host-fleet.js';
import { UsageBooks } from './usage-books.js';
import type { SimulationOptions, SimulationRunOptions } from './simulation-options.js';
import { CapacityIntegral } from './dynamics/capacity-integral.js';
import type { ResourceVector } from '../resources/vector.js';

export type { SimulationOptions, SimulationRunOptions } from './simulation-options.js';

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

  private readonly workloads: readonly CompiledWorkload[];
  private readonly SAMPLE: number;
  private readonly series: TimeSeriesBuilder | undefined;
  private readonly until: number;
  private readonly table: ContainerTable;
  private readonly books: Accounting;
  private readonly events = new EventStream();
  private readonly cycle: SchedulingCycle;
  /** The performance model, when any workload uses it. */
  private readonly life: Lifecycle | undefined;
  /** Services, Jobs, failures and host events (issue 12), when the scenario uses them or the host API is called. */
  private dyn: DynamicsDriver | undefined;
  /** HPAs, the cluster autoscaler, and the replica and host series, when the scenario has services or autoscalers. */
  private autoscaling: Autoscaling | undefined;
  private readonly streams: RandomStreams;
  /** Usage, cost and energy, when the scenario declares usage, load, prices or power. */
  private readonly usageBooks: UsageBooks | undefined;
  /** Whether an external arrival source (options.arrivals) feeds the run. */
  private readonly external: boolean;
  /** With `record: 'containers'`: the records, kept by an observer. */
  private readonly recorder: ContainerRecorder | undefined;
  private sampleEvent = -1;
  /** ∫ capacity dt, once a host's capacity changed (setHostCapacity). */
  private capacityBooks: CapacityIntegral | undefined;
  /** CPU capacity changes the performance model's processor sharing did not follow. */
  private cpuNotModelled = 0;
  private finished = false;
  private stopped = false;

  /**
   * @param scenario - A scenario as plain data; validated first (throws {@link PodsimError} listing every problem).
   * @param options - See {@link SimulationOptions}.
   */
  constructor(scenario: unknown, options: SimulationOptions = {}) {
    const s = compileScenario(scenario);
    this.scenario = s;
    this.external = options.arrivals !== undefined;
    this.until = s.until;
    this.cluster = new ClusterState(s.dims, s.hosts);
    this.workloads = s.workloads;
    const { demand, feasible } = workloadDemands(this.cluster, s.workloads);
    const streams = (this.streams = new RandomStreams(s.seed));
    this.sim = new Simulator(Math.max(1024, 2 * s.workloads.length));
    const { slots, samples, waitRoom } = runRoom(s.workloads, this.cluster.hostCount);
    const table = (this.table = new ContainerTable(slots));
    this.books = new Accounting(this.cluster.D, waitRoom, s.warmup, options.waitStore);

    // The policy layer: a scheduler, and the queue it brings or the scenario's.
    let cycle: SchedulingCycle | undefined;
    const containers = {
      submitTime: (c: number) => (cycle as SchedulingCycle).submitTime(c),
      workload: (c: number) => (cycle as SchedulingCycle).workload(c),
      ordinal: (c: number) => (cycle as SchedulingCycle).ordinal(c),
    };
    const policyContext: PolicyContext = { cluster: this.cluster, scenario: s, streams, clock: this.sim, containers };
    const p = options.policy;
    const parts = p === undefined ? createScheduler(s.policy, policyContext) : asParts(typeof p === 'function' ? p(policyContext) : p);
    this.scheduler = parts.scheduler;
    this.queue = options.queue ?? parts.queue ?? (s.queue === 'skip' ? new SkipQueue() : new FifoQueue());
    cycle = this.cycle = new SchedulingCycle({
      sim: this.sim, cluster: this.cluster, workloads: s.workloads, demand, feasible, table, books: this.books,
      events: this.events, scheduler: this.scheduler, queue: this.queue,
      until: s.until, backgroundEvents: () => (this.sim.isPending(this.sampleEvent) ? 1 : 0) + (this.autoscaling?.background ?? 0),
    });
    const names = s.parsed.scheduler?.explain;
    if (names !== undefined && names.length > 0) cycle.explainNames = new Set(names);

    const arrivals = new Arrivals(this.sim, s.workloads, streams, s.until, cycle);
    cycle.registerEvents();
    this.SAMPLE = this.sim.on((k) => this.onSample(k));
    if (s.workloads.some((w) => w.modelled)) {
      const c = cycle;
      const life = new Lifecycle(this.sim, this.cluster, s, streams, { slots, samples }, (slot, outcome) => c.onLifecycleEnd(slot, outcome));
      life.readyWithoutWork = (slot) => c.startFixedRun(slot);
      life.sink = c;
      life.onPressure = (h, on) => c.setHostCondition(h, HostCondition.MemoryPressure, on);
      this.life = life;
      cycle.useLifecycle(life);
    }
    if (UsageBooks.needed(s)) {
      const books = (this.usageBooks = new UsageBooks(this.sim, this.cluster, s, streams, (h) => this.hostState(h)));
      const cpu = s.dims.indexOf('cpu');
      books.cpuRequestOf = (slot) => (cpu < 0 ? 0 : cycle.requestOf(slot, cpu));
      this.events.add((e) => books.onEvent(e));
    }
    if (usesDynamics(s)) {
      const dyn = this.dynamics();
      this.autoscaling = attachAutoscaling(
        { sim: this.sim, scenario: s, cluster: this.cluster, table: () => this.table, queue: this.queue, cycle, dyn, demand, cpuUsage: this.hpaCpuUsage() },
        streams, (l) => this.events.add(l), () => (this.sim.isPending(this.sampleEvent) ? 1 : 0),
      );
    }
    if (s.record === 'containers') {
      const rec = (this.recorder = new ContainerRecorder((w) => (s.workloads[w] as CompiledWorkload).name, (h) => this.cluster.hostNames[h] as string, (w, n) => this.containerName(w, n)));
      this.events.add((e) => rec.on(e));
    }
    arrivals.start();
    options.arrivals?.start({
      sim: this.sim, until: s.until, dims: s.dims,
      submit: (w, pinned, duration) => cycle.submit(w, pinned, duration),
      submitWith: (w, pinned, duration, request, offset) => cycle.submitWith(w, pinned, duration, request, offset),
      setDuration: (slot, duration) => cycle.setDuration(slot, duration),
      containerId: (slot) => (table.state(slot) === ContainerState.Free ? -1 : (table.nums[slot * N_STRIDE + N_ID] as number)),
      runStart: (slot) => (table.state(slot) === ContainerState.Running ? (table.nums[slot * N_STRIDE + N_SINCE] as number) : NaN),
    });
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
   * Calls `listener` with every event from now on (see {@link "podsim/engine"!SimulationEventKind}); returns the
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
      usage: life === undefined && this.usageBooks === undefined ? undefined : (slot) => this.containerUsage(slot),
    });
  }

  private containerUsage(slot: number): ContainerUsage {
    const w = this.workloads[this.table.ints[slot * I_STRIDE + I_WORKLOAD] as number] as CompiledWorkload;
    return containerUsage(slot, w, w.modelled ? this.life : undefined, this.usageBooks);
  }

  /**
   * The CPU container `container` uses now, millicores: its declared `usage.cpu` or its share of its service's
   * `load`, else the performance model's rate for work-based containers; `NaN` when nothing gives it.
   * What an HPA samples per pod.
   *
   * @example
   * ```ts
   * run.observe((e) => { if (e.kind === 'ready') console.log(run.cpuUsage(e.container)); });
   * ```
   */
  cpuUsage(container: number): number {
    return this.containerUsage(container).cpu ?? NaN;
  }

  /**
   * Workload `workload`'s CPU utilisation now, as the HPA measures it: Σ CPU used over Σ CPU requested by
   * its ready containers (0.5 = 50 % of requests), from declared `usage.cpu` or a service's `load` ×
   * `cpuPerRequest` spread evenly over its ready replicas; `NaN` when it declares neither or none is ready.
   *
   * @example
   * ```ts
   * run.run({ until: 600 });
   * run.workloadCpuUtilization(0); // e.g. 0.8
   * ```
   */
  workloadCpuUtilization(workload: number): number {
    return this.usageBooks?.workloadCpuUtilization(workload) ?? NaN;
  }

  // What an HPA samples per pod: the usage books' figure when they give one (cheap), else the performance model's.
  private hpaCpuUsage(): (slot: number) => number {
    const books = this.usageBooks;
    if (books === undefined) return (slot) => this.cpuUsage(slot);
    return (slot) => {
      const v = books.cpuMillis(slot);
      return Number.isNaN(v) && this.life !== undefined ? this.cpuUsage(slot) : v;
    };
  }

  /** @internal The usage, cost and energy books (hosts added or removed later report to them), when the scenario uses them. */
  get meters(): UsageBooks | undefined {
    return this.usageBooks;
  }

  /**
   * Asks the scheduler to explain every scheduling attempt of the named container (`<workload>-<n>`),
   * as `scheduler.explain` in the scenario does; the records go to {@link "podsim"!Simulation.explanations}
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
    (this.cycle.explainNames ??= new Set()).add(name);
  }

  /** The explanations recorded so far (see {@link "podsim"!Simulation.explain}). */
  get explanations(): readonly ExplainRecord[] {
    return this.cycle.explained;
  }

  /**
   * Sets or clears a host condition ({@link "podsim/scheduling"!HostCondition}): the one path by which conditions reach
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
    this.cycle.setHostCondition(host, condition, on);
  }

  /**
   * Stops a running container and sends it back to the queue, where it waits 1 s (as a controller
   * recreates a pod) before it is tried again: preemption victims and the kubelet's evictions. Host
   * failures, drains and removals delete containers for good instead (`lost`, see {@link Simulation.drain}),
   * and their controllers make new ones.
   *
   * @param reason - `preempted` (by a higher-priority pod) or `evicted`.
   * @example
   * ```ts
   * run.evict(container, 'evicted');
   * ```
   */
  evict(container: number, reason: 'preempted' | 'evicted'): void {
    this.cycle.evict(container, reason === 'preempted' ? E_PREEMPTED : E_EVICTED);
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
   * To the end, it throws a {@link PodsimError} (`needs_until` at `until`) when no workload's
   * containers ever end and the scenario has no `until`.
   */
  run(options: SimulationRunOptions = {}): this {
    if (this.finished) return this;
    const stopAt = options.until ?? Infinity;
    if (stopAt === Infinity && !this.external) {
      // A run to the end that cannot end would stop at the last arrival with nothing measured (an
      // external arrival source, such as a trace replay, gives each container its own run time).
      const issue = needsUntil(this.scenario);
      if (issue !== undefined) throw new PodsimError([issue], 'invalid scenario');
    }
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

  // ————————————————————————————————————————— host dynamics: the internal API (docs/dynamics.md)

  /**
   * The dynamics driver, built on first use: a scenario with services, Jobs, failures or host events
   * builds it at construction; otherwise the first call of the host API below does (seeded from the
   * containers already live).
   * @internal
   */
  dynamics(): DynamicsDriver {
    if (this.dyn !== undefined) return this.dyn;
    const d = (this.dyn = new DynamicsDriver(this.sim, this.scenario, this.streams, this.cycle));
    this.books.countsLost = true;
    const t = this.table, ints = t.ints;
    for (let slot = 0; slot < t.used; slot++) {
      const st = ints[slot * I_STRIDE + I_STATE] as number;
      if (st === ContainerState.Free) continue;
      const w = ints[slot * I_STRIDE + I_WORKLOAD] as number, h = ints[slot * I_STRIDE + I_HOST] as number;
      d.listener({ kind: 'submitted', time: this.sim.now, id: -1, container: slot, workload: w, ordinal: -1, host: -1, condition: -1, on: false });
      if (st >= ContainerState.Placed) d.listener({ kind: 'placed', time: this.sim.now, id: -1, container: slot, workload: w, ordinal: -1, host: h, condition: -1, on: false });
      if (st === ContainerState.Running) d.listener({ kind: 'ready', time: this.sim.now, id: -1, container: slot, workload: w, ordinal: -1, host: h, condition: -1, on: false });
    }
    this.events.add(d.listener);
    d.fleet.start();
    return d;
  }

  /**
   * Brings up a host of `group` (index or name) from its pre-allocated absent slots (`add` events
   * reserve them; the cluster autoscaler will too). Returns the host index, or -1 when none is left.
   * @example
   * ```ts
   * const h = run.addHost('pool');
   * ```
   */
  addHost(group: number | string): number {
    return this.dynamics().fleet.add(group);
  }

  /** Removes host `h`: its pods are deleted (services and Jobs replace theirs) and the slot becomes absent. @example `run.removeHost(3)` */
  removeHost(h: number): boolean {
    return this.dynamics().fleet.remove(h);
  }

  /** Fails host `h` (NotReady; its pods lost, replaced after nodeMonitorGracePeriod + their toleration). @example `run.failHost(3)` */
  failHost(h: number): boolean {
    return this.dynamics().fleet.fail(h);
  }

  /** Repairs failed host `h`: it comes back empty. @example `run.repairHost(3)` */
  repairHost(h: number): boolean {
    return this.dynamics().fleet.repair(h);
  }

  /** Cordons host `h` (Unschedulable). @example `run.cordon(3)` */
  cordon(h: number): void {
    this.dynamics().fleet.cordon(h);
  }

  /** Uncordons host `h` (and stops a drain in progress). @example `run.uncordon(3)` */
  uncordon(h: number): void {
    this.dynamics().fleet.uncordon(h);
  }

  /** Drains host `h`: cordon, then evictions through the eviction API honouring PDBs; DaemonSet pods stay. @example `run.drain(3)` */
  drain(h: number): void {
    this.dynamics().fleet.drain(h);
  }

  /**
   * Changes host `h`'s allocatable capacity (dimensions `capacity` does not name keep theirs): a
   * growth at once (the queue is tried again); a shrink without overcommitting, as Kubernetes does
   * (what runs there keeps running, no new container fits until the host is under its new capacity;
   * see `ClusterState.setCapacity`). Utilisation is then measured against capacity over time.
   * @returns whether the capacity changed now.
   * @example
   * ```ts
   * run.setHostCapacity(0, { cpu: 8000, memory: 2 ** 35 });
   * ```
   */
  setHostCapacity(h: number, capacity: ResourceVector): boolean {
    this.capacityBooks ??= new CapacityIntegral(this.sim, this.cluster, this.scenario.warmup);
    const cpu = this.cluster.targetCapacity(h, 0);
    const changed = this.cluster.setCapacity(h, capacity);
    // The performance model's CPU sharing keeps each host's first CPU: said in the result's warnings.
    if (this.life !== undefined && this.cluster.targetCapacity(h, 0) !== cpu) this.cpuNotModelled++;
    this.cycle.capacityChanged();
    return changed;
  }

  /** Host `h`'s state: `up`, `down` (failed) or `absent` (a slot not added yet, or removed). @example `run.hostState(0) // 'up'` */
  hostState(h: number): 'up' | 'down' | 'absent' {
    const st = this.dyn === undefined ? HOST_UP : (this.dyn.fleet.state[h] as number);
    return st === HOST_DOWN ? 'down' : st === HOST_ABSENT ? 'absent' : 'up';
  }

  /** The result so far (call after {@link Simulation.run} for the whole run). */
  result(): SimulationResult {
    const T = this.sim.now;
    const c = this.cluster, books = this.books;
    const { allocated, queued } = books.integrals(T, this.table, this.cycle.requests);
    const explained = this.cycle.explained;
    const showScheduling = this.scheduler.preempts === true || explained.length > 0;
    const warnings = validationWarnings(this.scenario.parsed);
    if (this.cpuNotModelled > 0) warnings.push({ code: 'not_modelled', path: 'setHostCapacity.cpu', message: `${this.cpuNotModelled} change(s) of a host's CPU capacity: placement follows them, but the performance model's CPU sharing keeps each host's first CPU capacity` });
    const autoscaling = this.autoscaling?.summary();
    const perf = this.life === undefined ? undefined : workloadPerformance(this.life, this.workloads.length);
    return {
      seed: this.scenario.seed,
      policy: this.scheduler.name,
      simulatedTime: T,
      events: this.sim.eventsProcessed,
      containers: this.counts,
      ...waitsAndWorkloads(this.summarySource, T, this.dyn?.workloads(T), perf),
      ...(this.scenario.warmup > 0 ? { warmup: this.scenario.warmup } : {}),
      utilization: books.utilization(this.scenario.dims, this.capacityBooks?.mean(T) ?? c.totalCapacity, T, allocated),
      queue: books.queue(T, queued),
      hosts: { count: c.hostCount, peakInUse: books.peakInUse, ...(this.dyn === undefined ? {} : this.dyn.hosts()) },
      ...(autoscaling === undefined ? {} : { autoscaling }),
      ...(this.series === undefined ? {} : { timeseries: { ...this.series.build(), ...this.autoscaling?.timeseries() } }),
      ...(this.life === undefined ? {} : { performance: performanceSummary(this.life, T, this.scenario.record === 'containers', perf) }),
      ...(showScheduling ? { scheduling: { preemptions: books.preemptions, victims: books.victims, ...(explained.length > 0 ? { explain: explained } : {}) } } : {}),
      ...(warnings.length > 0 ? { warnings } : {}),
      ...(this.recorder === undefined ? {} : { records: this.recorder.records() }),
      ...this.usageBooks?.result(T, (this.capacityBooks?.mean(T) ?? c.totalCapacity)[0] as number),
    };
  }

  /**
   * Every wait sample behind {@link SimulationResult.wait}, unsorted: one per placement, and for each
   * container still pending now its age (with `warmup`, only containers submitted at or after it).
   * For an exact wait-time CDF (the report draws it from these). With `waitStore`, once the waits
   * are sketched only the pending containers' ages are here.
   *
   * @example
   * ```ts
   * run.run();
   * const w = run.waitSamples().sort();
   * w[Math.floor(0.95 * (w.length - 1))]; // about the p95 wait
   * ```
   */
  waitSamples(): Float64Array {
    return concatValues(waitValues(this.summarySource, this.sim.now).values);
  }

  // What the end-of-run summaries read (run-summary.ts).
  private get summarySource(): SummarySource {
    return { table: this.table, books: this.books, workloads: this.workloads, life: this.life };
  }

  /** @internal The performance model, for tests and tools that watch live usage. */
  get lifecycle(): Lifecycle | undefined {
    return this.life;
  }

  private finish(): void {
    this.finished = true;
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
    const series = this.series as TimeSeriesBuilder, u = this.usageBooks, now = this.sim.now;
    let usage: { cpu: number; memory: number | undefined } | undefined = this.life?.usageNow();
    if (u !== undefined && u.declaresUsage) usage = { cpu: (usage?.cpu ?? 0) + u.declaredCpu, memory: usage?.memory };
    series.add(now, this.cluster.totalAllocated, this.queue.length, this.books.running, this.cluster.hostsInUse, usage);
    if (u !== undefined) series.addDynamics(u.hasPower ? u.powerNow() : undefined, u.hasCost ? u.costUpTo(now) : undefined);
    this.autoscaling?.sample();
    if (this.events.active) this.events.sampled(this.sim.now);
  }
}
