import type { ArrivalContext, ArrivalSource } from '../simulation/arrivals.js';
import type { KubeOwnerSource } from '../kube/sim/kube-adapter.js';
import type { PriorityWaitBooks } from './priority-waits.js';
import { TaskSubmitter, type ReplaySourceBase } from './replay-submit.js';
import { grown } from '../util/grown.js';
import { SlotTable } from './slot-table.js';
import type { JobRefs } from './task-tracker.js';
import { NO_PRIORITY, TaskFlag, type TaskBatch } from './task-batch.js';
import { bump } from './trace-report.js';
import type { ReplayMode } from './trace-to-scenario.js';

/**
 * What a streaming replay counted beyond the readers' reports: the tasks handed over (arrival rows),
 * those that came `Open`, and the most tasks held at once (read but not yet submitted, or submitted
 * with an unknown end).
 *
 * @example
 * ```ts
 * replay.counts; // { tasks: 4000, open: 212, maxHeld: 183, dropped: {} }
 * ```
 */
export interface StreamCounts {
  /** Tasks handed over by the reader (arrival rows). */
  tasks: number;
  /** Of those, handed over `Open`. */
  open: number;
  /** The most tasks held at once by the stream (read, not yet submitted, or submitted with an unknown end). */
  maxHeld: number;
  /** Recorded mode: tasks not replayed, by reason (as `ReplayPlan.dropped`). */
  dropped: Record<string, number>;
  /** Tasks that came with a priority (not modelled: every task is submitted alike; see `warnings()`). */
  prioritised: number;
}

const BUFFERED = -2;
/** Seconds of slack between trace times converted to seconds along different paths (their rounding). */
const SLACK = 1e-3;

/**
 * The arrival source of a streaming replay: the tasks the reader has handed over and not yet
 * submitted, in arrival order (a FIFO in `reschedule` mode; by recorded start, then id, in
 * `recorded` mode), and the tasks whose end is not yet known. Struct of arrays with a free list:
 * memory follows what it holds, not the trace. It schedules its next arrival only when it is sure
 * nothing unread comes before it (the arrival `frontier`); otherwise it pauses the run and owes it.
 * @internal
 */
export class StreamArrivals implements ArrivalSource, ReplaySourceBase {
  owners: KubeOwnerSource | undefined;
  ownersByJob = true;
  /** Where the held tasks' jobs are referenced (a dictionary that forgets jobs), or none. */
  jobRefs: JobRefs | undefined;
  machineGone = 0;
  hostUp: ((host: number) => boolean) | undefined;
  priorities: PriorityWaitBooks | undefined;
  /** Called when the source cannot schedule its next arrival yet: stops the run after this event. */
  pause: () => void = () => undefined;
  /** Every task with an arrival time below this is held (or was submitted); `Infinity` once the reader is done. */
  frontier = -Infinity;
  /** A lower bound of the trace time read (seconds from the window start). */
  readTo = -Infinity;
  /** Whether the next arrival is not scheduled (pending more input); `false` once all are. */
  owes = true;
  private finished = false;
  readonly counts: StreamCounts = { tasks: 0, open: 0, maxHeld: 0, dropped: {}, prioritised: 0 };

  // The pool: held tasks, struct of arrays, free list.
  private cap = 0;
  private held = 0;
  private key = new Float64Array(0); // arrival time: submit (reschedule) or recorded start (recorded)
  private submitAt = new Float64Array(0);
  private startAt = new Float64Array(0); // recorded start, NaN when not (yet) known
  private duration = new Float64Array(0); // NaN while open
  private cpu = new Float64Array(0);
  private memory = new Float64Array(0);
  private job = new Int32Array(0);
  private priority = new Int32Array(0);
  private machine = new Int32Array(0);
  private id = new Uint32Array(0);
  private slot = new Int32Array(0); // BUFFERED, -1 (rejected or gone) or the container's slot
  private cid = new Float64Array(0); // the container's id
  private openAt = new Int32Array(0); // position in `openList`, -1 when its end is known
  private dead = new Uint8Array(0); // 1: drop when it comes up (killed while pending)
  private free = new Int32Array(0);
  private freeTop = 0;
  // Arrival order: a ring of pool indices (reschedule) or a binary heap (recorded).
  private order = new Int32Array(0);
  private head = 0;
  private count = 0;
  // Tasks whose end is unknown; and, recorded mode, those whose start is unknown (by submission).
  private openList = new Int32Array(64);
  private openCount = 0;
  private readonly openById = new SlotTable(1024);
  private waitSubmit = new Float64Array(64);
  private waitId = new Uint32Array(64);
  private waitHead = 0;
  private waitCount = 0;

  private ctx: ArrivalContext | undefined;
  private submitter: TaskSubmitter | undefined;
  private ARRIVE = -1;
  private readonly recorded: boolean;

  constructor(
    mode: ReplayMode,
    private readonly horizon: number,
    private readonly hostOf: Int32Array | undefined,
    private readonly added: Uint8Array | undefined,
  ) {
    this.recorded = mode === 'recorded';
    this.grow(1024);
  }

  start(ctx: ArrivalContext): void {
    this.ctx = ctx;
    this.submitter = new TaskSubmitter(ctx, this.owners, this.ownersByJob, this);
    this.ARRIVE = ctx.sim.on(() => this.onArrival());
    this.resume();
  }

  /** Whether the first arrival is certain (the run can be built with it scheduled). */
  get canStart(): boolean {
    if (!this.headReady()) return false;
    return this.count > 0 ? this.nextKey < this.frontier : this.frontier === Infinity;
  }

  /**
   * Drops the tasks at the head that the trace killed while pending, and says whether the head's
   * arrival is certain. Reschedule mode: an open task the trace has not started yet may still be
   * killed pending, and then it never arrives (as in the plan); its arrival is not scheduled until
   * its Start or End row says (else the run would have an arrival event the plan has not).
   */
  private headReady(): boolean {
    while (this.count > 0) {
      const p = this.order[this.head] as number;
      if (this.dead[p] === 1) {
        this.pop();
        this.release(p);
        continue;
      }
      return !((this.openAt[p] as number) >= 0 && this.startAt[p] !== this.startAt[p]);
    }
    return true;
  }

  /** The next arrival time held, or `Infinity`. */
  private get nextKey(): number {
    return this.count === 0 ? Infinity : (this.key[this.order[this.head] as number] as number);
  }

  /** Schedules the owed next arrival when nothing unread can come before it. */
  resume(): void {
    if (!this.owes || this.ctx === undefined) return;
    const ready = this.headReady();
    const t = this.nextKey;
    if (this.finished || (this.count === 0 && this.frontier === Infinity)) {
      this.owes = false;
      this.finished = true;
      return;
    }
    if (!ready || !(t < this.frontier)) return;
    if (t > this.ctx.until) {
      this.owes = false;
      this.finished = true;
      return;
    }
    this.owes = false;
    this.ctx.sim.scheduleAt(t, this.ARRIVE, 0);
  }

  /** Every task due now, in arrival order; then the next arrival, or a pause until it is known. */
  private onArrival(): void {
    const ctx = this.ctx as ArrivalContext;
    const submit = this.submitter as TaskSubmitter;
    const now = this.nextKey;
    while (this.count > 0 && this.nextKey === now) {
      const p = this.pop();
      if (this.dead[p] === 1) {
        this.release(p);
        continue;
      }
      let pinned = -1;
      if (this.recorded && this.hostOf !== undefined) {
        pinned = (this.hostOf[this.machine[p] as number] ?? -1) as number;
        if (pinned >= 0 && this.hostUp !== undefined && !this.hostUp(pinned)) {
          this.machineGone++;
          this.forget(p);
          continue;
        }
      }
      const s = submit.task(this.cpu[p] as number, this.memory[p] as number, this.duration[p] as number, pinned, this.job[p] as number, this.priority[p] as number);
      if ((this.openAt[p] as number) < 0) this.release(p);
      else {
        this.slot[p] = s;
        this.cid[p] = s < 0 ? -1 : ctx.containerId(s);
      }
    }
    this.owes = true;
    this.resume();
    if (this.owes) this.pause();
  }

  /**
   * The time before which the run may go: every event strictly before it is certain. The smaller of
   * the arrival frontier and, for each task whose end is unknown, a lower bound of its end in the
   * simulation: its run starts at `s` (its start, or no earlier than now or its arrival while it
   * waits) and lasts at least what the trace has shown of it, `R − T` (the trace time read minus its
   * recorded start, known from its Open or Start row).
   *
   * A task the trace has not started yet (no Start row) bounds the run at its arrival in reschedule
   * mode, and this cannot be relaxed without changing the result: whether it arrives at all is not
   * known (the plan leaves out a run the trace kills while it is pending) until the trace starts it
   * (Start row), kills it or the window ends (End row). Submitting it early and taking it back would
   * change the events of every task it shared the queue or a host with. So it holds the stream from
   * its submission to its recorded start; one pending at the window end holds it to the end. In
   * recorded mode such a task waits in no queue: it arrives at its recorded start, which is no
   * earlier than the trace time read (the arrival frontier).
   */
  safeTime(now: number): number {
    let safe = this.frontier;
    const ctx = this.ctx as ArrivalContext;
    const R = this.readTo - SLACK;
    for (let i = 0; i < this.openCount; i++) {
      const p = this.openList[i] as number;
      const sl = this.slot[p] as number;
      let base: number;
      if (sl === BUFFERED) {
        if (this.recorded && this.startAt[p] !== this.startAt[p]) continue; // arrives after the frontier
        base = Math.max(now, this.key[p] as number);
      }
      else if (sl < 0 || ctx.containerId(sl) !== this.cid[p]) continue;
      else {
        const rs = ctx.runStart(sl);
        base = rs === rs ? rs : now;
      }
      const T = this.startAt[p] as number;
      const bound = T === T && R > T ? base + (R - T) : base;
      if (bound < safe) safe = bound;
    }
    return safe;
  }

  /** Takes one batch of the reader's arrival-order rows. */
  take(b: TaskBatch): void {
    const h = this.horizon;
    for (let i = 0; i < b.length; i++) {
      const flags = b.flags[i] as number;
      const start = b.start[i] as number;
      const duration = b.duration[i] as number;
      if ((flags & TaskFlag.End) !== 0) {
        if (start === start && duration === duration && start + duration > this.readTo) this.readTo = start + duration;
        this.end(b, i, flags);
        continue;
      }
      if ((flags & TaskFlag.Start) !== 0) {
        if (start > this.readTo) this.readTo = start;
        this.started(b, i);
        continue;
      }
      const submit = b.submit[i] as number;
      const open = (flags & TaskFlag.Open) !== 0;
      this.counts.tasks++;
      if (open) this.counts.open++;
      if (b.priority[i] !== NO_PRIORITY) this.counts.prioritised++;
      if (submit > this.readTo) this.readTo = submit;
      this.lastSubmit = submit;
      if (open && submit + h > this.readTo) this.readTo = submit + h;
      if (!this.recorded) this.frontier = submit;
      const p = this.alloc();
      this.submitAt[p] = submit;
      this.startAt[p] = start;
      this.duration[p] = duration;
      this.cpu[p] = b.cpu[i] as number;
      this.memory[p] = b.memory[i] as number;
      this.job[p] = b.job[i] as number;
      this.jobRefs?.retainJob(b.job[i] as number);
      this.machine[p] = b.machine[i] as number;
      this.id[p] = b.id[i] as number;
      this.priority[p] = b.priority[i] as number;
      this.slot[p] = BUFFERED;
      this.dead[p] = 0;
      this.openAt[p] = -1;
      if (open) {
        this.openById.set(b.id[i] as number, 0, p);
        this.listOpen(p);
      }
      if (!this.recorded) {
        this.key[p] = submit;
        this.push(p);
      } else if (start !== start) {
        if (open) this.wait(p);
        else this.drop(p, 'neverStarted');
      } else this.placeRecorded(p);
    }
    if (this.recorded) this.frontier = this.recordedFrontier();
    if (this.held > this.counts.maxHeld) this.counts.maxHeld = this.held;
  }

  /** The reader is done: everything is known. */
  done(): void {
    this.frontier = Infinity;
    this.readTo = Infinity;
  }

  // Recorded mode: every task with a start below this is held. Unreleased tasks start no earlier than
  // their submission (≥ the last one released); one released Open before it started, no earlier than
  // its submission plus the horizon.
  private lastSubmit = -Infinity;
  private recordedFrontier(): number {
    // Tasks waiting for their start, by submission; those whose Start or End came wait no more.
    while (this.waitCount > 0) {
      const p = this.openById.get(this.waitId[this.waitHead] as number, 0);
      if (p >= 0 && this.startAt[p] !== this.startAt[p]) break;
      this.waitHead = (this.waitHead + 1) % this.waitId.length;
      this.waitCount--;
    }
    // A task still waiting starts no earlier than the trace time read: the reader hands over its
    // Start row when the trace starts it (no earlier than its release, its submission plus the
    // horizon; and never before its submission, exactly).
    const ws = this.waitSubmit[this.waitHead] as number;
    const w = this.waitCount > 0 ? Math.max(ws, Math.max(ws + this.horizon, this.readTo) - SLACK) : Infinity;
    return Math.min(this.lastSubmit, w);
  }

  // The recorded placement's rule (recordedDrop): a task is replayed only on a machine the events add.
  private placeRecorded(p: number): void {
    const m = this.machine[p] as number;
    if (m < 0) this.drop(p, 'noRecordedMachine');
    else if (this.added !== undefined && this.added[m] !== 1) this.drop(p, 'unknownMachine');
    else {
      this.key[p] = this.startAt[p] as number;
      this.push(p);
    }
  }

  private drop(p: number, why: string): void {
    bump(this.counts.dropped, why);
    this.forget(p);
  }

  // A task left out: no longer open, and its entry free.
  private forget(p: number): void {
    if ((this.openAt[p] as number) >= 0) {
      this.openById.delete(this.id[p] as number, 0);
      this.unlistOpen(p);
    }
    this.release(p);
  }

  // The Start row of an Open task released before the trace started it: its start, machine and
  // request (its final one). Reschedule mode: it stays queued at its submission, and from now on its
  // end is bounded by its start in the simulation plus what the trace shows of its run (safeTime).
  // Recorded mode: it was waiting in no queue; it now arrives at its recorded start, still open.
  private started(b: TaskBatch, i: number): void {
    const p = this.openById.get(b.id[i] as number, 0);
    if (p < 0 || this.startAt[p] === this.startAt[p] || (this.slot[p] as number) !== BUFFERED) return;
    this.startAt[p] = b.start[i] as number;
    this.machine[p] = b.machine[i] as number;
    this.cpu[p] = b.cpu[i] as number;
    this.memory[p] = b.memory[i] as number;
    this.priority[p] = b.priority[i] as number;
    if (this.recorded) this.placeRecorded(p);
  }

  // The End row of an Open task: its final columns.
  private end(b: TaskBatch, i: number, flags: number): void {
    const p = this.openById.delete(b.id[i] as number, 0);
    if (p < 0) return;
    this.unlistOpen(p);
    const start = b.start[i] as number;
    const killed = start !== start && (flags & TaskFlag.PendingAtEnd) === 0;
    const d = b.duration[i] as number;
    const sl = this.slot[p] as number;
    if (sl === BUFFERED) {
      // Not submitted yet: it arrives with its final columns, as in the plan (killed while pending: never).
      if (killed) {
        this.dead[p] = 1;
        if (this.recorded && this.startAt[p] !== this.startAt[p]) this.release(p); // waiting: in no queue
        return;
      }
      this.duration[p] = d;
      this.cpu[p] = b.cpu[i] as number;
      this.memory[p] = b.memory[i] as number;
      this.priority[p] = b.priority[i] as number;
      this.machine[p] = b.machine[i] as number;
      if (this.recorded && this.startAt[p] !== this.startAt[p]) {
        this.startAt[p] = start;
        if (start !== start) this.drop(p, 'neverStarted');
        else this.placeRecorded(p);
      } else this.startAt[p] = start;
      return;
    }
    // Submitted: it had started in the trace (a task whose start is unknown bounds the run at its
    // arrival, so it is not submitted before its Start row), so it was not killed while pending.
    if (killed) throw new Error(`replayStream: task ${b.id[i] as number} was submitted open before its start was known`);
    const ctx = this.ctx as ArrivalContext;
    if (sl >= 0 && ctx.containerId(sl) === this.cid[p]) ctx.setDuration(sl, d === d ? d : Infinity);
    this.release(p);
  }

  // ——————————————————————————————— the pool and its orders

  private alloc(): number {
    if (this.freeTop === 0) this.grow(this.cap * 2);
    this.held++;
    return this.free[--this.freeTop] as number;
  }

  private release(p: number): void {
    this.jobRefs?.releaseJob(this.job[p] as number);
    this.held--;
    this.free[this.freeTop++] = p;
  }

  private grow(cap: number): void {
    const old = this.cap;
    this.key = grown(this.key, cap);
    this.submitAt = grown(this.submitAt, cap);
    this.startAt = grown(this.startAt, cap);
    this.duration = grown(this.duration, cap);
    this.cpu = grown(this.cpu, cap);
    this.memory = grown(this.memory, cap);
    this.cid = grown(this.cid, cap);
    this.job = grown(this.job, cap);
    this.priority = grown(this.priority, cap);
    this.machine = grown(this.machine, cap);
    this.slot = grown(this.slot, cap);
    this.openAt = grown(this.openAt, cap);
    this.id = grown(this.id, cap);
    this.dead = grown(this.dead, cap);
    // The ring keeps its order: unrolled from its head.
    const order = new Int32Array(cap);
    if (this.recorded) order.set(this.order.subarray(0, this.count));
    else for (let k = 0; k < this.count; k++) order[k] = this.order[(this.head + k) % old] as number;
    this.order = order;
    this.head = 0;
    this.free = grown(this.free, cap);
    for (let p = cap - 1; p >= old; p--) this.free[this.freeTop++] = p;
    this.cap = cap;
  }

  private push(p: number): void {
    if (!this.recorded) {
      this.order[(this.head + this.count) % this.cap] = p;
      this.count++;
      return;
    }
    // Binary heap by (start, id).
    const o = this.order;
    let k = this.count++;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      const q = o[parent] as number;
      if (!this.before(p, q)) break;
      o[k] = q;
      k = parent;
    }
    o[k] = p;
  }

  private pop(): number {
    const o = this.order;
    if (!this.recorded) {
      const p = o[this.head] as number;
      this.head = (this.head + 1) % this.cap;
      this.count--;
      return p;
    }
    const top = o[0] as number;
    const last = o[--this.count] as number;
    let k = 0;
    const n = this.count;
    for (;;) {
      let c = 2 * k + 1;
      if (c >= n) break;
      if (c + 1 < n && this.before(o[c + 1] as number, o[c] as number)) c++;
      if (!this.before(o[c] as number, last)) break;
      o[k] = o[c] as number;
      k = c;
    }
    if (n > 0) o[k] = last;
    return top;
  }

  private before(p: number, q: number): boolean {
    const a = this.key[p] as number, b = this.key[q] as number;
    return a < b || (a === b && (this.id[p] as number) < (this.id[q] as number));
  }

  private listOpen(p: number): void {
    if (this.openCount === this.openList.length) this.openList = grown(this.openList, this.openList.length * 2);
    this.openAt[p] = this.openCount;
    this.openList[this.openCount++] = p;
  }

  private unlistOpen(p: number): void {
    const at = this.openAt[p] as number;
    const last = this.openList[--this.openCount] as number;
    this.openList[at] = last;
    this.openAt[last] = at;
    this.openAt[p] = -1;
  }

  // Recorded mode: an Open task not yet started in the trace, remembered by id and submission.
  private wait(p: number): void {
    const n = this.waitId.length;
    if (this.waitCount === n) {
      const ids = new Uint32Array(n * 2), subs = new Float64Array(n * 2);
      for (let k = 0; k < this.waitCount; k++) {
        ids[k] = this.waitId[(this.waitHead + k) % n] as number;
        subs[k] = this.waitSubmit[(this.waitHead + k) % n] as number;
      }
      this.waitId = ids;
      this.waitSubmit = subs;
      this.waitHead = 0;
    }
    const at = (this.waitHead + this.waitCount) % this.waitId.length;
    this.waitId[at] = this.id[p] as number;
    this.waitSubmit[at] = this.submitAt[p] as number;
    this.waitCount++;
  }
}
