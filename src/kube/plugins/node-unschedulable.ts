import type { Taint } from '../node-fields-schema.js';
import type { KubePlugin } from '../plugin.js';
import { tolerates } from '../selectors.js';
import { B_UNSCHED, type StaticRule } from '../static-class.js';
import { noArgs, staticFilter } from './common.js';

const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
const REASON = ['node(s) were unschedulable'];

/**
 * NodeUnschedulable's rule: a cordoned node rejects a pod unless it tolerates
 * `node.kubernetes.io/unschedulable:NoSchedule` (upstream framework/plugins/nodeunschedulable/node_unschedulable.go).
 * @internal
 * @example
 * ```ts
 * nodeUnschedulableRule.rejecter(cls, nodes, topo)?.(3); // true if host 3 is cordoned
 * ```
 */
export const nodeUnschedulableRule: StaticRule = {
  bit: B_UNSCHED,
  rejecter(cls, nodes) {
    if (cls.tolerations.some((t) => tolerates(t, UNSCHEDULABLE_TAINT))) return null;
    const u = nodes.unsched;
    return (h) => u[h] === 1;
  },
};

/**
 * NodeUnschedulable (filter): keeps pods off cordoned nodes; reason `node(s) were unschedulable`.
 *
 * @example
 * ```ts
 * kubePlugin('NodeUnschedulable') === NodeUnschedulable; // true
 * ```
 */
export const NodeUnschedulable: KubePlugin = {
  name: 'NodeUnschedulable',
  points: ['filter'],
  validateArgs: noArgs('NodeUnschedulable'),
  create: () => staticFilter(B_UNSCHED, () => REASON),
};
