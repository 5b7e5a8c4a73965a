import type { Scenario } from '../scenario/schema.js';
import type { SimulationResult } from './result.js';
import { Simulation, type SimulationOptions } from './simulation.js';

/**
 * Runs a scenario to the end and returns its result. Synchronous and deterministic: the same
 * scenario and seed give a byte-identical `JSON.stringify` of the result.
 *
 * The scenario is validated first; every problem is reported at once in a {@link PodsimError}
 * (`hosts[0].capacity.cpu: "-1" is not a valid CPU quantity: it is negative`), and nothing runs.
 *
 * @example
 * ```ts
 * import { simulate } from 'podsim';
 *
 * const result = simulate({
 *   seed: 1,
 *   hosts: [{ name: 'node', count: 10, capacity: { cpu: 4, memory: '16Gi' } }],
 *   workloads: [{
 *     name: 'web', count: 10000,
 *     arrival: { process: 'poisson', rate: 8 },
 *     duration: { distribution: 'exponential', mean: 1 },
 *     request: { cpu: '500m', memory: '1Gi' },
 *   }],
 *   scheduler: { policy: 'first-fit' },
 * });
 * console.log(result.wait.p99, result.utilization.cpu);
 * ```
 */
export function simulate(scenario: Scenario, options: SimulationOptions = {}): SimulationResult {
  return new Simulation(scenario, options).run().result();
}
