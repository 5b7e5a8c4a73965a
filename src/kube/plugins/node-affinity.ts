import { defaultNormalizeScore, MAX_NODE_SCORE } from '../formulas.js';
import { SCORE_OK, SCORE_SKIP, type KubeCycle, type KubePlugin } from '../plugin.js';
import { matchesNodeSelectorTerm } from '../selectors.js';
import { B_AFFINITY, type StaticClass, type StaticRule } from '../static-class.js';
import { gather, noArgs, staticFilter } from './common.js';

const REASON = ["node(s) didn't match Pod's node affinity/selector"];
const SCORE_KEY = 'NodeAffinity/score';

/**
 * Whether a node matches a pod's `nodeSelector` and any of its required node affinity terms
 * (upstream component-helpers nodeaffinity.GetRequiredNodeAffinity and RequiredNodeAffinity.Match).
 *
 * @example
 * ```ts
 * nodeAffinityMatches(cls, { disk: 'ssd' }, 'node-1');
 * ```
 */
export function nodeAffinityMatches(cls: StaticClass, labels: Readonly<Record<string, string>>, name: string): boolean {
  for (const [k, v] of cls.nodeSelector) if (labels[k] !== v) return false;
  if (cls.requiredTerms === null) return true;
  for (const term of cls.requiredTerms) if (matchesNodeSelectorTerm(term, labels, name)) return true;
  return false;
}

/**
 * NodeAffinity's filter rule.
 * @internal
 * @example
 * ```ts
 * nodeAffinityRule.rejecter(cls, nodes, topo); // null without nodeSelector and required terms
 * ```
 */
export const nodeAffinityRule: StaticRule = {
  bit: B_AFFINITY,
  rejecter(cls, _nodes, topo) {
    if (cls.nodeSelector.length === 0 && cls.requiredTerms === null) return null;
    return (h) => !nodeAffinityMatches(cls, topo.labels[h] as Readonly<Record<string, string>>, topo.names[h] as string);
  },
};

// upstream nodeaffinity/node_affinity.go Score: Σ weights of the matching preferred terms, per host.
function preferredWeights(c: KubeCycle): Float64Array {
  const cached = c.cls.get(SCORE_KEY) as Float64Array | undefined;
  if (cached !== undefined) return cached;
  const { H, topo } = c.state;
  const out = new Float64Array(H);
  for (let h = 0; h < H; h++) {
    const labels = topo.labels[h] as Readonly<Record<string, string>>;
    let s = 0;
    for (const p of c.cls.preferredTerms) if (matchesNodeSelectorTerm(p.term, labels, topo.names[h] as string)) s += p.weight;
    out[h] = s;
  }
  c.cls.set(SCORE_KEY, out);
  return out;
}

/**
 * NodeAffinity (filter and score). Filter: `nodeSelector` and any required term (In, NotIn, Exists,
 * DoesNotExist, Gt, Lt; `matchFields` on `metadata.name`; an empty term, or one kube-scheduler cannot
 * parse, matches nothing), reason `node(s) didn't match Pod's node affinity/selector`. Score: Σ weights of
 * matching preferred terms, normalised by the maximum; skipped without preferred terms.
 *
 * @example
 * ```ts
 * resolveProfile().scores[1]; // { name: 'NodeAffinity', weight: 2 }
 * ```
 */
export const NodeAffinity: KubePlugin = {
  name: 'NodeAffinity',
  points: ['preFilter', 'filter', 'preScore', 'score'],
  validateArgs: noArgs('NodeAffinity'),
  create: () => ({
    ...staticFilter(B_AFFINITY, () => REASON),
    score(c, hosts, n, out) {
      if (c.cls.preferredTerms.length === 0) return SCORE_SKIP;
      gather(preferredWeights(c), hosts, n, out);
      return SCORE_OK;
    },
    normalize: (_c, scores, n) => defaultNormalizeScore(scores, n, MAX_NODE_SCORE, false),
  }),
};
