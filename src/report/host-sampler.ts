import type { ClusterState } from '../cluster/cluster-state.js';
import type { HostSeries } from './host-series.js';

/**
 * Options for a {@link HostSampler}.
 *
 * @example
 * ```ts
 * new HostSampler(run.cluster, { interval: 60, maxRows: 32 });
 * ```
 */
export interface HostSamplerOptions {
  /** Seconds between samples (must be > 0). */
  readonly interval: number;
  /**
   * The most rows the series keeps; consecutive hosts share a row beyond that.
   * @defaultValue 48
   */
  readonly maxRows?: number;
}

/**
 * Samples each host's utilisation every `interval` simulated seconds while a {@link "podsim"!Simulation}
 * is stepped, for the report's heatmap. Call {@link HostSampler.catchUp} with the time of the next
 * event before each step, and {@link HostSampler.finish} at the end: a sample at time `t` sees the
 * cluster after every event at or before `t`.
 *
 * @example
 * ```ts
 * const run = new Simulation(scenario);
 * const hosts = new HostSampler(run.cluster, { interval: 60 });
 * do hosts.catchUp(Math.min(run.sim.peek(), run.scenario.until)); while (run.step());
 * run.run();
 * hosts.finish(run.now);
 * const series = hosts.build();
 * ```
 */
export class HostSampler {
  private readonly interval: number;
  private readonly rowStart: Int32Array;
  private readonly dims: number[];
  private readonly rowCapacity: Float64Array;
  private readonly time: number[] = [];
  private readonly values: number[][][];
  private k = 0;

  constructor(private readonly cluster: ClusterState, options: HostSamplerOptions) {
    if (!(options.interval > 0) || !Number.isFinite(options.interval)) throw new RangeError(`HostSampler: interval must be a positive number, got ${options.interval}`);
    this.interval = options.interval;
    const H = cluster.hostCount, D = cluster.D;
    const rows = Math.max(1, Math.min(H, Math.floor(options.maxRows ?? 48)));
    this.rowStart = new Int32Array(rows + 1);
    for (let r = 0; r <= rows; r++) this.rowStart[r] = Math.floor((r * H) / rows);
    this.dims = [];
    for (let d = 0; d < D; d++) if ((cluster.totalCapacity[d] as number) > 0) this.dims.push(d);
    this.rowCapacity = new Float64Array(rows * D);
    for (let r = 0; r < rows; r++) {
      for (let h = this.rowStart[r] as number; h < (this.rowStart[r + 1] as number); h++) {
        for (let d = 0; d < D; d++) this.rowCapacity[r * D + d] = (this.rowCapacity[r * D + d] as number) + (cluster.capacity[h * D + d] as number);
      }
    }
    this.values = this.dims.map(() => []);
  }

  /** The time of the next sample. */
  get nextTime(): number {
    return this.k * this.interval;
  }

  /**
   * Takes every sample due strictly before `t` (the time of the next event, capped at the run's
   * `until`), from the current state. Does nothing for an infinite `t`.
   */
  catchUp(t: number): void {
    if (!Number.isFinite(t)) return;
    while (this.nextTime < t) {
      // Sample k at k × interval, as the Simulation takes its own, so both land on the same times.
      this.take(this.nextTime);
      this.k++;
    }
  }

  /** Takes the samples due up to and including `end`, and a last one at `end` if it falls between samples. */
  finish(end: number): void {
    while (this.nextTime <= end) {
      this.take(this.nextTime);
      this.k++;
    }
    if (this.time.length === 0 || (this.time[this.time.length - 1] as number) < end) this.take(end);
  }

  /** The series so far. */
  build(): HostSeries {
    const c = this.cluster;
    const rows: string[] = [];
    for (let r = 0; r + 1 < this.rowStart.length; r++) {
      const a = this.rowStart[r] as number, b = (this.rowStart[r + 1] as number) - 1;
      rows.push(a === b ? (c.hostNames[a] as string) : `${c.hostNames[a] as string} … ${c.hostNames[b] as string}`);
    }
    const utilization: Record<string, number[][]> = {};
    this.dims.forEach((d, i) => { utilization[c.dims[d] as string] = this.values[i] as number[][]; });
    return { time: this.time.slice(), rows, utilization };
  }

  private take(t: number): void {
    const c = this.cluster, D = c.D, rows = this.rowStart.length - 1;
    this.time.push(t);
    this.dims.forEach((d, i) => {
      const out = new Array<number>(rows);
      for (let r = 0; r < rows; r++) {
        let a = 0;
        for (let h = this.rowStart[r] as number; h < (this.rowStart[r + 1] as number); h++) a += c.allocated[h * D + d] as number;
        const cap = this.rowCapacity[r * D + d] as number;
        out[r] = cap > 0 ? a / cap : 0;
      }
      (this.values[i] as number[][]).push(out);
    });
  }
}
