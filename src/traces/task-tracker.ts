import { NO_PRIORITY, TaskColumns, TaskFlag } from './task-batch.js';
import type { ResolvedOptions } from './trace-options.js';
import { bump, type TraceReport } from './trace-report.js';
import { makeSampler } from './sample-keeps.js';
import { scaleNormalised } from './scale-normalised.js';
import { SlotTable } from './slot-table.js';
import { grown } from '../util/grown.js';

/**
 * What {@link TaskTracker.advance} says about a row's time. @internal
 * @example
 * ```ts
 * if (tracker.advance(t) === Advance.Stop) stop();
 * ```
 */
export const Advance = { Ok: 0, Stop: 1, Unsorted: 2 } as const;
/**
 * @internal
 * @example
 * ```ts
 * if (tracker.advance(t) === Advance.Stop) stop();
 * ```
 */
export type Advance = (typeof Advance)[keyof typeof Advance];

/**
 * The task on the row being read, as the parser knows it: asked only when a task is new (job and
 * member are interned once per run, not per row) or when sampling needs the text id. @internal
 * @example
 * ```ts
 * const keys: RowKeys = { job: () => dict.job('7'), member: () => 0, id: () => '7/0' };
 * ```
 */
export interface RowKeys {
  /** The job index of the row's task. */
  job(): number;
  /** The member value of the row's task (see {@link TraceDictionary.taskId}). */
  member(): number;
  /** The row's task text id (for sampling). */
  id(): string;
}

/**
 * References to job indices (a {@link TraceDictionary} with `forgetJobs`): a tracker holds one per
 * task alive in it, until the batch with the task's last row has been taken. @internal
 * @example
 * ```ts
 * const refs: JobRefs = dictionary;
 * ```
 */
export interface JobRefs {
  retainJob(job: number): void;
  releaseJob(job: number): void;
  sweepJobs(): void;
  readonly forgetJobs: boolean;
}

/** Doubles per slot, and their offsets: submit, start and end times, CPU and memory requests, the two key numbers, the run's id. */
const F = 8;
const F_SUBMIT = 0;
const F_START = 1;
const F_END = 2;
const F_CPU = 3;
const F_MEMORY = 4;
const F_KEY_A = 5;
const F_KEY_B = 6;
const F_RUN = 7;
/** Integers per slot, and their offsets: priority, machine, job, member, state (0 alive, 1 ended: arrival order, waiting for release; 2 alive and released open). */
const I = 8;
const I_PRIORITY = 0;
const I_MACHINE = 1;
const I_JOB = 2;
const I_MEMBER = 3;
const I_STATE = 4;

/**
 * Pairs submit, schedule and end events of event-based traces (Google 2011 and 2019) into task rows of
 * a {@link TaskColumns}. Holds only the runs that are alive (submitted and not ended), so memory
 * follows the number of concurrent tasks, not the length of the trace. Expects rows in time order.
 *
 * A task is keyed by two numbers that the parser derives from its row without allocating (Google:
 * job id and task index). The state of alive runs is kept in typed arrays indexed by slot.
 *
 * Two output orders:
 * - end order (default): a run is emitted when it ends, complete;
 * - arrival order (`horizon` set, in trace units): runs are emitted in submission order; a run still
 *   alive `horizon` after its submission is emitted `Open` (duration unknown) and its `End` row follows
 *   when it ends; one released before it started also gets a `Start` row when it starts. Memory then
 *   also holds the runs submitted within the last `horizon`.
 * @internal
 * @example
 * ```ts
 * const tracker = new TaskTracker(options, report, keys);
 * tracker.submit(7, 0, 0, 0.5, 0.25, 9);
 * tracker.schedule(7, 0, 1e6, 3, NaN, NaN, NaN);
 * tracker.end(7, 0, 5e6); // tracker.out holds one row
 * ```
 */
export class TaskTracker {
  private readonly table = new SlotTable(4096);
  private last = -Infinity;
  private readonly keep: ((id: string) => boolean) | undefined;
  readonly out = new TaskColumns();

  // Alive runs by slot, a slot's numbers side by side (one cache line of doubles, half a line of
  // integers: a row touches one run, and reads and writes several of its fields). Offsets: F_* in
  // `f` (stride 8), I_* in `n` (stride 8). `free` is a stack of reusable slots.
  private cap = 0;
  private f = new Float64Array(0);
  private n = new Int32Array(0);
  private free = new Int32Array(0);
  private freeCount = 0;
  private next = 0;
  private seq = 0;

  // Arrival order: unreleased slots in submission order (a ring buffer).
  private fifo = new Int32Array(0);
  private head = 0;
  private count = 0;
  private readonly horizon: number;
  private readonly ordered: boolean;

  constructor(
    private readonly o: ResolvedOptions,
    private readonly report: TraceReport,
    private readonly keys: RowKeys,
    /** Arrival order: release runs alive this long after submission (trace units) as `Open`. @defaultValue end order */
    horizon?: number,
    /** Where references to the tasks' jobs are held (when it forgets jobs). @defaultValue none */
    private readonly jobs?: JobRefs,
  ) {
    this.keep = makeSampler(o.sample);
    if (jobs?.forgetJobs === true) this.out.onTake = () => this.settleJobs();
    this.horizon = horizon ?? NaN;
    this.ordered = horizon !== undefined;
    this.grow(4096);
    if (horizon !== undefined) this.fifo = new Int32Array(4096);
  }

  private grow(cap: number): void {
    this.f = grown(this.f, cap * F);
    this.n = grown(this.n, cap * I);
    const free = new Int32Array(cap);
    free.set(this.free.subarray(0, this.freeCount));
    this.free = free;
    this.cap = cap;
  }

  /** Checks a row's time: past the window end, going backwards, or fine (then remembered). */
  advance(t: number): Advance {
    if (t >= this.o.end) return Advance.Stop;
    if (t < this.last) return Advance.Unsorted;
    this.last = t;
    if (this.count > 0) this.release(t, false);
    return Advance.Ok;
  }

  private sampledOut(): boolean {
    return this.keep !== undefined && !this.keep(this.keys.id());
  }

  private add(a: number, b: number, submit: number, cpu: number, memory: number, priority: number): number {
    let slot: number;
    if (this.freeCount > 0) slot = this.free[--this.freeCount] as number;
    else {
      if (this.next === this.cap) this.grow(this.cap * 2);
      slot = this.next++;
    }
    const f = this.f;
    const x = slot * F;
    f[x + F_SUBMIT] = submit;
    f[x + F_START] = NaN;
    f[x + F_END] = NaN;
    f[x + F_CPU] = cpu;
    f[x + F_MEMORY] = memory;
    f[x + F_KEY_A] = a;
    f[x + F_KEY_B] = b;
    f[x + F_RUN] = this.seq++;
    const n = this.n;
    const y = slot * I;
    n[y + I_PRIORITY] = priority === priority ? priority : NO_PRIORITY;
    n[y + I_MACHINE] = -1;
    const job = this.keys.job();
    n[y + I_JOB] = job;
    this.jobs?.retainJob(job);
    n[y + I_MEMBER] = this.keys.member();
    n[y + I_STATE] = 0;
    this.table.set(a, b, slot);
    if (this.ordered) this.enqueue(slot);
    return slot;
  }

  private enqueue(slot: number): void {
    if (this.count === this.fifo.length) {
      const next = new Int32Array(this.fifo.length * 2);
      for (let i = 0; i < this.count; i++) next[i] = this.fifo[(this.head + i) % this.fifo.length] as number;
      this.fifo = next;
      this.head = 0;
    }
    this.fifo[(this.head + this.count) % this.fifo.length] = slot;
    this.count++;
  }

  private request(slot: number, cpu: number, memory: number, priority: number): void {
    const x = slot * F;
    if (cpu === cpu) this.f[x + F_CPU] = cpu;
    if (memory === memory) this.f[x + F_MEMORY] = memory;
    if (priority === priority) this.n[slot * I + I_PRIORITY] = priority;
  }

  /** True when the run in `slot` has started. */
  private started(slot: number): boolean {
    const s = this.f[slot * F + F_START] as number;
    return s === s;
  }

  submit(a: number, b: number, t: number, cpu: number, memory: number, priority: number): void {
    const slot = this.table.get(a, b);
    if (slot >= 0) {
      if (!this.started(slot)) {
        bump(this.report.notes, 'duplicateSubmit');
        this.request(slot, cpu, memory, priority);
        return;
      }
      bump(this.report.notes, 'submitWhileRunning');
      this.table.delete(a, b);
      this.finishRun(slot, t);
    } else if (this.sampledOut()) {
      bump(this.report.skipped, 'sampledOut');
      return;
    }
    this.add(a, b, t, cpu, memory, priority);
  }

  schedule(a: number, b: number, t: number, machine: number, cpu: number, memory: number, priority: number): void {
    let slot = this.table.get(a, b);
    if (slot < 0) {
      if (this.sampledOut()) return;
      bump(this.report.notes, 'scheduleWithoutSubmit');
      slot = this.add(a, b, t, NaN, NaN, NaN);
    } else if (this.started(slot)) {
      bump(this.report.notes, 'duplicateSchedule');
      return;
    }
    this.request(slot, cpu, memory, priority);
    this.f[slot * F + F_START] = t;
    this.n[slot * I + I_MACHINE] = machine;
    // Released Open before it started: say when and where it starts now, so that a consumer learns it
    // without waiting for the End row (a task may wait hours in the trace).
    if (this.n[slot * I + I_STATE] === 2) this.emit(slot, undefined, TaskFlag.Start);
  }

  /** A finish, fail, kill, evict or lost event: the run ends. */
  end(a: number, b: number, t: number): void {
    const slot = this.table.delete(a, b);
    if (slot < 0) {
      if (!this.sampledOut()) bump(this.report.skipped, 'unmatchedEnd');
      return;
    }
    this.finishRun(slot, t);
  }

  /**
   * A change of the request (Google 2011 UPDATE_PENDING/RUNNING, 2019 QUEUE, ENABLE, UPDATE_*):
   * applied while the task waits, ignored (and counted) once it runs; a row for a task that is not
   * alive is counted under `unknown` (e.g. `updateForUnknownTask`).
   */
  update(a: number, b: number, cpu: number, memory: number, priority: number, unknown: string): void {
    const slot = this.table.get(a, b);
    if (slot < 0) {
      if (!this.sampledOut()) bump(this.report.skipped, unknown);
      return;
    }
    if (this.started(slot)) {
      bump(this.report.notes, 'runningUpdateIgnored');
      return;
    }
    if (this.n[slot * I + I_STATE] === 2) bump(this.report.notes, 'updateAfterRelease');
    this.request(slot, cpu, memory, priority);
  }

  /** The run in `slot` (already taken out of the table) ended at `t` (trace units): emits it or keeps it for release in arrival order. */
  private finishRun(slot: number, t: number): void {
    const si = slot * I + I_STATE;
    const state = this.n[si] as number;
    if (!this.started(slot)) {
      bump(this.report.skipped, 'endedWhilePending');
      if (state === 2) this.emit(slot, t, TaskFlag.End);
      if (state !== 0 || !this.ordered) this.release1(slot);
      else this.n[si] = 1; // dropped when it reaches the queue's head
      this.f[slot * F + F_END] = NaN;
      return;
    }
    if (state === 2) {
      this.emit(slot, t, TaskFlag.End);
      this.release1(slot);
    } else if (this.ordered) {
      this.f[slot * F + F_END] = t;
      this.n[si] = 1;
    } else {
      this.emit(slot, t, 0);
      this.release1(slot);
    }
  }

  private release1(slot: number): void {
    this.n[slot * I + I_STATE] = 0;
    this.free[this.freeCount++] = slot;
    if (this.jobs !== undefined) this.released.push(this.n[slot * I + I_JOB] as number);
  }

  // Jobs of the runs released since the last take (their rows may be in the batch taken next), and
  // before it (their rows were in the batch taken then, which its consumer has read by the next take).
  private released: number[] = [];
  private releasedBefore: number[] = [];

  /** As a batch is taken: lets go of the jobs of runs whose rows were all in batches taken before, and forgets those held no more. */
  private settleJobs(): void {
    const jobs = this.jobs as JobRefs;
    const before = this.releasedBefore;
    for (let i = 0; i < before.length; i++) jobs.releaseJob(before[i] as number);
    before.length = 0;
    this.releasedBefore = this.released;
    this.released = before;
    jobs.sweepJobs();
  }

  /** Arrival order: emits queued runs in submission order while the head has ended or is older than the horizon. */
  private release(t: number, all: boolean): void {
    if (t < this.o.start && !all) return;
    const fifo = this.fifo;
    while (this.count > 0) {
      const slot = fifo[this.head] as number;
      const x = slot * F;
      const state = this.n[slot * I + I_STATE];
      if (state === 1) {
        const end = this.f[x + F_END] as number;
        if (end === end) this.emit(slot, end, 0);
        this.release1(slot);
      } else if (all) {
        this.emit(slot, undefined, 0);
        this.table.delete(this.f[x + F_KEY_A] as number, this.f[x + F_KEY_B] as number);
        this.release1(slot);
      } else if (Math.max(this.f[x + F_SUBMIT] as number, this.o.start) + this.horizon <= t) {
        this.emit(slot, undefined, TaskFlag.Open);
        this.n[slot * I + I_STATE] = 2;
      } else break;
      this.head = (this.head + 1) % fifo.length;
      this.count--;
    }
  }

  /** Emits every run still alive, ending running ones at the window end (or the last row read); in submission order. */
  finish(stoppedAtWindowEnd: boolean): void {
    const end = stoppedAtWindowEnd ? this.o.end : Math.min(this.o.end, this.last);
    this.windowEnd = end;
    if (this.ordered) this.release(end, true);
    // Arrival order: runs released open and still alive (their End rows); end order: every run alive.
    const slots: number[] = [];
    this.table.forEach((_a, _b, slot) => slots.push(slot));
    slots.sort((x, y) => (this.f[x * F + F_RUN] as number) - (this.f[y * F + F_RUN] as number));
    for (const slot of slots) {
      this.emit(slot, undefined, this.ordered ? TaskFlag.End : 0);
      this.release1(slot);
    }
    this.table.clear();
  }

  private windowEnd = Infinity;

  /**
   * Writes the run in `slot` as a row: `endTime` undefined means it had not ended (running or pending
   * at the window end, or released `Open`, or its `Start` row).
   */
  private emit(slot: number, endTime: number | undefined, flags: number): void {
    const o = this.o;
    const ws = o.start;
    const f = this.f;
    const x = slot * F;
    const submitAt = f[x + F_SUBMIT] as number;
    // End and Start rows follow an Open row, which counted the task.
    const follows = (flags & (TaskFlag.End | TaskFlag.Start)) !== 0;
    if (endTime !== undefined && endTime <= ws && !follows) {
      bump(this.report.skipped, 'beforeWindow');
      return;
    }
    if (submitAt < ws && !o.includeRunningAtStart) {
      if (!follows) bump(this.report.skipped, 'beforeWindow');
      return;
    }
    const ps = o.perSecond;
    const cpu = f[x + F_CPU] as number;
    const memory = f[x + F_MEMORY] as number;
    const open = (flags & (TaskFlag.Open | TaskFlag.Start)) !== 0;
    if (cpu !== cpu || memory !== memory) {
      flags |= TaskFlag.MissingRequest;
      if (!follows) bump(this.report.notes, 'missingRequest');
    }
    if (submitAt < ws) flags |= TaskFlag.BeforeWindow;
    const submit = Math.max(submitAt, ws);
    const n = this.n;
    const y = slot * I;
    const out = this.out;
    const r = out.add();
    out.id[r] = f[x + F_RUN] as number;
    out.submit[r] = (submit - ws) / ps;
    out.cpu[r] = cpu !== cpu ? 0 : scaleNormalised(cpu, o.shape.cpu);
    out.memory[r] = memory !== memory ? 0 : scaleNormalised(memory, o.shape.memory);
    out.priority[r] = n[y + I_PRIORITY] as number;
    out.job[r] = n[y + I_JOB] as number;
    out.member[r] = n[y + I_MEMBER] as number;
    const startAt = f[x + F_START] as number;
    if (startAt === startAt) {
      const start = Math.max(startAt, submit);
      out.start[r] = (start - ws) / ps;
      out.machine[r] = n[y + I_MACHINE] as number;
      if (open) out.duration[r] = NaN;
      else {
        if (endTime === undefined) {
          flags |= TaskFlag.RunningAtEnd;
          bump(this.report.notes, 'runningAtWindowEnd');
        }
        out.duration[r] = Math.max(0, (endTime ?? this.windowEnd) - start) / ps;
      }
    } else {
      out.start[r] = NaN;
      out.duration[r] = NaN;
      out.machine[r] = -1;
      if (!open && endTime === undefined) {
        flags |= TaskFlag.PendingAtEnd;
        bump(this.report.notes, 'pendingAtWindowEnd');
      }
    }
    out.flags[r] = flags;
  }
}
