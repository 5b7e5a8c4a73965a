import type { ClusterState } from '../cluster/cluster-state.js';
import { createRng } from '../random/streams.js';
import { KubeScheduler, type KubeExplain, type KubePodSpec } from './kube-scheduler.js';
import type { KubeNodeFields } from './node-fields-schema.js';
import type { PriorityClass } from './policy-schema.js';
import type { KubeProfile } from './profile-schema.js';
import { resolveProfile, type KubePreset, type ResolvedProfile } from './resolve-profile.js';

/**
 * Options for the {@link scoreHosts} convenience.
 *
 * @example
 * ```ts
 * scoreHosts(pod, cluster, 'binpack', { nodeFieldsByGroup: [{ maxPods: 30 }] });
 * ```
 */
export interface ScoreHostsOptions {
  /** Kube fields per host group. @defaultValue none */
  readonly nodeFieldsByGroup?: ReadonlyArray<KubeNodeFields | undefined>;
  /** Kube fields per host. @defaultValue none */
  readonly nodeFieldsByHost?: ReadonlyArray<KubeNodeFields | undefined>;
  /** Priority classes. @defaultValue none */
  readonly priorityClasses?: readonly PriorityClass[];
}

/**
 * Explains where one container would go, without an event loop: every host's feasibility with each
 * rejecting filter's reasons, and each score plugin's raw and normalised score and the weighted total.
 * It sees the cluster's allocations but not which pods hold them, so pod affinity and topology spread
 * see no existing pods; use {@link KubeScheduler.scoreHosts} inside a simulation.
 *
 * @example
 * ```ts
 * const e = scoreHosts({ request: { cpu: 500, memory: 2 ** 30 } }, cluster, 'default');
 * e.hosts.filter((h) => h.feasible).sort((a, b) => b.total - a.total)[0]?.name;
 * ```
 */
export function scoreHosts(container: KubePodSpec, cluster: ClusterState, profile: KubeProfile | KubePreset | ResolvedProfile = {}, options: ScoreHostsOptions = {}): KubeExplain {
  const resolved = typeof profile === 'object' && 'filters' in profile ? profile : resolveProfile(profile);
  const schedulerName = container.fields?.schedulerName ?? 'default-scheduler';
  const s = new KubeScheduler({
    cluster,
    rng: createRng(0, 'kube/explain'),
    watchCluster: false,
    profiles: [{ ...resolved, schedulerName }],
    ...(options.nodeFieldsByGroup === undefined ? {} : { nodeFieldsByGroup: options.nodeFieldsByGroup }),
    ...(options.nodeFieldsByHost === undefined ? {} : { nodeFieldsByHost: options.nodeFieldsByHost }),
    ...(options.priorityClasses === undefined ? {} : { priorityClasses: options.priorityClasses }),
  });
  return s.scoreHosts(s.addPod(container));
}
