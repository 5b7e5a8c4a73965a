/**
 * Conditions a host can be in that keep new containers off it while what runs there stays, as a
 * node's conditions do in Kubernetes. The simulation sets them in one place
 * ({@link "podsim"!Simulation.setHostCondition}); schedulers hear of them through
 * {@link Scheduler.hostConditionChanged}, and {@link "podsim/engine"!ClusterState.fits} is false on a host with any.
 *
 * - `MemoryPressure`: the kubelet's eviction threshold was crossed (the node lifecycle controller taints
 *   it `node.kubernetes.io/memory-pressure:NoSchedule`).
 * - `NotReady`: the node stopped reporting (`node.kubernetes.io/not-ready`).
 * - `Unschedulable`: cordoned (`node.kubernetes.io/unschedulable`).
 *
 * @example
 * ```ts
 * run.setHostCondition(3, HostCondition.NotReady, true);
 * ```
 */
export const HostCondition = { MemoryPressure: 0, NotReady: 1, Unschedulable: 2 } as const;

/** One of {@link "podsim/scheduling"!HostCondition}'s values. @example `const c: HostCondition = HostCondition.MemoryPressure;` */
export type HostCondition = (typeof HostCondition)[keyof typeof HostCondition];

/** The name of each {@link "podsim/scheduling"!HostCondition}, by value, as Kubernetes spells the node condition. @example `HOST_CONDITION_NAMES[HostCondition.NotReady]; // 'NotReady'` */
export const HOST_CONDITION_NAMES: readonly string[] = ['MemoryPressure', 'NotReady', 'Unschedulable'];
