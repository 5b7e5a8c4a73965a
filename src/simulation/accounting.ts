import { compensatedAdd } from '../metrics/compensated-sum.js';
import { SampleStore, type SampleBound } from '../metrics/sample-store.js';
import type { ContainerCounts } from './result.js';

/** @internal Offsets of a workload's counts in {@link Accounting.perWorkload}. */
export const W_SUBMITTED = 0, W_PLACED = 1, W_COMPLETED = 2, W_REJECTED = 3, W_FAILED = 4, W_LOST = 5, W_STRIDE = 6;

/**
 * @internal The run's books: container counts, waits, and the time integrals behind utilisation and
 * the mean queue length. Allocation is integrated per dimension with Neumaier compensation (sum and
 * compensation side by side), so that long runs keep their digits.
 *
 * @example
 * ```ts
 * books.integrate(queue.length); // before anything changes allocation
 * ```
 *
 * With a warm-up, waits are kept only for containers submitted at or after it, and the time
 * averages cover [warmup, end]: the first integration past it splits at it and keeps the integrals
 * there (one comparison per integration, nothing scheduled, so the run's events are unchanged).
 */
export class Accounting {
  submitted = 0;
  placed = 0;
  completed = 0;
  rejected = 0;
  failed = 0;
  /** Containers deleted for good off a failed, drained or removed host (dynamics); counted in the result when {@link Accounting.countsLost}. */
  lost = 0;
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

  private lastT = 0;
  private readonly D: number;
  // ∫ allocated dt per dimension d at [2d] with its compensation at [2d + 1], then ∫ queue length dt at [2D].
  private readonly sums: Float64Array;
  // The integrals at the end of the warm-up (zeros until then), and when the next integration crosses it (Infinity once it has, or without one).
  private readonly atWarmup: Float64Array;
  private mark: number;

  /**
   * @param clock - The simulated time, read at each integration.
   * @param totalAllocated - The cluster's Σ allocated per dimension (read, never written).
   * @param samples - Per workload, room for wait samples up front.
   * @param warmup - Seconds at the start excluded from waits and time averages. @defaultValue 0
   * @param bound - How many waits each store keeps exactly before sketching them. @defaultValue always exact
   */
  constructor(private readonly clock: { readonly now: number }, private readonly totalAllocated: Float64Array, samples: readonly number[], warmup = 0, bound: SampleBound = {}) {
    const D = (this.D = totalAllocated.length);
    this.sums = new Float64Array(2 * D + 2);
    this.atWarmup = new Float64Array(2 * D + 2);
    this.waits = samples.map((n) => new SampleStore(n, bound));
    this.perWorkload = new Float64Array(samples.length * W_STRIDE);
    this.warmup = warmup;
    this.mark = warmup > 0 ? warmup : Infinity;
  }

  /** Counts one at `perWorkload[i]` (`w * W_STRIDE + W_*`). */
  tally(i: number): void {
    const pw = this.perWorkload;
    pw[i] = (pw[i] as number) + 1;
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
   * Adds allocation × dt and queue length × dt since the last call, up to now. Call it before anything
   * changes allocation or the queue's length. (Arguments are integers only: a double passed to a call
   * V8 does not inline is boxed, and this runs twice per container.)
   */
  integrate(queued: number): void {
    const t = this.clock.now;
    if (t >= this.mark) this.crossWarmup(queued);
    const dt = t - this.lastT;
    if (dt <= 0) return;
    const sums = this.sums, tot = this.totalAllocated, D = this.D;
    for (let d = 0; d < D; d++) compensatedAdd(sums, 2 * d, (tot[d] as number) * dt);
    if (queued !== 0) compensatedAdd(sums, 2 * D, queued * dt);
    this.lastT = t;
  }

  // The first integration at or after the warm-up's end: integrate up to it (nothing changed since
  // the last call), and keep the integrals there so that time averages start from it.
  private crossWarmup(queued: number): void {
    this.mark = Infinity;
    const w = this.warmup, dt = w - this.lastT;
    if (dt > 0) {
      const sums = this.sums, tot = this.totalAllocated, D = this.D;
      for (let d = 0; d < D; d++) compensatedAdd(sums, 2 * d, (tot[d] as number) * dt);
      if (queued !== 0) compensatedAdd(sums, 2 * D, queued * dt);
      this.lastT = w;
    }
    this.atWarmup.set(this.sums);
  }

  /** The span the time averages cover, from the warm-up's end to `T` (0 if the run ended before it). */
  private span(T: number): number {
    return T > this.warmup ? T - this.warmup : 0;
  }

  // ∫ over [warmup, T] of the quantity at sums[i] (with its compensation at i + 1).
  private integral(i: number): number {
    return ((this.sums[i] as number) - (this.atWarmup[i] as number)) + ((this.sums[i + 1] as number) - (this.atWarmup[i + 1] as number));
  }

  /** Notes the queue's length after it grew. */
  queued(length: number): void {
    if (length > this.queueMax) this.queueMax = length;
  }

  /** Per dimension: the time-weighted fraction of capacity allocated over [warmup, T]. */
  utilization(dims: readonly string[], totalCapacity: Float64Array, T: number): Record<string, number> {
    const out: Record<string, number> = {};
    const span = this.span(T);
    dims.forEach((d, i) => {
      const cap = totalCapacity[i] as number;
      if (cap > 0) out[d] = span > 0 ? this.integral(2 * i) / (cap * span) : 0;
    });
    return out;
  }

  /** The queue's time-weighted mean length over [warmup, T] and its maximum (over the whole run). */
  queue(T: number): { mean: number; max: number } {
    const span = this.span(T);
    return { mean: span > 0 ? this.integral(2 * this.D) / span : 0, max: this.queueMax };
  }
}
