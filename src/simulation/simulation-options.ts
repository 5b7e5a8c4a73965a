import type { SampleBound } from '../metrics/sample-store.js';
import type { PendingQueue } from '../scheduling/pending-queue.js';
import type { PolicyFactory, registerPolicy } from '../scheduling/policy-registry.js';
import type { PlacementPolicy } from '../scheduling/policy.js';
import type { Scheduler } from '../scheduling/scheduler.js';
import type { ArrivalSource } from './arrivals.js';
import type { Simulation } from './simulation.js';

/**
 * Options for a {@link Simulation}.
 *
 * @example
 * ```ts
 * new Simulation(scenario, { policy: myPolicy });
 * ```
 */
export interface SimulationOptions {
  /**
   * The scheduler to use instead of the scenario's `scheduler.policy`: a {@link Scheduler} or
   * {@link PlacementPolicy} object, or a factory given the run's cluster, scenario and streams (as
   * {@link registerPolicy} takes).
   * @defaultValue the policy the scenario names (first-fit if none)
   */
  readonly policy?: Scheduler | PlacementPolicy | PolicyFactory;
  /**
   * The pending queue to use.
   * @defaultValue the policy's own queue (kube-scheduler's), else the scenario's `scheduler.queue` (fifo or skip)
   */
  readonly queue?: PendingQueue;
  /**
   * An external source of arrivals (a trace replay's plan, see `replaySimulation` in `podsim/traces`),
   * pulled as simulated time advances, alongside the workloads' own arrival processes.
   * @defaultValue none
   */
  readonly arrivals?: ArrivalSource;
  /**
   * Bounds the memory of the waits kept for the result's wait summaries: past `exactUpTo` waits
   * (other than 0) per workload, they are counted in a quantile sketch, and the quantiles are then
   * within `relativeError` (the result's `wait.relativeError` says so; see `SampleStore`).
   * @defaultValue every wait kept, the quantiles exact
   */
  readonly waitStore?: SampleBound;
}

/**
 * Options for {@link Simulation.run}.
 *
 * @example
 * ```ts
 * run.run({ until: 600, onProgress: (now) => bar.update(now) });
 * ```
 */
export interface SimulationRunOptions {
  /**
   * Stop after every event at or before this time, with the clock moved to it; the run stays open
   * (call `run()` again to go on).
   * @defaultValue the end of the run
   */
  readonly until?: number;
  /** Called every 1024 events with the time and the events processed. @defaultValue none */
  readonly onProgress?: (now: number, events: number) => void;
}
