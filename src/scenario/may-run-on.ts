import type { Toleration } from '../kube/pod-fields-schema.js';
import type { Taint } from '../kube/node-fields-schema.js';
import { findUntoleratedTaint } from '../kube/selectors.js';

const REPELLING = ['NoSchedule', 'NoExecute'] as const;

/**
 * Whether a workload's containers may run on a host by its labels and taints alone: every
 * `nodeSelector` label matches, and every `NoSchedule` and `NoExecute` taint is tolerated (as
 * kube-scheduler's NodeAffinity and TaintToleration filters see it; room is not considered).
 * @internal
 * @example
 * ```ts
 * mayRunOn({ nodeSelector: { disk: 'ssd' } }, { disk: 'ssd' }, []); // true
 * ```
 */
export function mayRunOn(
  workload: { readonly nodeSelector?: Readonly<Record<string, string>> | undefined; readonly tolerations?: readonly Toleration[] | undefined },
  labels: Readonly<Record<string, string>>,
  taints: readonly Taint[],
): boolean {
  for (const [k, v] of Object.entries(workload.nodeSelector ?? {})) if (labels[k] !== v) return false;
  return findUntoleratedTaint(taints, workload.tolerations ?? [], REPELLING) === undefined;
}
