import { PodsimError, type Issue } from '../errors.js';
import type { Simulation } from '../simulation/simulation.js';
import { MachineColumns, type MachineEventBatch } from './machine-batch.js';
import { planHosts } from './plan-hosts.js';
import { readTrace, type TraceRecords, type TraceSource } from './read-trace.js';
import { addedMachines } from './recorded-placement.js';
import { kubeOwned, replayRun } from './replay-submit.js';
import { applyMachineEvents, noteReplay, prioritisedTasks, priorityWarning, replayCounts, replaySimulation, replayWarnings, type ReplayTraceOptions } from './replay-trace.js';
import type { TaskBatch } from './task-batch.js';
import type { SampleBound } from '../metrics/sample-store.js';
import type { TraceReadOptions } from './trace-options.js';
import type { TraceReport } from './trace-report.js';
import { traceToScenario, type ReplayMode, type ReplayPlan } from './trace-to-scenario.js';
import { StreamArrivals, type StreamCounts } from './stream-arrivals.js';
import { askPriorityWaits, replayResult, type ReplayResult } from './priority-waits.js';

export type { StreamCounts } from './stream-arrivals.js';

/**
 * Options of {@link openReplayStream} and {@link replayStream}: those of `replayTrace`, the mode, and
 * the reader's horizon.
 *
 * @example
 * ```ts
 * const options: ReplayStreamOptions = { mode: 'reschedule', horizon: 3600, scheduler: { policy: 'best-fit' } };
 * ```
 */
export interface ReplayStreamOptions extends ReplayTraceOptions {
  /** Re-schedule the tasks or follow the recorded placements (see `traceToScenario`). @defaultValue 'reschedule' */
  readonly mode?: ReplayMode;
  /**
   * Seconds of trace time after its submission at which a task still alive is handed to the
   * simulation `Open` (run time not yet known; see `BatchOrder`). Larger: fewer open tasks, more
   * tasks held by the reader. Either way the result is exact (see docs/traces.md, *Streaming a trace*).
   * @defaultValue 3600
   */
  readonly horizon?: number;
  /**
   * How many waits the run keeps exactly for its wait summaries before it sketches them
   * (`SimulationOptions.waitStore`): memory stays flat however many tasks wait, and past the bound
   * the quantiles are within `relativeError` (then `result.wait.relativeError` says so; mean, max and
   * counts stay exact). `{ exactUpTo: Infinity }` keeps every wait: the quantiles exact, as
   * `replayTrace` gives them. (Alibaba 2018, planned rather than streamed, keeps every wait.) @defaultValue {@link STREAM_WAIT_STORE}: 1,048,576 waits (8 MiB), α = 0.5%
   */
  readonly waitStore?: SampleBound;
}

/**
 * The streaming replay's default wait store: the first 1,048,576 waits other than 0 kept exactly (8
 * MiB), then a quantile sketch with relative error 0.5% (15 KiB for waits from a millisecond to a day).
 *
 * @example
 * ```ts
 * const exact = await replayStream(source, read, { waitStore: { exactUpTo: Infinity } });
 * ```
 */
export const STREAM_WAIT_STORE: Readonly<Required<SampleBound>> = Object.freeze({ exactUpTo: 1 << 20, relativeError: 0.005 });

/** The largest double below `x` (x > 0 finite), so that a run to it leaves the events at `x` alone. */
function before(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  const f = new Float64Array([x]);
  const bits = new BigInt64Array(f.buffer);
  bits[0] = x > 0 ? (bits[0] as bigint) - 1n : (bits[0] as bigint) + 1n;
  return f[0] as number;
}

/**
 * Options of {@link StreamReplay.run}.
 *
 * @example
 * ```ts
 * await replay.run({ onProgress: (now, events) => console.log(now, events) });
 * ```
 */
export interface StreamRunOptions {
  /** Called every 1024 events with the simulated time and the events processed. @defaultValue none */
  readonly onProgress?: (now: number, events: number) => void;
  /** Called whenever the run returns early (an observer called `stop()`), before it goes on: write what observers gathered. @defaultValue none */
  readonly onStop?: () => void | Promise<void>;
}

/**
 * A trace replay fed from the reader as simulated time advances ({@link openReplayStream}): the
 * `simulation` to observe before running, {@link StreamReplay.run} to drive it, then its counts and
 * warnings. For Alibaba 2018 (not time-ordered) it holds a replay plan and runs it instead
 * (`streaming` false).
 *
 * @example
 * ```ts
 * const replay = await openReplayStream({ format: 'google2011', dir }, { shape }, { scheduler: { policy: 'best-fit' } });
 * replay.simulation.observe((e) => { if (e.kind === 'finished') done++; });
 * const result = await replay.run();
 * console.log(replay.counts, replay.warnings());
 * ```
 */
export class StreamReplay {
  /** @internal */
  constructor(
    /** The run: observe it before {@link StreamReplay.run}. */
    readonly simulation: Simulation,
    private readonly source: StreamArrivals | undefined,
    private readonly batches: AsyncIterator<TaskBatch> | undefined,
    /** The trace's streams (their reports and dictionary). */
    readonly records: TraceRecords,
    /** The plan, when the format is not time-ordered (Alibaba): replayed as `replaySimulation` does. */
    readonly plan: ReplayPlan | undefined,
    /** The machine events, in time order. */
    readonly machines: MachineEventBatch,
  ) {}

  /** Whether the tasks are streamed (Google formats), rather than planned first (Alibaba). */
  get streaming(): boolean {
    return this.source !== undefined;
  }

  /** What the stream counted (for a planned replay: the plan's tasks and drops). */
  get counts(): StreamCounts {
    if (this.source !== undefined) return this.source.counts;
    const plan = this.plan as ReplayPlan;
    return { tasks: plan.tasks.length, open: 0, maxHeld: plan.tasks.length, dropped: { ...plan.dropped }, prioritised: prioritisedTasks(plan.tasks) };
  }

  /** The task reader's report (complete once run). */
  get report(): TraceReport {
    return this.records.tasks.report;
  }

  /**
   * Runs the replay to its end, reading the trace as the simulation advances, and returns the result.
   * The simulation never passes a time at which a task it has not read could arrive or a task whose
   * end it does not know could end.
   */
  async run(options: StreamRunOptions = {}): Promise<ReplayResult> {
    const run = this.simulation;
    const progress = options.onProgress;
    const runTo = async (until: number | undefined): Promise<void> => {
      for (;;) {
        run.run({ ...(until === undefined ? {} : { until }), ...(progress === undefined ? {} : { onProgress: progress }) });
        if (run.done) return;
        const source = this.source;
        const reached = until !== undefined && run.sim.peek() > until;
        if (options.onStop !== undefined) await options.onStop();
        if (reached || (source !== undefined && source.owes)) return;
        if (until === undefined && source === undefined) continue;
      }
    };
    const source = this.source;
    if (source === undefined) {
      await runTo(undefined);
      return replayResult(run);
    }
    const it = this.batches as AsyncIterator<TaskBatch>;
    for (;;) {
      if (!source.owes) await runTo(before(source.safeTime(run.now)));
      const next = await it.next();
      if (next.done === true) break;
      source.take(next.value);
      source.resume();
    }
    source.done();
    source.resume();
    await runTo(undefined);
    return replayResult(run);
  }

  /** The warnings of the replay: recorded-mode tasks left out, priorities not modelled (as `replayWarnings`). */
  warnings(): Issue[] {
    const plan = this.plan;
    if (plan !== undefined) return replayWarnings(this.simulation, plan);
    const counts = this.counts;
    const w = replayWarnings(this.simulation, { warnings: [] } as unknown as ReplayPlan);
    const p = priorityWarning(counts.prioritised);
    if (p !== undefined) w.push(p);
    for (const [why, n] of Object.entries(counts.dropped)) w.push({ code: 'dropped_tasks', path: 'tasks', message: `${n} task(s) are not replayed in recorded mode (${why})` });
    return w;
  }

  /** Machine additions, removals and capacity updates applied, and recorded-mode tasks whose machine was gone (as `replayCounts`). */
  machineCounts(): ReturnType<typeof replayCounts> {
    return replayCounts(this.simulation);
  }
}

/**
 * Opens a streaming replay of a time-ordered trace (Google 2011 and 2019): machine events are read
 * first (they are few), then tasks are read in **arrival order** (`batches({ arrival: { horizon } })`,
 * in a worker thread with `read.worker`) and handed to the simulation as simulated time advances, each
 * task submitted with its own request and run time. A task still running `horizon` seconds of trace
 * time after its submission comes `Open`: it is submitted with its run time unknown, which is set when
 * the trace ends it. The run never passes a time at which an unread task could arrive or an open
 * task could end, so the result is the one the replay plan gives (`replayTrace`), with memory bounded
 * by the tasks held at once instead of the trace's length. Alibaba 2018 tables are not time-ordered:
 * they are planned first (`traceToScenario` then `replaySimulation`) behind the same interface.
 * Throws a `PodsimError` (`no_hosts`) when the trace has no machine table and `options.hosts` is not given.
 *
 * @param source - The trace (format and folder or files).
 * @param read - The readers' options (shape, window, sample, worker, …).
 * @param options - The replay's: mode, policy, hosts, time series, horizon.
 * @example
 * ```ts
 * const replay = await openReplayStream({ format: 'google2019', dir }, { shape, worker: true }, { horizon: 1800 });
 * const result = await replay.run();
 * console.log(result.containers, replay.counts.maxHeld);
 * ```
 */
export async function openReplayStream(source: TraceSource, read: TraceReadOptions, options: ReplayStreamOptions = {}): Promise<StreamReplay> {
  const mode = options.mode ?? 'reschedule';
  const records = readTrace(source, read);
  const noHosts = (): PodsimError => new PodsimError([{ code: 'no_hosts', path: 'hosts', message: 'the trace has no machine table: give the hosts (options.hosts)' }], 'cannot replay the trace');
  if (source.format === 'alibaba2018') {
    const plan = await traceToScenario(records, { mode });
    if (plan.machines.length === 0 && options.hosts === undefined) throw noHosts();
    return new StreamReplay(replaySimulation(plan, options), undefined, undefined, records, plan, plan.machines);
  }
  const horizon = options.horizon ?? 3600;
  // A task's job is needed until it is submitted, and for the whole run only when pods are owned by
  // their job (kube): otherwise the dictionary forgets a job once it holds none of its tasks, and
  // memory stays flat in the trace's length.
  const dictionary = records.tasks.dictionary;
  dictionary.forgetJobs = !(kubeOwned(options) && (options.kubeOwner ?? 'job') === 'job');
  const cols = new MachineColumns();
  for await (const b of records.machines.batches()) for (let i = 0; i < b.length; i++) cols.push(b.time[i] as number, b.kind[i] as 0 | 1 | 2, b.machine[i] as number, b.cpu[i] as number, b.memory[i] as number);
  const machines = cols.take() ?? { length: 0, time: new Float64Array(0), kind: new Uint8Array(0), machine: new Int32Array(0), cpu: new Float64Array(0), memory: new Float64Array(0) };
  const { hosts, hostOf } = planHosts({ machines, dictionary: records.tasks.dictionary });
  if (hosts.length === 0 && options.hosts === undefined) throw noHosts();
  const recorded = mode === 'recorded';
  const added = recorded ? addedMachines(machines) : undefined;
  const arrivals = new StreamArrivals(mode, horizon, recorded && hosts.length > 0 ? hostOf : undefined, added);
  if (dictionary.forgetJobs) arrivals.jobRefs = dictionary;
  // Read until the first arrival is certain, so that it is scheduled when the run is built (as the plan's is).
  const it = records.tasks.batches({ arrival: { horizon } })[Symbol.asyncIterator]();
  arrivals.frontier = -Infinity;
  for (;;) {
    const next = await it.next();
    if (next.done === true) {
      arrivals.done();
      break;
    }
    arrivals.take(next.value);
    if (arrivals.canStart) break;
  }
  const waitStore = options.waitStore ?? STREAM_WAIT_STORE;
  const run = replayRun(hosts, arrivals, options, waitStore);
  arrivals.pause = () => run.stop();
  const notes = { capacityUpdates: 0, added: 0, removed: 0 };
  if (hosts.length > 0) applyMachineEvents(run, machines, hostOf, arrivals, notes);
  noteReplay(run, arrivals, notes);
  askPriorityWaits(run, arrivals, options.priorityWaits, waitStore);
  return new StreamReplay(run, arrivals, it, records, undefined, machines);
}

/**
 * Replays a trace streaming, to the end: {@link openReplayStream} then {@link StreamReplay.run}.
 *
 * @example
 * ```ts
 * const result = await replayStream({ format: 'google2011', dir }, { shape }, { scheduler: { policy: 'first-fit' } });
 * console.log(result.containers, result.wait.p99);
 * ```
 */
export async function replayStream(source: TraceSource, read: TraceReadOptions, options: ReplayStreamOptions = {}): Promise<ReplayResult> {
  return (await openReplayStream(source, read, options)).run();
}
