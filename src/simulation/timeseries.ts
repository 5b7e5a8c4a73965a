import type { TimeSeries } from './result.js';

/** @internal Collects time-series samples column by column. */
export class TimeSeriesBuilder {
  private readonly time: number[] = [];
  private readonly util: number[][];
  private readonly pending: number[] = [];
  private readonly running: number[] = [];
  private readonly inUse: number[] = [];
  private readonly usageCpu: number[] = [];
  private readonly usageMem: number[] = [];
  private readonly power: number[] = [];
  private readonly cost: number[] = [];
  lastTime = -Infinity;

  constructor(private readonly dims: readonly string[], private readonly capacity: Float64Array) {
    this.util = dims.map(() => []);
  }

  /** `usage.memory` undefined: memory in use is unknown (only CPU usage is declared). */
  add(t: number, allocated: Float64Array, pending: number, running: number, hostsInUse: number, usage?: { cpu: number; memory: number | undefined }): void {
    if (usage !== undefined) {
      const c = this.capacity[0] as number, m = this.capacity[1] as number;
      this.usageCpu.push(c > 0 ? usage.cpu / c : 0);
      if (usage.memory !== undefined) this.usageMem.push(m > 0 ? usage.memory / m : 0);
    }
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

  /** Adds the cluster's power (watts) and the cost so far to the sample just taken; either may be absent. */
  addDynamics(power: number | undefined, cost: number | undefined): void {
    if (power !== undefined) this.power.push(power);
    if (cost !== undefined) this.cost.push(cost);
  }

  build(): TimeSeries {
    const utilization: Record<string, number[]> = {};
    this.dims.forEach((d, i) => { if ((this.capacity[i] as number) > 0) utilization[d] = this.util[i] as number[]; });
    const n = this.time.length;
    const usage = this.usageCpu.length === n && n > 0 ? { usage: this.usageMem.length === n ? { cpu: this.usageCpu, memory: this.usageMem } : { cpu: this.usageCpu } } : {};
    return {
      time: this.time, utilization, pending: this.pending, running: this.running, hostsInUse: this.inUse, ...usage,
      ...(this.power.length === n && n > 0 ? { power: this.power } : {}),
      ...(this.cost.length === n && n > 0 ? { cost: this.cost } : {}),
    };
  }
}
