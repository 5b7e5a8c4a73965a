import type { KubePlugin } from '../plugin.js';
import type { StaticRule } from '../static-class.js';
import { NodeResourcesBalancedAllocation } from './balanced-allocation.js';
import { ImageLocality } from './image-locality.js';
import { InterPodAffinity } from './inter-pod-affinity.js';
import { NodeAffinity, nodeAffinityRule } from './node-affinity.js';
import { NodeName, nodeNameRule } from './node-name.js';
import { NodePorts } from './node-ports.js';
import { NodeResourcesFit } from './node-resources-fit.js';
import { NodeUnschedulable, nodeUnschedulableRule } from './node-unschedulable.js';
import { PodTopologySpread } from './pod-topology-spread.js';
import { DefaultPreemption, PrioritySort } from './queue-and-postfilter.js';
import { TaintToleration, taintTolerationRule } from './taint-toleration.js';
import { TetrisAlignment } from './tetris-alignment.js';
import { UNMODELLED_PLUGINS } from './unmodelled.js';

/**
 * The plugins podsim ships, registered at start: kube-scheduler's in-tree plugins (modelled or
 * accepted) and podsim's TetrisAlignment.
 *
 * @example
 * ```ts
 * BUILTIN_PLUGINS.find((p) => p.name === 'NodePorts')?.points; // ['preFilter', 'filter']
 * ```
 */
export const BUILTIN_PLUGINS: readonly KubePlugin[] = [
  PrioritySort,
  NodeUnschedulable,
  NodeName,
  TaintToleration,
  NodeAffinity,
  NodePorts,
  NodeResourcesFit,
  PodTopologySpread,
  InterPodAffinity,
  DefaultPreemption,
  NodeResourcesBalancedAllocation,
  ImageLocality,
  TetrisAlignment,
  ...UNMODELLED_PLUGINS,
];

/**
 * The rules of the static filters (cordon, taints, node affinity, node name), which the scheduler
 * evaluates once per static class and node epoch.
 * @internal
 * @example
 * ```ts
 * cls.ensure(nodes, topo, STATIC_RULES);
 * ```
 */
export const STATIC_RULES: readonly StaticRule[] = [nodeUnschedulableRule, taintTolerationRule, nodeAffinityRule, nodeNameRule];

export {
  NodeResourcesBalancedAllocation, ImageLocality, InterPodAffinity, NodeAffinity, NodeName, NodePorts, NodeResourcesFit,
  NodeUnschedulable, PodTopologySpread, DefaultPreemption, PrioritySort, TaintToleration, TetrisAlignment, UNMODELLED_PLUGINS,
};
