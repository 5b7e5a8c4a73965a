import { describe, expect, it } from 'vitest';
import { hostPortOf, UsedHostPorts } from '../../src/kube/host-ports.js';
import { NODE_PORTS_REASON } from '../../src/kube/plugins/node-ports.js';
import type { KubePodFields } from '../../src/kube/pod-fields-schema.js';
import { validateKubeConfig } from '../../src/kube/validate-kube-config.js';
import { Gi, setup } from './fixtures.js';

// Ports written as upstream's test helper newPod writes them: "PROTOCOL/hostIP/hostPort".
function ports(...specs: string[]): KubePodFields {
  return {
    ports: specs.map((s) => {
      const [protocol, hostIP, port] = s.split('/') as ['TCP' | 'UDP', string, string];
      return { containerPort: Number(port), hostPort: Number(port), protocol, hostIP };
    }),
  };
}

/** A one-node cluster holding a pod with `existing` ports; checkHost of a pod with `wanted` ports. */
function check(wanted: KubePodFields, existing: KubePodFields): readonly string[] {
  const { s, place } = setup([{ capacity: { cpu: 4000, memory: Gi } }]);
  place(0, { cpu: 100 }, existing);
  return s.checkHost(s.addPod({ request: { cpu: 100 }, fields: wanted }), 0);
}

describe('NodePorts (upstream pkg/scheduler/framework/plugins/nodeports/node_ports_test.go)', () => {
  // TestNodePorts: [name, pod's ports, node's pod's ports, fits]
  const cases: Array<[string, KubePodFields, KubePodFields, boolean]> = [
    ['skip filter', {}, {}, true],
    ['other port', ports('UDP/127.0.0.1/8080'), ports('UDP/127.0.0.1/9090'), true],
    ['same udp port', ports('UDP/127.0.0.1/8080'), ports('UDP/127.0.0.1/8080'), false],
    ['same tcp port', ports('TCP/127.0.0.1/8080'), ports('TCP/127.0.0.1/8080'), false],
    ['different host ip', ports('TCP/127.0.0.1/8080'), ports('TCP/127.0.0.2/8080'), true],
    ['different protocol', ports('UDP/127.0.0.1/8080'), ports('TCP/127.0.0.1/8080'), true],
    ['second udp port conflict', ports('UDP/127.0.0.1/8000', 'UDP/127.0.0.1/8080'), ports('UDP/127.0.0.1/8080'), false],
    ['first tcp port conflict', ports('TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8080'), ports('TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8081'), false],
    ['first tcp port conflict due to 0.0.0.0 hostIP', ports('TCP/0.0.0.0/8001'), ports('TCP/127.0.0.1/8001'), false],
    ['TCP hostPort conflict due to 0.0.0.0 hostIP', ports('TCP/10.0.10.10/8001', 'TCP/0.0.0.0/8001'), ports('TCP/127.0.0.1/8001'), false],
    ['second tcp port conflict to 0.0.0.0 hostIP', ports('TCP/127.0.0.1/8001'), ports('TCP/0.0.0.0/8001'), false],
    ['second different protocol', ports('UDP/127.0.0.1/8001'), ports('TCP/0.0.0.0/8001'), true],
    ['UDP hostPort conflict due to 0.0.0.0 hostIP', ports('UDP/127.0.0.1/8001'), ports('TCP/0.0.0.0/8001', 'UDP/0.0.0.0/8001'), false],
  ];
  for (const [name, wanted, existing, fits] of cases) {
    it(`${name}: ${fits ? 'fits' : 'rejected'}`, () => {
      expect(check(wanted, existing)).toEqual(fits ? [] : [NODE_PORTS_REASON]);
    });
  }

  // TestFits
  it('TestFits: non-conflicting, multiple, other protocols, conflicting, some conflicting', () => {
    expect(check(ports('TCP/127.0.0.1/80'), ports('TCP/127.0.0.1/9090'))).toEqual([]);
    expect(check(ports('TCP/127.0.0.1/80', 'TCP/127.0.1.1/80', 'TCP/127.0.1.1/90', 'TCP/127.0.1.1/100'), ports('TCP/127.0.0.1/9090', 'TCP/127.0.0.1/9191', 'TCP/127.0.1.1/8080'))).toEqual([]);
    expect(check(ports('TCP/127.0.0.1/80'), ports('UDP/127.0.0.1/80'))).toEqual([]);
    expect(check(ports('TCP/127.0.0.1/80'), ports('TCP/127.0.0.1/80'))).toEqual([NODE_PORTS_REASON]);
    expect(check(ports('TCP/127.0.0.1/80', 'TCP/127.0.1.1/80', 'TCP/127.0.1.1/90', 'TCP/127.0.1.1/100'), ports('TCP/127.0.0.1/9090', 'TCP/127.0.1.1/90', 'TCP/127.0.1.1/8080'))).toEqual([NODE_PORTS_REASON]);
  });

  it('hostPortOf normalises protocol TCP and address 0.0.0.0, and a port without hostPort takes none', () => {
    expect(hostPortOf({ hostPort: 80 })?.key).toBe('TCP/0.0.0.0/80');
    expect(hostPortOf({ hostPort: 0 })).toBeUndefined();
    expect(hostPortOf({})).toBeUndefined();
    const used = new UsedHostPorts();
    const p = hostPortOf({ hostPort: 53, protocol: 'UDP', hostIP: '10.0.0.1' })!;
    used.add([p], 1);
    used.add([p], 1);
    used.add([p], -1); // two pods held it (e.g. pinned ones); one leaves
    expect(used.conflicts(hostPortOf({ hostPort: 53, protocol: 'UDP' })!)).toBe(true);
    used.add([p], -1);
    expect(used.conflicts(hostPortOf({ hostPort: 53, protocol: 'UDP' })!)).toBe(false);
  });

  it('spreads pods that take the same host port over the nodes, frees the port when a pod leaves, and explains the failure', () => {
    const { s, cluster, run } = setup([{ capacity: { cpu: 4000, memory: Gi } }, { capacity: { cpu: 4000, memory: Gi } }]);
    const web: KubePodFields = { labels: { app: 'web' }, ports: [{ containerPort: 80, hostPort: 8080 }] };
    const a = run({ cpu: 100 }, web);
    const b = run({ cpu: 100 }, web);
    expect(new Set([a, b])).toEqual(new Set([0, 1]));
    const c = s.addPod({ request: { cpu: 100 }, fields: web });
    expect(s.schedule(c)).toBe(-1);
    expect(s.lastFailure?.message).toBe(`0/2 nodes are available: 2 ${NODE_PORTS_REASON}.`);
    expect(s.lastFailure?.byPlugin).toEqual({ NodePorts: 2 });
    const first = s.podsOn(0)[0]!;
    cluster.release(0, s.demand, s.demandOffset(first));
    s.removePod(first);
    expect(s.schedule(c)).toBe(0);
  });

  it('preemption can free a host port: the conflict is resolvable', () => {
    const { s, place } = setup([{ capacity: { cpu: 4000, memory: Gi } }], { priorityClasses: [{ name: 'high', value: 1000 }] });
    const low = place(0, { cpu: 100 }, { ports: [{ containerPort: 80, hostPort: 80 }] });
    const hi = s.addPod({ request: { cpu: 100 }, fields: { priorityClassName: 'high', ports: [{ containerPort: 80, hostPort: 80 }] } });
    expect(s.schedule(hi)).toBe(-1);
    expect(s.preempt(hi)).toEqual({ host: 0, victims: [low], pdbViolations: 0 });
  });

  it('validation reports a pod taking one host port twice (upstream AccumulateUniqueHostPorts)', () => {
    const issues = validateKubeConfig({ pods: [{ path: 'workloads[0]', fields: { ports: [{ containerPort: 80, hostPort: 80 }, { containerPort: 81, hostPort: 80, protocol: 'TCP' }, { containerPort: 82, hostPort: 80, protocol: 'UDP' }] } }] });
    expect(issues.map((i) => [i.code, i.path])).toEqual([['duplicate_host_port', 'workloads[0].ports[1].hostPort']]);
  });
});
