import { joinPath, type Issue } from '../../errors.js';
import { defaultNormalizeScore, MAX_NODE_SCORE } from '../formulas.js';
import { R_CAP } from '../node-table.js';
import { SCORE_OK, type KubeCycle, type KubePlugin, type KubePluginContext, type KubePluginInstance } from '../plugin.js';
import { tetrisAlignmentArgsSchema } from '../profile-schema.js';
import { weightIssues, zodIssues } from '../validate-helpers.js';
import { cachedScores, resourceList } from './common.js';

class Tetris implements KubePluginInstance {
  private readonly id: number;
  private readonly dims: Int32Array;
  private readonly weights: Float64Array;
  private c!: KubeCycle;

  constructor(ctx: KubePluginContext) {
    const cluster = ctx.state.cluster;
    this.id = ctx.id;
    const r = resourceList((n) => cluster.dimensionIndex(n), ctx.profile.tetris.resources ?? cluster.dims.map((name) => ({ name, weight: 1 })));
    this.dims = r.dims;
    this.weights = r.weights;
  }

  score(c: KubeCycle, hosts: Int32Array, n: number, out: Float64Array): number {
    this.c = c;
    cachedScores(c, this.id, hosts, n, out, this.compute);
    return SCORE_OK;
  }

  normalize(_c: KubeCycle, scores: Float64Array, n: number): void {
    defaultNormalizeScore(scores, n, MAX_NODE_SCORE, false);
  }

  // Σ w × (request / capacity) × (free / capacity) over the resources the pod requests, in millionths.
  private readonly compute = (hosts: Int32Array, m: number, out: Float64Array, w: number): void => {
    const c = this.c, st = c.state, D = st.D, S = st.nodes.S, row = st.nodes.row;
    const dims = this.dims, ws = this.weights, nr = dims.length;
    const off = c.off, dem = st.pods.demand;
    for (let j = 0; j < m; j++) {
      const b = (hosts[j] as number) * S;
      let sc = 0;
      for (let r = 0; r < nr; r++) {
        const d = dims[r] as number;
        if (d < 0) continue;
        const pr = dem[off + d] as number;
        const a = row[b + R_CAP + d] as number;
        if (pr <= 0 || a <= 0) continue;
        sc += (ws[r] as number) * (pr / a) * ((a - (row[b + R_CAP + D + d] as number)) / a);
      }
      out[j] = (out[j] as number) + w * Math.floor(sc * 1e6);
    }
  };
}

function tetrisArgsIssues(args: unknown, path: string): Issue[] {
  const out: Issue[] = [];
  const r = tetrisAlignmentArgsSchema.safeParse(args ?? {});
  zodIssues(r, path, out);
  if (r.success) weightIssues(r.data.resources, joinPath(path, 'resources'), out);
  return out;
}

/**
 * TetrisAlignment (score; podsim's own, after Grandl et al., SIGCOMM 2014): Σ w × (request / capacity)
 * × (free / capacity) over the resources the pod requests, normalised by the maximum. It prefers the
 * host whose free capacity lines up with the demand.
 *
 * @example
 * ```ts
 * resolveProfile('tetris').scores.at(-1); // { name: 'TetrisAlignment', weight: 1 }
 * ```
 */
export const TetrisAlignment: KubePlugin = {
  name: 'TetrisAlignment',
  points: ['score'],
  validateArgs: tetrisArgsIssues,
  create: (_args, ctx) => new Tetris(ctx),
};
