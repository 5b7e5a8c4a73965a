import { ContainerRing } from '../../scheduling/container-ring.js';
import type { PendingQueue, QueueContext } from '../../scheduling/pending-queue.js';
import { podBackoffSeconds } from '../formulas.js';
import { DrfOrder } from './drf-order.js';
import { GangIndex } from './gang-index.js';

/**
 * Options for a {@link KubeQueue}.
 *
 * @example
 * ```ts
 * new KubeQueue({ priorities: [0, 1000], prioritySort: true, initialBackoff: 1, maxBackoff: 10, gangs: [0, 4] });
 * ```
 */
export interface KubeQueueOptions {
  /** Each workload's priority (from the one resolver, {@link resolvePriority}). */
  readonly priorities: readonly number[];
  /**
   * Sort by priority (PrioritySort); otherwise arrival order.
   * @defaultValue true
   */
  readonly prioritySort?: boolean;
  /** podInitialBackoffSeconds. @defaultValue 1 */
  readonly initialBackoff?: number;
  /** podMaxBackoffSeconds. @defaultValue 10 */
  readonly maxBackoff?: number;
  /** Gang size per workload (0 for none). @defaultValue no gangs */
  readonly gangs?: readonly number[];
  /** Serve namespaces by dominant resource fairness instead of queue order. @defaultValue none */
  readonly drf?: DrfOrder;
  /**
   * A container back from an eviction waits behind a non-empty queue instead of being tried at once
   * (the scenario's `queue: fifo`).
   * @defaultValue true
   */
  readonly fifoReturns?: boolean;
  /** Called with each new container (not one back from an eviction) when it enters the queue, before it is tried. @defaultValue none */
  readonly onSubmit?: ((container: number) => void) | undefined;
}

/**
 * kube-scheduler's scheduling queue as a {@link PendingQueue}: PrioritySort order (higher priority
 * first, then arrival), a back-off after each failed attempt (podInitialBackoffSeconds doubling up to
 * podMaxBackoffSeconds, upstream pkg/scheduler/backend/queue/scheduling_queue.go), gangs placed all at
 * once or not at all, and optionally DRF across namespaces. A new pod is tried at once; when the
 * cluster changes, every pod not backing off is tried in queue order, and the queue asks to be woken
 * when the first back-off ends.
 *
 * @example
 * ```ts
 * const queue = new KubeQueue({ priorities: scenario.workloads.map((w) => w.priority) });
 * ```
 */
export class KubeQueue implements PendingQueue {
  private readonly ring = new ContainerRing();
  private readonly priorities: readonly number[];
  private readonly prioritySort: boolean;
  private readonly initialBackoff: number;
  private readonly maxBackoff: number;
  private readonly gangs: GangIndex | undefined;
  private readonly drf: DrfOrder | undefined;
  private readonly fifoReturns: boolean;
  private readonly onSubmit: ((container: number) => void) | undefined;
  // Containers placed during the current drain (by id), so that gang members are not tried twice.
  private placedNow: Uint8Array = new Uint8Array(1024);
  private rankOf: ((c: number) => number) | undefined;
  private ctx: QueueContext | undefined;
  private due = Infinity;

  constructor(options: KubeQueueOptions) {
    this.priorities = options.priorities;
    this.prioritySort = options.prioritySort ?? true;
    this.initialBackoff = options.initialBackoff ?? 1;
    this.maxBackoff = options.maxBackoff ?? 10;
    const gangs = options.gangs ?? [];
    this.gangs = gangs.some((g) => g > 0) ? new GangIndex(gangs) : undefined;
    this.drf = options.drf;
    this.fifoReturns = options.fifoReturns ?? true;
    this.onSubmit = options.onSubmit;
  }

  get length(): number {
    return this.ring.length;
  }

  at(i: number): number {
    return this.ring.at(i);
  }

  backoff(attempts: number): number {
    return podBackoffSeconds(attempts, this.initialBackoff, this.maxBackoff);
  }

  placed(_container: number, workload: number): void {
    this.drf?.placed(workload);
  }

  released(_container: number, workload: number): void {
    this.drf?.released(workload);
  }

  add(container: number, again: boolean, ctx: QueueContext): number {
    if (!again && this.onSubmit !== undefined) this.onSubmit(container);
    // A new gang member waits for its gang: queue it and ask for a drain now, which tries the gang
    // once all its members wait. (A member back from an eviction is tried alone, as any pod.)
    if (!again && this.gangs !== undefined && this.gangs.sizeOf(ctx.workload(container)) > 0) {
      this.insert(container, ctx);
      return ctx.now;
    }
    if ((again && this.fifoReturns && this.ring.length > 0) || !ctx.attempt(container)) this.insert(container, ctx);
    return Infinity;
  }

  private insert(container: number, ctx: QueueContext): void {
    if (!this.prioritySort) {
      this.ring.push(container);
      return;
    }
    this.ctx = ctx;
    this.rankOf ??= (c) => this.priorities[(this.ctx as QueueContext).workload(c)] as number;
    this.ring.insertByRank(container, this.rankOf);
  }

  drain(ctx: QueueContext): number {
    const ring = this.ring, n = ring.length;
    for (let i = 0; i < n; i++) {
      const c = ring.at(i);
      if (c >= this.placedNow.length) this.placedNow = grownBytes(this.placedNow, c + 1);
    }
    this.ctx = ctx;
    this.due = Infinity;
    if (this.drf === undefined) for (let i = 0; i < n; i++) this.tryOne(ring.at(i));
    else this.drf.serve(ring, n, ctx, this);
    ring.beginRetain();
    for (let i = 0; i < n; i++) {
      const c = ring.at(i);
      if (this.placedNow[c] === 1) this.placedNow[c] = 0;
      else ring.retain(c);
    }
    ring.endRetain();
    return this.due;
  }

  /** @internal One pending container's turn in a drain (DRF calls it in its order). */
  tryOne(c: number): void {
    if (this.placedNow[c] === 1) return;
    const ctx = this.ctx as QueueContext, now = ctx.now;
    if (ctx.retryAt(c) > now) {
      this.noteDue(ctx.retryAt(c));
      return;
    }
    const gangs = this.gangs;
    if (gangs !== undefined && gangs.sizeOf(ctx.workload(c)) > 0) {
      const k = gangs.membersOf(c, this.ring, ctx);
      if (k > 0 && ctx.attemptGang(gangs.members, k)) {
        for (let j = 0; j < k; j++) this.placedNow[gangs.members[j] as number] = 1;
        return;
      }
    } else if (ctx.attempt(c)) {
      this.placedNow[c] = 1;
      return;
    }
    if (ctx.retryAt(c) > now) this.noteDue(ctx.retryAt(c));
  }

  private noteDue(t: number): void {
    if (t < this.due) this.due = t;
  }
}

function grownBytes(a: Uint8Array, atLeast: number): Uint8Array {
  const b = new Uint8Array(Math.max(atLeast, a.length * 2));
  b.set(a);
  return b;
}
