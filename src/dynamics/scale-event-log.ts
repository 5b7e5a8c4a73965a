import { grown } from '../util/grown.js';

/**
 * The HPA controller's record of its own recent scale events in one direction (horizontal.go
 * `timestampedScaleEvent`, `storeScaleEvent`, `markScaleEventsOutdated`, `getReplicasChangePerPeriod`),
 * as struct-of-arrays. Slots of outdated events are reused, as upstream does, so the log stays as long as
 * the most events that fit in the longest policy period.
 *
 * @example
 * ```ts
 * const log = new ScaleEventLog();
 * log.store(100, 4, 15);       // +4 replicas at t=100, longest policy period 15 s
 * log.changeInPeriod(110, 15); // 4
 * log.changeInPeriod(120, 15); // 0
 * ```
 */
export class ScaleEventLog {
  /** Entries in use. */
  n = 0;
  time: Float64Array<ArrayBuffer>;
  /** Replicas added (scale-up log) or removed (scale-down log); always positive. */
  change: Int32Array<ArrayBuffer>;
  outdated: Uint8Array<ArrayBuffer>;

  constructor(capacity = 8) {
    this.time = new Float64Array(capacity);
    this.change = new Int32Array(capacity);
    this.outdated = new Uint8Array(capacity);
  }

  /**
   * Replicas changed by events strictly after `now − periodSeconds` (`getReplicasChangePerPeriod`).
   */
  changeInPeriod(now: number, periodSeconds: number): number {
    const cutoff = now - periodSeconds;
    let s = 0;
    for (let i = 0; i < this.n; i++) if ((this.time[i] as number) > cutoff) s += this.change[i] as number;
    return s;
  }

  /**
   * Records an event: marks events older than the longest policy period as outdated, then overwrites the
   * last outdated slot, or appends (`storeScaleEvent`).
   */
  store(now: number, change: number, longestPeriod: number): void {
    const cutoff = now - longestPeriod;
    let slot = -1;
    for (let i = 0; i < this.n; i++) {
      if ((this.time[i] as number) < cutoff) this.outdated[i] = 1;
      if (this.outdated[i] === 1) slot = i;
    }
    if (slot < 0) {
      if (this.n === this.time.length) {
        this.time = grown(this.time, this.n * 2);
        this.change = grown(this.change, this.n * 2);
        this.outdated = grown(this.outdated, this.n * 2);
      }
      slot = this.n++;
    }
    this.time[slot] = now;
    this.change[slot] = change;
    this.outdated[slot] = 0;
  }
}
