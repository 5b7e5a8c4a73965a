import type { ClusterState } from '../cluster/cluster-state.js';
import type { Simulation } from '../simulation/simulation.js';
import type { HostSeries } from './host-series.js';

/**
 * Options for a {@link HostSampler}.
 *
 * @example
 * ```ts
 * HostSampler.follow(run, { maxRows: 32 });
 * ```
 */
export interface HostSamplerOptions {
  /**
   * The most rows the series keeps; consecutive hosts share a row beyond that.
   * @defaultValue 48
   */
  readonly maxRows?: number;
}

/**
 * Each host's utilisation over time, for the report's heatmap: a row per host (or per run of
 * consecutive hosts beyond `maxRows`), sampled whenever the run takes its time-series sample (the
 * `sampled` event), so that both series share their times.
 *
 * @example
 * ```ts
 * const run = new Simulation({ ...scenario, timeseries: { interval: 60 } });
 * const hosts = HostSampler.follow(run);
 * run.run();
 * const series = hosts.build();
 * ```
 */
export class HostSampler {
  private readonly rowStart: Int32Array;
  private readonly dims: number[];
  private readonly rowCapacity: Float64Array;
  private readonly time: number[] = [];
  private readonly values: number[][][];

  constructor(private readonly cluster: ClusterState, options: HostSamplerOptions = {}) {
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
    cluster.onCapacity((h) => this.capacityChanged(h));
  }

  // Host h's capacity changed: its row's capacity is summed again.
  private capacityChanged(h: number): void {
    const c = this.cluster, D = c.D, start = this.rowStart;
    let r = 0;
    while ((start[r + 1] as number) <= h) r++;
    for (let d = 0; d < D; d++) {
      let sum = 0;
      for (let k = start[r] as number; k < (start[r + 1] as number); k++) sum += c.capacity[k * D + d] as number;
      this.rowCapacity[r * D + d] = sum;
    }
  }

  /**
   * A sampler that samples a run at each of its `sampled` events.
   * @throws Error when the run takes no samples (its scenario has no `timeseries.interval`).
   */
  static follow(run: Simulation, options: HostSamplerOptions = {}): HostSampler {
    if (!(run.scenario.sampleInterval > 0)) throw new Error('HostSampler.follow: the run takes no samples; give the scenario a timeseries.interval');
    const s = new HostSampler(run.cluster, options);
    run.observe((e) => {
      if (e.kind === 'sampled') s.sample(e.time);
    });
    return s;
  }

  /** Records every row's utilisation now, at time `t`. */
  sample(t: number): void {
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
}
