// Kubernetes' scoring formulas, integer-exact, as pure functions. Each cites the upstream file
// (kubernetes/kubernetes, pkg/scheduler/...) it follows; the code is podsim's own.

/** The highest score a plugin gives a node (framework.MaxNodeScore). @example `MAX_NODE_SCORE; // 100` */
export const MAX_NODE_SCORE = 100;
/** CPU counted for a container without a CPU request when scoring (schedutil.DefaultMilliCPURequest). @example `DEFAULT_MILLI_CPU_REQUEST; // 100` */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** Memory counted for a container without a memory request when scoring (schedutil.DefaultMemoryRequest, 200Mi). @example `DEFAULT_MEMORY_REQUEST; // 209715200` */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * ⌊a × b / c⌋ for non-negative integers, exactly (Go's int64 arithmetic), falling back to BigInt
 * when the product would lose precision.
 *
 * @example
 * ```ts
 * mulDiv(3, 100, 4000); // 0
 * mulDiv(1000, 100, 4000); // 25
 * ```
 */
export function mulDiv(a: number, b: number, c: number): number {
  const p = a * b;
  // Below 2^53 the product is exact and so is ⌊p / c⌋ from a float division: the quotient's rounding
  // error, under (p / c)·2^-53 < 1/c, cannot carry it across an integer, as a remainder r puts it at
  // least 1/c away from one. Larger products go through BigInt.
  if (p <= SAFE) return Math.floor(p / c);
  return mulDivBig(a, b, c);
}

function mulDivBig(a: number, b: number, c: number): number {
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/**
 * LeastAllocated's per-resource score: the free share after placing the pod, 0..100
 * (upstream framework/plugins/noderesources/least_allocated.go, leastRequestedScore).
 *
 * @example
 * ```ts
 * leastRequestedScore(3000, 4000); // 25
 * ```
 */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return mulDiv(capacity - requested, MAX_NODE_SCORE, capacity);
}

/**
 * MostAllocated's per-resource score: the used share after placing the pod, 0..100; requests above
 * capacity count as full (upstream framework/plugins/noderesources/most_allocated.go, mostRequestedScore).
 *
 * @example
 * ```ts
 * mostRequestedScore(3000, 4000); // 75
 * ```
 */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  return mulDiv(Math.min(requested, capacity), MAX_NODE_SCORE, capacity);
}

/**
 * A point of a broken-linear function, with the score already on the 0..100 scale.
 *
 * @example
 * ```ts
 * const p: FunctionShapePoint = { utilization: 50, score: 100 };
 * ```
 */
export interface FunctionShapePoint {
  readonly utilization: number;
  readonly score: number;
}

/**
 * Evaluates a broken-linear function at `p` with Go's truncating integer division
 * (upstream framework/plugins/helper/shape_score.go, BuildBrokenLinearFunction).
 *
 * @example
 * ```ts
 * brokenLinear([{ utilization: 0, score: 2 }, { utilization: 40, score: 10 }, { utilization: 100, score: 0 }], 70); // 5
 * ```
 */
export function brokenLinear(shape: readonly FunctionShapePoint[], p: number): number {
  for (let i = 0; i < shape.length; i++) {
    const cur = shape[i] as FunctionShapePoint;
    if (p <= cur.utilization) {
      if (i === 0) return cur.score;
      const prev = shape[i - 1] as FunctionShapePoint;
      return prev.score + Math.trunc(((cur.score - prev.score) * (p - prev.utilization)) / (cur.utilization - prev.utilization));
    }
  }
  return (shape[shape.length - 1] as FunctionShapePoint).score;
}

/**
 * Scales a configured RequestedToCapacityRatio shape (scores 0..10) to the node score range (×10)
 * (upstream framework/plugins/noderesources/requested_to_capacity_ratio.go, requestedToCapacityRatioScorer).
 *
 * @example
 * ```ts
 * scaleShape([{ utilization: 0, score: 0 }, { utilization: 100, score: 10 }]); // [{0, 0}, {100, 100}]
 * ```
 */
export function scaleShape(shape: ReadonlyArray<{ readonly utilization: number; readonly score: number }>): FunctionShapePoint[] {
  return shape.map((p) => ({ utilization: p.utilization, score: p.score * (MAX_NODE_SCORE / 10) }));
}

/**
 * RequestedToCapacityRatio's per-resource score: the shape evaluated at the utilisation percentage
 * (integer), full utilisation when the request exceeds capacity
 * (upstream framework/plugins/noderesources/requested_to_capacity_ratio.go).
 *
 * @example
 * ```ts
 * requestedToCapacityScore(2, 8, scaleShape([{ utilization: 0, score: 0 }, { utilization: 100, score: 1 }])); // 2
 * ```
 */
export function requestedToCapacityScore(requested: number, capacity: number, scaledShape: readonly FunctionShapePoint[]): number {
  if (capacity === 0 || requested > capacity) return brokenLinear(scaledShape, 100);
  const util = requested <= 0 ? 0 : requested >= capacity ? 100 : mulDiv(requested, 100, capacity);
  return brokenLinear(scaledShape, util);
}

/**
 * Go's `math.Round`: half away from zero.
 *
 * @example
 * ```ts
 * goRound(37.5); // 38
 * goRound(-2.5); // -3
 * ```
 */
export function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/**
 * The standard deviation NodeResourcesBalancedAllocation uses: |f₀ − f₁| / 2 for two fractions, the
 * population standard deviation for more, 0 for fewer
 * (upstream framework/plugins/noderesources/balanced_allocation.go, balancedResourceScorer).
 *
 * @example
 * ```ts
 * balancedStd([0.75, 0.5], 2); // 0.125
 * ```
 */
export function balancedStd(fractions: ArrayLike<number>, n: number): number {
  if (n === 2) return balancedStdOfTwo(fractions[0] as number, fractions[1] as number);
  if (n < 2) return 0;
  let total = 0;
  for (let i = 0; i < n; i++) total += fractions[i] as number;
  const mean = total / n;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = (fractions[i] as number) - mean;
    sum += d * d;
  }
  return Math.sqrt(sum / n);
}

/**
 * {@link balancedStd} of two fractions: |f₀ − f₁| / 2.
 *
 * @example
 * ```ts
 * balancedStdOfTwo(0.75, 0.5); // 0.125
 * ```
 */
export function balancedStdOfTwo(f0: number, f1: number): number {
  return Math.abs((f0 - f1) / 2);
}

/**
 * The classic balanced-allocation score, `int64((1 − std) × 100)`.
 *
 * @example
 * ```ts
 * balancedScoreFromStd(0.125); // 87
 * ```
 */
export function balancedScoreFromStd(std: number): number {
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/**
 * The newer balanced-allocation score (kubernetes PR #135573): how much placing the pod improves the
 * node's balance, `50 + (50 + withPod − withoutPod) / 2` with Go integer division, in [50, 100].
 *
 * @example
 * ```ts
 * balancedScoreWithWithoutPod(87, 100); // 68
 * ```
 */
export function balancedScoreWithWithoutPod(scoreWithPod: number, scoreWithoutPod: number): number {
  return MAX_NODE_SCORE / 2 + Math.trunc((MAX_NODE_SCORE / 2 + scoreWithPod - scoreWithoutPod) / 2);
}

/**
 * NodeResourcesBalancedAllocation's classic score of a node on two resources, both allocatable > 0:
 * the fractions (requested + pod) / allocatable capped at 1, then `int64((1 − |f₀ − f₁| / 2) × 100)`
 * (upstream noderesources/balanced_allocation.go). The per-host step of the plugin's batch loop and of
 * the loop it shares with NodeResourcesFit: one function, so the two cannot drift.
 *
 * @example
 * ```ts
 * balancedScoreOfTwo(3000, 4000, 1024, 2048); // 87
 * ```
 */
export function balancedScoreOfTwo(q0: number, a0: number, q1: number, a1: number): number {
  let x0 = q0 / a0;
  if (x0 > 1) x0 = 1;
  let x1 = q1 / a1;
  if (x1 > 1) x1 = 1;
  return balancedScoreFromStd(balancedStdOfTwo(x0, x1));
}

/**
 * NodeResourcesFit's LeastAllocated or MostAllocated score of a node on two resources, both allocatable
 * > 0 and weights summing to `ws` > 0: ⌊(s₀ × w₀ + s₁ × w₁) / ws⌋ with `score` the per-resource score
 * (upstream noderesources/resource_allocation.go). The per-host step of the plugin's batch loop and of
 * the loop it shares with BalancedAllocation.
 *
 * @example
 * ```ts
 * fitScoreOfTwo(leastRequestedScore, 3000, 4000, 1, 1024, 2048, 1, 2); // 37
 * ```
 */
export function fitScoreOfTwo(score: (requested: number, capacity: number) => number, q0: number, a0: number, w0: number, q1: number, a1: number, w1: number, ws: number): number {
  return Math.floor((score(q0, a0) * w0 + score(q1, a1) * w1) / ws);
}

const MB = 1024 * 1024;
/** ImageLocality's lower threshold, 23Mi (upstream framework/plugins/imagelocality/image_locality.go). @example `IMAGE_MIN_THRESHOLD; // 24117248` */
export const IMAGE_MIN_THRESHOLD = 23 * MB;
/** ImageLocality's upper threshold per container, 1000Mi. @example `IMAGE_MAX_CONTAINER_THRESHOLD; // 1048576000` */
export const IMAGE_MAX_CONTAINER_THRESHOLD = 1000 * MB;

/**
 * An image's contribution to ImageLocality: its size scaled by the share of nodes that have it,
 * `int64(size × numNodes / totalNodes)` (upstream image_locality.go, scaledImageScore).
 *
 * @example
 * ```ts
 * scaledImageScore(300 * 2 ** 20, 1, 2); // 157286400
 * ```
 */
export function scaledImageScore(size: number, numNodes: number, totalNodes: number): number {
  return Math.trunc(size * (numNodes / totalNodes));
}

/**
 * ImageLocality's node score from the summed image scores: clamped to [23Mi, 1000Mi × containers] and
 * mapped linearly onto 0..100 (upstream image_locality.go, calculatePriority).
 *
 * @example
 * ```ts
 * imageLocalityScore(150 * 2 ** 20, 2); // 6
 * ```
 */
export function imageLocalityScore(sumScores: number, numContainers: number): number {
  const maxThreshold = IMAGE_MAX_CONTAINER_THRESHOLD * numContainers;
  let s = sumScores;
  if (s < IMAGE_MIN_THRESHOLD) s = IMAGE_MIN_THRESHOLD;
  else if (s > maxThreshold) s = maxThreshold;
  return mulDiv(MAX_NODE_SCORE, s - IMAGE_MIN_THRESHOLD, maxThreshold - IMAGE_MIN_THRESHOLD);
}

/**
 * Normalises the first `n` scores in place onto [0, maxPriority] by the maximum, reversed if asked;
 * all-zero scores become maxPriority when reversed (upstream framework/plugins/helper/normalize_score.go).
 *
 * @example
 * ```ts
 * const s = new Float64Array([1, 2, 4]);
 * defaultNormalizeScore(s, 3, 100, false); // s = [25, 50, 100]
 * ```
 */
export function defaultNormalizeScore(scores: Float64Array, n: number, maxPriority: number, reverse: boolean): void {
  let max = 0;
  for (let i = 0; i < n; i++) if ((scores[i] as number) > max) max = scores[i] as number;
  if (max === 0) {
    if (reverse) for (let i = 0; i < n; i++) scores[i] = maxPriority;
    return;
  }
  for (let i = 0; i < n; i++) {
    const s = mulDiv(maxPriority, scores[i] as number, max);
    scores[i] = reverse ? maxPriority - s : s;
  }
}

/**
 * PodTopologySpread's weight for a constraint with `size` domains, `ln(size + 2)`
 * (upstream framework/plugins/podtopologyspread/scoring.go, topologyNormalizingWeight).
 *
 * @example
 * ```ts
 * topologyNormalizingWeight(3); // 1.609…
 * ```
 */
export function topologyNormalizingWeight(size: number): number {
  return Math.log(size + 2);
}

/**
 * PodTopologySpread's per-constraint raw score for `cnt` matching pods, `cnt × weight + (maxSkew − 1)`
 * (upstream podtopologyspread/scoring.go, scoreForCount).
 *
 * @example
 * ```ts
 * scoreForCount(2, 1, Math.log(4)); // 2.77…
 * ```
 */
export function scoreForCount(cnt: number, maxSkew: number, tpWeight: number): number {
  return cnt * tpWeight + (maxSkew - 1);
}

/** Fewest nodes kube-scheduler looks for before it stops filtering (minFeasibleNodesToFind). @example `MIN_FEASIBLE_NODES_TO_FIND; // 100` */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
/** Lowest adaptive percentage (minFeasibleNodesPercentageToFind). @example `MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND; // 5` */
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/**
 * How many feasible nodes kube-scheduler finds before it stops filtering: all of them below 100 nodes;
 * otherwise `percentage` of the nodes (0 means adaptive: 50 − nodes/125, at least 5), and at least 100
 * (upstream pkg/scheduler/schedule_one.go, numFeasibleNodesToFind).
 *
 * @example
 * ```ts
 * numFeasibleNodesToFind(5000, 0); // 500 (10 %)
 * numFeasibleNodesToFind(1000, 0); // 420 (42 %)
 * ```
 */
export function numFeasibleNodesToFind(numAllNodes: number, percentageOfNodesToScore: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * percentage) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

/**
 * The back-off of a pod that failed `attempts` times: `initial` seconds doubled per further attempt,
 * at most `max` (upstream pkg/scheduler/backend/queue/scheduling_queue.go, calculateBackoffDuration;
 * podInitialBackoffSeconds 1, podMaxBackoffSeconds 10 by default).
 *
 * @param attempts - Scheduling attempts so far (1 after the first failure); 0 gives no back-off.
 * @param initial - podInitialBackoffSeconds. @defaultValue 1
 * @param max - podMaxBackoffSeconds. @defaultValue 10
 * @example
 * ```ts
 * [0, 1, 2, 3, 4, 5].map((a) => podBackoffSeconds(a)); // [0, 1, 2, 4, 8, 10]
 * ```
 */
export function podBackoffSeconds(attempts: number, initial = 1, max = 10): number {
  // A pod that has not been tried is not backed off (upstream backend/queue/backoff_queue.go).
  if (attempts <= 0) return 0;
  let d = initial;
  for (let i = 1; i < attempts; i++) {
    if (d > max - d) return max;
    d += d;
  }
  return Math.min(d, max);
}

/**
 * The request scoring counts for CPU or memory: the pod's request when it sets one (an explicit 0
 * stays 0), else the defaults 100m and 200Mi (upstream pkg/scheduler/util/pod_resources.go,
 * GetNonzeroRequestForResource: "override if un-set, but not if explicitly set to zero").
 *
 * @param specified - Whether the pod sets a request for the resource at all.
 * @example
 * ```ts
 * nonZeroRequest('cpu', 0, false); // 100
 * nonZeroRequest('cpu', 0, true); // 0
 * nonZeroRequest('memory', 400 * 2 ** 20, true); // 419430400
 * ```
 */
export function nonZeroRequest(resource: 'cpu' | 'memory', value: number, specified: boolean): number {
  if (specified) return value;
  return resource === 'cpu' ? DEFAULT_MILLI_CPU_REQUEST : DEFAULT_MEMORY_REQUEST;
}

/**
 * How many preemption candidates DefaultPreemption dry-runs: `minCandidateNodesPercentage` of the
 * potential nodes, at least `minCandidateNodesAbsolute`, at most all of them
 * (upstream framework/plugins/defaultpreemption/default_preemption.go, calculateNumCandidates).
 *
 * @example
 * ```ts
 * calculateNumCandidates(5000, 10, 100); // 500
 * ```
 */
export function calculateNumCandidates(numNodes: number, percentage: number, absolute: number): number {
  let n = Math.trunc((numNodes * percentage) / 100);
  if (n < absolute) n = absolute;
  if (n > numNodes) n = numNodes;
  return n;
}
