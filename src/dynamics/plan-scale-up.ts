import type { Rng } from '../random/streams.js';
import { resolveAutoscalerOptions, type AutoscalerOptions } from './autoscaler-options.js';
import { binpackingNodeLimit, estimateNodes, type EstimatorPodGroup, type NodeTemplate } from './binpacking-estimator.js';
import { chooseExpansionOption, type ExpansionOption } from './expander.js';
import type { PriceContext } from './price-expander.js';

/**
 * An autoscaled node group as scale-up sees it.
 *
 * @example
 * ```ts
 * const g: ScaleUpGroup = { name: 'pool-a', template: { allocatable: [4000, 16 * 2 ** 30], maxPods: 110 }, size: 3, min: 1, max: 10 };
 * ```
 */
export interface ScaleUpGroup {
  readonly name: string;
  readonly template: NodeTemplate;
  /** Current target size (nodes requested, registered or not). */
  readonly size: number;
  readonly min: number;
  readonly max: number;
  /** Price per node-hour (price expander). @defaultValue the linear price of the template */
  readonly price?: number | undefined;
  /** Whether the template has GPUs (price expander). @defaultValue false */
  readonly gpu?: boolean | undefined;
  /** Backed off after a failed scale-up ({@link NodeGroupBackoff}). @defaultValue false */
  readonly backedOff?: boolean | undefined;
}

/**
 * Input of {@link planScaleUp}.
 *
 * @example
 * ```ts
 * const input: ScaleUpInput = { groups, pending: [{ request: [500, 2 ** 30], count: 12 }] };
 * ```
 */
export interface ScaleUpInput {
  readonly groups: readonly ScaleUpGroup[];
  /** The unschedulable pods, as equivalence groups. */
  readonly pending: readonly EstimatorPodGroup[];
  /** Nodes in the cluster now (for `maxNodesTotal` and the price expander). @defaultValue Σ group sizes */
  readonly clusterSize?: number | undefined;
  /** Dimension indices of CPU and memory. @defaultValue `{ cpu: 0, memory: 1 }` */
  readonly dims?: { readonly cpu: number; readonly memory: number } | undefined;
  /**
   * Extra predicates of a pod group on a group's template node beyond resources (taints, node affinity):
   * groups failing them are not part of that node group's option. @defaultValue none
   */
  readonly fitsTemplate?: ((podGroup: number, nodeGroup: number) => boolean) | undefined;
  /** Extra predicates during binpacking (see {@link estimateNodes}). @defaultValue none */
  readonly fits?: ((nodeGroup: number) => ((group: number, node: number, podsOnNode: number, groupOnNode: number) => boolean) | undefined) | undefined;
  readonly price?: PriceContext | undefined;
  readonly options?: AutoscalerOptions | undefined;
}

/**
 * A scale-up decision.
 *
 * @example
 * ```ts
 * const d: ScaleUpDecision = { group: 0, nodes: 3, scheduled: Int32Array.of(12), options: [] };
 * ```
 */
export interface ScaleUpDecision {
  /** Index of the chosen node group. */
  readonly group: number;
  /** Nodes to add. */
  readonly nodes: number;
  /** Pods the new nodes are expected to take, per pending group. */
  readonly scheduled: Int32Array;
  /** Every option the expanders chose from. */
  readonly options: readonly ExpansionOption[];
}

/**
 * One scale-up step of the cluster autoscaler (core/scaleup/orchestrator/orchestrator.go `ScaleUp` and
 * `ComputeExpansionOption`): for each node group below its max and not backed off, the pending pod groups
 * that fit its template are binpacked ({@link estimateNodes}) with the limiter at the smallest of
 * `maxNodesPerScaleUp`, the group's room and the cluster's room under `maxNodesTotal`; options that add
 * nodes go to the expanders ({@link chooseExpansionOption}); the chosen count is capped at the group's max.
 * Balancing similar node groups is not modelled.
 *
 * @returns The decision, or undefined when no group can help.
 * @example
 * ```ts
 * const d = planScaleUp(input, createRng(seed, 'autoscaler/expander'));
 * if (d) requestNodes(d.group, d.nodes);
 * ```
 */
export function planScaleUp(input: ScaleUpInput, rng: Rng): ScaleUpDecision | undefined {
  const o = resolveAutoscalerOptions(input.options);
  const dims = input.dims ?? { cpu: 0, memory: 1 };
  const clusterSize = input.clusterSize ?? input.groups.reduce((s, g) => s + g.size, 0);
  if (o.maxNodesTotal > 0 && clusterSize >= o.maxNodesTotal) return undefined;
  const options: ExpansionOption[] = [];
  const byOption: { group: number; scheduled: Int32Array }[] = [];
  input.groups.forEach((g, gi) => {
    if (g.backedOff === true || g.size >= g.max) return;
    const t = g.template;
    const maxPods = t.maxPods ?? 110;
    const fitting: EstimatorPodGroup[] = [];
    const index: number[] = [];
    input.pending.forEach((p, pi) => {
      if (maxPods < 1) return;
      for (let d = 0; d < t.allocatable.length; d++) if ((p.request[d] ?? 0) > (t.allocatable[d] as number)) return;
      if (input.fitsTemplate !== undefined && !input.fitsTemplate(pi, gi)) return;
      fitting.push(p);
      index.push(pi);
    });
    if (fitting.length === 0) return;
    const limit = binpackingNodeLimit([o.maxNodesPerScaleUp, g.max - g.size, o.maxNodesTotal > 0 ? o.maxNodesTotal - clusterSize : 0]);
    const e = estimateNodes(fitting, t, { maxNodes: limit, cpu: dims.cpu, memory: dims.memory, fits: input.fits?.(gi) });
    if (e.nodes === 0) return;
    const scheduled = new Int32Array(input.pending.length);
    let podCpu = 0, podMemory = 0;
    index.forEach((pi, k) => {
      const n = e.scheduled[k] as number;
      scheduled[pi] = n;
      const p = input.pending[pi] as EstimatorPodGroup;
      podCpu += n * (p.request[dims.cpu] ?? 0);
      podMemory += n * (p.request[dims.memory] ?? 0);
    });
    options.push({
      group: g.name, nodeCount: e.nodes, podCount: e.scheduledTotal, podCpu, podMemory,
      nodeCpu: t.allocatable[dims.cpu] ?? 0, nodeMemory: t.allocatable[dims.memory] ?? 0,
      ...(g.price === undefined ? {} : { nodePrice: g.price }),
      ...(g.gpu === undefined ? {} : { nodeHasGpu: g.gpu }),
    });
    byOption.push({ group: gi, scheduled });
  });
  if (options.length === 0) return undefined;
  const best = chooseExpansionOption(o.expander, options, rng, { clusterSize, ...input.price });
  if (best === undefined) return undefined;
  const k = options.indexOf(best);
  const { group, scheduled } = byOption[k] as { group: number; scheduled: Int32Array };
  const g = input.groups[group] as ScaleUpGroup;
  let nodes = Math.min(best.nodeCount, g.max - g.size);
  if (o.maxNodesTotal > 0) nodes = Math.min(nodes, o.maxNodesTotal - clusterSize);
  return { group, nodes, scheduled, options };
}
