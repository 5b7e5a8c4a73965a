// The cluster autoscaler's loop over a small fake cluster: the burst of the hand-timed cycle
// (autoscaler-scale-up.test.ts), now with nodes that register after their provisioning delay and pods
// that bind to them.
import { describe, expect, it } from 'vitest';
import { ClusterAutoscalerLoop, type NodeGroupBinding } from '../../src/dynamics/cluster-autoscaler-loop.js';
import type { AutoscalerOptions } from '../../src/dynamics/autoscaler-options.js';
import { createRng } from '../../src/random/streams.js';
import { FakeCluster } from './fake-cluster.js';

const G = 2 ** 30;
const SMALL = [2000, 4 * G];
const LARGE = [8000, 32 * G];

function setup(delay: number, options: AutoscalerOptions = {}) {
  const c = new FakeCluster([SMALL, LARGE]);
  c.addHost(0);
  c.submit([1800, G], Infinity, 1, 'none'); // a busy bare pod: its node is needed (90 % > 50 %) and could not move anyway
  const groups: NodeGroupBinding[] = [
    { name: 'small', hostGroup: 0, min: 1, max: 10, template: { allocatable: SMALL }, provisioningDelay: () => delay },
    { name: 'large', hostGroup: 1, min: 0, max: 3, template: { allocatable: LARGE }, provisioningDelay: () => delay },
  ];
  const ca = new ClusterAutoscalerLoop(groups, c, options, createRng(1, 'autoscaler/expander'), createRng(1, 'autoscaler/provisioning'));
  c.log.length = 0;
  return { c, ca };
}

function run(c: FakeCluster, ca: ClusterAutoscalerLoop, until: number) {
  for (let t = 0; t <= until; t += ca.options.scanInterval) {
    c.advance(t);
    ca.scan(t);
  }
}

describe('ClusterAutoscalerLoop', () => {
  it('scales up by the estimator\'s count, the nodes register after the provisioning delay, and go after the unneeded time', () => {
    const { c, ca } = setup(60);
    c.submit([500, G], 40, 12, 'Job');
    run(c, ca, 900);
    // t=0: +3 small (least-waste: no waste, against 0.875 for one large node); Ready at 60; the pods run 60–100;
    // unneeded from 100; scale-down cooldown until 600; first scan with 100 + 600 < t is 710.
    expect(ca.events).toEqual([
      { time: 0, kind: 'scale-up', group: 'small', nodes: 3 },
      { time: 710, kind: 'scale-down', group: 'small', nodes: 3, hosts: [1, 2, 3] },
    ]);
    expect(c.log).toEqual(['60: add 1', '60: add 2', '60: add 3', '710: remove 1', '710: remove 2', '710: remove 3']);
    expect(ca.targetSize(0)).toBe(1);
  });

  it('does not scale up again for pods the requested nodes will take', () => {
    const { c, ca } = setup(300);
    c.submit([500, G], 40, 12, 'Job');
    run(c, ca, 290);
    expect(ca.events.filter((e) => e.kind === 'scale-up')).toEqual([{ time: 0, kind: 'scale-up', group: 'small', nodes: 3 }]);
    // More pods than the upcoming nodes hold: one more node.
    c.submit([500, G], 40, 4, 'Job');
    ca.scan(300);
    expect(ca.events.at(-1)).toEqual({ time: 300, kind: 'scale-up', group: 'small', nodes: 1 });
  });

  it('a node slower than maxNodeProvisionTime fails its scale-up, and the group backs off (initialNodeGroupBackoffDuration)', () => {
    const { c, ca } = setup(1000, { expander: ['most-pods'] });
    c.submit([500, G], 40, 12, 'Job');
    run(c, ca, 1300);
    // most-pods ties (12 pods either way) and breaks the tie at random; the failure comes at the first scan after 0 + 900,
    // the group is then skipped for 300 s and the other one is tried in the same loop.
    const kinds = ca.events.map((e) => `${e.time} ${e.kind} ${e.group}`);
    expect(kinds[1]).toMatch(/^910 scale-up-failed /);
    const first = ca.events[0]!.group;
    expect(ca.events[2]).toMatchObject({ time: 910, kind: 'scale-up' }); // the same loop, without the backed-off group
    expect(ca.events[2]!.group).not.toBe(first);
    expect(c.log).toEqual([]); // no node ever registered
  });

  it('keeps a group at its min, and a node whose pod cannot move stays', () => {
    const { c, ca } = setup(0, { scaleDownUnneededTime: 60, scaleDownDelayAfterAdd: 0 });
    c.submit([200, G], Infinity, 1, 'none'); // a bare pod fits beside the busy one on host 0
    run(c, ca, 600);
    expect(ca.events).toEqual([]);
    const { c: c2, ca: ca2 } = setup(0, { scaleDownUnneededTime: 60, scaleDownDelayAfterAdd: 0 });
    c2.submit([1000, G], Infinity, 1, 'none'); // does not fit on host 0: a node is added, and a bare pod pins it
    run(c2, ca2, 600);
    expect(ca2.events).toEqual([{ time: 0, kind: 'scale-up', group: 'small', nodes: 1 }]);
  });
});
