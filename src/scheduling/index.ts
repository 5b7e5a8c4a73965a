/**
 * The classic bin-packing placement policies (first-fit, best-fit, worst-fit, random, round-robin), and the
 * free-capacity index they search.
 *
 * @example
 * ```ts
 * import { simulate } from 'podsim';
 * import { bestFit } from 'podsim/scheduling';
 * const r = simulate({
 *   hosts: [{ name: 'node', count: 2, capacity: { cpu: 4 } }],
 *   workloads: [{ name: 'w', count: 10, arrival: { process: 'interval', every: 1 }, duration: { distribution: 'constant', value: 3 }, request: { cpu: 1 } }],
 * }, { policy: bestFit() });
 * console.log(r.policy, r.hosts.peakInUse);
 * ```
 * @packageDocumentation
 * @module podsim/scheduling
 */
export type { PlacementPolicy, PlacementRequest, HostView } from './policy.js';
export type { Scheduler, SchedulerExplanation, HostExplanation } from './scheduler.js';
export { SchedulingDecision } from './scheduler.js';
export { HostCondition, HOST_CONDITION_NAMES } from './host-condition.js';
export type { PendingQueue, QueueContext } from './pending-queue.js';
export { FifoQueue } from './fifo-queue.js';
export { SkipQueue } from './skip-queue.js';
export { ContainerRing } from './container-ring.js';
export { firstFit, bestFit, worstFit, randomFit, roundRobin, remainingAfter } from './policies.js';
export { explainFit } from './explain-fit.js';
export { createPolicy } from './create-policy.js';
export { POLICIES, KUBE_POLICIES, KUBE_POLICY_PRESETS } from './policy-names.js';
export type { ClassicPolicyName, KubePolicyName } from './policy-names.js';
export { registerPolicy, unregisterPolicy, policyNames, builtinPolicyNames, createScheduler, unknownPolicyMessage, asParts, policyFactory } from './policy-registry.js';
export type { PolicyContext, PolicyParts, PolicyFactory, ContainerInfo } from './policy-registry.js';
export { FreeCapacityIndex } from './free-capacity-index.js';
