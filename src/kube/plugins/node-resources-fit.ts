import { joinPath, type Issue } from '../../errors.js';
import { fitScoreOfTwo, balancedScoreOfTwo, goRound, leastRequestedScore, mostRequestedScore, requestedToCapacityScore, scaleShape, type FunctionShapePoint } from '../formulas.js';
import { R_CAP, R_NZ_CPU, R_NZ_MEM, R_ROOM } from '../node-table.js';
import { SCORE_OK, type KubeCycle, type KubePlugin, type KubePluginContext, type KubePluginInstance } from '../plugin.js';
import { nodeResourcesFitArgsSchema } from '../profile-schema.js';
import { labelKeyError } from '../selectors.js';
import { weightIssues, zodIssues } from '../validate-helpers.js';
import { BalancedAllocation } from './balanced-allocation.js';
import { addScores, cachedScores, PodResources, resourceList, SRC_NZ_CPU, SRC_NZ_MEM } from './common.js';

/** Filter codes. */
const FIT = 1, FIT_UNRESOLVABLE = 2;
const STRATEGY = { LeastAllocated: 0, MostAllocated: 1, RequestedToCapacityRatio: 2 } as const;

/**
 * Whether a resource name is an extended resource: it has a domain (`example.com/foo`), not the
 * `kubernetes.io/` one, and is not a quota `requests.` name (upstream pkg/apis/core/v1/helper,
 * IsExtendedResourceName). Only extended resources can be ignored by NodeResourcesFit.
 *
 * @example
 * ```ts
 * isExtendedResourceName('example.com/bbb'); // true
 * isExtendedResourceName('kubernetes.io/something'); // false
 * isExtendedResourceName('cpu'); // false
 * ```
 */
export function isExtendedResourceName(name: string): boolean {
  if (!name.includes('/') || name.includes('kubernetes.io/') || name.startsWith('requests.')) return false;
  return labelKeyError(`requests.${name}`) === undefined;
}

/**
 * The dimensions NodeResourcesFit ignores: extended resources named in `ignoredResources`, or whose
 * domain (the part before `/`) is in `ignoredResourceGroups` (upstream noderesources/fit.go, fitsRequest).
 *
 * @example
 * ```ts
 * ignoredDimensions(['cpu', 'example.com/aaa', 'kubernetes.io/x'], [], ['example.com']); // [1]
 * ```
 */
export function ignoredDimensions(dims: readonly string[], ignoredResources: readonly string[], ignoredResourceGroups: readonly string[]): number[] {
  const out: number[] = [];
  dims.forEach((name, d) => {
    if (!isExtendedResourceName(name)) return;
    if (ignoredResources.includes(name) || ignoredResourceGroups.includes(name.slice(0, name.indexOf('/')))) out.push(d);
  });
  return out;
}

// upstream noderesources/fit.go fitsRequest: the pod count, then each requested resource (ignored
// extended resources skipped); unresolvable when a request exceeds the node's allocatable. Reads the
// node table's packed row (stride S); `ovHost` and `ovFree` are preemption's what-if: capacity freed on one host.
function fitCode(h: number, D: number, S: number, off: number, dem: Float64Array, row: Float64Array, ovHost: number, ovFree: Float64Array, ignored: Uint8Array | null): number {
  const b = h * S;
  const ov = h === ovHost;
  let fail = (row[b + R_ROOM] as number) < 1;
  let unresolvable = false;
  for (let d = 0; d < D; d++) {
    const r = dem[off + d] as number;
    if (r <= 0 || (ignored !== null && ignored[d] === 1)) continue;
    const a = row[b + R_CAP + d] as number;
    if (r > a - (row[b + R_CAP + D + d] as number) + (ov ? (ovFree[d] as number) : 0)) {
      fail = true;
      if (r > a) unresolvable = true;
    }
  }
  return fail ? (unresolvable ? FIT_UNRESOLVABLE : FIT) : 0;
}

class Fit implements KubePluginInstance {
  readonly id: number;
  private readonly list: { dims: Int32Array; kinds: Uint8Array; weights: Float64Array };
  private readonly rs: PodResources;
  private readonly strategy: number;
  private readonly shape: readonly FunctionShapePoint[];
  private readonly ignored: Uint8Array;
  private readonly anyIgnored: boolean;
  // The pod's requested dimensions and requests, listed per filter batch.
  private readonly reqDims: Int32Array;
  private readonly reqVals: Float64Array;
  // Per resource of the cycle's pod: the offset of the node's usage in a host's row.
  private readonly use: Int32Array;
  private scratch: Float64Array | undefined;
  /** Dimensions the scheduler leaves out of its accounting for this profile's pods (their demand is 0). */
  readonly untrackedDims: readonly number[];
  private c!: KubeCycle;

  constructor(ctx: KubePluginContext) {
    const cluster = ctx.state.cluster, fit = ctx.profile.fit;
    this.id = ctx.id;
    this.list = resourceList((n) => cluster.dimensionIndex(n), fit.resources);
    this.rs = new PodResources(this.list.dims.length);
    this.strategy = STRATEGY[fit.strategy];
    this.shape = scaleShape(fit.shape);
    this.untrackedDims = ignoredDimensions(cluster.dims, fit.ignoredResources, fit.ignoredResourceGroups);
    this.ignored = new Uint8Array(cluster.D);
    for (const d of this.untrackedDims) this.ignored[d] = 1;
    this.anyIgnored = this.untrackedDims.length > 0;
    this.reqDims = new Int32Array(cluster.D);
    this.reqVals = new Float64Array(cluster.D);
    this.use = new Int32Array(this.list.dims.length);
  }

  filter(c: KubeCycle, h: number): number {
    const st = c.state, nodes = st.nodes;
    return fitCode(h, st.D, nodes.S, c.off, st.pods.demand, nodes.row, nodes.ovHost, nodes.ovFree, this.anyIgnored ? this.ignored : null);
  }

  filterAll(c: KubeCycle, hosts: Int32Array, n: number): number {
    return this.filterFrom(c, hosts, 0, n, hosts, 0);
  }

  // The verdicts of fitCode for src[from..from+n), the hosts that pass appended to out from `at` (in
  // place when out is src and at ≤ from). Without a what-if and with at most two requested dimensions
  // (cpu and memory), the pod's requests are in locals and each host is three comparisons on its row.
  filterFrom(c: KubeCycle, src: Int32Array, from: number, n: number, out: Int32Array, at: number): number {
    const st = c.state, nodes = st.nodes, D = st.D, S = nodes.S, off = c.off, dem = st.pods.demand, row = nodes.row;
    const ovHost = nodes.ovHost, ignored = this.anyIgnored ? this.ignored : null;
    const end = from + n;
    let m = at;
    if (ovHost < 0) {
      const rd = this.reqDims, rv = this.reqVals;
      let k = 0;
      for (let d = 0; d < D; d++) {
        const r = dem[off + d] as number;
        if (r <= 0 || (ignored !== null && ignored[d] === 1)) continue;
        rd[k] = d;
        rv[k++] = r;
      }
      if (k <= 2) {
        // A missing dimension is tested as a request of −∞ on dimension 0: never more than is free.
        // Offsets in locals: an imported constant is re-read through its module binding on every use.
        const room = R_ROOM;
        const c0 = R_CAP + (k > 0 ? (rd[0] as number) : 0), r0 = k > 0 ? (rv[0] as number) : -Infinity, a0 = c0 + D;
        const c1 = R_CAP + (k > 1 ? (rd[1] as number) : 0), r1 = k > 1 ? (rv[1] as number) : -Infinity, a1 = c1 + D;
        for (let i = from; i < end; i++) {
          const h = src[i] as number;
          const b = h * S;
          if ((row[b + room] as number) < 1 || r0 > (row[b + c0] as number) - (row[b + a0] as number) || r1 > (row[b + c1] as number) - (row[b + a1] as number)) continue;
          out[m++] = h;
        }
        return m - at;
      }
    }
    for (let i = from; i < end; i++) {
      const h = src[i] as number;
      if (fitCode(h, D, S, off, dem, row, ovHost, nodes.ovFree, ignored) === 0) out[m++] = h;
    }
    return m - at;
  }

  reasons(c: KubeCycle, h: number): readonly string[] {
    const st = c.state, D = st.D, base = h * D, nodes = st.nodes;
    const out: string[] = [];
    const ov = h === nodes.ovHost;
    if ((nodes.podCount[h] as number) + 1 > (nodes.maxPods[h] as number)) out.push('Too many pods');
    for (let d = 0; d < D; d++) {
      const r = st.pods.demand[c.off + d] as number;
      if (r <= 0 || this.ignored[d] === 1) continue;
      if (r > (st.cluster.capacity[base + d] as number) - (st.cluster.allocated[base + d] as number) + (ov ? (nodes.ovFree[d] as number) : 0)) {
        out.push(`Insufficient ${st.cluster.dims[d]}`);
      }
    }
    return out;
  }

  unresolvable(code: number): boolean {
    return code === FIT_UNRESOLVABLE;
  }

  score(c: KubeCycle, hosts: Int32Array, n: number, out: Float64Array): number {
    this.c = c;
    cachedScores(c, this.id, hosts, n, out, this.compute);
    return SCORE_OK;
  }

  scoreAdd(c: KubeCycle, hosts: Int32Array, n: number, total: Float64Array, w: number): number {
    this.c = c;
    addScores(c, this.id, hosts, n, total, w, (this.scratch ??= new Float64Array(c.state.H)), this.compute);
    return SCORE_OK;
  }

  /** Whether {@link Fit.pairAdd} can score `other` with this plugin: BalancedAllocation. @internal */
  pairsWith(other: KubePluginInstance): boolean {
    return other instanceof BalancedAllocation;
  }

  /**
   * `scoreAdd` of this plugin (weight `w`) and of BalancedAllocation (`other`, weight `w2`) at once. When
   * neither score is memoised, both score cpu and memory, this one with LeastAllocated or MostAllocated
   * and BalancedAllocation with the classic formula, one loop over the hosts reads each host's row once
   * and adds both weighted scores, through the same per-host functions as the two plugins' own loops
   * ({@link fitScoreOfTwo}, {@link balancedScoreOfTwo}); otherwise each plugin adds its own.
   * @internal
   */
  pairAdd(c: KubeCycle, hosts: Int32Array, n: number, total: Float64Array, w: number, other: KubePluginInstance, w2: number): void {
    const bal = other as BalancedAllocation;
    if (bal.skips(c)) {
      this.scoreAdd(c, hosts, n, total, w);
      return;
    }
    this.c = c;
    bal.c = c;
    const st = c.state, memo = st.memoize;
    const cache = st.scores;
    const sf = memo ? cache.slotFor(this.id, c.pod, c.tpl) : null;
    const sb = memo ? cache.slotFor(bal.id, c.pod, c.tpl) : null;
    const nodes = st.nodes, D = st.D, S = nodes.S, row = nodes.row;
    const k = sf === null && sb === null ? this.resolve(c) : 0;
    const rW = this.rs.weight, strategy = this.strategy;
    const ws = k === 2 ? (rW[0] as number) + (rW[1] as number) : 0;
    const kb = k === 2 && strategy !== STRATEGY.RequestedToCapacityRatio && ws > 0 && !bal.newer ? bal.resolve(c) : 0;
    if (kb !== 2) {
      if (memo) {
        cache.addWith(sf, hosts, n, total, w, (this.scratch ??= new Float64Array(st.H)), this.compute);
        cache.addWith(sb, hosts, n, total, w2, (bal.scratch ??= new Float64Array(st.H)), bal.compute);
      } else {
        this.compute(hosts, n, total, w);
        bal.compute(hosts, n, total, w2);
      }
      return;
    }
    const rs = this.rs, use = this.use, rDim = rs.dim, rReq = rs.req;
    const score = strategy === STRATEGY.LeastAllocated ? leastRequestedScore : mostRequestedScore;
    const c0 = R_CAP + (rDim[0] as number), u0 = use[0] as number, p0 = rReq[0] as number, w0 = rW[0] as number;
    const c1 = R_CAP + (rDim[1] as number), u1 = use[1] as number, p1 = rReq[1] as number, w1 = rW[1] as number;
    const bDim = bal.rs.dim, bReq = bal.rs.req;
    const d0 = R_CAP + (bDim[0] as number), q0 = bReq[0] as number, v0 = d0 + D;
    const d1 = R_CAP + (bDim[1] as number), q1 = bReq[1] as number, v1 = d1 + D;
    for (let j = 0; j < n; j++) {
      const b = (hosts[j] as number) * S;
      const a0 = row[b + c0] as number, a1 = row[b + c1] as number;
      const sFit = a0 === 0 || a1 === 0 ? this.one(row, b, k) : fitScoreOfTwo(score, (row[b + u0] as number) + p0, a0, w0, (row[b + u1] as number) + p1, a1, w1, ws);
      const e0 = row[b + d0] as number, e1 = row[b + d1] as number;
      const sBal = e0 === 0 || e1 === 0 ? bal.one(row, b, D, kb, bDim, bReq) : balancedScoreOfTwo((row[b + v0] as number) + q0, e0, (row[b + v1] as number) + q1, e1);
      total[j] = (total[j] as number) + w * sFit + w2 * sBal;
    }
  }

  // upstream noderesources/resource_allocation.go score with least_allocated.go, most_allocated.go and
  // requested_to_capacity_ratio.go: per resource, the node's requests plus the pod's against allocatable,
  // with non-zero requests for cpu and memory; extended resources the pod does not request are skipped.
  private readonly compute = (hosts: Int32Array, m: number, out: Float64Array, w: number): void => {
    const c = this.c, nodes = c.state.nodes, S = nodes.S, row = nodes.row;
    const k = this.resolve(c);
    const rs = this.rs, use = this.use, rDim = rs.dim, rReq = rs.req, rW = rs.weight, strategy = this.strategy;
    const ws = k === 2 ? (rW[0] as number) + (rW[1] as number) : 0;
    if (k === 2 && strategy !== STRATEGY.RequestedToCapacityRatio && ws > 0) {
      // The common case (cpu and memory, least or most allocated), with both resources in locals:
      // the same sums as one(), unrolled.
      const score = strategy === STRATEGY.LeastAllocated ? leastRequestedScore : mostRequestedScore;
      const c0 = R_CAP + (rDim[0] as number), u0 = use[0] as number, p0 = rReq[0] as number, w0 = rW[0] as number;
      const c1 = R_CAP + (rDim[1] as number), u1 = use[1] as number, p1 = rReq[1] as number, w1 = rW[1] as number;
      for (let j = 0; j < m; j++) {
        const b = (hosts[j] as number) * S;
        const a0 = row[b + c0] as number, a1 = row[b + c1] as number;
        const s = a0 === 0 || a1 === 0 ? this.one(row, b, k) : fitScoreOfTwo(score, (row[b + u0] as number) + p0, a0, w0, (row[b + u1] as number) + p1, a1, w1, ws);
        out[j] = (out[j] as number) + w * s;
      }
      return;
    }
    for (let j = 0; j < m; j++) out[j] = (out[j] as number) + w * this.one(row, (hosts[j] as number) * S, k);
  };

  // The pod's resources for this cycle, and where each one's node usage is in a host's row.
  private resolve(c: KubeCycle): number {
    const rs = this.rs, k = rs.resolve(c, this.list, true), D = c.state.D;
    for (let q = 0; q < k; q++) {
      const src = rs.src[q] as number;
      this.use[q] = src === SRC_NZ_CPU ? R_NZ_CPU : src === SRC_NZ_MEM ? R_NZ_MEM : R_CAP + D + (rs.dim[q] as number);
    }
    return k;
  }

  // One host's score (its row at b), any number of resources, any strategy.
  private one(row: Float64Array, b: number, k: number): number {
    const rs = this.rs, use = this.use, shape = this.shape, strategy = this.strategy;
    let nodeScore = 0, weightSum = 0;
    for (let q = 0; q < k; q++) {
      const a = row[b + R_CAP + (rs.dim[q] as number)] as number;
      if (a === 0) continue;
      const sc = resourceScore(strategy, (row[b + (use[q] as number)] as number) + (rs.req[q] as number), a, shape);
      if (strategy !== STRATEGY.RequestedToCapacityRatio || sc > 0) {
        nodeScore += sc * (rs.weight[q] as number);
        weightSum += rs.weight[q] as number;
      }
    }
    return nodeScoreOf(strategy, nodeScore, weightSum);
  }
}

// upstream noderesources/resource_allocation.go score with least_allocated.go, most_allocated.go and
// requested_to_capacity_ratio.go: one resource's score on a node with `req` requested (the node's
// non-zero requests plus the pod's, for cpu and memory) of `a` allocatable. RequestedToCapacityRatio
// counts only resources with a positive score towards the weight sum.
function resourceScore(strategy: number, req: number, a: number, shape: readonly FunctionShapePoint[]): number {
  return strategy === 0 ? leastRequestedScore(req, a) : strategy === 1 ? mostRequestedScore(req, a) : requestedToCapacityScore(req, a, shape);
}

// The node's score: the weighted mean of the resource scores, floored (rounded for RequestedToCapacityRatio).
function nodeScoreOf(strategy: number, nodeScore: number, weightSum: number): number {
  return weightSum === 0 ? 0 : strategy === 2 ? goRound(nodeScore / weightSum) : Math.floor(nodeScore / weightSum);
}

function fitArgsIssues(args: unknown, path: string): Issue[] {
  const out: Issue[] = [];
  const r = nodeResourcesFitArgsSchema.safeParse(args ?? {});
  zodIssues(r, path, out);
  if (!r.success) return out;
  (r.data.ignoredResourceGroups ?? []).forEach((g, i) => {
    if (g.includes('/')) out.push({ code: 'invalid_args', path: joinPath(joinPath(path, 'ignoredResourceGroups'), i), message: `${JSON.stringify(g)} must be a resource group (the domain before "/"), without "/"` });
  });
  const ss = r.data.scoringStrategy;
  const sp = joinPath(path, 'scoringStrategy');
  weightIssues(ss?.resources, joinPath(sp, 'resources'), out);
  if (ss?.type === 'RequestedToCapacityRatio') {
    const shape = ss.requestedToCapacityRatio?.shape;
    const shp = joinPath(joinPath(sp, 'requestedToCapacityRatio'), 'shape');
    if (shape === undefined || shape.length === 0) out.push({ code: 'invalid_shape', path: shp, message: 'must have at least one point for RequestedToCapacityRatio' });
    const pts = shape ?? [];
    pts.forEach((pt, k) => {
      const pp = joinPath(shp, k);
      if (pt.utilization < 0 || pt.utilization > 100) out.push({ code: 'invalid_shape', path: joinPath(pp, 'utilization'), message: `is ${pt.utilization}; utilization must be in [0, 100]` });
      else if (k > 0 && pt.utilization <= (pts[k - 1]?.utilization ?? -1)) {
        out.push({ code: 'invalid_shape', path: joinPath(pp, 'utilization'), message: `is ${pt.utilization}, not above the previous point's ${pts[k - 1]?.utilization}; utilization must increase` });
      }
      if (pt.score < 0 || pt.score > 10) out.push({ code: 'invalid_shape', path: joinPath(pp, 'score'), message: `is ${pt.score}; score must be in [0, 10]` });
    });
  }
  return out;
}

/**
 * NodeResourcesFit (filter and score). Filter: the pod count against `maxPods` ("Too many pods") and
 * every requested resource against what is free ("Insufficient cpu", …); extended resources listed in
 * `ignoredResources`, or whose group is in `ignoredResourceGroups`, are not checked, and the scheduler
 * leaves them out of its accounting (their demand is 0: a scheduler extender or device plugin manages
 * them). Score: LeastAllocated, MostAllocated or RequestedToCapacityRatio over the configured resources.
 *
 * @example
 * ```ts
 * resolveProfile({ pluginConfig: [{ name: 'NodeResourcesFit', args: { ignoredResourceGroups: ['example.com'] } }] }).fit;
 * ```
 */
export const NodeResourcesFit: KubePlugin = {
  name: 'NodeResourcesFit',
  points: ['preFilter', 'filter', 'preScore', 'score'],
  validateArgs: fitArgsIssues,
  create: (_args, ctx) => new Fit(ctx),
};
