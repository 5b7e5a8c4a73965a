import { CompensatedSum } from '../metrics/compensated-sum.js';
import { SampleStore } from '../metrics/sample-store.js';
import type { ContainerCounts } from './result.js';

/**
 * @internal The run's books: container counts, waits, and the time integrals behind utilisation and
 * the mean queue length. Allocation is integrated per dimension with Neumaier compensation (sum and
 * compensation side by side), so that long runs keep their digits.
 *
 * @example
 * ```ts
 * books.integrate(now, cluster.totalAllocated, queue.length); // before anything changes allocation
 * ```
 */
export class Accounting {
  submitted = 0;
  placed = 0;
  completed = 0;
  rejected = 0;
  failed = 0;
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
  private readonly utilSum: Float64Array;
  private readonly utilComp: Float64Array;
  private readonly queueIntegral = new CompensatedSum();

  constructor(D: number, samples: number) {
    this.D = D;
    this.utilSum = new Float64Array(D);
    this.utilComp = new Float64Array(D);
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
    };
  }

  /** Adds allocation × dt and queue length × dt since the last call, up to time t. */
  integrate(t: number, totalAllocated: Float64Array, queued: number): void {
    const dt = t - this.lastT;
    if (dt <= 0) return;
    const sum = this.utilSum, comp = this.utilComp;
    for (let d = 0; d < this.D; d++) {
      const x = (totalAllocated[d] as number) * dt;
      const s = sum[d] as number;
      const u = s + x;
      comp[d] = (comp[d] as number) + (Math.abs(s) >= Math.abs(x) ? s - u + x : x - u + s);
      sum[d] = u;
    }
    if (queued !== 0) this.queueIntegral.add(queued * dt);
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
      const integral = (this.utilSum[i] as number) + (this.utilComp[i] as number);
      if (cap > 0) out[d] = T > 0 ? integral / (cap * T) : 0;
    });
    return out;
  }

  /** The queue's time-weighted mean length over [0, T] and its maximum. */
  queue(T: number): { mean: number; max: number } {
    return { mean: T > 0 ? this.queueIntegral.value / T : 0, max: this.queueMax };
  }
}
