import { compensatedAdd } from '../metrics/compensated-sum.js';
import { SampleStore } from '../metrics/sample-store.js';
import type { ContainerCounts } from './result.js';

/**
 * @internal The run's books: container counts, waits, and the time integrals behind utilisation and
 * the mean queue length. Allocation is integrated per dimension with Neumaier compensation (sum and
 * compensation side by side), so that long runs keep their digits.
 *
 * @example
 * ```ts
 * books.integrate(queue.length); // before anything changes allocation
 * ```
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
  /** Seconds from submission to placement, one sample per placement. */
  readonly waits: SampleStore;

  private lastT = 0;
  private readonly D: number;
  // ∫ allocated dt per dimension d at [2d] with its compensation at [2d + 1], then ∫ queue length dt at [2D].
  private readonly sums: Float64Array;

  /**
   * @param clock - The simulated time, read at each integration.
   * @param totalAllocated - The cluster's Σ allocated per dimension (read, never written).
   * @param samples - Room for wait samples up front.
   */
  constructor(private readonly clock: { readonly now: number }, private readonly totalAllocated: Float64Array, samples: number) {
    const D = (this.D = totalAllocated.length);
    this.sums = new Float64Array(2 * D + 2);
    this.waits = new SampleStore(samples);
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
    const dt = t - this.lastT;
    if (dt <= 0) return;
    const sums = this.sums, tot = this.totalAllocated, D = this.D;
    for (let d = 0; d < D; d++) compensatedAdd(sums, 2 * d, (tot[d] as number) * dt);
    if (queued !== 0) compensatedAdd(sums, 2 * D, queued * dt);
    this.lastT = t;
  }

  /** Notes the queue's length after it grew. */
  queued(length: number): void {
    if (length > this.queueMax) this.queueMax = length;
  }

  /** Per dimension: the time-weighted fraction of capacity allocated over [0, T]. */
  utilization(dims: readonly string[], totalCapacity: Float64Array, T: number): Record<string, number> {
    const out: Record<string, number> = {};
    dims.forEach((d, i) => {
      const cap = totalCapacity[i] as number;
      const integral = (this.sums[2 * i] as number) + (this.sums[2 * i + 1] as number);
      if (cap > 0) out[d] = T > 0 ? integral / (cap * T) : 0;
    });
    return out;
  }

  /** The queue's time-weighted mean length over [0, T] and its maximum. */
  queue(T: number): { mean: number; max: number } {
    return { mean: T > 0 ? ((this.sums[2 * this.D] as number) + (this.sums[2 * this.D + 1] as number)) / T : 0, max: this.queueMax };
  }
}
