import type { KubeCycle, KubePlugin } from '../plugin.js';
import { B_NODENAME, type StaticRule } from '../static-class.js';
import { noArgs, staticFilter } from './common.js';

/** NodeName's reason (upstream framework/plugins/nodename/node_name.go, ErrReason). @example `NODE_NAME_REASON;` */
export const NODE_NAME_REASON = "node(s) didn't match the requested node name";
const REASON = [NODE_NAME_REASON];

/**
 * NodeName's rule: a pod with `nodeName` fits only the node of that name.
 * @internal
 * @example
 * ```ts
 * nodeNameRule.rejecter(cls, nodes, topo); // null when the pod names no node
 * ```
 */
export const nodeNameRule: StaticRule = {
  bit: B_NODENAME,
  rejecter(cls, _nodes, topo) {
    const name = cls.nodeName;
    if (name === undefined) return null;
    const names = topo.names;
    return (h) => names[h] !== name;
  },
};

/**
 * NodeName (filter): a pod whose `nodeName` is set fits only that node, and its PreFilter narrows the
 * cycle to that node alone (upstream node_name.go: PreFilterResult with the one node name; the other
 * nodes are reported as `node(s) didn't satisfy plugin(s) [NodeName]`). The reason on a node of another
 * name is `node(s) didn't match the requested node name`, unresolvable.
 *
 * @example
 * ```ts
 * s.addPod({ request: { cpu: 100 }, fields: { nodeName: 'node-7' } }); // schedule() returns node-7's index or -1
 * ```
 */
export const NodeName: KubePlugin = {
  name: 'NodeName',
  points: ['preFilter', 'filter'],
  validateArgs: noArgs('NodeName'),
  create: (_args, ctx) => {
    const byName = new Map<string, number>();
    ctx.state.topo.names.forEach((n, h) => {
      if (!byName.has(n)) byName.set(n, h);
    });
    return {
      ...staticFilter(B_NODENAME, () => REASON),
      preFilter(c: KubeCycle) {
        const name = c.cls.nodeName;
        if (name !== undefined) c.onlyHost = byName.get(name) ?? -2;
        return true;
      },
    };
  },
};
