// The scenario fields of issue 12 as zod shapes, merged the way the scenario schema will merge them.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hostGroupSchema, workloadSchema } from '../../src/scenario/schema.js';
import { autoscalerSchema, crossCheckDynamics, dynamicsHostGroupShape, dynamicsIssues, dynamicsScenarioShape, dynamicsWorkloadShape, type DynamicsScenarioView } from '../../src/dynamics/schema.js';
import { pathToString } from '../../src/errors.js';

const host = hostGroupSchema.extend(dynamicsHostGroupShape);
const workload = workloadSchema.extend(dynamicsWorkloadShape);
const scenario = z.strictObject({ hosts: z.array(host), workloads: z.array(workload), ...dynamicsScenarioShape });

const valid = {
  hosts: [
    { name: 'web', count: 6, capacity: { cpu: 4, memory: '16Gi' }, labels: { 'topology.kubernetes.io/zone': 'a' }, failures: { mtbf: 86400, mttr: 600 }, price: 0.19, power: { idle: 100, max: 300 } },
    { name: 'pool', count: 1, capacity: { cpu: 8, memory: '32Gi' }, price: 0.38, power: { points: [[0, 58], [0.5, 137], [1, 235]] }, failures: { mtbf: { distribution: 'weibull', scale: 90000, shape: 0.8 }, mttr: 600 } },
  ],
  workloads: [
    {
      name: 'api', replicas: 4, arrival: { process: 'explicit', times: [0] }, request: { cpu: '500m', memory: '1Gi' },
      load: { rate: { diurnal: { base: 200, amplitude: 0.6 } } }, cpuPerRequest: 0.01,
      autoscale: { minReplicas: 2, maxReplicas: 20, targetCPUUtilization: 70, behavior: { scaleDown: { stabilizationWindowSeconds: 600, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } } },
    },
    { name: 'batch', completions: 10, parallelism: 3, backoffLimit: 2, arrival: { process: 'explicit', times: [0] }, duration: { distribution: 'constant', value: 60 }, request: { cpu: 1 } },
  ],
  events: [
    { at: 3600, action: 'fail', hosts: { labels: { 'topology.kubernetes.io/zone': 'a' } }, duration: 1800 },
    { at: 7200, action: 'drain', hosts: { names: ['web-0'] } },
    { at: 9000, action: 'add', hosts: { group: 'pool' }, count: 2, duration: 3600 },
  ],
  nodeMonitorGracePeriod: 40,
  autoscaler: { nodeGroups: [{ group: 'pool', min: 1, max: 10, provisioningDelay: { distribution: 'uniform', min: 60, max: 120 } }], expander: ['price', 'least-waste'], scaleDownUnneededTime: 300 },
  carbon: { intensity: { points: [[0, 180], [25200, 320], [68400, 240]], period: 86400 } },
};

describe('dynamics schema shapes', () => {
  it('parse every field of the issue, merged into the host group, workload and scenario objects', () => {
    const r = scenario.safeParse(valid);
    expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
    expect(dynamicsIssues({ ...valid, until: 86400 } as unknown as DynamicsScenarioView)).toEqual([]); // random failures need an until
  });
  it('reject malformed values with paths, all at once', () => {
    const r = scenario.safeParse({
      hosts: [{ name: 'web', capacity: { cpu: 1 }, price: -1, power: { idle: 1 }, failures: { mtbf: 0, mttr: 5 } }],
      workloads: [{ name: 'a', arrival: { process: 'explicit', times: [0] }, request: { cpu: 1 }, replicas: 1.5, autoscale: { maxReplicas: 0, targetCPUUtilization: 70 } }],
      events: [{ at: 1, action: 'explode', hosts: {} }],
      autoscaler: { nodeGroups: [], expander: 'cheapest', scaleDownUtilizationThreshold: 2 },
      carbon: { intensity: -1 },
    });
    expect(r.success).toBe(false);
    const paths = (r.error?.issues ?? []).map((i) => pathToString(i.path as PropertyKey[]));
    expect(paths).toEqual(expect.arrayContaining([
      'hosts[0].price', 'hosts[0].power', 'hosts[0].failures.mtbf', 'workloads[0].replicas', 'workloads[0].autoscale.maxReplicas',
      'events[0].action', 'autoscaler.nodeGroups', 'autoscaler.expander', 'autoscaler.scaleDownUtilizationThreshold', 'carbon.intensity',
    ]));
  });
  it('convert to JSON Schema with descriptions (for schema/scenario.schema.json)', () => {
    const j = z.toJSONSchema(autoscalerSchema, { io: 'input' }) as { properties: Record<string, { description?: string }> };
    expect(j.properties['scanInterval']?.description).toBe('--scan-interval. Default 10.');
    expect(() => z.toJSONSchema(scenario, { io: 'input' })).not.toThrow();
  });
});

describe('crossCheckDynamics / dynamicsIssues', () => {
  it('lists every cross-field problem with a code and a path', () => {
    const s = {
      hosts: [{ name: 'web', count: 2, power: { idle: 300, max: 100 }, failures: { mtbf: 100, mttr: { distribution: 'uniform', min: 5, max: 1 } } }, { name: 'pool', count: 5 }],
      workloads: [
        { name: 'a', replicas: 2, completions: 3, count: 4 },
        { name: 'b', autoscale: { minReplicas: 5, maxReplicas: 3, targetCPUUtilization: 50 }, request: { cpu: 0 } },
        { name: 'c', parallelism: 2 },
        { name: 'd', load: { rate: 5 } },
        { name: 'e', replicas: 1, cpuPerRequest: 0.1 },
      ],
      events: [{ at: 0, action: 'drain', hosts: { group: 'cache' }, count: 2 }, { at: 0, action: 'add', hosts: { labels: { a: 'b' } } }],
      autoscaler: { nodeGroups: [{ group: 'pool', min: 1, max: 3 }, { group: 'pool', min: 4, max: 2 }, { group: 'db', min: 0, max: 1 }] },
      carbon: { intensity: { points: [[5, 100]] } },
    } as unknown as DynamicsScenarioView;
    expect(dynamicsIssues(s).map((i) => `${i.code} ${i.path}`)).toEqual([
      'failures_without_until hosts[0].failures',
      'invalid_distribution hosts[0].failures.mttr.max',
      'invalid_power hosts[0].power.max',
      'conflicting_fields workloads[0].replicas',
      'conflicting_fields workloads[0].count',
      'conflicting_fields workloads[0].count',
      'job_never_completes workloads[0].completions',
      'autoscale_without_replicas workloads[1].autoscale',
      'autoscale_without_cpu_request workloads[1].autoscale',
      'invalid_autoscale workloads[1].autoscale.maxReplicas',
      'job_never_completes workloads[2].completions',
      'load_without_replicas workloads[3].load',
      'load_without_cpu_per_request workloads[3].cpuPerRequest',
      'cpu_per_request_without_load workloads[4].load',
      'unknown_host_group events[0].hosts.group',
      'invalid_event events[0].count',
      'invalid_event events[1].hosts',
      'invalid_node_group autoscaler.nodeGroups[0]',
      'invalid_node_group autoscaler.nodeGroups[1]',
      'invalid_node_group autoscaler.nodeGroups[1].max',
      'duplicate_node_group autoscaler.nodeGroups[1].group',
      'unknown_host_group autoscaler.nodeGroups[2].group',
      'invalid_carbon_intensity carbon.intensity.points[0][0]',
    ]);
    let n = 0;
    crossCheckDynamics(s, (i) => { n++; expect(Array.isArray(i.path)).toBe(true); });
    expect(n).toBe(23);
  });
});
