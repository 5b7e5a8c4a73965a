import type { ClusterState } from '../cluster/cluster-state.js';
import type { Simulator } from '../engine/simulator.js';
import type { CompiledWorkload } from '../scenario/compile.js';
import type { PendingQueue } from '../scheduling/pending-queue.js';
import type { Scheduler } from '../scheduling/scheduler.js';
import type { Accounting } from './accounting.js';
import type { ContainerTable } from './container-table.js';
import type { EventStream } from './observation.js';

/** @internal What a `SchedulingCycle` works with: the parts the simulation builds and hands it. */
export interface CycleParts {
  readonly sim: Simulator;
  readonly cluster: ClusterState;
  readonly workloads: readonly CompiledWorkload[];
  /** Each workload's request, dense: `demand[w * D + d]`. */
  readonly demand: Float64Array;
  /** 1 for a workload that fits some empty host. */
  readonly feasible: Uint8Array;
  readonly table: ContainerTable;
  readonly books: Accounting;
  readonly events: EventStream;
  readonly scheduler: Scheduler;
  readonly queue: PendingQueue;
  /** The scenario's end time (`Infinity` when it runs until nothing is left to do). */
  readonly until: number;
  /** How many pending kernel events do not keep the run alive (the time-series sample). */
  readonly backgroundEvents: () => number;
}
