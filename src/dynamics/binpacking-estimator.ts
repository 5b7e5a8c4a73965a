/**
 * Pods that are alike for scheduling (an equivalence group): `count` pods of one `request`.
 *
 * @example
 * ```ts
 * const g: EstimatorPodGroup = { request: [500, 1 << 30], count: 10 }; // 500m, 1Gi
 * ```
 */
export interface EstimatorPodGroup {
  /** Request per dimension, in the same units and order as the template's allocatable (integers). */
  readonly request: ArrayLike<number>;
  readonly count: number;
}

/**
 * A node group's template node: what one new node offers.
 *
 * @example
 * ```ts
 * const t: NodeTemplate = { allocatable: [4000, 16 * 2 ** 30], maxPods: 110 };
 * ```
 */
export interface NodeTemplate {
  readonly allocatable: ArrayLike<number>;
  /** The node's pod capacity (`pods` allocatable). @defaultValue 110 */
  readonly maxPods?: number | undefined;
}

/**
 * Options of {@link estimateNodes}.
 *
 * @example
 * ```ts
 * const o: EstimateOptions = { maxNodes: 5, cpu: 0, memory: 1 };
 * ```
 */
export interface EstimateOptions {
  /**
   * The most nodes the estimate may add (the binpacking limiter: the smallest positive limit of
   * max-nodes-per-scaleup, the group's room to its max and the cluster's room to max-nodes-total). 0 = no limit.
   * @defaultValue 0
   */
  readonly maxNodes?: number | undefined;
  /** Dimension index of CPU, for the pod ordering score. @defaultValue 0 */
  readonly cpu?: number | undefined;
  /** Dimension index of memory, for the pod ordering score. @defaultValue 1 */
  readonly memory?: number | undefined;
  /**
   * Extra scheduling predicates beyond resources and the pod count (host ports, topology spread, affinity):
   * whether one more pod of `group` fits on estimated node `node`, which already holds `podsOnNode` pods and
   * `groupOnNode` of this group's. Resources and `maxPods` are checked before it is called.
   * @defaultValue none
   */
  readonly fits?: ((group: number, node: number, podsOnNode: number, groupOnNode: number) => boolean) | undefined;
}

/**
 * The estimate: how many new nodes the pods need, and which pods they hold.
 *
 * @example
 * ```ts
 * const e = estimateNodes([{ request: [350, 1000], count: 10 }], { allocatable: [1000, 2000], maxPods: 10 });
 * e.nodes; // 5
 * ```
 */
export interface Estimate {
  /** New nodes holding at least one pod. */
  readonly nodes: number;
  /** Pods placed, per input group. */
  readonly scheduled: Int32Array;
  /** Total pods placed. */
  readonly scheduledTotal: number;
  /** The input groups in the order they were packed (decreasing score). */
  readonly order: Int32Array;
  /** The estimated node of each placed pod, in placement order (node indices 0…). */
  readonly placements: Int32Array;
}

/**
 * The order upstream's `DecreasingPodOrderer` packs groups in: by `cpu/allocatable + memory/allocatable`
 * of one pod, largest first (cluster-autoscaler estimator/decreasing_pod_orderer.go `calculatePodScore`;
 * ties keep their input order here, where upstream's unstable sort leaves them unspecified).
 *
 * @example
 * ```ts
 * podGroupOrder([{ request: [1, 1], count: 1 }, { request: [2, 100], count: 1 }], { allocatable: [4, 600] }); // Int32Array [1, 0]
 * ```
 */
export function podGroupOrder(groups: readonly EstimatorPodGroup[], template: NodeTemplate, cpu = 0, memory = 1): Int32Array {
  const score = new Float64Array(groups.length);
  const ca = template.allocatable[cpu] ?? 0, ma = template.allocatable[memory] ?? 0;
  groups.forEach((g, i) => {
    let s = 0;
    if (ca > 0) s += (g.request[cpu] ?? 0) / ca;
    if (ma > 0) s += (g.request[memory] ?? 0) / ma;
    score[i] = s;
  });
  const order = Int32Array.from(groups.keys());
  order.sort((a, b) => (score[b] as number) - (score[a] as number) || a - b);
  return order;
}

/**
 * The cluster autoscaler's binpacking estimate of the new nodes a node group needs for pending pods
 * (kubernetes/autoscaler cluster-autoscaler/estimator/binpacking_estimator.go `Estimate`): groups in
 * decreasing order ({@link podGroupOrder}); each group's pods first go to the estimated nodes already
 * opened (the first that fits), then onto new nodes, each new pod trying only the newest node, opening
 * another when it does not fit. A pod that does not fit an empty new node ends its group; when the limiter
 * refuses a node, no later group opens nodes either. Pods must fit the template, as the scale-up
 * orchestrator checks before estimating.
 *
 * Upstream tries the opened nodes from a rotating index over the whole cluster snapshot (in Go map order);
 * this tries them in the order they were opened, which upstream's tests cannot tell apart.
 *
 * @example
 * ```ts
 * // upstream "simple resource-based binpacking": 10 pods of 350m on nodes of 1000m hold 2 each
 * estimateNodes([{ request: [350, 1000 * 2 ** 20], count: 10 }], { allocatable: [1000, 2000 * 2 ** 20], maxPods: 10 }).nodes; // 5
 * ```
 */
export function estimateNodes(groups: readonly EstimatorPodGroup[], template: NodeTemplate, options: EstimateOptions = {}): Estimate {
  const D = template.allocatable.length;
  const maxPods = template.maxPods ?? 110;
  const maxNodes = options.maxNodes ?? 0;
  const fits = options.fits;
  const order = podGroupOrder(groups, template, options.cpu ?? 0, options.memory ?? 1);
  const G = groups.length;
  // Per group, a flat copy of the request.
  const req = new Float64Array(G * D);
  let pending = 0;
  groups.forEach((g, i) => {
    for (let d = 0; d < D; d++) req[i * D + d] = g.request[d] ?? 0;
    pending += g.count;
  });
  let cap = 16;
  let free = new Float64Array(cap * D);
  let pods = new Int32Array(cap);
  let groupOn = new Int32Array(cap); // pods of the current group on each node (reset per group)
  let nodes = 0; // opened
  let withPods = 0;
  const scheduled = new Int32Array(G);
  const placements = new Int32Array(pending);
  let placed = 0;
  let permitted = 0;

  const fitsOn = (g: number, n: number): boolean => {
    if ((pods[n] as number) >= maxPods) return false;
    const o = n * D, r = g * D;
    for (let d = 0; d < D; d++) if ((req[r + d] as number) > (free[o + d] as number)) return false;
    return fits === undefined || fits(g, n, pods[n] as number, groupOn[n] as number);
  };
  const place = (g: number, n: number): void => {
    const o = n * D, r = g * D;
    for (let d = 0; d < D; d++) free[o + d] = (free[o + d] as number) - (req[r + d] as number);
    if (pods[n] === 0) withPods++;
    pods[n] = (pods[n] as number) + 1;
    groupOn[n] = (groupOn[n] as number) + 1;
    scheduled[g] = (scheduled[g] as number) + 1;
    placements[placed++] = n;
  };
  const open = (): number => {
    if (nodes === cap) {
      cap *= 2;
      const f = new Float64Array(cap * D); f.set(free); free = f;
      const p = new Int32Array(cap); p.set(pods); pods = p;
      const q = new Int32Array(cap); q.set(groupOn); groupOn = q;
    }
    const n = nodes++;
    for (let d = 0; d < D; d++) free[n * D + d] = template.allocatable[d] as number;
    return n;
  };

  let newNodesAvailable = true;
  for (let oi = 0; oi < G; oi++) {
    const g = order[oi] as number;
    const count = (groups[g] as EstimatorPodGroup).count;
    groupOn.fill(0, 0, nodes);
    let k = 0;
    // tryToScheduleOnExistingNodes: first fit over the nodes opened so far. Speed-up: without an extra
    // predicate, a node that refused a pod of this group refuses its later (identical) pods too, since its
    // free room only shrinks; so the scan resumes where the last pod went.
    let from = 0;
    for (; k < count; k++) {
      let n = fits === undefined ? from : 0;
      while (n < nodes && !fitsOn(g, n)) n++;
      if (n === nodes) break;
      place(g, n);
      from = n;
    }
    if (!newNodesAvailable) continue;
    // tryToScheduleOnNewNodes
    let last = nodes - 1;
    for (; k < count; k++) {
      if (last >= 0 && fitsOn(g, last)) { place(g, last); continue; }
      // An empty newest node that refuses the pod means a new one would refuse it too.
      if (last >= 0 && pods[last] === 0) break;
      if (maxNodes > 0 && permitted >= maxNodes) { newNodesAvailable = false; break; }
      permitted++;
      last = open();
      if (!fitsOn(g, last)) break; // kept open, as upstream keeps it in the snapshot
      place(g, last);
    }
  }
  return { nodes: withPods, scheduled, scheduledTotal: placed, order, placements: placements.subarray(0, placed) };
}

/**
 * The binpacking limiter's node limit (estimator/threshold_based_limiter.go `computeLimit` over the static
 * `max-nodes-per-scaleup` threshold, the node group's room and the cluster's room): the smallest positive
 * limit, 0 when none applies. A group with no room left is not an option at all (the orchestrator skips it).
 *
 * @example
 * ```ts
 * binpackingNodeLimit([1000, 10 - 7, 0]); // 3
 * ```
 */
export function binpackingNodeLimit(limits: readonly number[]): number {
  let current = 0;
  for (const l of limits) if (current === 0 || (current > l && l > 0)) current = l;
  return current;
}
