import type { Issue } from '../../errors.js';
import { balancedScoreFromStd, balancedScoreWithWithoutPod, balancedStd } from '../formulas.js';
import { SCORE_OK, SCORE_SKIP, type KubeCycle, type KubePlugin, type KubePluginContext, type KubePluginInstance } from '../plugin.js';
import { nodeResourcesBalancedAllocationArgsSchema } from '../profile-schema.js';
import { joinPath } from '../../errors.js';
import { weightIssues, zodIssues } from '../validate-helpers.js';
import { cachedScores, K_SCALAR, resourceList } from './common.js';

class BalancedAllocation implements KubePluginInstance {
  private readonly id: number;
  private readonly dims: Int32Array;
  private readonly kinds: Uint8Array;
  private readonly newer: boolean;
  private readonly frac: Float64Array;
  private readonly frac0: Float64Array;
  private c!: KubeCycle;

  constructor(ctx: KubePluginContext) {
    const cluster = ctx.state.cluster;
    this.id = ctx.id;
    const r = resourceList((n) => cluster.dimensionIndex(n), ctx.profile.balanced.resources);
    this.dims = r.dims;
    this.kinds = r.kinds;
    this.newer = ctx.profile.balanced.formula === 'withWithoutPod';
    this.frac = new Float64Array(Math.max(8, r.dims.length));
    this.frac0 = new Float64Array(Math.max(8, r.dims.length));
  }

  // Skipped for best-effort pods (upstream balanced_allocation.go PreScore).
  score(c: KubeCycle, hosts: Int32Array, n: number, out: Float64Array): number {
    const dims = this.dims, dem = c.state.pods.demand;
    let any = false;
    for (let r = 0; r < dims.length; r++) {
      const d = dims[r] as number;
      if (d >= 0 && (dem[c.off + d] as number) > 0) any = true;
    }
    if (!any) return SCORE_SKIP;
    this.c = c;
    cachedScores(c, this.id, hosts, n, out, this.compute);
    return SCORE_OK;
  }

  // upstream noderesources/balanced_allocation.go: fractions of requested (not non-zero) resources
  // capped at 1; classic (1 − std) × 100, or the with/without-pod change.
  private readonly compute = (hosts: Int32Array, idx: Int32Array, m: number, out: Float64Array): void => {
    const c = this.c, st = c.state, D = st.D;
    const dims = this.dims, kinds = this.kinds, nr = dims.length;
    const cap = st.cluster.capacity, alloc = st.cluster.allocated, off = c.off, dem = st.pods.demand;
    const fr = this.frac, fr0 = this.frac0, newer = this.newer;
    for (let j = 0; j < m; j++) {
      const i = idx[j] as number;
      const base = (hosts[i] as number) * D;
      let k = 0;
      for (let r = 0; r < nr; r++) {
        const d = dims[r] as number;
        if (d < 0) continue;
        const pr = dem[off + d] as number;
        if (kinds[r] === K_SCALAR && pr === 0) continue;
        const a = cap[base + d] as number;
        if (a === 0) continue;
        const used = alloc[base + d] as number;
        let f = (used + pr) / a;
        if (f > 1) f = 1;
        fr[k] = f;
        if (newer) {
          let f0 = used / a;
          if (f0 > 1) f0 = 1;
          fr0[k] = f0;
        }
        k++;
      }
      const withPod = balancedScoreFromStd(balancedStd(fr, k));
      out[i] = newer ? balancedScoreWithWithoutPod(withPod, balancedScoreFromStd(balancedStd(fr0, k))) : withPod;
    }
  };
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
