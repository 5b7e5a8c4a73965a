import { grown } from '../util/grown.js';

/**
 * The cluster autoscaler's back-off of node groups whose scale-up failed (a node not registered within
 * `maxNodeProvisionTime`): cluster-autoscaler utils/backoff/exponential_backoff.go. The first failure backs
 * the group off for `initial` seconds; a failure after the back-off has ended doubles the last duration, up
 * to `max`; a failure while still backed off starts again from `initial` (upstream: concurrent failures must
 * not lengthen it); `resetTimeout` after the last failure the group's record is dropped
 * (`RemoveStaleBackoffData`).
 *
 * @example
 * ```ts
 * const b = new NodeGroupBackoff(2, 300, 1800, 10800);
 * b.backoff(0, 100);       // backed off until 400
 * b.isBackedOff(0, 399);   // true
 * ```
 */
export class NodeGroupBackoff {
  private duration: Float64Array<ArrayBuffer>;
  private until: Float64Array<ArrayBuffer>;
  private lastFailure: Float64Array<ArrayBuffer>;

  constructor(groups: number, readonly initial: number, readonly max: number, readonly resetTimeout: number) {
    this.duration = new Float64Array(groups).fill(NaN);
    this.until = new Float64Array(groups).fill(-Infinity);
    this.lastFailure = new Float64Array(groups).fill(-Infinity);
  }

  private ensure(g: number): void {
    if (g < this.duration.length) return;
    const n = Math.max(g + 1, this.duration.length * 2);
    this.duration = grown(this.duration, n, NaN);
    this.until = grown(this.until, n, -Infinity);
    this.lastFailure = grown(this.lastFailure, n, -Infinity);
  }

  /** Records a failed scale-up of group `g` at `now`; returns the time the back-off ends. */
  backoff(g: number, now: number): number {
    this.ensure(g);
    let d = this.initial;
    const prev = this.duration[g] as number;
    if (!Number.isNaN(prev) && (this.lastFailure[g] as number) + this.resetTimeout >= now && (this.until[g] as number) < now) {
      d = Math.min(2 * prev, this.max);
    }
    this.duration[g] = d;
    this.until[g] = now + d;
    this.lastFailure[g] = now;
    return now + d;
  }

  /** Whether group `g` is backed off at `now` (`backoffUntil.After(now)`). */
  isBackedOff(g: number, now: number): boolean {
    return g < this.until.length && (this.until[g] as number) > now;
  }

  /** Forgets group `g`'s back-off (a successful scale-up: `RemoveBackoff`). */
  remove(g: number): void {
    if (g >= this.duration.length) return;
    this.duration[g] = NaN;
    this.until[g] = -Infinity;
    this.lastFailure[g] = -Infinity;
  }
}
