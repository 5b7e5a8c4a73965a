import type { Scenario, WorkloadSpec } from '../scenario/schema.js';
import type { ArrivalContext, ArrivalSource } from '../simulation/arrivals.js';
import type { SimulationResult } from '../simulation/result.js';
import { Simulation, type SimulationOptions } from '../simulation/simulation.js';
import { planHosts } from './plan-hosts.js';
import { addedMachines, recordedDrop } from './recorded-placement.js';
import type { ReplayScenarioOptions } from './replay-scenario.js';
import { SlotTable } from './slot-table.js';
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
}

/**
 * The arrival source of a trace replay: the plan's tasks in plan order (sorted by arrival), one
 * pending event at a time, each task submitted with its own run time (`Infinity` when the trace
 * never says, so it runs until the simulation ends) and, in `recorded` mode, pinned to its recorded
 * machine. It reads the plan's typed-array columns in place and keeps 4 bytes per task (the task's
 * request shape); no object per task, no per-shape arrays.
 * @internal
 * @example
 * ```ts
 * const source = new TraceArrivals(plan, shapeOf, hostOf);
 * new Simulation(scenario, { arrivals: source }).run();
 * ```
 */
export class TraceArrivals implements ArrivalSource {
  private next = 0;
  private ctx: ArrivalContext | undefined;
  private ARRIVE = -1;
  private readonly times: Float64Array;

  /**
   * @param plan - The plan; its tasks are read, never copied.
   * @param workloadOf - Each task's workload index; −1 for a task left out.
   * @param hostOf - Each machine's host index (recorded mode), else undefined.
   */
  constructor(
    private readonly plan: ReplayPlan,
    private readonly workloadOf: Int32Array,
    private readonly hostOf: Int32Array | undefined,
  ) {
    this.times = plan.mode === 'recorded' ? plan.tasks.start : plan.tasks.submit;
  }

  /** Tasks submitted so far (including those left out, which are skipped). */
  get position(): number {
    return this.next;
  }

  start(ctx: ArrivalContext): void {
    this.ctx = ctx;
    this.ARRIVE = ctx.sim.on(() => this.onArrival());
    this.scheduleNext();
  }

  private scheduleNext(): void {
    const wOf = this.workloadOf;
    const n = wOf.length;
    let i = this.next;
    while (i < n && (wOf[i] as number) < 0) i++;
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
    const ctx = this.ctx as ArrivalContext;
    const tasks = this.plan.tasks;
    const times = this.times;
    const wOf = this.workloadOf;
    const hostOf = this.hostOf;
    const n = wOf.length;
    const now = times[this.next] as number;
    // Every task due now, in plan order.
    let i = this.next;
    for (; i < n && (times[i] as number) === now; i++) {
      const w = wOf[i] as number;
      if (w < 0) continue;
      const d = tasks.duration[i] as number;
      ctx.submit(w, hostOf === undefined ? -1 : (hostOf[tasks.machine[i] as number] as number), d === d ? d : Infinity);
    }
    this.next = i;
    this.scheduleNext();
  }
}

/**
 * Builds the run of a trace's {@link ReplayPlan} without turning the tasks into scenario arrays: the
 * plan's tasks are fed to the simulation by an arrival source, in arrival order, straight from the
 * plan's typed-array columns. The scenario holds one workload per distinct request (CPU, memory),
 * with no arrival times of its own; each task keeps its own run time and, in `recorded` mode, its
 * recorded machine. Memory: the plan (about 57 bytes per task) plus 4 bytes per task, plus what is
 * alive at once.
 *
 * Hosts and recorded-mode rules are those of `replayScenario` (the same tasks are replayed, with the
 * same run times, hosts and pins); the workloads differ (a task of unknown run time shares its
 * request's workload and runs until the end).
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
  const { tasks } = plan;
  const { hosts, hostOf } = planHosts(plan);
  const recorded = plan.mode === 'recorded';
  const added = recorded ? addedMachines(plan.machines) : undefined;
  const workloadOf = new Int32Array(tasks.length);
  const shapes = new SlotTable(1024);
  const workloads: WorkloadSpec[] = [];
  for (let i = 0; i < tasks.length; i++) {
    if (recorded && recordedDrop(tasks, i, added) !== undefined) {
      workloadOf[i] = -1;
      continue;
    }
    const cpu = tasks.cpu[i] as number;
    const memory = tasks.memory[i] as number;
    let w = shapes.get(cpu, memory);
    if (w < 0) {
      w = workloads.length;
      shapes.set(cpu, memory, w);
      workloads.push({ name: `trace-${cpu}m-${memory}B`, arrival: { process: 'explicit', times: [] }, request: { cpu: `${cpu}m`, memory } });
    }
    workloadOf[i] = w;
  }
  const scenario: Scenario = {
    seed: options.seed ?? 1,
    hosts: hosts.length > 0 ? hosts : [...(options.hosts ?? [])],
    workloads,
    ...(options.scheduler === undefined ? {} : { scheduler: options.scheduler }),
    ...(options.until === undefined ? {} : { until: options.until }),
    ...(options.timeseries === undefined ? {} : { timeseries: options.timeseries }),
  };
  // Recorded pins name hosts by machine; with hosts given instead of machines there is nothing to pin to.
  const pins = recorded && hosts.length > 0 ? hostOf : undefined;
  return new Simulation(scenario, { ...options.simulation, arrivals: new TraceArrivals(plan, workloadOf, pins) });
}

/**
 * Replays a trace's {@link ReplayPlan} to the end and returns the result: {@link replaySimulation}
 * run to completion. The streaming path for large traces (no per-task scenario arrays).
 *
 * @example
 * ```ts
 * const plan = await traceToScenario(readTrace({ format: 'google2011', dir }, { shape }));
 * const result = replayTrace(plan, { scheduler: { policy: 'first-fit' } });
 * console.log(result.containers, result.wait.p99);
 * ```
 */
export function replayTrace(plan: ReplayPlan, options: ReplayTraceOptions = {}): SimulationResult {
  return replaySimulation(plan, options).run().result();
}
