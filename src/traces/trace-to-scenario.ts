import { PodsimError, joinPath, type Issue } from '../errors.js';
import type { TraceMachine, TraceTask } from './trace-records.js';

/**
 * How a replay uses the trace: `reschedule` lets podsim's scheduler place every task (recorded
 * machines and start times are dropped); `recorded` follows the trace's placements and start times,
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
  /** How many issues to list before only counting them. @defaultValue 100 */
  readonly maxIssues?: number;
}

/**
 * A trace turned into the pieces of a podsim scenario: machine events and tasks sorted by time,
 * with unique task ids. Engine-agnostic; `simulate()` wiring consumes it.
 *
 * @example
 * ```ts
 * const plan: ReplayPlan = {
 *   mode: 'reschedule',
 *   machines: [{ id: 'm1', time: 0, event: 'add', capacity: { cpu: 4000, memory: 2 ** 33 } }],
 *   tasks: [{ id: 'j/0', submit: 0, duration: 60, request: { cpu: 500, memory: 2 ** 28 } }],
 * };
 * ```
 */
export interface ReplayPlan {
  /** How the tasks are to be placed. */
  readonly mode: ReplayMode;
  /** Machine events sorted by time (ties keep input order). */
  readonly machines: TraceMachine[];
  /**
   * Tasks sorted by submit time (ties keep input order). Ids are unique: the second and later runs of
   * a trace task get `#2`, `#3`, … appended. In `reschedule` mode tasks carry no `machine`/`start`;
   * in `recorded` mode they keep them.
   */
  readonly tasks: TraceTask[];
}

/**
 * Records to turn into a replay: the streams of {@link readTrace} or any (async) iterables.
 *
 * @example
 * ```ts
 * const records: ReplayRecords = { tasks: [{ id: 'a', submit: 0, request: { cpu: 100, memory: 1 } }] };
 * ```
 */
export interface ReplayRecords {
  readonly tasks: AsyncIterable<TraceTask> | Iterable<TraceTask>;
  /** @defaultValue no machines */
  readonly machines?: AsyncIterable<TraceMachine> | Iterable<TraceMachine>;
}

function checkResources(r: unknown, path: string, issues: Issue[]): void {
  const res = r as { cpu?: unknown; memory?: unknown } | undefined;
  if (res === undefined || res === null || typeof res !== 'object') {
    issues.push({ code: 'required', path, message: 'must be { cpu, memory }' });
    return;
  }
  for (const k of ['cpu', 'memory'] as const) {
    const v = res[k];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      issues.push({ code: 'invalid_quantity', path: joinPath(path, k), message: `${String(v)} is not a non-negative integer (${k === 'cpu' ? 'millicores' : 'bytes'})` });
    }
  }
}

function nonNegative(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

/**
 * Collects trace records into a {@link ReplayPlan}: sorts tasks by submit time and machine events
 * by time (stable), makes task ids unique, and keeps or drops recorded placements according to the
 * mode. Checks every record (times finite and ≥ 0, integer resources, in `recorded` mode placements
 * on known machines when machines are given) and throws a PodsimError listing the problems.
 * Everything is held in memory: use a window or a sample for large traces.
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
  const max = options.maxIssues ?? 100;
  const issues: Issue[] = [];
  let more = 0;
  const report = (issue: Issue): void => {
    if (issues.length < max) issues.push(issue);
    else more++;
  };
  if (mode !== 'reschedule' && mode !== 'recorded') {
    throw new PodsimError([{ code: 'invalid_mode', path: 'mode', message: `"${String(mode)}" is not 'reschedule' or 'recorded'` }]);
  }

  const machines: TraceMachine[] = [];
  const machineIds = new Set<string>();
  if (records.machines !== undefined) {
    for await (const m of records.machines) {
      const path = `machines[${machines.length}]`;
      const local: Issue[] = [];
      if (typeof m.id !== 'string' || m.id === '') local.push({ code: 'required', path: joinPath(path, 'id'), message: 'a machine needs an id' });
      if (!nonNegative(m.time)) local.push({ code: 'invalid_time', path: joinPath(path, 'time'), message: `${String(m.time)} is not a time ≥ 0` });
      if (m.event !== 'add' && m.event !== 'remove' && m.event !== 'update') local.push({ code: 'invalid_event', path: joinPath(path, 'event'), message: `"${String(m.event)}" is not add, remove or update` });
      checkResources(m.capacity, joinPath(path, 'capacity'), local);
      local.forEach(report);
      machineIds.add(m.id);
      machines.push(m);
    }
  }

  const tasks: TraceTask[] = [];
  for await (const t of records.tasks) {
    const path = `tasks[${tasks.length}]`;
    const local: Issue[] = [];
    if (typeof t.id !== 'string' || t.id === '') local.push({ code: 'required', path: joinPath(path, 'id'), message: 'a task needs an id' });
    if (!nonNegative(t.submit)) local.push({ code: 'invalid_time', path: joinPath(path, 'submit'), message: `${String(t.submit)} is not a time ≥ 0` });
    if (t.duration !== undefined && !nonNegative(t.duration)) local.push({ code: 'invalid_time', path: joinPath(path, 'duration'), message: `${String(t.duration)} is not a duration ≥ 0` });
    if (t.start !== undefined && !(nonNegative(t.start) && t.start >= t.submit)) local.push({ code: 'invalid_time', path: joinPath(path, 'start'), message: `${String(t.start)} is not a time ≥ the submit time` });
    checkResources(t.request, joinPath(path, 'request'), local);
    if (mode === 'recorded' && t.machine !== undefined && machineIds.size > 0 && !machineIds.has(t.machine)) {
      local.push({ code: 'unknown_machine', path: joinPath(path, 'machine'), message: `machine "${t.machine}" is not among the trace's machines` });
    }
    local.forEach(report);
    tasks.push(t);
  }
  if (issues.length > 0) {
    throw new PodsimError(issues, more > 0 ? `the replay records have ${issues.length + more} problems (first ${issues.length} listed)` : 'invalid replay records');
  }

  machines.sort((a, b) => a.time - b.time);
  tasks.sort((a, b) => a.submit - b.submit);
  const runs = new Map<string, number>();
  const out: TraceTask[] = new Array<TraceTask>(tasks.length);
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i] as TraceTask;
    const n = (runs.get(t.id) ?? 0) + 1;
    runs.set(t.id, n);
    const id = n === 1 ? t.id : `${t.id}#${n}`;
    if (mode === 'reschedule') {
      const { machine: _m, start: _s, ...rest } = t;
      out[i] = { ...rest, id };
    } else out[i] = id === t.id ? t : { ...t, id };
  }
  return { mode, machines, tasks: out };
}
