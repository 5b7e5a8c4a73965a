import type { Issue } from '../errors.js';
import type { ArrivalContext, ArrivalSource } from '../simulation/arrivals.js';
import type { Simulation, SimulationOptions } from '../simulation/simulation.js';
import type { KubeOwnerSource } from '../kube/sim/kube-adapter.js';
import { MachineEventKind, type MachineEventBatch } from './machine-batch.js';
import { NO_PRIORITY, type TaskBatch } from './task-batch.js';
import { planHosts } from './plan-hosts.js';
import { addedMachines, recordedDrop } from './recorded-placement.js';
import { askPriorityWaits, replayResult, type PriorityGrouping, type PriorityWaitBooks, type ReplayResult } from './priority-waits.js';
import type { ReplayScenarioOptions } from './replay-scenario.js';
import { replayRun, TaskSubmitter, type ReplaySourceBase } from './replay-submit.js';
import type { ReplayPlan } from './trace-to-scenario.js';

/**
 * Options for {@link replaySimulation} and {@link replayTrace}: those of `replayScenario`, plus the
 * simulation's own.
 *
 * @example
 * ```ts
 * const options: ReplayTraceOptions = { scheduler: { policy: 'best-fit' }, timeseries: { interval: 3600 } };
 * ```
 */
export interface ReplayTraceOptions extends ReplayScenarioOptions {
  /** Sample the cluster every `interval` seconds into `result.timeseries`. @defaultValue no time series */
  readonly timeseries?: { readonly interval: number };
  /** A scheduler or queue object instead of the scenario's policy (see `SimulationOptions`). @defaultValue the `scheduler` section's policy */
  readonly simulation?: Pick<SimulationOptions, 'policy' | 'queue'>;
  /**
   * Under a kube policy (`kube` and its presets), the controller each task's pod belongs to, whose
   * pods the default topology spreading spreads (upstream `DefaultSelector`): `job`, the trace's job
   * (Google 2011 job, Google 2019 collection, Alibaba `job/task` or `app_du`), as if each job were a
   * ReplicaSet; or `none`, bare pods (also what Kubernetes Jobs get: `DefaultSelector` ignores a Job
   * owner), with no default spreading. Ignored by other policies and when `simulation.policy` is given.
   * @defaultValue 'job'
   */
  readonly kubeOwner?: 'job' | 'none';
  /**
   * Gather the waits per priority class of the trace ({@link PriorityWaits}: `replayPriorityWaits`,
   * and `priorities` in the result of `replayTrace` and of a stream's `run()`): `value`, one class per
   * priority value (Google 2011); `tier`, the Google 2019 tiers. Tasks without a priority (Alibaba
   * 2018) are the class `none`. Priorities still do not order the queue (see `replayWarnings`).
   * @defaultValue none gathered (the run is not observed for them)
   */
  readonly priorityWaits?: PriorityGrouping;
}

/**
 * The arrival source of a trace replay: the plan's tasks in plan order (sorted by arrival), one
 * pending event at a time, each task submitted with its own request and run time (`Infinity` when
 * the trace never says, so it runs until the simulation ends) and, in `recorded` mode, pinned to its
 * recorded machine. It reads the plan's typed-array columns in place: nothing per task.
 * @internal
 * @example
 * ```ts
 * const source = new TraceArrivals(plan, hostOf, added);
 * replayRun(hosts, source, options).run();
 * ```
 */
export class TraceArrivals implements ArrivalSource, ReplaySourceBase {
  private next = 0;
  /** Recorded mode: tasks not submitted because their machine was absent (not yet added, or removed) at their start. */
  machineGone = 0;
  /** Recorded mode: whether a host is up now (set when machine events are applied). */
  hostUp: ((host: number) => boolean) | undefined;
  /** Under a kube policy: set to each task's job (or -1) just before it is submitted. */
  owners: KubeOwnerSource | undefined;
  /** Whether `owners` gets the job (else -1: bare pods). */
  ownersByJob = true;
  /** With `priorityWaits`: the books the submitter tells each task's priority class. */
  priorities: PriorityWaitBooks | undefined;
  private ctx: ArrivalContext | undefined;
  private submitter: TaskSubmitter | undefined;
  private ARRIVE = -1;
  private readonly times: Float64Array;
  private readonly recorded: boolean;

  /**
   * @param plan - The plan; its tasks are read, never copied.
   * @param hostOf - Each machine's host index (recorded mode, with machines), else undefined.
   * @param added - Recorded mode: the machines the events add (`addedMachines`), for the drops.
   */
  constructor(
    private readonly plan: ReplayPlan,
    private readonly hostOf: Int32Array | undefined,
    private readonly added: Uint8Array | undefined,
  ) {
    this.recorded = plan.mode === 'recorded';
    this.times = this.recorded ? plan.tasks.start : plan.tasks.submit;
  }

  /** Tasks submitted so far (including those left out, which are skipped). */
  get position(): number {
    return this.next;
  }

  start(ctx: ArrivalContext): void {
    this.ctx = ctx;
    this.submitter = new TaskSubmitter(ctx, this.owners, this.ownersByJob, this);
    this.ARRIVE = ctx.sim.on(() => this.onArrival());
    this.scheduleNext();
  }

  // Recorded mode leaves out the tasks it cannot place where the trace did (plan.dropped).
  private left(i: number): boolean {
    return this.recorded && recordedDrop(this.plan.tasks, i, this.added) !== undefined;
  }

  private scheduleNext(): void {
    const n = this.plan.tasks.length;
    let i = this.next;
    while (i < n && this.left(i)) i++;
    this.next = i;
    if (i >= n) return;
    const ctx = this.ctx as ArrivalContext;
    const t = this.times[i] as number;
    if (t > ctx.until) {
      this.next = n;
      return;
    }
    ctx.sim.scheduleAt(t, this.ARRIVE, 0);
  }

  private onArrival(): void {
    const tasks = this.plan.tasks;
    const times = this.times;
    const hostOf = this.hostOf;
    const submit = this.submitter as TaskSubmitter;
    const n = tasks.length;
    const now = times[this.next] as number;
    // Every task due now, in plan order.
    let i = this.next;
    for (; i < n && (times[i] as number) === now; i++) {
      if (this.left(i)) continue;
      const pinned = hostOf === undefined ? -1 : (hostOf[tasks.machine[i] as number] as number);
      if (pinned >= 0 && this.hostUp !== undefined && !this.hostUp(pinned)) {
        this.machineGone++;
        continue;
      }
      submit.task(tasks.cpu[i] as number, tasks.memory[i] as number, tasks.duration[i] as number, pinned, tasks.job[i] as number, tasks.priority[i] as number);
    }
    this.next = i;
    this.scheduleNext();
  }
}

/**
 * Builds the run of a trace's {@link ReplayPlan} without turning the tasks into scenario arrays: the
 * plan's tasks are fed to the simulation by an arrival source, in arrival order, straight from the
 * plan's typed-array columns. Each task is a container of the one workload `trace` with its own
 * request (CPU, memory) and run time and, in `recorded` mode, its recorded machine; containers are
 * named `trace-<n>` in submission order. Memory: the plan (61 bytes per task in columns plus the
 * dictionary), plus what is alive at once.
 *
 * Hosts and recorded-mode rules are those of `replayScenario` (the same tasks are replayed, with the
 * same run times, hosts and pins); the workloads differ (`replayScenario` makes one per request
 * shape; a task of unknown run time runs until the end here too).
 *
 * @example
 * ```ts
 * const plan = await traceToScenario(readTrace({ format: 'google2011', dir }, { shape }), { mode: 'reschedule' });
 * const run = replaySimulation(plan, { scheduler: { policy: 'best-fit' } });
 * run.run({ onProgress: (now) => console.log(now) });
 * console.log(run.result().wait);
 * ```
 */
export function replaySimulation(plan: ReplayPlan, options: ReplayTraceOptions = {}): Simulation {
  const { hosts, hostOf } = planHosts(plan);
  const recorded = plan.mode === 'recorded';
  const added = recorded ? addedMachines(plan.machines) : undefined;
  // Recorded pins name hosts by machine; with hosts given instead of machines there is nothing to pin to.
  const pins = recorded && hosts.length > 0 ? hostOf : undefined;
  const source = new TraceArrivals(plan, pins, added);
  const run = replayRun(hosts, source, options);
  const notes = { capacityUpdates: 0, added: 0, removed: 0 };
  if (hosts.length > 0) applyMachineEvents(run, plan.machines, hostOf, source, notes);
  replays.set(run, { source, notes });
  askPriorityWaits(run, source, options.priorityWaits);
  return run;
}

const replays = new WeakMap<Simulation, { source: { machineGone: number }; notes: { capacityUpdates: number; added: number; removed: number } }>();

/** @internal Records a streaming replay's source and machine notes for {@link replayWarnings} and {@link replayCounts}. */
export function noteReplay(run: Simulation, source: { machineGone: number }, notes: { capacityUpdates: number; added: number; removed: number }): void {
  replays.set(run, { source, notes });
}

/**
 * The machine events as cluster dynamics, through the simulation's host API: a machine first added
 * after time 0 is absent until then; a removal removes its host (the tasks on it are lost, as the
 * trace's own LOST/EVICT rows say; the trace resubmits them as new runs); an addition after a
 * removal brings it back with the capacity the row gives; a capacity update (an UPDATE row, or an
 * addition of a present machine) changes its host's capacity (`Simulation.setHostCapacity`: a growth
 * at once, a shrink without evicting anything, stepping down as tasks end), counted in
 * `capacityUpdates`. One pending event at a time, like the arrivals. @internal
 * @example
 * ```ts
 * applyMachineEvents(run, plan.machines, hostOf, source, notes);
 * ```
 */
export function applyMachineEvents(run: Simulation, m: MachineEventBatch, hostOf: Int32Array, source: { hostUp: ((host: number) => boolean) | undefined }, notes: { capacityUpdates: number; added: number; removed: number }): void {
  if (m.length === 0) return;
  // Machines whose first event is a later addition: absent from the start.
  const seen = new Uint8Array(hostOf.length);
  let later = false;
  for (let i = 0; i < m.length; i++) {
    const k = m.machine[i] as number;
    if (seen[k] === 1) {
      later = true;
      continue;
    }
    seen[k] = 1;
    if ((m.time[i] as number) > 0) later = true;
  }
  if (!later) return;
  for (let i = 0; i < m.length; i++) {
    const k = m.machine[i] as number;
    if (seen[k] === 2) continue;
    seen[k] = 2;
    if ((m.time[i] as number) > 0 && m.kind[i] === MachineEventKind.Add) run.removeHost(hostOf[k] as number);
  }
  source.hostUp = (h) => run.hostState(h) === 'up';
  // The capacity a row gives, in the hosts' units (CPU rounded up to a millicore, as the hosts' own).
  const capacity = (i: number): { cpu: number; memory: number } => ({ cpu: Math.ceil(m.cpu[i] as number), memory: m.memory[i] as number });
  let next = 0;
  const MACHINE = run.sim.on(() => {
    const now = m.time[next] as number;
    for (; next < m.length && (m.time[next] as number) === now; next++) {
      const h = hostOf[m.machine[next] as number] as number;
      const kind = m.kind[next];
      if (kind === MachineEventKind.Remove) {
        if (run.removeHost(h)) notes.removed++;
      } else if (kind === MachineEventKind.Add && run.hostState(h) === 'absent') {
        // Sized before it comes up, so that the queue tried when it does sees its capacity.
        run.setHostCapacity(h, capacity(next));
        if (run.addHost(run.scenario.hosts[h]?.group as number) >= 0) notes.added++;
      } else {
        run.setHostCapacity(h, capacity(next));
        notes.capacityUpdates++;
      }
    }
    if (next < m.length) run.sim.scheduleAt(m.time[next] as number, MACHINE, 0);
  });
  while (next < m.length && (m.time[next] as number) <= 0) next++;
  if (next < m.length) run.sim.scheduleAt(m.time[next] as number, MACHINE, 0);
}

/**
 * What a trace replay by {@link replaySimulation} left out, as warnings (the machine events it
 * applied are in {@link replayCounts}): recorded-mode tasks whose machine was absent at their start (`dropped_tasks`,
 * `machineGone`), and the plan's recorded-mode drops. Call after the run.
 *
 * @example
 * ```ts
 * const run = replaySimulation(plan);
 * run.run();
 * for (const w of replayWarnings(run, plan)) console.log(w.code, w.message);
 * ```
 */
export function replayWarnings(run: Simulation, plan: ReplayPlan): Issue[] {
  const r = replays.get(run);
  const warnings: Issue[] = plan.warnings.filter((w) => w.code !== 'not_modelled' || w.path !== 'machines');
  const tasks = plan.tasks as ReplayPlan['tasks'] | undefined;
  const p = priorityWarning(tasks === undefined ? 0 : prioritisedTasks(tasks));
  if (r === undefined) return p === undefined ? [...plan.warnings] : [...plan.warnings, p];
  if (p !== undefined) warnings.push(p);
  const { source } = r;
  if (source.machineGone > 0) {
    warnings.push({ code: 'dropped_tasks', path: 'tasks', message: `${source.machineGone} task(s) are not replayed in recorded mode (machineGone): their recorded machine was absent (not yet added, or removed) at their start` });
  }
  return warnings;
}

/**
 * The `not_modelled` warning for a replay's task priorities, when `n` tasks came with one: a replay
 * submits every task alike (no priority in the queue, in kube's PrioritySort or in preemption).
 * @internal
 * @example
 * ```ts
 * priorityWarning(3)?.path; // 'tasks.priority'
 * ```
 */
export function priorityWarning(n: number): Issue | undefined {
  return n === 0 ? undefined : { code: 'not_modelled', path: 'tasks.priority', message: `${n} task(s) have a priority in the trace, which a replay does not model: every task is queued alike (no priority order, PrioritySort or preemption)` };
}

/**
 * How many of a batch's tasks have a priority. @internal
 * @example
 * ```ts
 * prioritisedTasks(plan.tasks); // 38211
 * ```
 */
export function prioritisedTasks(tasks: TaskBatch): number {
  let n = 0;
  for (let i = 0; i < tasks.length; i++) if (tasks.priority[i] !== NO_PRIORITY) n++;
  return n;
}

/**
 * The counts of a replay's machine events and drops: machine additions, removals and capacity updates
 * applied (as host dynamics and `Simulation.setHostCapacity`), and recorded-mode tasks not replayed because their machine was absent.
 *
 * @example
 * ```ts
 * replayCounts(run); // { added: 3, removed: 2, capacityUpdates: 5, machineGone: 0 }
 * ```
 */
export function replayCounts(run: Simulation): { added: number; removed: number; capacityUpdates: number; machineGone: number } {
  const r = replays.get(run);
  return r === undefined ? { added: 0, removed: 0, capacityUpdates: 0, machineGone: 0 } : { added: r.notes.added, removed: r.notes.removed, capacityUpdates: r.notes.capacityUpdates, machineGone: r.source.machineGone };
}

/**
 * Replays a trace's {@link ReplayPlan} to the end and returns the result: {@link replaySimulation}
 * run to completion, with `priorities` (the waits per priority class) when `options.priorityWaits`
 * asks for them. The streaming path for large traces (no per-task scenario arrays).
 *
 * @example
 * ```ts
 * const plan = await traceToScenario(readTrace({ format: 'google2011', dir }, { shape }));
 * const result = replayTrace(plan, { scheduler: { policy: 'first-fit' } });
 * console.log(result.containers, result.wait.p99);
 * ```
 */
export function replayTrace(plan: ReplayPlan, options: ReplayTraceOptions = {}): ReplayResult {
  return replayResult(replaySimulation(plan, options).run());
}
