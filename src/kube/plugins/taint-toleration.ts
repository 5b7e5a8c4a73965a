import { defaultNormalizeScore, MAX_NODE_SCORE } from '../formulas.js';
import type { Taint } from '../node-fields-schema.js';
import { SCORE_OK, SCORE_UNIFORM, type KubeCycle, type KubePlugin } from '../plugin.js';
import { findUntoleratedTaint, tolerates } from '../selectors.js';
import { B_TAINT, type StaticRule } from '../static-class.js';
import { gather, noArgs, staticFilter } from './common.js';

const HARD_EFFECTS = ['NoSchedule', 'NoExecute'];
const SCORE_KEY = 'TaintToleration/score';

/**
 * TaintToleration's filter rule: a node with a NoSchedule or NoExecute taint the pod does not tolerate
 * rejects it (upstream framework/plugins/tainttoleration/taint_toleration.go, Filter). Nodes sharing a
 * taint list share the verdict.
 * @internal
 * @example
 * ```ts
 * taintTolerationRule.rejecter(cls, nodes, topo)?.(0);
 * ```
 */
export const taintTolerationRule: StaticRule = {
  bit: B_TAINT,
  rejecter(cls, nodes) {
    const memo = new Map<readonly Taint[], boolean>();
    const taints = nodes.taints, tols = cls.tolerations;
    return (h) => {
      const list = taints[h] as readonly Taint[];
      if (list.length === 0) return false;
      let bad = memo.get(list);
      if (bad === undefined) memo.set(list, (bad = findUntoleratedTaint(list, tols, HARD_EFFECTS) !== undefined));
      return bad;
    };
  },
};

// upstream taint_toleration.go Score: PreferNoSchedule taints not tolerated by tolerations with an
// empty or PreferNoSchedule effect, per host (hosts sharing a taint list share the count).
function intolerable(c: KubeCycle): Float64Array {
  const cached = c.cls.get(SCORE_KEY) as Float64Array | undefined;
  if (cached !== undefined) return cached;
  const { H, nodes } = c.state;
  const out = new Float64Array(H);
  const tols = c.cls.tolerations.filter((x) => x.effect === undefined || x.effect === '' || x.effect === 'PreferNoSchedule');
  const memo = new Map<readonly Taint[], number>();
  for (let h = 0; h < H; h++) {
    const taints = nodes.taints[h] as readonly Taint[];
    let n = memo.get(taints);
    if (n === undefined) {
      n = 0;
      for (const t of taints) if (t.effect === 'PreferNoSchedule' && !tols.some((x) => tolerates(x, t))) n++;
      memo.set(taints, n);
    }
    out[h] = n;
  }
  c.cls.set(SCORE_KEY, out);
  return out;
}

/**
 * TaintToleration (filter and score). Filter: untolerated `NoSchedule`/`NoExecute` taints, reason
 * `node(s) had untolerated taint {key: value}`. Score: the number of `PreferNoSchedule` taints the pod
 * does not tolerate, normalised reversed (fewest is 100). Without any PreferNoSchedule taint in the
 * cluster every node scores 100.
 *
 * @example
 * ```ts
 * resolveProfile().scores[0]; // { name: 'TaintToleration', weight: 3 }
 * ```
 */
export const TaintToleration: KubePlugin = {
  name: 'TaintToleration',
  points: ['filter', 'preScore', 'score'],
  validateArgs: noArgs('TaintToleration'),
  create: () => ({
    ...staticFilter(B_TAINT, (c, h) => {
      const t = findUntoleratedTaint(c.state.nodes.taints[h] as readonly Taint[], c.cls.tolerations, HARD_EFFECTS);
      return [`node(s) had untolerated taint {${t?.key ?? ''}: ${t?.value ?? ''}}`];
    }),
    score(c, hosts, n, out) {
      if (!c.state.nodes.anyPreferNoSchedule) {
        // Every raw score is 0, so every node normalises to 100.
        c.uniformScore = MAX_NODE_SCORE;
        return SCORE_UNIFORM;
      }
      gather(intolerable(c), hosts, n, out);
      return SCORE_OK;
    },
    normalize: (_c, scores, n) => defaultNormalizeScore(scores, n, MAX_NODE_SCORE, true),
  }),
};
