// The autoscalers in a full simulation: a burst of unschedulable pods scales a node group up by exactly the
// estimator's count after the provisioning delay, and back down after the unneeded time.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.js';
import { estimateNodes } from '../../src/dynamics/binpacking-estimator.js';

const G = 2 ** 30;

// One replica requesting 1000m, target 50 %; the load is 4, then 18 from t = 60 s, then 4 again from t = 300 s
// requests/s at 0.1 CPU-s each: 400m, 1800m, 400m spread over the ready replicas. (The load moves in 60 s steps,
// LOAD_STEP, before the HPA's sync of the same instant.) The HPA syncs every 15 s from t = 0; the pods start and
// are Ready when placed; their CPU samples span 30 s.
const stepScenario = (hpa: Record<string, unknown>) => ({
  until: 660,
  timeseries: { interval: 15 },
  hosts: [{ name: 'node', count: 1, capacity: { cpu: 16, memory: '64Gi' } }],
  workloads: [{
    name: 'web', replicas: 1, request: { cpu: 1, memory: '1Gi' }, cpuPerRequest: 0.1,
    load: { rate: { piecewise: { times: [0, 60, 300], rates: [4, 18, 4] } } }, ...hpa,
  }],
});

describe('the HPA in a simulation', () => {
  it('follows the step response computed by hand, sync by sync', () => {
    const r = simulate(stepScenario({ autoscale: { minReplicas: 1, maxReplicas: 10, targetCPUUtilization: 50 } }));
    // By hand (horizontal.go, replica_calculator.go):
    //   t = 0      the sync runs before the first pod exists: no metrics, 1 stays (and is the first recommendation);
    //   t = 15     the pod's sample window (30 s) began before it became Ready, within 300 s of its start: no usable sample;
    //   t = 30, 45 400m of 1000m = 40 %, ratio 0.8 → ⌈0.8 × 1⌉ = 1;
    //   t = 60     180 %, ratio 3.6 → ⌈3.6⌉ = 4 ≤ max(2 × 1, 4): scale to 4;
    //   t = 75, 90 three new pods unready (their samples began before Ready); the old one at 1800/4 = 45 %: 0.9, within the tolerance;
    //   t ≥ 105    45 % on all four: 4; from t = 300, 10 % asks for 1, but the highest recommendation of the last 300 s is 4;
    //   t = 600    the last 4 (t = 285 or 300) has left the window (cutoff exclusive): 1.
    const at = (t: number) => (t < 60 ? 1 : t < 600 ? 4 : 1);
    const ts = r.timeseries!;
    expect(ts.replicas?.['web']?.desired).toEqual(ts.time.map(at));
    expect(ts.replicas?.['web']?.ready).toEqual(ts.time.map(at)); // no start-up time: Ready when placed
    expect(r.autoscaling?.hpa).toEqual([{
      workload: 'web', minSet: 1, maxSet: 4,
      events: [
        { time: 60, workload: 'web', from: 1, to: 4, utilization: 180, reason: 'DesiredWithinRange' },
        { time: 600, workload: 'web', from: 4, to: 1, utilization: 10, reason: 'DesiredWithinRange' },
      ],
    }]);
    // Scaled-down replicas are not disruptions, and not replaced.
    expect(r.workloads?.['web']).toMatchObject({ desired: 1, disruptions: 0, replacements: 0 });
    expect(r.containers.running).toBe(1);
  });

  it('an imported autoscaling/v2 HorizontalPodAutoscaler with a CPU utilisation metric does the same', () => {
    const hpa = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
    } };
    const a = simulate({ ...stepScenario({}), horizontalPodAutoscalers: [hpa] });
    const b = simulate(stepScenario({ autoscale: { minReplicas: 1, maxReplicas: 10, targetCPUUtilization: 50 } }));
    expect(a.autoscaling).toEqual(b.autoscaling);
    expect(a.timeseries?.replicas).toEqual(b.timeseries?.replicas);
  });
});

describe('the cluster autoscaler in a simulation', () => {
  it('a burst scales the group up by the estimate, the nodes come after the provisioning delay, and go after the unneeded time', () => {
    const r = simulate({
      until: 900,
      timeseries: { interval: 10 },
      hosts: [{ name: 'small', count: 1, capacity: { cpu: 2, memory: '4Gi' } }],
      workloads: [
        // A service whose replica keeps the first node busy (90 % of its CPU): needed, and nothing else fits beside it.
        { name: 'busy', replicas: 1, request: { cpu: '1800m', memory: '1Gi' } },
        // 12 pods of 500m/1Gi at t = 0, 40 s each: unschedulable until new nodes come.
        { name: 'burst', count: 12, arrival: { process: 'explicit', times: new Array(12).fill(0) }, duration: { distribution: 'constant', value: 40 }, request: { cpu: '500m', memory: '1Gi' } },
      ],
      autoscaler: { nodeGroups: [{ group: 'small', min: 1, max: 10, provisioningDelay: 60 }] },
    });
    const estimate = estimateNodes([{ request: [500, G], count: 12 }], { allocatable: [2000, 4 * G] }).nodes;
    expect(estimate).toBe(3);
    // The scan at t = 0 runs before the pods arrive; the one at 10 s sees them. Nodes Ready at 70 s; the pods run 70–110 s;
    // the nodes are unneeded from 110 s; the scale-down delay after add ends at 610 s; the first scan with 110 + 600 < t is 720 s.
    expect(r.autoscaling?.clusterAutoscaler?.events).toEqual([
      { time: 10, kind: 'scale-up', group: 'small', nodes: estimate },
      { time: 720, kind: 'scale-down', group: 'small', nodes: 3, hosts: [1, 2, 3] },
    ]);
    const ts = r.timeseries!;
    const hostsAt = (t: number) => ts.hosts!['small']![ts.time.indexOf(t)];
    expect([hostsAt(60), hostsAt(70), hostsAt(710), hostsAt(720)]).toEqual([1, 4, 4, 1]);
    expect(r.containers.completed).toBe(12);
    expect(r.wait.max).toBe(70);
    expect(r.timeseries?.replicas?.['busy']?.ready.at(-1)).toBe(1);
  });
});

describe('autoscaling runs are deterministic', () => {
  it('the same seed gives the same bytes, with random provisioning delays, the random expander and host failures', () => {
    const s = {
      seed: 7, until: 6 * 3600, timeseries: { interval: 300 },
      hosts: [
        { name: 'a', count: 2, capacity: { cpu: 4, memory: '16Gi' }, failures: { mtbf: 7200, mttr: 600 } },
        { name: 'b', count: 1, capacity: { cpu: 4, memory: '16Gi' } },
      ],
      workloads: [{
        name: 'web', replicas: 2, request: { cpu: 1, memory: '1Gi' }, cpuPerRequest: 0.05,
        load: { rate: { diurnal: { base: 60, amplitude: 0.8, period: 7200 } } },
        autoscale: { minReplicas: 2, maxReplicas: 20, targetCPUUtilization: 60 },
      }],
      autoscaler: {
        nodeGroups: [
          { group: 'a', min: 1, max: 6, provisioningDelay: { distribution: 'uniform', min: 30, max: 300 } },
          { group: 'b', min: 0, max: 6, provisioningDelay: { distribution: 'exponential', mean: 120 } },
        ],
        expander: 'random', scaleDownUnneededTime: 300,
      },
    };
    const a = JSON.stringify(simulate(s as never)), b = JSON.stringify(simulate(s as never));
    expect(a).toBe(b);
    const r = JSON.parse(a) as { autoscaling: { clusterAutoscaler: { scaleUps: number }; hpa: { events: unknown[] }[] } };
    expect(r.autoscaling.clusterAutoscaler.scaleUps).toBeGreaterThan(0);
    expect(r.autoscaling.hpa[0]!.events.length).toBeGreaterThan(0);
  });
});
