import type { ClusterState } from '../cluster/cluster-state.js';
import type { KubeExplain } from '../kube/kube-scheduler.js';
import { kubeNodeFieldsSchema, type KubeNodeFields } from '../kube/node-fields-schema.js';
import { kubePodFieldsSchema } from '../kube/pod-fields-schema.js';
import { priorityClassSchema, type PriorityClass } from '../kube/policy-schema.js';
import type { KubePreset } from '../kube/resolve-profile.js';
import { scoreHosts } from '../kube/score-hosts.js';
import type { Scenario } from '../scenario/schema.js';

const POD_KEYS = ['namespace', 'labels', 'priorityClassName', 'priority', 'nodeSelector', 'affinity', 'tolerations', 'topologySpreadConstraints'] as const;
const NODE_KEYS = ['taints', 'unschedulable', 'maxPods'] as const;

function pick(from: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (from[k] !== undefined) out[k] = from[k];
  return out;
}

/**
 * What kube-scheduler would make of a placement: every filter's reasons and every score plugin's
 * score per host, from the scenario's Kubernetes fields (workload labels, selectors, affinity,
 * tolerations; host taints, cordons, pod limits) and the cluster's allocations at that moment.
 *
 * @param scenario - The scenario as loaded, for the Kubernetes fields.
 * @param workload - The workload's index.
 * @param demand - The container's request, dense over `cluster.dims`.
 * @param profile - A kube-scheduler preset.
 * @returns the explanation, or a sentence saying why there is none.
 * @example
 * ```ts
 * const k = kubeView(scenario, 0, req.demand.subarray(req.offset, req.offset + cluster.D), cluster, 'default');
 * ```
 */
export function kubeView(scenario: Scenario, workload: number, demand: Float64Array, cluster: ClusterState, profile: KubePreset): KubeExplain | string {
  const w = (scenario.workloads[workload] ?? {}) as Record<string, unknown>;
  const fields = kubePodFieldsSchema.safeParse(pick(w, POD_KEYS));
  if (!fields.success) return `the workload's Kubernetes fields do not parse: ${fields.error.issues[0]?.message ?? 'invalid'}`;
  const nodeFieldsByGroup: (KubeNodeFields | undefined)[] = [];
  for (const g of scenario.hosts) {
    const n = kubeNodeFieldsSchema.safeParse(pick(g as Record<string, unknown>, NODE_KEYS));
    if (!n.success) return `host group ${g.name}'s Kubernetes fields do not parse: ${n.error.issues[0]?.message ?? 'invalid'}`;
    nodeFieldsByGroup.push(n.data);
  }
  const priorityClasses: PriorityClass[] = [];
  for (const pc of scenario.priorityClasses ?? []) {
    const p = priorityClassSchema.safeParse(pc);
    if (p.success) priorityClasses.push(p.data);
  }
  return scoreHosts({ request: demand, fields: fields.data, owner: String(w.name) }, cluster, profile, { nodeFieldsByGroup, priorityClasses });
}

/**
 * A short alias for a plugin, from its capitals: `NodeResourcesBalancedAllocation` → `NRBA`.
 *
 * @example
 * ```ts
 * pluginAlias('TaintToleration'); // 'TT'
 * ```
 */
export function pluginAlias(name: string): string {
  return name.replace(/[^A-Z]/g, '') || name;
}
