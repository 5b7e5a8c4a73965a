import type { ClusterState } from '../cluster/cluster-state.js';

/**
 * @internal What the simulation says when a scheduler's `select` answered with a host it may not
 * use: not a host index (nor -1 for none), or a host blocked under memory pressure that the policy
 * did not check. A programming error in the policy, not a user's input, so a plain `Error`.
 *
 * @example
 * ```ts
 * throw badChoice('my-policy', cluster, 7.5); // "… chose host 7.5, which is not a host index (0 to 9) nor -1 for none"
 * ```
 */
export function badChoice(policy: string, cluster: ClusterState, h: number): Error {
  if (!(Number.isInteger(h) && h >= 0 && h < cluster.hostCount)) return new Error(`placement policy "${policy}" chose host ${h}, which is not a host index (0 to ${cluster.hostCount - 1}) nor -1 for none`);
  return new Error(`placement policy "${policy}" chose host ${h} (${cluster.hostNames[h]}), which is blocked (under memory pressure); policies must check fits()`);
}

/**
 * @internal What the simulation says when the cluster refused a scheduler's choice: the container
 * does not fit the host it named.
 *
 * @example
 * ```ts
 * if (!cluster.allocate(h, demand, offset)) throw refusedChoice('my-policy', cluster, h);
 * ```
 */
export function refusedChoice(policy: string, cluster: ClusterState, h: number): Error {
  return new Error(`placement policy "${policy}" chose host ${h} (${cluster.hostNames[h]}), where the container does not fit; the cluster refused it`);
}
