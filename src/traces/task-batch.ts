import type { TraceDictionary } from './trace-dictionary.js';
import type { TraceTask } from './trace-records.js';

/**
 * Bits of {@link TaskBatch.flags}: what the trace said about a task beyond its columns.
 *
 * @example
 * ```ts
 * if (batch.flags[i]! & TaskFlag.PendingAtEnd) console.log('never started inside the window');
 * ```
 */
export const TaskFlag = {
  /** Still running when the window (or the input) ended: `duration` runs until then. */
  RunningAtEnd: 1,
  /** Never started inside the window: `start` and `duration` are NaN. */
  PendingAtEnd: 2,
  /** Submitted before the window start: `submit` was clamped to 0. */
  BeforeWindow: 4,
  /** Arrival order only: released before its end was read; `duration` is NaN and an `End` row with the same `id` follows (and, when `start` is NaN, a `Start` row first if the trace starts it). */
  Open: 8,
  /** Arrival order only: not an arrival but the end of an `Open` task released earlier (same `id`); `duration` is now known. */
  End: 16,
  /** The trace gave no CPU or memory request: the missing one is 0. */
  MissingRequest: 32,
  /**
   * Arrival order only: not an arrival but the start of an `Open` task released before the trace
   * started it (same `id`): `start` and `machine` are now known, with the request in force when it
   * started (its final one: a running task's request changes are ignored); `duration` is NaN. Its
   * `End` row still follows.
   */
  Start: 64,
} as const;

/**
 * {@link TaskBatch.priority} of a task whose trace gives no priority.
 * @example
 * ```ts
 * const p = batch.priority[i] === NO_PRIORITY ? undefined : batch.priority[i];
 * ```
 */
export const NO_PRIORITY = -2147483648;

/**
 * A batch of tasks (task runs) as typed-array columns, every column `length` long: what the trace
 * readers hand over, without an object per task. Times are seconds from the window start; CPU in
 * millicores and memory in bytes, exact integers. Integer columns index the stream's
 * {@link TraceDictionary}. A task that was evicted and resubmitted appears once per run, each run
 * with its own `id`.
 *
 * @example
 * ```ts
 * for await (const batch of readTrace(source, { shape }).tasks.batches()) {
 *   for (let i = 0; i < batch.length; i++) total += batch.cpu[i]! * (batch.duration[i]! || 0);
 * }
 * ```
 */
export interface TaskBatch {
  /** Number of rows. */
  readonly length: number;
  /** The run's id index, unique within one read of a stream (event traces: in submission order). */
  readonly id: Uint32Array;
  /** Submission time (clamped to 0 for tasks submitted before the window). */
  readonly submit: Float64Array;
  /** The trace's start, NaN when it never started inside the window. */
  readonly start: Float64Array;
  /** The trace's run time from `start` to its end (finish, fail, kill, evict, lost, or the window end); NaN when it never started, or for `Open` rows. */
  readonly duration: Float64Array;
  /** CPU request in millicores (an integer). */
  readonly cpu: Float64Array;
  /** Memory request in bytes (an integer). */
  readonly memory: Float64Array;
  /** Priority in the trace's scale, {@link NO_PRIORITY} when it has none. */
  readonly priority: Int32Array;
  /** The machine the trace ran it on (index into `dictionary.machines`), -1 when none. */
  readonly machine: Int32Array;
  /** Its job or workload key (index into `dictionary.jobs`). */
  readonly job: Int32Array;
  /** Its member within the job; see {@link TraceDictionary.taskId} for the text id. */
  readonly member: Int32Array;
  /** {@link TaskFlag} bits. */
  readonly flags: Uint8Array;
}

const INITIAL = 1024;

/**
 * A growable {@link TaskBatch} that readers fill row by row and hand over with `take()`. @internal
 * @example
 * ```ts
 * const cols = new TaskColumns();
 * const r = cols.add();
 * cols.submit[r] = 0; // … every column of row r
 * const batch = cols.take();
 * ```
 */
export class TaskColumns implements TaskBatch {
  length = 0;
  private capacity = 0;
  id = new Uint32Array(0);
  submit = new Float64Array(0);
  start = new Float64Array(0);
  duration = new Float64Array(0);
  cpu = new Float64Array(0);
  memory = new Float64Array(0);
  priority = new Int32Array(0);
  machine = new Int32Array(0);
  job = new Int32Array(0);
  member = new Int32Array(0);
  flags = new Uint8Array(0);

  constructor(initial = INITIAL) {
    this.allocate(initial);
  }

  private allocate(capacity: number): void {
    const n = this.length;
    const grow = <A extends Float64Array | Int32Array | Uint32Array | Uint8Array>(old: A, make: (n: number) => A): A => {
      const next = make(capacity);
      if (n > 0) next.set(old.subarray(0, n) as never);
      return next;
    };
    this.id = grow(this.id, (c) => new Uint32Array(c));
    this.submit = grow(this.submit, (c) => new Float64Array(c));
    this.start = grow(this.start, (c) => new Float64Array(c));
    this.duration = grow(this.duration, (c) => new Float64Array(c));
    this.cpu = grow(this.cpu, (c) => new Float64Array(c));
    this.memory = grow(this.memory, (c) => new Float64Array(c));
    this.priority = grow(this.priority, (c) => new Int32Array(c));
    this.machine = grow(this.machine, (c) => new Int32Array(c));
    this.job = grow(this.job, (c) => new Int32Array(c));
    this.member = grow(this.member, (c) => new Int32Array(c));
    this.flags = grow(this.flags, (c) => new Uint8Array(c));
    this.capacity = capacity;
  }

  /** Adds a row (its cells hold whatever was there: set every column) and returns its index. */
  add(): number {
    if (this.length === this.capacity) this.allocate(this.capacity * 2);
    return this.length++;
  }

  /** Called at each {@link TaskColumns.take}, before the rows are handed over. @defaultValue none */
  onTake: (() => void) | undefined;

  /** Hands over the rows added since the last take (exact-length copies: the builder's arrays are reused), or undefined when there are none. */
  take(): TaskBatch | undefined {
    this.onTake?.();
    const n = this.length;
    if (n === 0) return undefined;
    this.length = 0;
    return {
      length: n,
      id: this.id.slice(0, n),
      submit: this.submit.slice(0, n),
      start: this.start.slice(0, n),
      duration: this.duration.slice(0, n),
      cpu: this.cpu.slice(0, n),
      memory: this.memory.slice(0, n),
      priority: this.priority.slice(0, n),
      machine: this.machine.slice(0, n),
      job: this.job.slice(0, n),
      member: this.member.slice(0, n),
      flags: this.flags.slice(0, n),
    };
  }
}

/**
 * Row `i` of a task batch as a {@link TraceTask} object (for small traces, tests and printing; the
 * engine reads the columns).
 *
 * @example
 * ```ts
 * const first = taskRecord(batch, 0, stream.dictionary);
 * console.log(first.id, first.request.cpu);
 * ```
 */
export function taskRecord(b: TaskBatch, i: number, dict: TraceDictionary): TraceTask {
  const task: { -readonly [K in keyof TraceTask]: TraceTask[K] } = {
    id: dict.taskId(b.job[i] as number, b.member[i] as number),
    submit: b.submit[i] as number,
    request: { cpu: b.cpu[i] as number, memory: b.memory[i] as number },
  };
  const priority = b.priority[i] as number;
  if (priority !== NO_PRIORITY) task.priority = priority;
  const machine = b.machine[i] as number;
  if (machine >= 0) task.machine = dict.machines.name(machine);
  const start = b.start[i] as number;
  if (start === start) task.start = start;
  const duration = b.duration[i] as number;
  if (duration === duration) task.duration = duration;
  return task;
}
