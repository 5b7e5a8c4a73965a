/**
 * The discrete-event kernel (event queue, simulator, processes), the cluster's exact resource accounting
 * (R_c = R_h − R_s), and the compiled scenario the simulation runs.
 *
 * @example
 * ```ts
 * import { Simulator } from 'podsim/engine';
 * const sim = new Simulator();
 * const TICK = sim.on((n, s) => { if (n < 3) s.schedule(1, TICK, n + 1); });
 * sim.schedule(0, TICK, 0);
 * sim.run();
 * console.log(sim.now); // 3
 * ```
 * @packageDocumentation
 * @module podsim/engine
 */
export { EventQueue } from './event-queue.js';
export type { EventHandle } from './event-queue.js';
export { Simulator } from './simulator.js';
export type { EventHandler, RunOptions } from './simulator.js';
export { SimEvent } from './sim-event.js';
export type { ProcessBody, Yieldable } from './process.js';
export { ClusterState } from '../cluster/cluster-state.js';
export { compileScenario } from '../scenario/compile.js';
export type { CompiledScenario, CompiledHost, CompiledWorkload, CompiledArrival, CompiledImage } from '../scenario/compile.js';
export type { HostSnapshot, ContainerSnapshot, ContainerUsage } from '../simulation/snapshot.js';
export { Outcome, OUTCOME_NAMES } from '../simulation/lifecycle.js';
export type { OutcomeName } from '../simulation/lifecycle.js';
export type { SimulationEventKind, SimulationListener } from '../simulation/observation.js';
export type { WaitSummary, WorkloadResult, WorkloadPerformance, ContainerSummary } from '../simulation/result.js';
export type { ArrivalSource, ArrivalContext } from '../simulation/arrivals.js';
