/**
 * What a {@link PendingQueue} may ask of the simulation: the time, one scheduling attempt for a
 * container, an all-or-nothing attempt for a gang, and a few facts about each container.
 *
 * @example
 * ```ts
 * if (ctx.retryAt(c) <= ctx.now && ctx.attempt(c)) removeFromQueue(c);
 * ```
 */
export interface QueueContext {
  /** The simulated time now. */
  readonly now: number;
  /**
   * One scheduling cycle for a pending container: the scheduler's decision, its victims evicted, the
   * container allocated and started. On failure the container's attempts and back-off are updated.
   * @returns whether it was placed.
   */
  attempt(container: number): boolean;
  /**
   * One all-or-nothing cycle for the first `count` containers of `members` (one workload's gang):
   * placed together, or none of them (each then backs off).
   */
  attemptGang(members: Int32Array, count: number): boolean;
  /** When the container may next be tried (its back-off ends); at most `now` when it may be tried now. */
  retryAt(container: number): number;
  /** The container's workload index. */
  workload(container: number): number;
  /** n in the container's name `<workload>-<n>`: its workload's submissions before it. */
  ordinal(container: number): number;
}

/**
 * The pending-queue protocol: the order in which waiting containers are tried and when. The
 * simulation hands it every container that cannot start at once and tells it when the cluster
 * changed; the queue decides whom to try, through {@link QueueContext.attempt}.
 *
 * Built in: {@link FifoQueue} (head-of-line blocking), {@link SkipQueue} (later containers may go
 * first), and kube-scheduler's queue (PrioritySort with back-off, DRF, gangs) in `src/kube/sim/`.
 *
 * @example
 * ```ts
 * // Newest first (LIFO): a queue in a dozen lines.
 * class Lifo implements PendingQueue {
 *   private items: number[] = [];
 *   get length() { return this.items.length; }
 *   at(i: number) { return this.items[this.items.length - 1 - i]!; }
 *   add(c: number, _again: boolean, ctx: QueueContext) { if (!ctx.attempt(c)) this.items.push(c); return Infinity; }
 *   drain(ctx: QueueContext) {
 *     for (let i = this.items.length - 1; i >= 0; i--) if (ctx.attempt(this.items[i]!)) this.items.splice(i, 1);
 *     return Infinity;
 *   }
 * }
 * ```
 */
export interface PendingQueue {
  /** Containers waiting. */
  readonly length: number;
  /** The i-th waiting container in queue order, `0 ≤ i < length`. */
  at(i: number): number;
  /**
   * A container enters: just submitted (`again` false), or back after an eviction. The queue may try
   * it at once and keep it only if that fails.
   * @returns the earliest time a container held back by back-off may be tried, or `Infinity`; the
   * simulation wakes the queue then.
   */
  add(container: number, again: boolean, ctx: QueueContext): number;
  /**
   * Capacity freed, a condition cleared or a back-off ended: try the waiting containers.
   * @returns as for `add`.
   */
  drain(ctx: QueueContext): number;
  /**
   * Seconds a container waits before its next try after `attempts` failed ones (kube-scheduler's
   * podInitialBackoffSeconds doubling to podMaxBackoffSeconds).
   * @defaultValue none: retried whenever the cluster changes
   */
  backoff?(attempts: number): number;
  /** Told when any container was placed (for fairness accounting such as DRF). */
  placed?(container: number, workload: number): void;
  /** Told when any container left its host. */
  released?(container: number, workload: number): void;
}
