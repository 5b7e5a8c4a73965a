import { grown } from '../util/grown.js';

/**
 * The HPA controller's history of unstabilised recommendations (horizontal.go `timestampedRecommendation`),
 * with the two stabilisation rules that read and update it. One obsolete slot is reused per sync, as
 * upstream does, so the log holds about one entry per sync period in the longest window.
 *
 * @example
 * ```ts
 * const log = new RecommendationLog();
 * log.stabilize(0, 5, 300);   // 5
 * log.stabilize(60, 3, 300);  // 5: the highest recommendation of the last 300 s
 * ```
 */
export class RecommendationLog {
  /** Entries in use. */
  n = 0;
  time: Float64Array<ArrayBuffer>;
  value: Int32Array<ArrayBuffer>;

  constructor(capacity = 32) {
    this.time = new Float64Array(capacity);
    this.value = new Int32Array(capacity);
  }

  /** Appends an entry (used for the initial recommendation and by tests that preload a history). */
  push(time: number, value: number): void {
    if (this.n === this.time.length) {
      this.time = grown(this.time, this.n * 2);
      this.value = grown(this.value, this.n * 2);
    }
    this.time[this.n] = time;
    this.value[this.n++] = value;
  }

  private record(slot: number, now: number, value: number): void {
    if (slot < 0) this.push(now, value);
    else {
      this.time[slot] = now;
      this.value[slot] = value;
    }
  }

  /**
   * Without `behavior` (horizontal.go `stabilizeRecommendation`): the highest recommendation not older
   * than `window` seconds, counting the new one; the new one replaces the last entry older than the
   * window, or is appended.
   */
  stabilize(now: number, desired: number, window: number): number {
    let best = desired;
    let slot = -1;
    const cutoff = now - window;
    for (let i = 0; i < this.n; i++) {
      if ((this.time[i] as number) < cutoff) slot = i;
      else if ((this.value[i] as number) > best) best = this.value[i] as number;
    }
    this.record(slot, now, desired);
    return best;
  }

  /**
   * With `behavior` (horizontal.go `stabilizeRecommendationWithBehaviors`): the current count brought up to
   * the lowest recommendation of the scale-up window and down to the highest of the scale-down window
   * (windows count entries strictly newer than `now − window`, plus the new one); the new one replaces the
   * last entry older than both windows, or is appended.
   */
  stabilizeWithBehaviors(now: number, current: number, desired: number, upWindow: number, downWindow: number): number {
    let up = desired, down = desired;
    const upCutoff = now - upWindow, downCutoff = now - downWindow;
    let slot = -1;
    for (let i = 0; i < this.n; i++) {
      const t = this.time[i] as number, v = this.value[i] as number;
      if (t > upCutoff && v < up) up = v;
      if (t > downCutoff && v > down) down = v;
      if (t < upCutoff && t < downCutoff) slot = i;
    }
    let r = current;
    if (r < up) r = up;
    if (r > down) r = down;
    this.record(slot, now, desired);
    return r;
  }
}
