import type { TraceTask } from './trace-records.js';
import type { ResolvedOptions } from './trace-options.js';
import { bump, type TraceReport } from './trace-report.js';
import { makeSampler } from './sample-keeps.js';
import { scaleNormalised } from './scale-normalised.js';

/** One run of a task that is alive (pending or running). Times in trace units; NaN when unknown. */
interface Attempt {
  submit: number;
  start: number;
  machine: string | undefined;
  cpu: number;
  memory: number;
  priority: number;
}

/** What {@link TaskTracker.advance} says about a row's time. @internal */
export const Advance = { Ok: 0, Stop: 1, Unsorted: 2 } as const;
/** @internal */
export type Advance = (typeof Advance)[keyof typeof Advance];

/**
 * Pairs submit, schedule and end events of event-based traces (Google 2011 and 2019) into
 * {@link TraceTask}s. Holds only the tasks that are alive (submitted and not ended), so memory follows
 * the number of concurrent tasks, not the length of the trace. Expects rows in time order.
 * @internal
 */
export class TaskTracker {
  private readonly alive = new Map<string, Attempt>();
  private last = -Infinity;
  private readonly keep: ((id: string) => boolean) | undefined;
  out: TraceTask[] = [];

  constructor(
    private readonly o: ResolvedOptions,
    private readonly report: TraceReport,
    /** Turns the internal key of a task into its public id. */
    private readonly toId: (key: string) => string,
  ) {
    this.keep = makeSampler(o.sample);
  }

  /** Number of tasks currently held. */
  get size(): number {
    return this.alive.size;
  }

  /** Checks a row's time: past the window end, going backwards, or fine (then remembered). */
  advance(t: number): Advance {
    if (t >= this.o.end) return Advance.Stop;
    if (t < this.last) return Advance.Unsorted;
    this.last = t;
    return Advance.Ok;
  }

  private sampledOut(key: string): boolean {
    return this.keep !== undefined && !this.keep(this.toId(key));
  }

  submit(key: string, t: number, cpu: number, memory: number, priority: number): void {
    const a = this.alive.get(key);
    if (a !== undefined) {
      if (Number.isNaN(a.start)) {
        bump(this.report.notes, 'duplicateSubmit');
        this.request(a, cpu, memory, priority);
        return;
      }
      bump(this.report.notes, 'submitWhileRunning');
      this.alive.delete(key);
      this.emit(key, a, t);
    } else if (this.sampledOut(key)) {
      bump(this.report.skipped, 'sampledOut');
      return;
    }
    this.alive.set(key, { submit: t, start: NaN, machine: undefined, cpu, memory, priority });
  }

  schedule(key: string, t: number, machine: string | undefined, cpu: number, memory: number, priority: number): void {
    let a = this.alive.get(key);
    if (a === undefined) {
      if (this.sampledOut(key)) return;
      bump(this.report.notes, 'scheduleWithoutSubmit');
      a = { submit: t, start: NaN, machine: undefined, cpu: NaN, memory: NaN, priority: NaN };
      this.alive.set(key, a);
    } else if (!Number.isNaN(a.start)) {
      bump(this.report.notes, 'duplicateSchedule');
      return;
    }
    this.request(a, cpu, memory, priority);
    a.start = t;
    a.machine = machine;
  }

  /** A finish, fail, kill, evict or lost event: the run ends. */
  end(key: string, t: number): void {
    const a = this.alive.get(key);
    if (a === undefined) {
      if (!this.sampledOut(key)) bump(this.report.skipped, 'unmatchedEnd');
      return;
    }
    this.alive.delete(key);
    if (Number.isNaN(a.start)) {
      bump(this.report.skipped, 'endedWhilePending');
      return;
    }
    this.emit(key, a, t);
  }

  /** An update of the request: used while the task waits, ignored (and counted) once it runs. */
  update(key: string, cpu: number, memory: number, priority: number): void {
    const a = this.alive.get(key);
    if (a === undefined) return;
    if (!Number.isNaN(a.start)) {
      bump(this.report.notes, 'runningUpdateIgnored');
      return;
    }
    this.request(a, cpu, memory, priority);
  }

  private request(a: Attempt, cpu: number, memory: number, priority: number): void {
    if (!Number.isNaN(cpu)) a.cpu = cpu;
    if (!Number.isNaN(memory)) a.memory = memory;
    if (!Number.isNaN(priority)) a.priority = priority;
  }

  /** Emits every task still alive, ending running ones at the window end (or the last row read). */
  finish(stoppedAtWindowEnd: boolean): void {
    const end = stoppedAtWindowEnd ? this.o.end : Math.min(this.o.end, this.last);
    for (const [key, a] of this.alive) this.emit(key, a, undefined, end);
    this.alive.clear();
  }

  private emit(key: string, a: Attempt, endTime: number | undefined, windowEnd = endTime as number): void {
    const o = this.o;
    const ws = o.start;
    if (endTime !== undefined && endTime <= ws) {
      bump(this.report.skipped, 'beforeWindow');
      return;
    }
    if (a.submit < ws && !o.includeRunningAtStart) {
      bump(this.report.skipped, 'beforeWindow');
      return;
    }
    const ps = o.perSecond;
    if (Number.isNaN(a.cpu) || Number.isNaN(a.memory)) bump(this.report.notes, 'missingRequest');
    const submit = Math.max(a.submit, ws);
    const task: { -readonly [K in keyof TraceTask]: TraceTask[K] } = {
      id: this.toId(key),
      submit: (submit - ws) / ps,
      request: {
        cpu: Number.isNaN(a.cpu) ? 0 : scaleNormalised(a.cpu, o.shape.cpu),
        memory: Number.isNaN(a.memory) ? 0 : scaleNormalised(a.memory, o.shape.memory),
      },
    };
    if (!Number.isNaN(a.priority)) task.priority = a.priority;
    if (!Number.isNaN(a.start)) {
      const start = Math.max(a.start, submit);
      const end = endTime ?? windowEnd;
      if (endTime === undefined) bump(this.report.notes, 'runningAtWindowEnd');
      task.start = (start - ws) / ps;
      task.duration = Math.max(0, end - start) / ps;
      if (a.machine !== undefined) task.machine = a.machine;
    } else bump(this.report.notes, 'pendingAtWindowEnd');
    this.out.push(task);
  }
}
