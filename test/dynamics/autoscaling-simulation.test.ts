// The autoscalers in a full simulation: a burst of unschedulable pods scales a node group up by exactly the
// estimator's count after the provisioning delay, and back down after the unneeded time.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.js';
import { estimateNodes } from '../../src/dynamics/binpacking-estimator.js';

const G = 2 ** 30;

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
