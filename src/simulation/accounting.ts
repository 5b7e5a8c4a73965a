import { compensatedAdd } from '../metrics/compensated-sum.js';
import { SampleStore, type SampleBound } from '../metrics/sample-store.js';
import { I_REQUEST, I_STATE, I_STRIDE, I_WORKLOAD, N_PLACED, N_SINCE, N_STRIDE, ST_PENDING, ST_PLACED, type ContainerTable } from './container-table.js';
import type { ContainerCounts } from './result.js';

/** @internal Offsets of a workload's counts in {@link Accounting.perWorkload}. */
export const W_SUBMITTED = 0, W_PLACED = 1, W_COMPLETED = 2, W_REJECTED = 3, W_FAILED = 4, W_LOST = 5, W_STRIDE = 6;

/**
 * @internal The run's books: container counts, waits, and the time integrals behind utilisation and
 * the mean queue length, over [warmup, end].
 *
 * The integrals are summed per container, not per event: ∫ allocated dt is the sum over containers of
 * request × the seconds they held it, and ∫ queue length dt the sum of the seconds they spent pending
 * (the same quantities, counted the other way round). A container adds its share when it releases its
 * request ({@link Accounting.released}) or leaves the queue ({@link Accounting.dequeued}); those still
 * holding or waiting at the end add theirs when the result is made ({@link Accounting.integrals}). A
 * workload's containers share its request, so they add only their seconds (one Neumaier-compensated
 * sum per workload), multiplied by the request at the end; a container with a request of its own adds
 * request × seconds per dimension.
 *
 * @example
 * ```ts
 * books.released(w, demand, row, placedAt, now); // when a container leaves its host
 * const { allocated, queued } = books.integrals(T, table, demand);
 * ```
 *
 * With a warm-up, waits are kept only for containers submitted at or after it, and a container's
 * share counts only its seconds after it (nothing is scheduled, so the run's events are unchanged).
 */
export class Accounting {
  submitted = 0;
  countsLost = false;
  /** Evicted, waiting out the back-off before queueing again. */
  returning = 0;
  running = 0;
  /** Preemption decisions, and containers they evicted. */
  preemptions = 0;
  victims = 0;
  queueMax = 0;
  peakInUse = 0;
  /**
   * Per workload: seconds from submission to placement, one sample per placement of a container
   * submitted at or after the warm-up.
   */
  readonly waits: SampleStore[];
  /** Per workload, `[w * W_STRIDE + W_*]`: submitted, placed, completed, rejected, failed and lost containers. */
  readonly perWorkload: Float64Array;
  /** Seconds at the start excluded from waits and time averages (0 for none). */
  readonly warmup: number;

  private readonly D: number;
  private readonly W: number;
  // Offsets below this in the demand rows are workloads' rows (w × D); above, containers' own.
  private readonly workloadRows: number;
  // Compensated sums (value at [i], compensation at [i + 1]) of what released containers and dequeued ones
  // added, all after the warm-up: seconds held per workload at [2w]; request × seconds per dimension of
  // the containers with a request of their own at [2W + 2d]; seconds pending at [2W + 2D].
  private readonly closed: Float64Array;
  // Where the seconds pending are summed in `closed`.
  private readonly queueAt: number;

  /**
   * @param D - The run's resource dimensions.
   * @param samples - Per workload, room for wait samples up front.
   * @param warmup - Seconds at the start excluded from waits and time averages. @defaultValue 0
   * @param bound - How many waits each store keeps exactly before sketching them. @defaultValue always exact
   */
  constructor(D: number, samples: readonly number[], warmup = 0, bound: SampleBound = {}) {
    this.D = D;
    this.W = samples.length;
    this.workloadRows = samples.length * D;
    this.closed = new Float64Array(2 * samples.length + 2 * D + 2);
    this.queueAt = 2 * samples.length + 2 * D;
    this.waits = samples.map((n) => new SampleStore(n, bound));
    this.perWorkload = new Float64Array(samples.length * W_STRIDE);
    this.warmup = warmup;
  }

  /** Counts one at `perWorkload[i]` (`w * W_STRIDE + W_*`); returns the count before it. */
  tally(i: number): number {
    const pw = this.perWorkload, n = pw[i] as number;
    pw[i] = n + 1;
    return n;
  }

  // The run's counts are the workloads' tallies summed (counted once, where the cycle tallies).
  private total(k: number): number {
    const pw = this.perWorkload;
    let n = 0;
    for (let w = 0; w < this.W; w++) n += pw[w * W_STRIDE + k] as number;
    return n;
  }

  get placed(): number {
    return this.total(W_PLACED);
  }

  get completed(): number {
    return this.total(W_COMPLETED);
  }

  get rejected(): number {
    return this.total(W_REJECTED);
  }

  get failed(): number {
    return this.total(W_FAILED);
  }

  /** Containers deleted for good off a failed, drained or removed host (dynamics); counted in the result when {@link Accounting.countsLost}. */
  get lost(): number {
    return this.total(W_LOST);
  }

  /** The counts now, with `pending` = those queued plus those returning. */
  counts(queued: number): ContainerCounts {
    return {
      submitted: this.submitted,
      placed: this.placed,
      completed: this.completed,
      rejected: this.rejected,
      pending: queued + this.returning,
      running: this.running,
      failed: this.failed,
      ...(this.countsLost ? { lost: this.lost } : {}),
    };
  }

  /**
   * A container of workload `w` releases its request (at `demand[row ..]`) at `now`, having held it
   * since `placed`: its share of ∫ allocated dt. Small, so that V8 inlines it (a double passed to a call it
   * does not inline is boxed).
   */
  released(w: number, demand: Float64Array, row: number, placed: number, now: number): void {
    const from = placed > this.warmup ? placed : this.warmup, dt = now - from;
    if (dt <= 0) return;
    if (row < this.workloadRows) compensatedAdd(this.closed, 2 * w, dt);
    else this.releasedOwn(demand, row, dt);
  }

  // A container with a request of its own: request × seconds per dimension.
  private releasedOwn(demand: Float64Array, row: number, dt: number): void {
    const o = 2 * this.W;
    for (let d = 0; d < this.D; d++) compensatedAdd(this.closed, o + 2 * d, (demand[row + d] as number) * dt);
  }

  /** A container leaves the queue at `now` (it is placed), pending since `since`: its share of ∫ queue length dt. */
  dequeued(since: number, now: number): void {
    const from = since > this.warmup ? since : this.warmup, dt = now - from;
    if (dt > 0) compensatedAdd(this.closed, this.queueAt, dt);
  }

  /**
   * ∫ allocated dt per dimension and ∫ queue length dt over [warmup, T], T the time now: what released
   * and dequeued containers added, and the shares of the containers in `table` still on a host (placed
   * at `N_PLACED`) or pending (since `N_SINCE`). `demand` holds the requests (`I_REQUEST` rows).
   */
  integrals(T: number, table: ContainerTable, demand: Float64Array): { allocated: Float64Array; queued: number } {
    const sums = this.closed.slice(), W = this.W, D = this.D, warmup = this.warmup, ints = table.ints, nums = table.nums;
    const ownAt = 2 * W, queueAt = this.queueAt;
    for (let slot = 0; slot < table.used; slot++) {
      const state = ints[slot * I_STRIDE + I_STATE] as number;
      if (state === ST_PENDING) {
        const since = nums[slot * N_STRIDE + N_SINCE] as number, from = since > warmup ? since : warmup;
        if (T > from) compensatedAdd(sums, queueAt, T - from);
      } else if (state >= ST_PLACED) {
        const placed = nums[slot * N_STRIDE + N_PLACED] as number, from = placed > warmup ? placed : warmup;
        if (!(T > from)) continue;
        const row = ints[slot * I_STRIDE + I_REQUEST] as number;
        if (row < this.workloadRows) compensatedAdd(sums, 2 * (ints[slot * I_STRIDE + I_WORKLOAD] as number), T - from);
        else for (let d = 0; d < D; d++) compensatedAdd(sums, ownAt + 2 * d, (demand[row + d] as number) * (T - from));
      }
    }
    const allocated = new Float64Array(D);
    for (let d = 0; d < D; d++) {
      let a = (sums[ownAt + 2 * d] as number) + (sums[ownAt + 2 * d + 1] as number);
      for (let w = 0; w < W; w++) a += (demand[w * D + d] as number) * ((sums[2 * w] as number) + (sums[2 * w + 1] as number));
      allocated[d] = a;
    }
    return { allocated, queued: (sums[queueAt] as number) + (sums[queueAt + 1] as number) };
  }

  /** The span the time averages cover, from the warm-up's end to `T` (0 if the run ended before it). */
  private span(T: number): number {
    return T > this.warmup ? T - this.warmup : 0;
  }

  /** Notes the queue's length after it grew. */
  queued(length: number): void {
    if (length > this.queueMax) this.queueMax = length;
  }

  /** Per dimension: the time-weighted fraction of capacity allocated over [warmup, T], from {@link Accounting.integrals}' `allocated`. */
  utilization(dims: readonly string[], totalCapacity: Float64Array, T: number, allocated: Float64Array): Record<string, number> {
    const out: Record<string, number> = {};
    const span = this.span(T);
    dims.forEach((d, i) => {
      const cap = totalCapacity[i] as number;
      if (cap > 0) out[d] = span > 0 ? (allocated[i] as number) / (cap * span) : 0;
    });
    return out;
  }

  /** The queue's time-weighted mean length over [warmup, T] (from {@link Accounting.integrals}' `queued`) and its maximum (over the whole run). */
  queue(T: number, queued: number): { mean: number; max: number } {
    const span = this.span(T);
    return { mean: span > 0 ? queued / span : 0, max: this.queueMax };
  }
}
