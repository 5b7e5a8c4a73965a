import type { KubeCycle, KubePlugin } from '../plugin.js';
import { noArgs } from './common.js';

/** NodePorts' reason (upstream framework/plugins/nodeports/node_ports.go, ErrReason). @example `NODE_PORTS_REASON;` */
export const NODE_PORTS_REASON = "node(s) didn't have free ports for the requested pod ports";
const REASON = [NODE_PORTS_REASON];

function portsFit(c: KubeCycle, h: number): number {
  const used = c.state.nodes.ports[h];
  if (used === undefined) return 0;
  const want = c.tpl.hostPorts;
  for (let i = 0; i < want.length; i++) if (used.conflicts(want[i]!)) return 1;
  return 0;
}

/**
 * NodePorts (filter): a node where a bound pod already takes one of the pod's host ports (same
 * protocol and port, on the same host IP or where either side binds `0.0.0.0`) rejects the pod, with
 * reason `node(s) didn't have free ports for the requested pod ports`; preemption may free the port.
 * A pod without host ports skips the filter (upstream node_ports.go: PreFilter returns Skip).
 *
 * @example
 * ```ts
 * s.addPod({ request: { cpu: 100 }, fields: { ports: [{ containerPort: 80, hostPort: 80 }] } });
 * ```
 */
export const NodePorts: KubePlugin = {
  name: 'NodePorts',
  points: ['preFilter', 'filter'],
  validateArgs: noArgs('NodePorts'),
  create: () => ({
    preFilter: (c) => c.tpl.hostPorts.length > 0,
    filter: portsFit,
    reasons: () => REASON,
  }),
};
