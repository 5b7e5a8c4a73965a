import { describe, expect, it } from 'vitest';
import { kubePodFieldsSchema } from '../../src/kube/pod-fields-schema.js';
import { kubeNodeFieldsSchema } from '../../src/kube/node-fields-schema.js';
import { kubeProfileSchema, kubeSchedulerConfigSchema } from '../../src/kube/profile-schema.js';
import { podDisruptionBudgetSchema, priorityClassSchema } from '../../src/kube/policy-schema.js';
import { validateKubeConfig, type KubeConfigInput } from '../../src/kube/validate-kube-config.js';
import { resolveProfile } from '../../src/kube/resolve-profile.js';
import { PodsimError } from '../../src/errors.js';
import type { KubePodFields } from '../../src/kube/pod-fields-schema.js';
import type { KubeProfile } from '../../src/kube/profile-schema.js';

const hosts = [{ path: 'hosts[0]', labels: { 'topology.kubernetes.io/zone': 'a', disk: 'ssd' } }];

function issuesOf(input: KubeConfigInput) {
  return validateKubeConfig(input).map((i) => ({ code: i.code, path: i.path }));
}
function pod(fields: KubePodFields) {
  return issuesOf({ pods: [{ path: 'workloads[0]', fields }], hostGroups: hosts });
}
function profile(p: KubeProfile) {
  return issuesOf({ profiles: [p] });
}
const nodeTerm = (e: { key: string; operator: string; values?: string[] }): KubePodFields => ({
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [e] }] } } },
});
const T = 'workloads[0].affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0]';

describe('validateKubeConfig', () => {
  it('accepts a well-formed configuration', () => {
    const input: KubeConfigInput = {
      profiles: [{ schedulerName: 'default-scheduler' }, { schedulerName: 'packer', preset: 'binpack' }],
      priorityClasses: [{ name: 'high', value: 1000, globalDefault: true }],
      podDisruptionBudgets: [{ name: 'web', selector: { matchLabels: { app: 'web' } }, minAvailable: '50%' }],
      pods: [{ path: 'workloads[0]', fields: { priorityClassName: 'high', schedulerName: 'packer', ...nodeTerm({ key: 'disk', operator: 'In', values: ['ssd'] }) } }],
      hostGroups: hosts,
    };
    expect(validateKubeConfig(input)).toEqual([]);
  });

  it('reports an unknown plugin with a "did you mean"', () => {
    const issues = validateKubeConfig({ profiles: [{ plugins: { score: { enabled: [{ name: 'NodeResourceFit' }] } } }] });
    expect(issues).toEqual([{ code: 'unknown_plugin', path: 'scheduler.profiles[0].plugins.score.enabled[0].name', message: '"NodeResourceFit" is not a known scheduler plugin; did you mean "NodeResourcesFit"?' }]);
    expect(profile({ pluginConfig: [{ name: 'PodTopolgySpread', args: {} }] })).toEqual([{ code: 'unknown_plugin', path: 'scheduler.profiles[0].pluginConfig[0].name' }]);
    expect(profile({ plugins: { filter: { enabled: [{ name: 'ImageLocality' }] } } })).toEqual([{ code: 'plugin_extension_mismatch', path: 'scheduler.profiles[0].plugins.filter.enabled[0].name' }]);
  });

  it('reports score weights outside 1..100 (0 means the default)', () => {
    expect(profile({ plugins: { score: { enabled: [{ name: 'ImageLocality', weight: 101 }, { name: 'NodeAffinity', weight: -1 }, { name: 'TaintToleration', weight: 0 }] } } })).toEqual([
      { code: 'weight_out_of_range', path: 'scheduler.profiles[0].plugins.score.enabled[0].weight' },
      { code: 'weight_out_of_range', path: 'scheduler.profiles[0].plugins.score.enabled[1].weight' },
    ]);
    expect(profile({ pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { resources: [{ name: 'cpu', weight: 0 }] } } }] })).toEqual([
      { code: 'weight_out_of_range', path: 'scheduler.profiles[0].pluginConfig[0].args.scoringStrategy.resources[0].weight' },
    ]);
    expect(profile({ pluginConfig: [{ name: 'InterPodAffinity', args: { hardPodAffinityWeight: 200 } }] })).toEqual([
      { code: 'weight_out_of_range', path: 'scheduler.profiles[0].pluginConfig[0].args.hardPodAffinityWeight' },
    ]);
  });

  it('reports RequestedToCapacityRatio shapes that are empty, not increasing or out of range', () => {
    const rtcr = (shape: Array<{ utilization: number; score: number }>) => profile({ pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'RequestedToCapacityRatio', requestedToCapacityRatio: { shape } } } }] });
    const P = 'scheduler.profiles[0].pluginConfig[0].args.scoringStrategy.requestedToCapacityRatio.shape';
    expect(rtcr([])).toEqual([{ code: 'invalid_shape', path: P }]);
    expect(rtcr([{ utilization: 50, score: 1 }, { utilization: 50, score: 2 }])).toEqual([{ code: 'invalid_shape', path: `${P}[1].utilization` }]);
    expect(rtcr([{ utilization: 60, score: 1 }, { utilization: 20, score: 2 }])).toEqual([{ code: 'invalid_shape', path: `${P}[1].utilization` }]);
    expect(rtcr([{ utilization: 0, score: 11 }, { utilization: 120, score: 0 }])).toEqual([
      { code: 'invalid_shape', path: `${P}[0].score` },
      { code: 'invalid_shape', path: `${P}[1].utilization` },
    ]);
  });

  it('reports malformed node affinity terms', () => {
    expect(pod(nodeTerm({ key: 'disk', operator: 'Equals', values: ['ssd'] }))).toEqual([{ code: 'bad_operator', path: `${T}.operator` }]);
    expect(pod(nodeTerm({ key: 'disk', operator: 'In', values: [] }))).toEqual([{ code: 'invalid_values', path: `${T}.values` }]);
    expect(pod(nodeTerm({ key: 'disk', operator: 'NotIn' }))).toEqual([{ code: 'invalid_values', path: `${T}.values` }]);
    expect(pod(nodeTerm({ key: 'disk', operator: 'Exists', values: ['ssd'] }))).toEqual([{ code: 'invalid_values', path: `${T}.values` }]);
    expect(pod(nodeTerm({ key: 'cores', operator: 'Gt', values: ['1', '2'] }))).toEqual([{ code: 'invalid_values', path: `${T}.values` }]);
    expect(pod(nodeTerm({ key: 'cores', operator: 'Lt', values: ['4.5'] }))).toEqual([{ code: 'invalid_values', path: `${T}.values[0]` }]);
    expect(pod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } } })).toEqual([
      { code: 'invalid_affinity', path: 'workloads[0].affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms' },
    ]);
  });

  it('reports malformed pod affinity terms and label selectors (Gt is not a label selector operator)', () => {
    const f: KubePodFields = { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { topologyKey: 'disk', labelSelector: { matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }] } } }] } } };
    expect(pod(f)).toEqual([{ code: 'bad_operator', path: 'workloads[0].affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector.matchExpressions[0].operator' }]);
  });

  it('reports topology keys no host has, with a hint', () => {
    const issues = validateKubeConfig({
      pods: [{ path: 'workloads[1]', fields: {
        topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zon', whenUnsatisfiable: 'DoNotSchedule' }],
        affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'rack', labelSelector: {} }, { topologyKey: 'kubernetes.io/hostname', labelSelector: {} }] } },
      } }],
      hostGroups: hosts,
    });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['unknown_topology_key', 'workloads[1].affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey'],
      ['unknown_topology_key', 'workloads[1].topologySpreadConstraints[0].topologyKey'],
    ]);
    expect(issues[1]?.message).toContain('did you mean "topology.kubernetes.io/zone"?');
    // Default constraints in a profile are checked too.
    expect(issuesOf({ profiles: [{ pluginConfig: [{ name: 'PodTopologySpread', args: { defaultingType: 'List', defaultConstraints: [{ maxSkew: 1, topologyKey: 'rack', whenUnsatisfiable: 'ScheduleAnyway' }] } }] }], hostGroups: hosts })).toEqual([
      { code: 'unknown_topology_key', path: 'scheduler.profiles[0].pluginConfig[0].args.defaultConstraints[0].topologyKey' },
    ]);
  });

  it('reports other mistakes: tolerations, minDomains, priority classes, scheduler names, PDBs, duplicates', () => {
    expect(pod({ tolerations: [{ key: 'a', operator: 'Exists', value: 'x' }, { operator: 'Equal', value: 'x' }] })).toEqual([
      { code: 'invalid_toleration', path: 'workloads[0].tolerations[0].value' },
      { code: 'invalid_toleration', path: 'workloads[0].tolerations[1].operator' },
    ]);
    expect(pod({ topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'disk', whenUnsatisfiable: 'ScheduleAnyway', minDomains: 2 }] })).toEqual([
      { code: 'invalid_min_domains', path: 'workloads[0].topologySpreadConstraints[0].minDomains' },
    ]);
    expect(pod({ priorityClassName: 'hihg' })).toEqual([{ code: 'unknown_priority_class', path: 'workloads[0].priorityClassName' }]);
    expect(issuesOf({ priorityClasses: [{ name: 'high', value: 10 }], pods: [{ path: 'w', fields: { priorityClassName: 'high', priority: 5 } }] })).toEqual([{ code: 'priority_mismatch', path: 'w.priority' }]);
    expect(pod({ schedulerName: 'custom' })).toEqual([{ code: 'unknown_scheduler', path: 'workloads[0].schedulerName' }]);
    expect(issuesOf({ podDisruptionBudgets: [{ name: 'a', minAvailable: 1, maxUnavailable: 1 }, { name: 'b', maxUnavailable: '150%' }] })).toEqual([
      { code: 'invalid_pdb', path: 'podDisruptionBudgets[0]' },
      { code: 'invalid_pdb', path: 'podDisruptionBudgets[1].maxUnavailable' },
    ]);
    expect(issuesOf({ priorityClasses: [{ name: 'a', value: 1, globalDefault: true }, { name: 'a', value: 2, globalDefault: true }] })).toEqual([
      { code: 'duplicate_priority_class', path: 'priorityClasses[1].name' },
      { code: 'duplicate_global_default', path: 'priorityClasses[1].globalDefault' },
    ]);
    expect(issuesOf({ profiles: [{}, { schedulerName: 'default-scheduler' }] })).toEqual([{ code: 'duplicate_scheduler_name', path: 'scheduler.profiles[1].schedulerName' }]);
    expect(profile({ pluginConfig: [{ name: 'PodTopologySpread', args: { defaultConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' }] } }] })).toEqual([
      { code: 'forbidden', path: 'scheduler.profiles[0].pluginConfig[0].args.defaultConstraints' },
    ]);
    expect(profile({ pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'Fastest' } } }] })[0]?.path).toBe('scheduler.profiles[0].pluginConfig[0].args.scoringStrategy.type');
    expect(issuesOf({ pods: [{ path: 'w', fields: { images: [{ name: 'nginx', size: '1.5x' }] } }] })).toEqual([{ code: 'invalid_quantity', path: 'w.images[0].size' }]);
  });

  it('resolveProfile throws every issue as a PodsimError', () => {
    try {
      resolveProfile({ plugins: { score: { enabled: [{ name: 'Nope', weight: 1000 }] } } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PodsimError);
      expect((e as PodsimError).issues.map((i) => i.code)).toEqual(['unknown_plugin', 'weight_out_of_range']);
    }
  });

  it('zod schemas parse Kubernetes-shaped input and reject unknown keys', () => {
    expect(kubePodFieldsSchema.safeParse({ labels: { app: 'web' }, tolerations: [{ operator: 'Exists' }], images: ['nginx', { name: 'redis', size: '100Mi' }] }).success).toBe(true);
    expect(kubePodFieldsSchema.safeParse({ affinty: {} }).error?.issues[0]?.code).toBe('unrecognized_keys');
    expect(kubeNodeFieldsSchema.safeParse({ taints: [{ key: 'a', effect: 'Sometimes' }] }).success).toBe(false);
    expect(kubeProfileSchema.safeParse({ schedulerName: 'x', plugins: { multiPoint: { enabled: [{ name: 'ImageLocality', weight: 5 }] } }, percentageOfNodesToScore: 30 }).success).toBe(true);
    expect(kubeSchedulerConfigSchema.safeParse({ profiles: [], percentageOfNodesToScore: 101 }).success).toBe(false);
    expect(priorityClassSchema.safeParse({ name: 'p', value: 1.5 }).success).toBe(false);
    expect(podDisruptionBudgetSchema.safeParse({ name: 'b', minAvailable: '50%' }).success).toBe(true);
  });
});

describe('profile resolution', () => {
  it('expands the default profile with kube-scheduler’s weights and filter order', () => {
    const p = resolveProfile();
    // NodeName and NodePorts run as filters since they are modelled (upstream default_plugins.go enables both).
    expect(p.filters).toEqual(['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit', 'PodTopologySpread', 'InterPodAffinity']);
    expect(p.scores.map((s) => [s.name, s.weight])).toEqual([
      ['TaintToleration', 3], ['NodeAffinity', 2], ['NodeResourcesFit', 1], ['PodTopologySpread', 2], ['InterPodAffinity', 2], ['NodeResourcesBalancedAllocation', 1], ['ImageLocality', 1],
    ]);
    expect(p.preemption && p.prioritySort).toBe(true);
    expect(p.unmodelled).toContain('VolumeBinding');
  });

  it('merges user plugin sets as KubeSchedulerConfiguration does', () => {
    // A score-specific entry overrides the MultiPoint weight and moves first; '*' drops the defaults.
    const p = resolveProfile({ plugins: { score: { enabled: [{ name: 'ImageLocality', weight: 5 }] }, filter: { disabled: [{ name: 'TaintToleration' }] } } });
    expect(p.scores[0]).toEqual({ name: 'ImageLocality', weight: 5 });
    expect(p.filters).not.toContain('TaintToleration');
    const q = resolveProfile({ plugins: { multiPoint: { disabled: [{ name: '*' }], enabled: [{ name: 'NodeResourcesFit' }] } } });
    expect(q.filters).toEqual(['NodeResourcesFit']);
    expect(q.scores).toEqual([{ name: 'NodeResourcesFit', weight: 1 }]);
    expect(q.preemption).toBe(false);
  });

  it('presets: tetris, spread and binpack', () => {
    expect(resolveProfile('tetris').scores.map((s) => s.name)).toEqual(['TaintToleration', 'NodeAffinity', 'PodTopologySpread', 'InterPodAffinity', 'ImageLocality', 'TetrisAlignment']);
    expect(resolveProfile('spread').scores[0]).toEqual({ name: 'NodeResourcesFit', weight: 10 });
    expect(resolveProfile('binpack').fit.strategy).toBe('MostAllocated');
    // User args merge into the preset's.
    const b = resolveProfile({ preset: 'binpack', pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { resources: [{ name: 'cpu', weight: 2 }] } } }] });
    expect(b.fit).toMatchObject({ strategy: 'MostAllocated', resources: [{ name: 'cpu', weight: 2 }] });
  });
});
