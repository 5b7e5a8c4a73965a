import type { Issue } from '../errors.js';
import { joinPath } from '../errors.js';
import type { ParsedScenario } from './validate.js';
import { kubeProfileWarnings } from '../kube/profile-warnings.js';
import { hpaFromObject } from '../dynamics/hpa-object.js';

/** The code of a warning about input that podsim accepts but does not model. @example `issue.code === NOT_MODELLED` */
export const NOT_MODELLED = 'not_modelled';

function notModelled(path: string, message: string): Issue {
  return { code: NOT_MODELLED, path, message };
}

/**
 * The `not_modelled` warnings of a valid scenario: one for each field or object that podsim
 * accepts but does not simulate, with its path and what is ignored. Pure: the same scenario gives
 * the same warnings, in scenario order.
 *
 * - `horizontalPodAutoscalers[i]`: metrics other than CPU utilisation ({@link hpaFromObject}), and an HPA
 *   whose target is not a service (no `replicas`).
 * - `workloads[i].tolerations[j].tolerationSeconds`: a pod that tolerates a `NoExecute` taint
 *   stays on its host (Kubernetes evicts it when the seconds run out).
 * - `scheduler.profiles[i]…`: kube-scheduler plugins about volumes, binding, scheduling gates and
 *   dynamic resources that a profile enables or configures ({@link kubeProfileWarnings}).
 *
 * `loadScenario`, `validateFiles` and `validateScenario` include these warnings, moved back to
 * the file and line the value came from.
 *
 * @param scenario - A scenario that passed validation ({@link ParsedScenario}).
 * @returns The warnings, each `{ code: 'not_modelled', path, message }`.
 * @example
 * ```ts
 * import { parseScenario, scenarioWarnings } from 'podsim';
 * const s = parseScenario({
 *   hosts: [{ name: 'n', capacity: { cpu: 4 } }],
 *   workloads: [{ name: 'w', count: 1, arrival: { process: 'explicit', times: [0] }, request: { cpu: 1 },
 *     tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] }],
 * });
 * scenarioWarnings(s);
 * // [{ code: 'not_modelled', path: 'workloads[0].tolerations[0].tolerationSeconds', message: 'tolerationSeconds is not modelled: … ' }]
 * ```
 */
export function scenarioWarnings(scenario: ParsedScenario): Issue[] {
  const out: Issue[] = [];
  scenario.workloads.forEach((w, i) => {
    (w.tolerations ?? []).forEach((t, j) => {
      // Modelled for the node lifecycle's taints (not-ready, unreachable: host failures); not for others.
      if (t.tolerationSeconds === undefined || t.key === 'node.kubernetes.io/unreachable' || t.key === 'node.kubernetes.io/not-ready') return;
      out.push(notModelled(
        joinPath(joinPath(joinPath(joinPath('workloads', i), 'tolerations'), j), 'tolerationSeconds'),
        `tolerationSeconds is not modelled except for a failed host's not-ready and unreachable taints: a pod placed on a host with a NoExecute taint it tolerates stays there (Kubernetes evicts it after ${t.tolerationSeconds} s)`,
      ));
    });
  });
  (scenario.horizontalPodAutoscalers ?? []).forEach((a, i) => {
    const at = joinPath('horizontalPodAutoscalers', i);
    const h = hpaFromObject(a, at);
    out.push(...h.warnings);
    if (h.spec === undefined || h.target === undefined) return;
    const w = scenario.workloads.find((x) => x.name === h.target) as { replicas?: number } | undefined;
    if (w !== undefined && w.replicas === undefined) {
      out.push(notModelled(at, `the HPA scales services only: ${JSON.stringify(h.target)} has no replicas, so this HorizontalPodAutoscaler does nothing`));
    }
  });
  out.push(...kubeProfileWarnings(scenario.scheduler?.profiles));
  return out;
}
