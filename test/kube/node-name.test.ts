import { describe, expect, it } from 'vitest';
import { NODE_NAME_REASON } from '../../src/kube/plugins/node-name.js';
import { Gi, setup } from './fixtures.js';

const three = [
  { name: 'foo', capacity: { cpu: 4000, memory: Gi } },
  { name: 'bar', capacity: { cpu: 4000, memory: Gi } },
  { name: 'baz', capacity: { cpu: 500, memory: Gi } },
];

describe('NodeName (upstream pkg/scheduler/framework/plugins/nodename/node_name_test.go)', () => {
  it('no host specified: every node passes', () => {
    const { s } = setup(three);
    const p = s.addPod({ request: { cpu: 100 } });
    expect([0, 1, 2].map((h) => s.checkHost(p, h))).toEqual([[], [], []]);
  });

  it('host matches: passes; host doesn\'t match: UnschedulableAndUnresolvable with ErrReason', () => {
    const { s } = setup(three);
    const p = s.addPod({ request: { cpu: 100 }, fields: { nodeName: 'foo' } });
    expect(s.checkHost(p, 0)).toEqual([]);
    expect(s.checkHost(p, 1)).toEqual([NODE_NAME_REASON]);
    // Unresolvable: preemption does not consider the other nodes.
    expect(s.preempt(p)).toBeUndefined();
  });

  it('a pod naming a node is scheduled there alone (PreFilterResult), without filtering the others', () => {
    const { s, run } = setup(three);
    expect(run({ cpu: 100 }, { nodeName: 'bar' })).toBe(1);
    expect(run({ cpu: 100 }, { nodeName: 'bar' })).toBe(1);
    const e = s.scoreHosts(s.addPod({ request: { cpu: 100 }, fields: { nodeName: 'bar' } }));
    expect(e.hosts.map((h) => h.feasible)).toEqual([false, true, false]);
    expect(e.hosts[0]?.rejections).toEqual([{ plugin: 'NodeName', reasons: [NODE_NAME_REASON] }]);
  });

  it('reports the other nodes as not satisfying NodeName, and the named one with its own filters', () => {
    const { s } = setup(three);
    const p = s.addPod({ request: { cpu: 1000 }, fields: { nodeName: 'baz' } });
    expect(s.schedule(p)).toBe(-1);
    expect(s.lastFailure?.message).toBe("0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeName].");
    expect(s.lastFailure?.byPlugin).toEqual({ NodeName: 2, NodeResourcesFit: 1 });
    const q = s.addPod({ request: { cpu: 100 }, fields: { nodeName: 'nowhere' } });
    expect(s.schedule(q)).toBe(-1);
    expect(s.lastFailure?.message).toBe("0/3 nodes are available: 3 node(s) didn't satisfy plugin(s) [NodeName].");
  });

  it('with NodeName disabled in the profile, nodeName does not constrain the pod', () => {
    const { s } = setup(three, { profiles: [{ plugins: { multiPoint: { disabled: [{ name: 'NodeName' }] } } }] });
    const e = s.scoreHosts(s.addPod({ request: { cpu: 100 }, fields: { nodeName: 'bar' } }));
    expect(e.feasibleCount).toBe(3);
  });
});
