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
 * What an {@link ArrivalSource} works with: the event kernel (register a handler with `sim.on`, then
 * `sim.scheduleAt` each arrival), the run's end, and `submit`, which hands one container of a
 * scenario workload to the scheduling cycle.
 *
 * @example
 * ```ts
 * const source: ArrivalSource = {
 *   start(ctx) {
 *     const ARRIVE = ctx.sim.on((k) => ctx.submit(0, -1, 30)); // workload 0, no pinned host, runs 30 s
 *     for (let k = 0; k < 3; k++) ctx.sim.scheduleAt(k * 10, ARRIVE, k);
 *   },
 * };
 * ```
 */
export interface ArrivalContext {
  /** The event kernel. */
  readonly sim: Simulator;
  /** The scenario's end (`Infinity` for none): arrivals after it are never processed. */
  readonly until: number;
  /**
   * Submits one container now.
   * @param workload - Index of a scenario workload: the container takes its request, name and options.
   * @param pinned - A host index it must run on, or -1 to let the scheduler choose.
   * @param duration - Its run time once started, in seconds (`Infinity`: until the run ends).
   */
  submit(workload: number, pinned: number, duration: number): void;
  /** The run's resource dimensions, in the order {@link ArrivalContext.submitWith} reads a request (`['cpu', 'memory', …]`). */
  readonly dims: readonly string[];
  /**
   * Submits one container now with its own request instead of its workload's (which then gives only
   * its name, options and accounting): no workload per request shape is needed up front, as a trace
   * replay's tasks need. The container's own request is what it holds everywhere: schedulers see it
   * through `req.demand`/`req.offset`, and the usage and energy books, the work lost on a failed host
   * and the cluster autoscaler's pods read it. A workload under the performance model is refused (a
   * `PodsimError`, `invalid_option`): its CPU shares, limits and memory come from its request.
   *
   * @param request - The request over {@link ArrivalContext.dims} at `request[offset .. offset + D)` (millicores, bytes), copied.
   * @returns The container's slot (valid while it lives; see {@link ArrivalContext.containerId}), or -1 when it was rejected (it fits no host).
   * @example
   * ```ts
   * const req = Float64Array.of(500, 2 ** 30); // dims ['cpu', 'memory']
   * const slot = ctx.submitWith(0, -1, Infinity, req, 0); // run time not known yet
   * ```
   */
  submitWith(workload: number, pinned: number, duration: number, request: ArrayLike<number>, offset: number): number;
  /**
   * Sets the run time of a live container submitted with `Infinity` (its end became known later):
   * if its run has not started, it applies when it starts; if it runs, it ends at its start plus
   * `duration` (now, if that is past). Returns `false` when `slot` holds no live container.
   * Check {@link ArrivalContext.containerId} first: a slot is reused once its container leaves.
   *
   * @example
   * ```ts
   * if (ctx.containerId(slot) === id) ctx.setDuration(slot, 120);
   * ```
   */
  setDuration(slot: number, duration: number): boolean;
  /** The id (submission order in the run) of the container in `slot`, or -1 when the slot is free. @example `const id = ctx.containerId(slot);` */
  containerId(slot: number): number;
  /** When the fixed run of the container in `slot` started (its placement, without the performance model), or NaN while it has not (pending, placed but not ready, free). @example `ctx.runStart(slot); // 1204.5` */
  runStart(slot: number): number;
}

/**
 * An external stream of arrivals, pulled by the simulation as simulated time advances: a trace
 * replay's plan, a generator, any source that knows its next arrival. Pass it as
 * `new Simulation(scenario, { arrivals })`; it runs alongside the workloads' own arrival processes.
 * A source should keep one pending event (its next arrival) rather than schedule them all, so that
 * memory stays bounded by what it holds, not by the events ahead.
 *
 * @example
 * ```ts
 * const times = Float64Array.of(0, 5, 5, 12);
 * let next = 0;
 * const source: ArrivalSource = {
 *   start(ctx) {
 *     const ARRIVE = ctx.sim.on(() => {
 *       ctx.submit(0, -1, 60);
 *       if (++next < times.length) ctx.sim.scheduleAt(times[next]!, ARRIVE, 0);
 *     });
 *     ctx.sim.scheduleAt(times[0]!, ARRIVE, 0);
 *   },
 * };
 * const run = new Simulation({ hosts: [{ name: 'n', capacity: { cpu: 4 } }], workloads: [{ name: 'job', arrival: { process: 'explicit', times: [] }, request: { cpu: 1 } }] }, { arrivals: source });
 * run.run().result().containers.submitted; // 4
 * ```
 */
export interface ArrivalSource {
  /** Called once, when the simulation is built: schedule the first arrival. */
  start(ctx: ArrivalContext): void;
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
  // Made when a workload first draws from them: explicit arrivals with their own run times never do
  // (a trace replay's thousands of request shapes would otherwise hold two generators each).
  private readonly arrivalRng: (Rng | undefined)[];
  private readonly durationRng: (Rng | undefined)[];
  private readonly arrived: Float64Array;
  // 1 for a workload whose every arrival is one container with a drawn run time (not a trace replay's, nor a DaemonSet's).
  private readonly single: Uint8Array;
  private readonly ARRIVAL: number;

  constructor(
    private readonly sim: Simulator,
    private readonly workloads: readonly CompiledWorkload[],
    private readonly streams: RandomStreams,
    private readonly until: number,
    private readonly target: SubmitTarget,
  ) {
    this.arrivalRng = new Array<Rng | undefined>(workloads.length).fill(undefined);
    this.durationRng = new Array<Rng | undefined>(workloads.length).fill(undefined);
    this.arrived = new Float64Array(workloads.length);
    this.single = Uint8Array.from(workloads, (wl) => {
      const a = wl.arrival;
      return wl.daemonHosts !== undefined || (a.kind === 'explicit' && (a.hosts !== undefined || a.durations !== undefined)) ? 0 : 1;
    });
    this.ARRIVAL = sim.on((w) => this.onArrival(w));
  }

  /** Schedules each workload's first arrival. */
  start(): void {
    for (let w = 0; w < this.workloads.length; w++) this.scheduleNext(w);
  }

  // The hot path (one Poisson container per arrival) is kept small, and passes no double to a call V8
  // may not inline (it would box it): the next arrival is drawn from the clock, not from an argument.
  private scheduleNext(w: number): void {
    const wl = this.workloads[w] as CompiledWorkload;
    const k = this.arrived[w] as number;
    if (k >= wl.count) return;
    const a = wl.arrival;
    let t: number;
    if (a.kind === 'poisson') t = this.sim.now - Math.log(1 - (this.arrivalRng[w] ?? this.stream(this.arrivalRng, 'arrival', w)).next()) / a.rate;
    else if (a.kind === 'interval') t = a.start + k * a.every;
    else if (k < a.times.length) t = a.times[k] as number;
    else return;
    if (t > wl.horizon || t > this.until) return;
    this.sim.scheduleAt(t, this.ARRIVAL, w);
  }

  private onArrival(w: number): void {
    const k = this.arrived[w] as number;
    this.arrived[w] = k + 1;
    if (this.single[w] === 1) this.target.submit(w, -1, this.drawDuration(w));
    else this.submitMany(w, k);
    this.scheduleNext(w);
  }

  // A trace replay's arrival (its own run time and, when recorded, its host), or a DaemonSet's (one
  // container per matching host, pinned to it).
  private submitMany(w: number, k: number): void {
    const wl = this.workloads[w] as CompiledWorkload;
    const daemon = wl.daemonHosts;
    const a = wl.arrival;
    if (a.kind === 'explicit' && (a.hosts !== undefined || a.durations !== undefined)) {
      const fixed = a.durations?.[k];
      this.target.submit(w, a.hosts === undefined ? -1 : (a.hosts[k] as number), fixed ?? this.drawDuration(w));
    } else for (let i = 0; i < (daemon as Int32Array).length; i++) this.target.submit(w, (daemon as Int32Array)[i] as number, this.drawDuration(w));
  }

  private drawDuration(w: number): number {
    const duration = (this.workloads[w] as CompiledWorkload).duration;
    return duration === undefined ? Infinity : duration(this.durationRng[w] ?? this.stream(this.durationRng, 'duration', w));
  }

  // A workload's stream `<kind>/<workload>`, made on first use.
  private stream(made: (Rng | undefined)[], kind: string, w: number): Rng {
    return (made[w] = this.streams.get(`${kind}/${(this.workloads[w] as CompiledWorkload).name}`));
  }
}
