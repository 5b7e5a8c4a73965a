import { joinPath, type Issue } from '../errors.js';
import { MachineEventKind, type MachineColumns } from './machine-batch.js';
import { NO_PRIORITY, TaskColumns, TaskFlag, type TaskBatch } from './task-batch.js';
import type { TaskTable } from './task-table.js';
import type { TraceDictionary } from './trace-dictionary.js';
import type { TraceMachine, TraceTask } from './trace-records.js';

const KINDS: Readonly<Record<string, MachineEventKind>> = { add: MachineEventKind.Add, remove: MachineEventKind.Remove, update: MachineEventKind.Update };

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
 * Checks machine events given as objects and appends them as columns. @internal
 * @example
 * ```ts
 * await objectMachines([{ id: 'm1', time: 0, event: 'add', capacity: { cpu: 1000, memory: 2 ** 30 } }], dict, cols, report);
 * ```
 */
export async function objectMachines(
  machines: AsyncIterable<TraceMachine> | Iterable<TraceMachine>,
  dictionary: TraceDictionary,
  out: MachineColumns,
  report: (issue: Issue) => void,
): Promise<void> {
  let n = 0;
  for await (const m of machines) {
    const path = `machines[${n++}]`;
    const local: Issue[] = [];
    if (typeof m.id !== 'string' || m.id === '') local.push({ code: 'required', path: joinPath(path, 'id'), message: 'a machine needs an id' });
    if (!nonNegative(m.time)) local.push({ code: 'invalid_time', path: joinPath(path, 'time'), message: `${String(m.time)} is not a time ≥ 0` });
    const kind = KINDS[m.event];
    if (kind === undefined) local.push({ code: 'invalid_event', path: joinPath(path, 'event'), message: `"${String(m.event)}" is not add, remove or update` });
    checkResources(m.capacity, joinPath(path, 'capacity'), local);
    local.forEach(report);
    if (local.length === 0) out.push(m.time, kind as MachineEventKind, dictionary.machine(m.id, m.labels), m.capacity.cpu, m.capacity.memory);
  }
}

/**
 * Checks tasks given as objects and appends them as columns (a task's job key is its id up to the
 * last `/`). @internal
 * @example
 * ```ts
 * await objectTasks([{ id: 'a/0', submit: 0, request: { cpu: 100, memory: 1 } }], dict, table, report);
 * ```
 */
export async function objectTasks(tasks: AsyncIterable<TraceTask> | Iterable<TraceTask>, dictionary: TraceDictionary, table: TaskTable, report: (issue: Issue) => void): Promise<void> {
  const cols = new TaskColumns();
  let n = 0;
  for await (const t of tasks) {
    const path = `tasks[${n}]`;
    const local: Issue[] = [];
    if (typeof t.id !== 'string' || t.id === '') local.push({ code: 'required', path: joinPath(path, 'id'), message: 'a task needs an id' });
    if (!nonNegative(t.submit)) local.push({ code: 'invalid_time', path: joinPath(path, 'submit'), message: `${String(t.submit)} is not a time ≥ 0` });
    if (t.duration !== undefined && !nonNegative(t.duration)) local.push({ code: 'invalid_time', path: joinPath(path, 'duration'), message: `${String(t.duration)} is not a duration ≥ 0` });
    if (t.start !== undefined && !(nonNegative(t.start) && t.start >= t.submit)) local.push({ code: 'invalid_time', path: joinPath(path, 'start'), message: `${String(t.start)} is not a time ≥ the submit time` });
    checkResources(t.request, joinPath(path, 'request'), local);
    if (t.priority !== undefined && !(Number.isInteger(t.priority) && t.priority >= 0 && t.priority < 2 ** 31)) local.push({ code: 'invalid_priority', path: joinPath(path, 'priority'), message: `${String(t.priority)} is not a non-negative integer` });
    if (t.machine !== undefined && (typeof t.machine !== 'string' || t.machine === '')) local.push({ code: 'required', path: joinPath(path, 'machine'), message: 'a machine id must be a non-empty string' });
    local.forEach(report);
    if (local.length > 0) {
      n++;
      continue;
    }
    const slash = t.id.lastIndexOf('/');
    const key = slash > 0 ? t.id.slice(0, slash) : t.id;
    const r = cols.add();
    cols.id[r] = n++;
    cols.submit[r] = t.submit;
    cols.start[r] = t.start ?? NaN;
    cols.duration[r] = t.duration ?? NaN;
    cols.cpu[r] = t.request.cpu;
    cols.memory[r] = t.request.memory;
    cols.priority[r] = t.priority ?? NO_PRIORITY;
    cols.machine[r] = t.machine === undefined ? -1 : dictionary.machines.ofText(t.machine);
    cols.job[r] = dictionary.job(key);
    cols.member[r] = dictionary.memberText(t.id);
    cols.flags[r] = t.duration === undefined ? TaskFlag.PendingAtEnd : 0;
    if (cols.length >= 65536) table.append(cols.take() as TaskBatch);
  }
  const rest = cols.take();
  if (rest !== undefined) table.append(rest);
}
