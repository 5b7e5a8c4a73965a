import type { Simulation } from '../simulation/simulation.js';
import type { ContainerRow } from './container-row.js';
import { grown } from '../util/grown.js';

/**
 * One row per placement, gathered from a run's events: the container's name, workload and host, when
 * it was placed, and when it left that host (finished, failed, evicted or preempted; absent if it was
 * still there at the end). A container evicted and placed again has a row per placement.
 *
 * @example
 * ```ts
 * const run = new Simulation(scenario);
 * const log = ContainerLog.follow(run);
 * run.run();
 * containersCsv(log.rows());
 * ```
 */
export class ContainerLog {
  private readonly names: string[] = [];
  private readonly workloads: number[] = [];
  private readonly hosts: number[] = [];
  private readonly placed: number[] = [];
  private readonly left: number[] = [];
  // The open row of each live container, by its handle.
  private open: Int32Array = new Int32Array(1024).fill(-1);

  private constructor(private readonly run: Simulation) {}

  /** Starts recording a run (before it runs). */
  static follow(run: Simulation): ContainerLog {
    const log = new ContainerLog(run);
    run.observe((e) => {
      if (e.kind === 'placed') log.onPlaced(e.container, e.workload, e.ordinal, e.host, e.time);
      else if (e.kind === 'finished' || e.kind === 'failed' || e.kind === 'evicted' || e.kind === 'preempted' || e.kind === 'lost') log.onLeft(e.container, e.time);
    });
    return log;
  }

  private onPlaced(container: number, workload: number, ordinal: number, host: number, time: number): void {
    if (container >= this.open.length) this.open = grown(this.open, Math.max(container + 1, this.open.length * 2), -1);
    this.open[container] = this.names.length;
    this.names.push(this.run.containerName(workload, ordinal));
    this.workloads.push(workload);
    this.hosts.push(host);
    this.placed.push(time);
    this.left.push(NaN);
  }

  private onLeft(container: number, time: number): void {
    const row = this.open[container] ?? -1;
    if (row < 0) return;
    this.left[row] = time;
    this.open[container] = -1;
  }

  /** The rows, in placement order, for `containers.csv`. */
  rows(): ContainerRow[] {
    const w = this.run.scenario.workloads, hostNames = this.run.cluster.hostNames;
    return this.names.map((name, i) => {
      const left = this.left[i] as number;
      return {
        name,
        workload: (w[this.workloads[i] as number] as { name: string }).name,
        host: hostNames[this.hosts[i] as number] as string,
        placed: this.placed[i] as number,
        ...(Number.isNaN(left) ? {} : { finished: left }),
      };
    });
  }
}
