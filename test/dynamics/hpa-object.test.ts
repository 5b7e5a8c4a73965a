// Imported HorizontalPodAutoscaler objects: the CPU utilisation metric runs, every other metric warns not_modelled.
import { describe, expect, it } from 'vitest';
import { hpaFromObject } from '../../src/dynamics/hpa-object.js';

const hpa = (spec: Record<string, unknown>, apiVersion = 'autoscaling/v2') => ({ apiVersion, kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, ...spec } });
const cpu = (u: number) => ({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: u } } });

describe('hpaFromObject(obj, path)', () => {
  it('reads a v2 CPU utilisation metric, minReplicas (default 1), maxReplicas and behavior', () => {
    const behavior = { scaleDown: { stabilizationWindowSeconds: 60 } };
    expect(hpaFromObject(hpa({ minReplicas: 2, maxReplicas: 10, metrics: [cpu(60)], behavior }), 'h')).toEqual({ target: 'web', spec: { minReplicas: 2, maxReplicas: 10, targetCPUUtilization: 60, behavior }, warnings: [] });
    expect(hpaFromObject(hpa({ maxReplicas: 4, metrics: [cpu(70)] }), 'h').spec).toEqual({ minReplicas: 1, maxReplicas: 4, targetCPUUtilization: 70 });
  });
  it('reads v1 targetCPUUtilizationPercentage, and defaults to 80 % CPU without metrics (SetDefaults_HorizontalPodAutoscaler)', () => {
    expect(hpaFromObject(hpa({ maxReplicas: 5, targetCPUUtilizationPercentage: 50 }, 'autoscaling/v1'), 'h').spec?.targetCPUUtilization).toBe(50);
    expect(hpaFromObject(hpa({ maxReplicas: 5 }), 'h').spec?.targetCPUUtilization).toBe(80);
  });
  it('warns not_modelled at each other metric, and keeps the CPU one', () => {
    const r = hpaFromObject(hpa({ maxReplicas: 5, metrics: [
      { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 60 } } },
      cpu(50),
      { type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '10' } } },
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'AverageValue', averageValue: '500m' } } },
    ] }), 'horizontalPodAutoscalers[3]');
    expect(r.spec?.targetCPUUtilization).toBe(50);
    expect(r.warnings.map((w) => [w.code, w.path])).toEqual([
      ['not_modelled', 'horizontalPodAutoscalers[3].spec.metrics[0]'],
      ['not_modelled', 'horizontalPodAutoscalers[3].spec.metrics[2]'],
      ['not_modelled', 'horizontalPodAutoscalers[3].spec.metrics[3]'],
    ]);
    expect(r.warnings[0]?.message).toMatch(/Resource metric on "memory".*not modelled/);
  });
  it('an HPA with no CPU utilisation metric does nothing, and says so at the object', () => {
    const r = hpaFromObject(hpa({ maxReplicas: 5, metrics: [{ type: 'External', external: {} }] }), 'horizontalPodAutoscalers[0]');
    expect(r.spec).toBeUndefined();
    expect(r.warnings.map((w) => w.path)).toEqual(['horizontalPodAutoscalers[0].spec.metrics[0]', 'horizontalPodAutoscalers[0]']);
    expect(r.warnings[1]?.message).toContain('"web" keeps the replicas');
  });
});
