import type { TimeSeries } from './result.js';

/** @internal Collects time-series samples column by column. */
export class TimeSeriesBuilder {
  private readonly time: number[] = [];
  private readonly util: number[][];
  private readonly pending: number[] = [];
  private readonly running: number[] = [];
  private readonly inUse: number[] = [];
  lastTime = -Infinity;

  constructor(private readonly dims: readonly string[], private readonly capacity: Float64Array) {
    this.util = dims.map(() => []);
  }

  add(t: number, allocated: Float64Array, pending: number, running: number, hostsInUse: number): void {
    this.lastTime = t;
    this.time.push(t);
    for (let d = 0; d < this.dims.length; d++) {
      const cap = this.capacity[d] as number;
      (this.util[d] as number[]).push(cap > 0 ? (allocated[d] as number) / cap : 0);
    }
    this.pending.push(pending);
    this.running.push(running);
    this.inUse.push(hostsInUse);
  }

  build(): TimeSeries {
    const utilization: Record<string, number[]> = {};
    this.dims.forEach((d, i) => { if ((this.capacity[i] as number) > 0) utilization[d] = this.util[i] as number[]; });
    return { time: this.time, utilization, pending: this.pending, running: this.running, hostsInUse: this.inUse };
  }
}
