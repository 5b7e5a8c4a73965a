export type { PlacementPolicy, PlacementRequest, HostView } from './policy.js';
export { firstFit, bestFit, worstFit, randomFit, roundRobin, remainingAfter } from './policies.js';
export { createPolicy, POLICIES, KUBE_POLICIES } from './create-policy.js';
export type { ClassicPolicyName } from './create-policy.js';
export { FreeCapacityIndex } from './free-capacity-index.js';
