import type { ClusterState } from '../cluster/cluster-state.js';
import { PodsimError } from '../errors.js';
import type { Simulator } from '../engine/simulator.js';
import type { CompiledWorkload } from '../scenario/compile.js';
import { explainFit } from '../scheduling/explain-fit.js';
import type { HostCondition } from '../scheduling/host-condition.js';
import type { PendingQueue, QueueContext } from '../scheduling/pending-queue.js';
import type { PlacementRequest } from '../scheduling/policy.js';
import { SchedulingDecision, type Scheduler } from '../scheduling/scheduler.js';
import type { SampleStore } from '../metrics/sample-store.js';
import { W_COMPLETED, W_FAILED, W_LOST, W_PLACED, W_REJECTED, W_STRIDE, W_SUBMITTED, type Accounting } from './accounting.js';
import {
  I_ATTEMPTS, I_HOST, I_ORDINAL, I_PINNED, I_REQUEST, I_STATE, I_STRIDE, I_WORKLOAD, N_DURATION, N_FINISH, N_ID, N_PLACED, N_RETRY_AT, N_SINCE, N_STRIDE, N_SUBMIT, N_TRIED,
  SLOT_MASK, ST_FREE, ST_PENDING, ST_PLACED, ST_RETURNING, ST_RUNNING, type ContainerTable,
} from './container-table.js';
import { badChoice, refusedChoice } from './choice-errors.js';
import type { CycleParts } from './cycle-parts.js';
import { FailureMemo } from './failure-memo.js';
import { Outcome, runsFixed, type Lifecycle } from './lifecycle.js';
import { E_EVICTED, E_EXPLAINED, E_FAILED, E_FINISHED, E_LOST, E_PLACED, E_PREEMPTED, E_READY, E_REJECTED, E_STARTED, E_SUBMITTED, type EventStream } from './observation.js';
import { RequestRows } from './request-rows.js';
import type { ExplainRecord } from './result.js';

// Bits of SchedulingCycle.hooks: which optional protocol methods exist.
const H_QUEUE_PLACED = 1, H_QUEUE_RELEASED = 2, H_SCHEDULER_PLACED = 4, H_SCHEDULER_RELEASED = 8;

// Seconds an evicted container waits before it queues again: the scheduler's initial back-off, as a
// controller would recreate it. Queueing at once could evict and re-place it forever at one instant.
const RETURN_DELAY = 1;

/**
 * @internal The simulation's hot path, from submission to release: a container is recorded in the
 * table and handed to the {@link PendingQueue}; the queue asks for attempts ({@link QueueContext});
 * an attempt asks the {@link Scheduler}, evicts the victims it names (through {@link SchedulingCycle.evict},
 * the one eviction path) and asks again, then allocates and starts the container; when it ends or is
 * evicted it leaves its host and the queue is tried again. Every transition is one numbered event
 * code, emitted only when someone observes.
 *
 * Its methods are the queue's context, so queues call them directly (one monomorphic call, no
 * closure per run).
 *
 * @example
 * ```ts
 * const cycle = new SchedulingCycle(parts);
 * cycle.submit(w, -1, duration);
 * ```
 */
export class SchedulingCycle implements QueueContext {
  /** The performance model, when a workload uses it (see {@link SchedulingCycle.useLifecycle}). */
  life: Lifecycle | undefined;
  /** Names whose scheduling attempts are explained, and the records. */
  explainNames: Set<string> | undefined;
  readonly explained: ExplainRecord[] = [];
  /** Handlers of the cycle's own events, registered by {@link SchedulingCycle.registerEvents}. */
  FINISH = -1;
  private RETURN = -1;
  private RETRY = -1;

  private readonly sim: Simulator;
  private readonly cluster: ClusterState;
  private readonly workloads: readonly CompiledWorkload[];
  // The requests (see RequestRows), and its array, read afresh whenever a container gets a row of its own.
  private readonly rows: RequestRows;
  private demand: Float64Array;
  // The last failed attempt, when the scheduler fails only when nothing fits (else undefined).
  private readonly memo: FailureMemo | undefined;
  private readonly feasible: Uint8Array;
  private readonly D: number;
  private readonly table: ContainerTable;
  private readonly books: Accounting;
  private readonly events: EventStream;
  private readonly scheduler: Scheduler;
  private readonly queue: PendingQueue;
  private readonly req: PlacementRequest;
  private readonly decision = new SchedulingDecision();
  /** Whether the scheduler handles host conditions itself (else it must keep off blocked hosts). */
  private readonly ownsConditions: boolean;
  // Which optional hooks the scheduler and queue have (H_* bits), looked up once.
  private readonly hooks: number;
  // 1 for each workload the performance model runs (all 0 without it).
  private readonly modelled: Uint8Array;
  // 1 for each workload whose run may be timed by a FINISH event: not modelled, or modelled with a fixed run (runsFixed).
  private readonly timed: Uint8Array;
  private readonly until: number;
  private readonly backgroundEvents: () => number;
  private gangHosts = new Int32Array(64);
  private retryEvent = -1;
  private retryTime = Infinity;
  private draining = false;
  // Placements, releases and condition changes so far: what can make a failed attempt succeed.
  private changes = 0;

  /** Placements, releases and host condition changes so far (the cluster autoscaler redoes its scale-down simulation when this moves). */
  get changeCount(): number {
    return this.changes;
  }

  constructor(p: CycleParts) {
    this.sim = p.sim;
    this.cluster = p.cluster;
    this.workloads = p.workloads;
    this.rows = new RequestRows(p.cluster, p.workloads.length, p.demand);
    this.demand = p.demand;
    this.memo = p.scheduler.failsOnlyWhenNothingFits === true ? new FailureMemo() : undefined;
    this.feasible = p.feasible;
    this.D = p.cluster.D;
    this.table = p.table;
    this.books = p.books;
    this.events = p.events;
    this.scheduler = p.scheduler;
    this.queue = p.queue;
    this.req = { container: 0, workload: 0, demand: p.demand, offset: 0, attempts: 0 };
    this.ownsConditions = p.scheduler.hostConditionChanged !== undefined;
    this.hooks = (p.queue.placed === undefined ? 0 : H_QUEUE_PLACED) | (p.queue.released === undefined ? 0 : H_QUEUE_RELEASED)
      | (p.scheduler.placed === undefined ? 0 : H_SCHEDULER_PLACED) | (p.scheduler.released === undefined ? 0 : H_SCHEDULER_RELEASED);
    this.modelled = new Uint8Array(p.workloads.length);
    this.timed = new Uint8Array(p.workloads.length).fill(1);
    this.until = p.until;
    this.backgroundEvents = p.backgroundEvents;
  }

  /** Hands the workloads that use the performance model to it. */
  useLifecycle(life: Lifecycle): void {
    this.life = life;
    this.workloads.forEach((w, i) => {
      this.modelled[i] = w.modelled ? 1 : 0;
      this.timed[i] = !w.modelled || runsFixed(w) ? 1 : 0;
    });
  }

  /** Registers the cycle's event handlers with the kernel: a fixed run's end, an evicted container's return, the queue's wake-up. */
  registerEvents(): void {
    // With no workload under the performance model every fixed run's end is a finish (onFinish would only
    // check that): its handler leaves at once.
    this.FINISH = this.workloads.some((w) => w.modelled) ? this.sim.on((slot) => this.onFinish(slot)) : this.sim.on((slot) => this.leave(slot, E_FINISHED));
    this.RETRY = this.sim.on(() => this.onRetry());
    this.RETURN = this.sim.on((slot) => this.onReturn(slot));
  }

  // ————————————————————————————————————————— the queue's context

  get now(): number {
    return this.sim.now;
  }

  retryAt(container: number): number {
    return this.table.nums[(container & SLOT_MASK) * N_STRIDE + N_RETRY_AT] as number;
  }

  workload(container: number): number {
    return this.table.ints[container * I_STRIDE + I_WORKLOAD] as number;
  }

  ordinal(container: number): number {
    return this.table.ints[container * I_STRIDE + I_ORDINAL] as number;
  }

  submitTime(container: number): number {
    return this.table.nums[container * N_STRIDE + N_SUBMIT] as number;
  }

  /**
   * One scheduling attempt: the scheduler decides (evicting its victims and deciding again), then the
   * cluster allocates and the container starts. A pinned container (a DaemonSet's, a trace's recorded
   * host, a gang member's) needs only the room: it tolerates the conditions that block a host, as
   * DaemonSet pods do.
   */
  attempt(slot: number): boolean {
    const ints = this.table.ints, bi = (slot & SLOT_MASK) * I_STRIDE;
    const offset = ints[bi + I_REQUEST] as number, pinned = ints[bi + I_PINNED] as number;
    const memo = this.memo;
    // A request the memo knows fits nowhere fails first, before the scheduler's request and decision are
    // set up (neither is read on this path): under FIFO, the attempt after each placement from the queue.
    if (pinned < 0 && memo !== undefined && this.explainNames === undefined && memo.wouldFail(offset, this.cluster, this.demand)) {
      this.unschedulable(slot, 0);
      return false;
    }
    const req = this.req;
    req.container = slot;
    req.workload = ints[bi + I_WORKLOAD] as number;
    req.offset = offset;
    req.attempts = ints[bi + I_ATTEMPTS] as number;
    const decision = this.decision;
    decision.reset();
    let h: number;
    if (pinned >= 0) h = this.cluster.hasRoom(pinned, this.demand, offset) ? pinned : -1;
    else {
      h = this.scheduler.select(req, this.cluster, decision);
      if (h === -1 && decision.victimCount > 0) {
        this.preempt(decision);
        decision.reset();
        h = this.scheduler.select(req, this.cluster, decision);
      }
      if (this.explainNames !== undefined) this.record(slot, h);
      // Remembered for the workloads' rows only: a slot's own row is rewritten by its next container.
      if (h === -1 && memo !== undefined && offset < this.rows.workloadRows) memo.failed(offset, this.cluster.version);
    }
    if (h === -1) {
      this.unschedulable(slot, decision.retryAt);
      return false;
    }
    if (!(h >= 0 && h < this.cluster.hostCount && h === Math.floor(h)) || (pinned < 0 && !this.ownsConditions && this.cluster.blocked[h] === 1)) throw badChoice(this.scheduler.name, this.cluster, h);
    this.place(slot, h);
    return true;
  }

  /** All or nothing: hosts for the whole gang found on the side, then each member placed on its host; otherwise every member backs off together. */
  attemptGang(members: Int32Array, count: number): boolean {
    const ints = this.table.ints;
    const first = members[0] as number;
    const w = ints[first * I_STRIDE + I_WORKLOAD] as number;
    const s = this.scheduler;
    if (s.selectGang === undefined) throw new Error(`placement policy "${s.name}" cannot place gangs (it has no selectGang)`);
    const req = this.req;
    req.container = first;
    req.workload = w;
    req.offset = ints[first * I_STRIDE + I_REQUEST] as number;
    req.attempts = ints[first * I_STRIDE + I_ATTEMPTS] as number;
    const decision = this.decision;
    decision.reset();
    if (this.gangHosts.length < count) this.gangHosts = new Int32Array(count);
    if (!s.selectGang(members, count, req, this.cluster, this.gangHosts, decision)) {
      // Every member counts the gang's attempt, as the first member's next.
      const n = req.attempts;
      for (let i = 0; i < count; i++) {
        const m = members[i] as number;
        ints[m * I_STRIDE + I_ATTEMPTS] = n;
        this.unschedulable(m, decision.retryAt);
      }
      return false;
    }
    for (let i = 0; i < count; i++) {
      const m = members[i] as number;
      ints[m * I_STRIDE + I_PINNED] = this.gangHosts[i] as number;
      this.attempt(m);
      ints[m * I_STRIDE + I_PINNED] = -1;
    }
    return true;
  }

  // ————————————————————————————————————————— arrivals and the queue

  /** A container arrives: recorded, then rejected (it fits no host) or handed to the queue. */
  submit(w: number, pinned: number, duration: number): void {
    // Small, so that V8 may inline it into its callers; where it does, the run time (a double) is not boxed for the call.
    // Its offset is written without SLOT_MASK: those few bytes more took it past the size V8 optimises early
    // (a small function), and the arrivals' handler then inlined it in place of the random draw and the
    // FIFO's add, both left as calls (+90 instructions per M/M/10 customer).
    const slot = this.newRow(w, pinned);
    this.table.nums[slot * N_STRIDE + N_DURATION] = duration;
    this.admit(slot, w, pinned, this.feasible[w] === 1);
  }

  /**
   * A container of workload `w` arrives with its own request (`request[offset .. offset + D)`, over
   * the run's dimensions) instead of its workload's: recorded, then rejected (it fits no host) or
   * queued, as {@link SchedulingCycle.submit}. Returns its slot, or -1 when it was rejected.
   */
  submitWith(w: number, pinned: number, duration: number, request: ArrayLike<number>, offset: number): number {
    const wl = this.workloads[w];
    if (wl === undefined || wl.modelled) {
      const why = wl === undefined ? `there is no workload ${w}` : `workload '${wl.name}' runs under the performance model, whose CPU shares, limits and memory come from the workload's request`;
      throw new PodsimError([{ code: 'invalid_option', path: 'submitWith.workload', message: `cannot submit a container with its own request: ${why}` }], 'cannot submit the container');
    }
    const slot = this.newRow(w, pinned);
    const row = this.rows.setOwn(slot, request, offset);
    this.demand = this.req.demand = this.rows.demand;
    this.table.ints[slot * I_STRIDE + I_REQUEST] = row;
    this.table.nums[slot * N_STRIDE + N_DURATION] = duration;
    this.admit(slot, w, pinned, this.cluster.fitsSomeEmpty(this.rows.demand, row));
    return this.table.ints[slot * I_STRIDE + I_STATE] === ST_FREE ? -1 : slot;
  }

  /** Container `slot`'s request in dimension `d`: its own when it was submitted with one ({@link SchedulingCycle.submitWith}), else its workload's. */
  requestOf(slot: number, d: number): number {
    return this.demand[(this.table.ints[slot * I_STRIDE + I_REQUEST] as number) + d] as number;
  }

  /** Container `slot`'s request over the run's dimensions, as a view (valid until the next `submitWith`, which may move the rows). */
  requestView(slot: number): Float64Array {
    const o = this.table.ints[slot * I_STRIDE + I_REQUEST] as number;
    return this.demand.subarray(o, o + this.D);
  }

  /**
   * Sets the run time of a container submitted without one (`Infinity`): applied when its fixed run
   * starts if it has not yet; if it runs, it ends at the start of its run plus `duration` (not before
   * now). `false` when the container is not live (`slot` free).
   */
  setDuration(slot: number, duration: number): boolean {
    const ints = this.table.ints, nums = this.table.nums, bn = (slot & SLOT_MASK) * N_STRIDE;
    const state = ints[slot * I_STRIDE + I_STATE] as number;
    if (state === ST_FREE) return false;
    nums[bn + N_DURATION] = duration;
    if (state !== ST_RUNNING) return true;
    this.cancelFinish(slot);
    const since = nums[bn + N_SINCE] as number, now = this.sim.now;
    const end = since + duration > now ? since + duration : now;
    if (end !== Infinity) nums[bn + N_FINISH] = this.sim.scheduleAt(end, this.FINISH, slot);
    return true;
  }

  // A new row in the table for a container of workload w, pending from now (all but its run time).
  private newRow(w: number, pinned: number): number {
    const now = this.sim.now, books = this.books;
    const slot = this.table.alloc();
    const ints = this.table.ints, nums = this.table.nums, bi = (slot & SLOT_MASK) * I_STRIDE, bn = (slot & SLOT_MASK) * N_STRIDE;
    ints[bi + I_WORKLOAD] = w;
    nums[bn + N_ID] = books.submitted++;
    // Its ordinal: its workload's submissions before it.
    ints[bi + I_ORDINAL] = books.tally(w * W_STRIDE + W_SUBMITTED);
    nums[bn + N_SUBMIT] = now;
    ints[bi + I_PINNED] = pinned;
    ints[bi + I_ATTEMPTS] = 0;
    ints[bi + I_REQUEST] = w * this.D;
    nums[bn + N_RETRY_AT] = 0;
    nums[bn + N_TRIED] = -1;
    ints[bi + I_STATE] = ST_PENDING;
    nums[bn + N_SINCE] = now;
    return slot;
  }

  // The recorded container is announced, then rejected (it fits no host) or handed to the queue.
  private admit(slot: number, w: number, pinned: number, fits: boolean): void {
    if (this.events.active) this.emit(E_SUBMITTED, slot, -1);
    if (pinned >= 0 ? this.cluster.fitsEmpty(pinned, this.demand, this.table.ints[slot * I_STRIDE + I_REQUEST] as number) : fits) this.enqueue(slot, false);
    else {
      this.books.tally(w * W_STRIDE + W_REJECTED);
      if (this.events.active) this.emit(E_REJECTED, slot, -1);
      this.table.free(slot);
    }
  }

  private enqueue(slot: number, again: boolean): void {
    const q = this.queue;
    const due = q.add(slot, again, this);
    if (q.length > this.books.queueMax) this.books.queueMax = q.length;
    if (due <= this.sim.now) this.drain();
    else if (due !== Infinity) this.wake(due);
  }

  // Back from an eviction: queue again.
  private onReturn(slot: number): void {
    this.books.returning--;
    this.table.ints[slot * I_STRIDE + I_STATE] = ST_PENDING;
    this.table.nums[slot * N_STRIDE + N_SINCE] = this.sim.now;
    this.enqueue(slot, true);
  }

  private onRetry(): void {
    this.retryEvent = -1;
    this.retryTime = Infinity;
    const version = this.changes;
    this.drain();
    // A run without `until` ends when nothing is left to happen. If this wake-up changed nothing,
    // only the next wake-up is pending, and every waiting container has already failed on the
    // cluster as it is, every later wake-up would fail alike: nothing will change again. Drop it, so
    // that the run ends instead of retrying forever.
    if (this.until === Infinity && this.changes === version && this.retryEvent >= 0 && this.sim.pending === 1 + this.backgroundEvents() && this.allTriedAt(version)) {
      this.sim.cancel(this.retryEvent);
      this.retryEvent = -1;
      this.retryTime = Infinity;
    }
  }

  // Whether every waiting container's last attempt failed after the last change.
  private allTriedAt(version: number): boolean {
    const q = this.queue, nums = this.table.nums;
    for (let i = 0; i < q.length; i++) if (nums[q.at(i) * N_STRIDE + N_TRIED] !== version) return false;
    return true;
  }

  /** Tries the pending queue after capacity freed, a condition cleared or a back-off ended. */
  drain(): void {
    // Nothing waits; or an eviction inside a placement freed room, and the outer drain goes on.
    if (this.draining || this.queue.length === 0) return;
    this.draining = true;
    // The wake-up is set inside: a double carried out of a try/finally is boxed, one allocation per drain.
    try {
      const due = this.queue.drain(this);
      if (due !== Infinity) this.wake(due);
    } finally {
      this.draining = false;
    }
  }

  // One timer wakes the queue when the first back-off ends.
  private wake(due: number): void {
    if (this.retryEvent < 0 || due < this.retryTime) {
      if (this.retryEvent >= 0) this.sim.cancel(this.retryEvent);
      this.retryTime = due;
      this.retryEvent = this.sim.scheduleAt(due, this.RETRY, 0);
    }
  }

  // ————————————————————————————————————————— the scheduling cycle

  private preempt(decision: SchedulingDecision): void {
    this.books.preemptions++;
    const n = decision.victimCount, victims = decision.victims;
    for (let i = 0; i < n; i++) this.evict(victims[i] as number, E_PREEMPTED);
  }

  // A failed attempt: one more attempt counted, and no retry before the scheduler's retryAt or the
  // end of the queue's back-off, whichever is later.
  private unschedulable(slot: number, retryAt: number): void {
    const ints = this.table.ints, nums = this.table.nums, bi = (slot & SLOT_MASK) * I_STRIDE, bn = (slot & SLOT_MASK) * N_STRIDE;
    const n = (ints[bi + I_ATTEMPTS] as number) + 1;
    ints[bi + I_ATTEMPTS] = n;
    nums[bn + N_TRIED] = this.changes;
    const q = this.queue;
    const until = q.backoff === undefined ? 0 : this.sim.now + q.backoff(n);
    nums[bn + N_RETRY_AT] = retryAt > until ? retryAt : until;
  }

  private place(slot: number, h: number): void {
    const ints = this.table.ints, nums = this.table.nums, bi = (slot & SLOT_MASK) * I_STRIDE, bn = (slot & SLOT_MASK) * N_STRIDE, req = this.req;
    const w = req.workload;
    if (!this.cluster.allocate(h, this.demand, req.offset)) throw refusedChoice(this.scheduler.name, this.cluster, h);
    if (this.memo !== undefined) this.memo.allocated();
    const books = this.books, now = this.sim.now;
    this.changes++;
    ints[bi + I_HOST] = h;
    ints[bi + I_STATE] = ST_PLACED;
    // Its seconds in the queue (pending since N_SINCE) go to the queue's integral; its hold starts.
    books.dequeued(nums[bn + N_SINCE] as number, now);
    nums[bn + N_SINCE] = now;
    nums[bn + N_PLACED] = now;
    books.tally(w * W_STRIDE + W_PLACED);
    books.running++;
    if ((this.hooks & H_QUEUE_PLACED) !== 0) (this.queue.placed as NonNullable<PendingQueue['placed']>).call(this.queue, slot, w);
    // Its wait, unless it came during the warm-up (inline: a double passed to a call V8 does not inline is boxed).
    const submitted = nums[bn + N_SUBMIT] as number;
    if (submitted >= books.warmup) (books.waits[w] as SampleStore).add(now - submitted);
    if (this.cluster.hostsInUse > books.peakInUse) books.peakInUse = this.cluster.hostsInUse;
    // The scheduler hears of the placement before the container can end (its start may end it).
    if ((this.hooks & H_SCHEDULER_PLACED) !== 0) (this.scheduler.placed as NonNullable<Scheduler['placed']>).call(this.scheduler, req, h);
    if (this.events.active) this.emit(E_PLACED, slot, h);
    if (this.modelled[w] === 1) {
      // No FINISH event until a fixed run starts (startFixedRun); without the model, N_FINISH is set below.
      nums[bn + N_FINISH] = -1;
      const life = this.life as Lifecycle;
      life.submitted = submitted;
      life.begin(slot, w, h);
      return;
    }
    // Without the performance model a container starts and is ready the moment it is placed.
    ints[bi + I_STATE] = ST_RUNNING;
    if (this.events.active) {
      this.emit(E_STARTED, slot, h);
      this.emit(E_READY, slot, h);
    }
    const end = now + (nums[bn + N_DURATION] as number);
    nums[bn + N_FINISH] = end !== Infinity ? this.sim.scheduleAt(end, this.FINISH, slot) : -1;
  }

  private record(slot: number, h: number): void {
    const ints = this.table.ints, bi = (slot & SLOT_MASK) * I_STRIDE;
    const name = `${(this.workloads[ints[bi + I_WORKLOAD] as number] as CompiledWorkload).name}-${ints[bi + I_ORDINAL] as number}`;
    if (!(this.explainNames as Set<string>).has(name)) return;
    // A policy that cannot explain itself still gets the resource filter's account.
    const e = this.scheduler.explain?.(this.req, this.cluster) ?? explainFit(this.req, this.cluster);
    this.explained.push({ container: name, time: this.sim.now, host: h >= 0 ? (this.cluster.hostNames[h] as string) : null, ...e });
    if (this.events.active) this.emit(E_EXPLAINED, slot, h);
  }

  // ————————————————————————————————————————— ends

  private onFinish(slot: number): void {
    const w = this.table.ints[slot * I_STRIDE + I_WORKLOAD] as number;
    if (this.modelled[w] === 1) {
      (this.life as Lifecycle).finishFixed(slot); // ends through onLifecycleEnd
      return;
    }
    this.leave(slot, E_FINISHED);
  }

  /** A modelled container ended: succeeded, OOM-killed for good, or evicted (then it queues again). */
  onLifecycleEnd(slot: number, outcome: number): void {
    // Only a fixed run has a FINISH event: the others leave without touching the container's numbers.
    if (this.timed[this.table.ints[slot * I_STRIDE + I_WORKLOAD] as number] === 1) this.cancelFinish(slot);
    this.leave(slot, outcome === Outcome.Evicted ? E_EVICTED : outcome === Outcome.Succeeded ? E_FINISHED : E_FAILED);
  }

  /** The performance model moved a container to started or ready. */
  phase(slot: number, state: number, code: number): void {
    const ints = this.table.ints, nums = this.table.nums, bi = (slot & SLOT_MASK) * I_STRIDE, bn = (slot & SLOT_MASK) * N_STRIDE;
    ints[bi + I_STATE] = state;
    nums[bn + N_SINCE] = this.sim.now;
    if (this.events.active) this.emit(code, slot, ints[bi + I_HOST] as number);
  }

  /**
   * With no work to do, a modelled container's fixed run starts when it is ready: again from the
   * start after a restart (the end of the run it was on is cancelled).
   */
  startFixedRun(slot: number): void {
    this.cancelFinish(slot);
    const nums = this.table.nums, bn = (slot & SLOT_MASK) * N_STRIDE;
    const end = this.sim.now + (nums[bn + N_DURATION] as number);
    if (end !== Infinity) nums[bn + N_FINISH] = this.sim.scheduleAt(end, this.FINISH, slot);
  }

  /**
   * Stops a running container and sends it back to the queue (after {@link RETURN_DELAY}); `code` is
   * {@link E_PREEMPTED} or {@link E_EVICTED}. The one eviction path.
   */
  evict(slot: number, code: number): void {
    const ints = this.table.ints, bi = (slot & SLOT_MASK) * I_STRIDE;
    if ((ints[bi + I_STATE] as number) < ST_PLACED) throw new Error(`Simulation.evict: container ${slot} is not on a host`);
    const w = ints[bi + I_WORKLOAD] as number;
    if (this.modelled[w] === 1) (this.life as Lifecycle).kill(slot);
    this.cancelFinish(slot);
    if (code === E_PREEMPTED) this.books.victims++;
    const was = this.draining;
    this.draining = true; // no placements while the scheduler is mid-decision
    this.leave(slot, code);
    this.draining = was;
  }

  /**
   * Stops a container on a host and deletes it for good ({@link E_LOST}): its host failed, was drained
   * or removed. Whatever replaces it is a new container (the dynamics' controllers submit it).
   */
  remove(slot: number): void {
    const ints = this.table.ints, bi = (slot & SLOT_MASK) * I_STRIDE;
    if ((ints[bi + I_STATE] as number) < ST_PLACED) throw new Error(`remove: container ${slot} is not on a host`);
    if (this.modelled[ints[bi + I_WORKLOAD] as number] === 1) (this.life as Lifecycle).kill(slot);
    this.cancelFinish(slot);
    const was = this.draining;
    this.draining = true;
    this.leave(slot, E_LOST);
    this.draining = was;
    this.drain();
  }

  private cancelFinish(slot: number): void {
    const nums = this.table.nums, bn = (slot & SLOT_MASK) * N_STRIDE;
    const f = nums[bn + N_FINISH] as number;
    if (f >= 0) this.sim.cancel(f);
    nums[bn + N_FINISH] = -1;
  }

  // A container leaves its host: it ended (finished, failed), or was evicted and will queue again.
  private leave(slot: number, code: number): void {
    const ints = this.table.ints, nums = this.table.nums, bi = (slot & SLOT_MASK) * I_STRIDE, bn = (slot & SLOT_MASK) * N_STRIDE, books = this.books;
    const w = ints[bi + I_WORKLOAD] as number;
    const h = ints[bi + I_HOST] as number, row = ints[bi + I_REQUEST] as number;
    this.changes++;
    this.cluster.release(h, this.demand, row);
    books.released(w, this.demand, row, nums[bn + N_PLACED] as number, this.sim.now);
    if (this.memo !== undefined) this.memo.released(h);
    if ((this.hooks & H_QUEUE_RELEASED) !== 0) (this.queue.released as NonNullable<PendingQueue['released']>).call(this.queue, slot, w);
    books.running--;
    if ((this.hooks & H_SCHEDULER_RELEASED) !== 0) (this.scheduler.released as NonNullable<Scheduler['released']>).call(this.scheduler, slot, w, h);
    if (this.events.active) this.emit(code, slot, h);
    if (code === E_FINISHED || code === E_FAILED || code === E_LOST) {
      books.tally(w * W_STRIDE + (code === E_FINISHED ? W_COMPLETED : code === E_FAILED ? W_FAILED : W_LOST));
      this.table.free(slot);
    } else {
      books.returning++;
      ints[bi + I_HOST] = -1;
      ints[bi + I_STATE] = ST_RETURNING;
      nums[bn + N_SINCE] = this.sim.now;
      this.sim.schedule(RETURN_DELAY, this.RETURN, slot);
    }
    this.drain();
  }

  /**
   * Sets or clears a host condition: the cluster (blocked for policies that check `fits`), the
   * scheduler and observers hear of it; when it clears, the queue is tried again.
   */
  setHostCondition(host: number, condition: HostCondition, on: boolean): void {
    if (!this.cluster.setCondition(host, condition, on)) return;
    this.changes++;
    this.scheduler.hostConditionChanged?.(host, condition, on);
    if (this.events.active) this.events.hostCondition(this.sim.now, host, condition, on);
    if (!on) this.drain();
  }

  /** After hosts' capacity changed (`Simulation.setHostCapacity`): which workloads fit some empty host is decided again, and the queue tried again. */
  capacityChanged(): void {
    this.changes++;
    for (let w = 0; w < this.workloads.length; w++) this.feasible[w] = this.cluster.fitsSomeEmpty(this.demand, w * this.D) ? 1 : 0;
    this.drain();
  }

  /** The request rows (`demand[I_REQUEST ..]` of each container); replaced when they grow. */
  get requests(): Float64Array {
    return this.demand;
  }

  private emit(code: number, slot: number, host: number): void {
    const ints = this.table.ints, nums = this.table.nums, bi = (slot & SLOT_MASK) * I_STRIDE, bn = (slot & SLOT_MASK) * N_STRIDE;
    this.events.container(code, this.sim.now, nums[bn + N_ID] as number, slot, ints[bi + I_WORKLOAD] as number, ints[bi + I_ORDINAL] as number, host);
  }
}
