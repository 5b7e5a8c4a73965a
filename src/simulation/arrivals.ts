import type { Simulator } from '../engine/simulator.js';
import type { RandomStreams, Rng } from '../random/streams.js';
import type { CompiledWorkload } from '../scenario/compile.js';

/**
 * Where the arrivals hand each container: its workload, the host it must run on (a DaemonSet's or a
 * recorded trace host, else -1) and its fixed run time (`Infinity` for none).
 */
export interface SubmitTarget {
  submit(workload: number, pinned: number, duration: number): void;
}

/**
 * @internal The workloads' arrival processes: one pending ARRIVAL event per workload, drawn from
 * the stream `arrival/<workload>` (Poisson), on a grid (interval) or from a list (explicit, with a
 * trace's own durations and hosts). Each arrival submits one container, or one per matching host for
 * a DaemonSet; run times are drawn at submission from `duration/<workload>`, in arrival order, so
 * that every policy sees the same ones.
 *
 * @example
 * ```ts
 * const arrivals = new Arrivals(sim, scenario.workloads, streams, scenario.until, cycle);
 * arrivals.start();
 * ```
 */
export class Arrivals {
  private readonly arrivalRng: Rng[];
  private readonly durationRng: Rng[];
  private readonly arrived: Float64Array;
  private readonly ARRIVAL: number;

  constructor(
    private readonly sim: Simulator,
    private readonly workloads: readonly CompiledWorkload[],
    streams: RandomStreams,
    private readonly until: number,
    private readonly target: SubmitTarget,
  ) {
    this.arrivalRng = workloads.map((w) => streams.get(`arrival/${w.name}`));
    this.durationRng = workloads.map((w) => streams.get(`duration/${w.name}`));
    this.arrived = new Float64Array(workloads.length);
    this.ARRIVAL = sim.on((w) => this.onArrival(w));
  }

  /** Schedules each workload's first arrival. */
  start(): void {
    for (let w = 0; w < this.workloads.length; w++) this.scheduleNext(w, 0);
  }

  private scheduleNext(w: number, after: number): void {
    const wl = this.workloads[w] as CompiledWorkload;
    const k = this.arrived[w] as number;
    if (k >= wl.count) return;
    const a = wl.arrival;
    let t: number;
    if (a.kind === 'poisson') t = after - Math.log(1 - (this.arrivalRng[w] as Rng).next()) / a.rate;
    else if (a.kind === 'interval') t = a.start + k * a.every;
    else if (k < a.times.length) t = a.times[k] as number;
    else return;
    if (t > wl.horizon || t > this.until) return;
    this.sim.scheduleAt(t, this.ARRIVAL, w);
  }

  private onArrival(w: number): void {
    const k = this.arrived[w] as number;
    this.arrived[w] = k + 1;
    const wl = this.workloads[w] as CompiledWorkload;
    const daemon = wl.daemonHosts;
    const a = wl.arrival;
    if (a.kind === 'explicit' && (a.hosts !== undefined || a.durations !== undefined)) {
      // Trace replay: this arrival's own run time and, when recorded, its host.
      const fixed = a.durations?.[k];
      this.target.submit(w, a.hosts === undefined ? -1 : (a.hosts[k] as number), fixed ?? this.drawDuration(w));
    } else if (daemon === undefined) this.target.submit(w, -1, this.drawDuration(w));
    // One container per matching host, pinned to it.
    else for (let i = 0; i < daemon.length; i++) this.target.submit(w, daemon[i] as number, this.drawDuration(w));
    this.scheduleNext(w, this.sim.now);
  }

  private drawDuration(w: number): number {
    const duration = (this.workloads[w] as CompiledWorkload).duration;
    return duration === undefined ? Infinity : duration(this.durationRng[w] as Rng);
  }
}
