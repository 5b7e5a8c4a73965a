import type { Issue } from '../../errors.js';
import { balancedScoreFromStd, balancedScoreOfTwo, balancedScoreWithWithoutPod, balancedStd } from '../formulas.js';
import { R_CAP } from '../node-table.js';
import { SCORE_OK, SCORE_SKIP, type KubeCycle, type KubePlugin, type KubePluginContext, type KubePluginInstance } from '../plugin.js';
import { nodeResourcesBalancedAllocationArgsSchema } from '../profile-schema.js';
import { joinPath } from '../../errors.js';
import { weightIssues, zodIssues } from '../validate-helpers.js';
import { addScores, cachedScores, PodResources, resourceList } from './common.js';

/** @internal NodeResourcesFit scores in one pass with it (see `Fit.pairAdd`). */
export class BalancedAllocation implements KubePluginInstance {
  readonly id: number;
  private readonly list: { dims: Int32Array; kinds: Uint8Array; weights: Float64Array };
  readonly rs: PodResources;
  readonly newer: boolean;
  private readonly frac: Float64Array;
  private readonly frac0: Float64Array;
  c!: KubeCycle;
  scratch: Float64Array | undefined;

  constructor(ctx: KubePluginContext) {
    const cluster = ctx.state.cluster;
    this.id = ctx.id;
    const r = resourceList((n) => cluster.dimensionIndex(n), ctx.profile.balanced.resources);
    this.list = r;
    this.rs = new PodResources(r.dims.length);
    this.newer = ctx.profile.balanced.formula === 'withWithoutPod';
    this.frac = new Float64Array(Math.max(8, r.dims.length));
    this.frac0 = new Float64Array(Math.max(8, r.dims.length));
  }

  // Skipped for best-effort pods (upstream balanced_allocation.go PreScore).
  skips(c: KubeCycle): boolean {
    const dims = this.list.dims, dem = c.state.pods.demand;
    for (let r = 0; r < dims.length; r++) {
      const d = dims[r] as number;
      if (d >= 0 && (dem[c.off + d] as number) > 0) return false;
    }
    return true;
  }

  score(c: KubeCycle, hosts: Int32Array, n: number, out: Float64Array): number {
    if (this.skips(c)) return SCORE_SKIP;
    this.c = c;
    cachedScores(c, this.id, hosts, n, out, this.compute);
    return SCORE_OK;
  }

  scoreAdd(c: KubeCycle, hosts: Int32Array, n: number, total: Float64Array, w: number): number {
    if (this.skips(c)) return SCORE_SKIP;
    this.c = c;
    addScores(c, this.id, hosts, n, total, w, (this.scratch ??= new Float64Array(c.state.H)), this.compute);
    return SCORE_OK;
  }

  // upstream noderesources/balanced_allocation.go: fractions of requested (not non-zero) resources
  // capped at 1; classic (1 − std) × 100, or the with/without-pod change.
  readonly compute = (hosts: Int32Array, m: number, out: Float64Array, w: number): void => {
    const c = this.c, nodes = c.state.nodes, D = c.state.D, S = nodes.S, row = nodes.row;
    const k = this.resolve(c);
    const rDim = this.rs.dim, rReq = this.rs.req;
    if (k === 2 && !this.newer) {
      // The common case (cpu and memory, the classic formula), with both resources in locals.
      const c0 = R_CAP + (rDim[0] as number), p0 = rReq[0] as number, c1 = R_CAP + (rDim[1] as number), p1 = rReq[1] as number;
      const u0 = c0 + D, u1 = c1 + D;
      for (let j = 0; j < m; j++) {
        const b = (hosts[j] as number) * S;
        const a0 = row[b + c0] as number, a1 = row[b + c1] as number;
        const s = a0 === 0 || a1 === 0 ? this.one(row, b, D, k, rDim, rReq) : balancedScoreOfTwo((row[b + u0] as number) + p0, a0, (row[b + u1] as number) + p1, a1);
        out[j] = (out[j] as number) + w * s;
      }
      return;
    }
    for (let j = 0; j < m; j++) out[j] = (out[j] as number) + w * this.one(row, (hosts[j] as number) * S, D, k, rDim, rReq);
  };

  /** The pod's resources for this cycle (in `rs`): how many. */
  resolve(c: KubeCycle): number {
    return this.rs.resolve(c, this.list, false);
  }

  // One node's score (its row at b), any number of resources, either formula.
  one(row: Float64Array, b: number, D: number, k: number, rDim: Int32Array, rReq: Float64Array): number {
    const fr = this.frac, fr0 = this.frac0, newer = this.newer;
    let f = 0;
    for (let q = 0; q < k; q++) {
      const d = rDim[q] as number;
      const a = row[b + R_CAP + d] as number;
      if (a === 0) continue;
      const used = row[b + R_CAP + D + d] as number;
      let x = (used + (rReq[q] as number)) / a;
      if (x > 1) x = 1;
      fr[f] = x;
      if (newer) {
        let x0 = used / a;
        if (x0 > 1) x0 = 1;
        fr0[f] = x0;
      }
      f++;
    }
    const withPod = balancedScoreFromStd(balancedStd(fr, f));
    return newer ? balancedScoreWithWithoutPod(withPod, balancedScoreFromStd(balancedStd(fr0, f))) : withPod;
  }
}

function balancedArgsIssues(args: unknown, path: string): Issue[] {
  const out: Issue[] = [];
  const r = nodeResourcesBalancedAllocationArgsSchema.safeParse(args ?? {});
  zodIssues(r, path, out);
  if (r.success) weightIssues(r.data.resources, joinPath(path, 'resources'), out, true);
  return out;
}

/**
 * NodeResourcesBalancedAllocation (score): how evenly the node's resources would be used with the pod,
 * from the fractions (requested + pod) / allocatable capped at 1; `classic` (1 − std) × 100, or
 * `withWithoutPod` (kubernetes PR #135573). Skipped for best-effort pods.
 *
 * @example
 * ```ts
 * resolveProfile({ pluginConfig: [{ name: 'NodeResourcesBalancedAllocation', args: { formula: 'withWithoutPod' } }] }).balanced.formula;
 * ```
 */
export const NodeResourcesBalancedAllocation: KubePlugin = {
  name: 'NodeResourcesBalancedAllocation',
  points: ['preScore', 'score'],
  validateArgs: balancedArgsIssues,
  create: (_args, ctx) => new BalancedAllocation(ctx),
};
