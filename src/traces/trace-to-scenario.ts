import { PodsimError, type Issue } from '../errors.js';
import { MachineColumns, type MachineEventBatch } from './machine-batch.js';
import { recordedCounts, replayWarnings } from './recorded-placement.js';
import { radixOrder } from './radix-order.js';
import type { TaskBatch } from './task-batch.js';
import { TaskTable } from './task-table.js';
import { TraceDictionary } from './trace-dictionary.js';
import { objectMachines, objectTasks } from './trace-objects.js';
import type { TraceMachine, TraceTask } from './trace-records.js';
import type { TraceReport } from './trace-report.js';

/**
 * How a replay uses the trace: `reschedule` lets podsim's scheduler place every task (recorded
 * machines and start times are ignored); `recorded` follows the trace's placements and start times,
 * as a baseline to compare a scheduler against.
 *
 * @example
 * ```ts
 * const mode: ReplayMode = 'recorded';
 * ```
 */
export type ReplayMode = 'reschedule' | 'recorded';

/**
 * Options of {@link traceToScenario}.
 *
 * @example
 * ```ts
 * const options: ReplayOptions = { mode: 'reschedule' };
 * ```
 */
export interface ReplayOptions {
  /** Re-schedule the tasks or follow the recorded placements. @defaultValue 'reschedule' */
  readonly mode?: ReplayMode;
  /** How many issues to list before only counting them (records given as objects). @defaultValue 100 */
  readonly maxIssues?: number;
}

/**
 * A trace turned into the pieces of a podsim scenario, as typed-array columns: tasks sorted by
 * arrival and machine events in time order. 61 bytes per task (see {@link TaskBatch}); no
 * object per task. Read a task as an object with `taskRecord(plan.tasks, i, plan.dictionary)`.
 *
 * @example
 * ```ts
 * const plan = await traceToScenario(readTrace({ format: 'google2011', dir }, { shape }), { mode: 'recorded' });
 * console.log(plan.tasks.length, plan.machines.length, plan.dropped, plan.warnings);
 * ```
 */
export interface ReplayPlan {
  /** How the tasks are to be placed. */
  readonly mode: ReplayMode;
  /**
   * The tasks, sorted by arrival: submission time in `reschedule` mode, recorded start in `recorded`
   * mode (tasks that never started last); ties by `id` (event traces: submission order). Each run of a resubmitted task
   * is a row of its own, with its own `id` (the text ids, `dictionary.taskId(job, member)`, repeat).
   */
  readonly tasks: TaskBatch;
  /** Machine events in time order (ties keep input order). */
  readonly machines: MachineEventBatch;
  /** The names behind the integer columns. */
  readonly dictionary: TraceDictionary;
  /**
   * Tasks that {@link replayScenario} does not replay in this mode, by reason: `neverStarted` (the
   * trace never started them inside the window), `noRecordedMachine` (started without a recorded
   * machine, such as Alibaba `batch_task` rows read without `batch_instance`), `unknownMachine` (their
   * machine is not among the machine events' machines). Empty in `reschedule` mode.
   */
  readonly dropped: Readonly<Record<string, number>>;
  /**
   * What {@link replayScenario} cannot apply (`not_modelled`: machine events after time 0) or leaves
   * out (`dropped_tasks`), as warnings with counts.
   */
  readonly warnings: readonly Issue[];
  /** The readers' reports, when the records came from trace streams (complete once read). */
  readonly reports: { readonly tasks?: TraceReport; readonly machines?: TraceReport };
}

/**
 * Something that yields task batches: a task stream of {@link readTrace} or of a reader function.
 *
 * @example
 * ```ts
 * const source: TaskBatchSource = readTrace({ format: 'google2011', dir }, { shape }).tasks;
 * ```
 */
export interface TaskBatchSource {
  batches(): AsyncIterable<TaskBatch>;
  readonly dictionary: TraceDictionary;
  readonly report: TraceReport;
}

/**
 * Something that yields machine-event batches: a machine stream of {@link readTrace} or of a reader.
 *
 * @example
 * ```ts
 * const source: MachineBatchSource = readTrace({ format: 'google2011', dir }, { shape }).machines;
 * ```
 */
export interface MachineBatchSource {
  batches(): AsyncIterable<MachineEventBatch>;
  readonly dictionary: TraceDictionary;
  readonly report: TraceReport;
}

/**
 * Records to turn into a replay: the streams of {@link readTrace} (read as typed-array batches), or
 * any (async) iterables of objects (checked, then stored as columns).
 *
 * @example
 * ```ts
 * const records: ReplayRecords = { tasks: [{ id: 'a', submit: 0, request: { cpu: 100, memory: 1 } }] };
 * ```
 */
export interface ReplayRecords {
  readonly tasks: TaskBatchSource | AsyncIterable<TraceTask> | Iterable<TraceTask>;
  /** @defaultValue no machines */
  readonly machines?: MachineBatchSource | AsyncIterable<TraceMachine> | Iterable<TraceMachine>;
}

function isSource(x: unknown): boolean {
  const s = x as { batches?: unknown; dictionary?: unknown };
  return typeof s.batches === 'function' && s.dictionary instanceof TraceDictionary;
}

function isTaskSource(x: ReplayRecords['tasks']): x is TaskBatchSource {
  return isSource(x);
}

function isMachineSource(x: NonNullable<ReplayRecords['machines']>): x is MachineBatchSource {
  return isSource(x);
}

/**
 * Reads trace records into a {@link ReplayPlan}: tasks as columns sorted by arrival (a radix sort:
 * no comparator, no object per task), machine events in time order, and the counts of what
 * {@link replayScenario} will not apply. Streams are read batch by batch; objects are checked
 * (times finite and ≥ 0, integer resources, integer priorities) and a PodsimError lists every
 * problem with its path. Memory: 61 bytes per task, plus 16 while sorting, plus the dictionary (about
 * 20 bytes per numeric job key).
 *
 * @example
 * ```ts
 * const plan = await traceToScenario(
 *   readTrace({ format: 'google2011', dir }, { shape, window: { start: 600, end: 4200 } }),
 *   { mode: 'recorded' },
 * );
 * console.log(plan.tasks.length, plan.machines.length);
 * ```
 */
export async function traceToScenario(records: ReplayRecords, options: ReplayOptions = {}): Promise<ReplayPlan> {
  const mode = options.mode ?? 'reschedule';
  if (mode !== 'reschedule' && mode !== 'recorded') {
    throw new PodsimError([{ code: 'invalid_mode', path: 'mode', message: `"${String(mode)}" is not 'reschedule' or 'recorded'` }]);
  }
  const max = options.maxIssues ?? 100;
  const issues: Issue[] = [];
  let more = 0;
  const report = (issue: Issue): void => {
    if (issues.length < max) issues.push(issue);
    else more++;
  };
  const tasksIn = records.tasks;
  const dictionary = isTaskSource(tasksIn) ? tasksIn.dictionary : new TraceDictionary();
  const reports: { tasks?: TraceReport; machines?: TraceReport } = {};

  // Machines first: they are few, and the order of the two streams does not matter to the plan.
  const machineCols = new MachineColumns();
  const machinesIn = records.machines;
  if (machinesIn !== undefined) {
    if (isMachineSource(machinesIn)) {
      // Streams of another dictionary: map their machines to this plan's by name.
      const remap = machinesIn.dictionary === dictionary ? undefined : (m: number): number => dictionary.machine(machinesIn.dictionary.machines.name(m), machinesIn.dictionary.machineLabels[m]);
      for await (const b of machinesIn.batches()) {
        for (let i = 0; i < b.length; i++) machineCols.push(b.time[i] as number, b.kind[i] as 0 | 1 | 2, remap === undefined ? (b.machine[i] as number) : remap(b.machine[i] as number), b.cpu[i] as number, b.memory[i] as number);
      }
      reports.machines = machinesIn.report;
    } else await objectMachines(machinesIn, dictionary, machineCols, report);
  }
  const machines = sortedMachines(machineCols);

  const table = new TaskTable();
  if (isTaskSource(tasksIn)) {
    for await (const b of tasksIn.batches()) table.append(b);
    reports.tasks = tasksIn.report;
  } else await objectTasks(tasksIn, dictionary, table, report);
  if (issues.length > 0) {
    throw new PodsimError(issues, more > 0 ? `the replay records have ${issues.length + more} problems (first ${issues.length} listed)` : 'invalid replay records');
  }
  const tasks = table.sorted(mode === 'recorded' ? 'start' : 'submit');
  const dropped = mode === 'recorded' ? recordedCounts(tasks, machines) : {};
  return { mode, tasks, machines, dictionary, dropped, warnings: replayWarnings(mode, machines, dropped), reports };
}

/** The events in time order, ties in input order (readers' streams already are; objects may not be). */
function sortedMachines(cols: MachineColumns): MachineEventBatch {
  const all = cols.take() ?? { length: 0, time: new Float64Array(0), kind: new Uint8Array(0), machine: new Int32Array(0), cpu: new Float64Array(0), memory: new Float64Array(0) };
  let ordered = true;
  for (let i = 1; i < all.length && ordered; i++) if ((all.time[i] as number) < (all.time[i - 1] as number)) ordered = false;
  if (ordered) return all;
  const order = radixOrder(all.time);
  const pick = <A extends Float64Array | Int32Array | Uint8Array>(a: A): A => {
    const out = a.slice() as A;
    for (let i = 0; i < order.length; i++) out[i] = a[order[i] as number] as number;
    return out;
  };
  return { length: all.length, time: pick(all.time), kind: pick(all.kind), machine: pick(all.machine), cpu: pick(all.cpu), memory: pick(all.memory) };
}
