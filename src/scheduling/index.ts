/**
 * The classic bin-packing placement policies (first-fit, best-fit, worst-fit, random, round-robin), and the
 * free-capacity index they search.
 *
 * @example
 * ```ts
 * import { bestFit } from 'podsim/scheduling';
 * import { simulate } from 'podsim';
 * const r = simulate(scenario, { policy: bestFit() });
 * ```
 * @packageDocumentation
 * @module podsim/scheduling
 */
export type { PlacementPolicy, PlacementRequest, HostView } from './policy.js';
export { firstFit, bestFit, worstFit, randomFit, roundRobin, remainingAfter } from './policies.js';
export { createPolicy, POLICIES, KUBE_POLICIES } from './create-policy.js';
export type { ClassicPolicyName } from './create-policy.js';
export { FreeCapacityIndex } from './free-capacity-index.js';
