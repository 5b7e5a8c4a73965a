import type { Issue } from '../errors.js';
import type { HpaBehavior } from './hpa-behavior.js';
import type { HpaSpec } from './hpa-controller.js';

/**
 * What an imported HorizontalPodAutoscaler object means to the simulation: its target's name, the
 * CPU-utilisation {@link HpaSpec} podsim runs (undefined when it has no CPU utilisation metric), and a
 * `not_modelled` warning per part it does not run.
 *
 * @example
 * ```ts
 * const h: ImportedHpa = { target: 'web', spec: { minReplicas: 2, maxReplicas: 10, targetCPUUtilization: 60 }, warnings: [] };
 * ```
 */
export interface ImportedHpa {
  /** `spec.scaleTargetRef.name` (undefined when absent). */
  readonly target: string | undefined;
  readonly spec: HpaSpec | undefined;
  readonly warnings: readonly Issue[];
}

/** autoscaling/v1's and v2's default target when none is given: 80 % CPU (pkg/apis/autoscaling/v2/defaults.go). */
const DEFAULT_CPU_UTILIZATION = 80;

const rec = (v: unknown): Record<string, unknown> | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/**
 * Reads an `autoscaling/v1`, `v2beta2` or `v2` HorizontalPodAutoscaler object (as imported into
 * `horizontalPodAutoscalers`). The controller podsim runs takes one metric, a `Resource` metric on `cpu`
 * with a `Utilization` target; v1's `targetCPUUtilizationPercentage` is that metric. Without any metric
 * the API server's default applies: 80 % CPU (SetDefaults_HorizontalPodAutoscaler). Every other metric
 * (memory, `AverageValue` targets, `Pods`, `Object`, `External`, `ContainerResource`) gets a `not_modelled`
 * warning at its path: upstream takes the largest count over all metrics, podsim only the CPU one's.
 * `behavior` is kept as given.
 *
 * @param obj - The object.
 * @param path - Its path in the scenario, e.g. `horizontalPodAutoscalers[0]`.
 * @example
 * ```ts
 * hpaFromObject({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' },
 *   spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 10,
 *     metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }] } }, 'horizontalPodAutoscalers[0]');
 * // { target: 'web', spec: { minReplicas: 1, maxReplicas: 10, targetCPUUtilization: 60 }, warnings: [] }
 * ```
 */
export function hpaFromObject(obj: Readonly<Record<string, unknown>>, path: string): ImportedHpa {
  const warnings: Issue[] = [];
  const warn = (at: string, message: string) => warnings.push({ code: 'not_modelled', path: at, message });
  const spec = rec(obj['spec']) ?? {};
  const target = rec(spec['scaleTargetRef'])?.['name'];
  const targetName = typeof target === 'string' ? target : undefined;
  const min = typeof spec['minReplicas'] === 'number' ? spec['minReplicas'] : 1;
  const max = typeof spec['maxReplicas'] === 'number' ? spec['maxReplicas'] : undefined;
  let cpu: number | undefined;
  const v1 = spec['targetCPUUtilizationPercentage'];
  const metrics = spec['metrics'];
  if (typeof v1 === 'number') cpu = v1;
  else if (Array.isArray(metrics) && metrics.length > 0) {
    metrics.forEach((m, j) => {
      const at = `${path}.spec.metrics[${j}]`;
      const metric = rec(m);
      const type = metric?.['type'];
      const res = rec(metric?.['resource']);
      const t = rec(res?.['target']);
      if (type === 'Resource' && res?.['name'] === 'cpu' && t?.['type'] === 'Utilization' && typeof t['averageUtilization'] === 'number') {
        if (cpu === undefined) cpu = t['averageUtilization'];
        else warn(at, 'a second CPU utilisation metric is not modelled: the HPA uses the first one');
        return;
      }
      const what = type === 'Resource' || type === 'ContainerResource'
        ? `a ${String(type)} metric on ${JSON.stringify(res?.['name'] ?? rec(metric?.['containerResource'])?.['name'])} with a ${JSON.stringify(t?.['type'] ?? rec(rec(metric?.['containerResource'])?.['target'])?.['type'])} target`
        : `a ${JSON.stringify(type)} metric`;
      warn(at, `${what} is not modelled: podsim's HPA scales on CPU utilisation only (upstream takes the largest count over all metrics)`);
    });
  } else cpu = DEFAULT_CPU_UTILIZATION;
  if (cpu === undefined) {
    warn(path, `this HorizontalPodAutoscaler has no CPU utilisation metric, so it does nothing: ${targetName === undefined ? 'its target' : JSON.stringify(targetName)} keeps the replicas it was given`);
    return { target: targetName, spec: undefined, warnings };
  }
  if (max === undefined) return { target: targetName, spec: undefined, warnings };
  const behavior = rec(spec['behavior']) as HpaBehavior | undefined;
  return { target: targetName, spec: { minReplicas: min, maxReplicas: max, targetCPUUtilization: cpu, ...(behavior === undefined ? {} : { behavior }) }, warnings };
}
