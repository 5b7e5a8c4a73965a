import cliProgress from 'cli-progress';
import type { CliIo } from './cli-io.js';
import { formatNumber } from '../report/format.js';

/**
 * A progress bar on stderr for long runs. It appears only when stderr is a terminal and the run
 * has already taken `delayMs`; otherwise it writes nothing at all.
 *
 * @example
 * ```ts
 * const p = new Progress(io, 3600);
 * p.update(run.now, run.sim.eventsProcessed);
 * p.stop();
 * ```
 */
export class Progress {
  private bar: cliProgress.SingleBar | undefined;
  private readonly start: number;
  private readonly clock: () => number;

  /**
   * @param io - Where to draw, and the clock.
   * @param total - Simulated seconds expected (the scenario's `until`, or an estimate).
   * @param delayMs - Wall-clock time before the bar may appear. @defaultValue 1000
   */
  constructor(private readonly io: CliIo, private readonly total: number, private readonly delayMs = 1000) {
    this.clock = io.clock ?? (() => performance.now());
    this.start = this.clock();
  }

  /** Whether the bar is showing. */
  get visible(): boolean {
    return this.bar !== undefined;
  }

  /** Reports the simulated time reached and the events processed so far. */
  update(now: number, events: number): void {
    if (this.bar === undefined) {
      if (this.io.stderr.isTTY !== true || this.clock() - this.start < this.delayMs) return;
      this.bar = new cliProgress.SingleBar({
        stream: this.io.stderr as NodeJS.WritableStream,
        format: 'simulating [{bar}] {percentage}% | t = {now} s | {events} events',
        hideCursor: true,
        clearOnComplete: true,
        barsize: 30,
        fps: 10,
      }, cliProgress.Presets.shades_classic);
      this.bar.start(1000, 0, { now: '0', events: '0' });
    }
    const frac = this.total > 0 ? Math.min(1, now / this.total) : 0;
    this.bar.update(Math.floor(frac * 1000), { now: formatNumber(Math.round(now)), events: formatNumber(events) });
  }

  /** Removes the bar, if it was shown. */
  stop(): void {
    if (this.bar !== undefined) {
      this.bar.stop();
      this.bar = undefined;
    }
  }
}
