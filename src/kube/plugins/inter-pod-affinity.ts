import { joinPath, type Issue } from '../../errors.js';
import { MAX_NODE_SCORE } from '../formulas.js';
import { SCORE_OK, SCORE_SKIP, type KubeCycle, type KubePlugin, type KubePluginContext, type KubePluginInstance } from '../plugin.js';
import { PREF_AFF, REQ_AFF, type CarriedTerm, type PodTemplate } from '../pod-template.js';
import { interPodAffinityArgsSchema } from '../profile-schema.js';
import { clauseMatches } from '../selector-index.js';
import { zodIssues } from '../validate-helpers.js';

/** Filter codes. */
const AFFINITY = 1, ANTI = 2, EXISTING = 3;
const REASONS: Readonly<Record<number, readonly string[]>> = {
  [AFFINITY]: ["node(s) didn't match pod affinity rules"],
  [ANTI]: ["node(s) didn't match pod anti-affinity rules"],
  [EXISTING]: ["node(s) didn't satisfy existing pods anti-affinity rules"],
};

/**
 * Whether a template's pods match a carried term, memoised per template.
 * @internal
 * @example
 * ```ts
 * termMatches(tpl, carried.length, term);
 * ```
 */
export function termMatches(t: PodTemplate, carriedCount: number, c: CarriedTerm): boolean {
  if (t.termMatch.length <= c.id) {
    const a = new Int8Array(Math.max(carriedCount, c.id + 1)).fill(-1);
    a.set(t.termMatch);
    t.termMatch = a;
  }
  let v = t.termMatch[c.id] as number;
  if (v < 0) {
    v = clauseMatches(c.clause, t.identity) ? 1 : 0;
    t.termMatch[c.id] = v;
  }
  return v === 1;
}

class AffinityInstance implements KubePluginInstance {
  private affN = 0;
  private affOk = false;
  private readonly affDom: Int32Array[] = [];
  private readonly affCounts: Int32Array[] = [];
  private antiN = 0;
  private readonly antiDom: Int32Array[] = [];
  private readonly antiCounts: Int32Array[] = [];
  private existN = 0;
  private readonly existDom: Int32Array[] = [];
  private readonly existCounts: Int32Array[] = [];
  private readonly keys: number[] = [];
  private readonly cnts: Int32Array[] = [];
  private readonly wts: number[] = [];
  private readonly hardWeight: number;
  private readonly ignoreExisting: boolean;

  constructor(ctx: KubePluginContext) {
    this.hardWeight = ctx.profile.interPodAffinity.hardPodAffinityWeight;
    this.ignoreExisting = ctx.profile.interPodAffinity.ignorePreferredTermsOfExistingPods;
  }

  // upstream interpodaffinity/filtering.go PreFilter: pods matching all the incoming pod's required
  // affinity terms and each anti-affinity term per domain, and bound pods' anti-affinity terms the
  // incoming pod matches.
  preFilter(c: KubeCycle): boolean {
    const t = c.tpl, topo = c.state.topo, store = c.state.store;
    this.affN = t.reqAff.length;
    if (t.allAffSel !== null) {
      let empty = true;
      for (let j = 0; j < t.reqAff.length; j++) {
        const term = t.reqAff[j]!;
        this.affDom[j] = topo.domainOf[term.keyId] as Int32Array;
        this.affCounts[j] = c.view(t.allAffSel.domainCounts(term.keyId));
        if (t.allAffSel.keyTotalOf(term.keyId) > 0) empty = false;
      }
      this.affOk = empty && t.selfMatchesAllAff;
    }
    this.antiN = t.reqAnti.length;
    for (let j = 0; j < t.reqAnti.length; j++) {
      const term = t.reqAnti[j]!;
      this.antiDom[j] = topo.domainOf[term.keyId] as Int32Array;
      this.antiCounts[j] = c.view(term.sel.domainCounts(term.keyId));
    }
    let k = 0;
    const anti = store.carriedAnti;
    for (let i = 0; i < anti.length; i++) {
      const x = anti[i]!;
      if (x.total > 0 && termMatches(t, store.carried.length, x)) {
        this.existDom[k] = topo.domainOf[x.keyId] as Int32Array;
        this.existCounts[k++] = c.view(x.counts);
      }
    }
    this.existN = k;
    return this.affN > 0 || this.antiN > 0 || k > 0;
  }

  // upstream interpodaffinity/filtering.go Filter: satisfyPodAffinity, satisfyPodAntiAffinity,
  // satisfyExistingPodsAntiAffinity, in that order.
  filter(_c: KubeCycle, h: number): number {
    if (this.affN > 0) {
      let exist = true;
      for (let j = 0; j < this.affN; j++) {
        const d = (this.affDom[j] as Int32Array)[h] as number;
        if (d < 0) return AFFINITY;
        if (((this.affCounts[j] as Int32Array)[d] as number) <= 0) exist = false;
      }
      if (!exist && !this.affOk) return AFFINITY;
    }
    for (let j = 0; j < this.antiN; j++) {
      const d = (this.antiDom[j] as Int32Array)[h] as number;
      if (d >= 0 && ((this.antiCounts[j] as Int32Array)[d] as number) > 0) return ANTI;
    }
    for (let j = 0; j < this.existN; j++) {
      const d = (this.existDom[j] as Int32Array)[h] as number;
      if (d >= 0 && ((this.existCounts[j] as Int32Array)[d] as number) > 0) return EXISTING;
    }
    return 0;
  }

  reasons(_c: KubeCycle, _h: number, code: number): readonly string[] {
    return REASONS[code] ?? [];
  }

  unresolvable(code: number): boolean {
    return code === AFFINITY;
  }

  // upstream interpodaffinity/scoring.go PreScore and Score: per topology key and value, Σ ± weight
  // over (incoming pod's preferred terms × matching bound pods) and (bound pods' required affinity ×
  // hardPodAffinityWeight, preferred affinity and anti-affinity terms the incoming pod matches).
  score(c: KubeCycle, feas: Int32Array, n: number, out: Float64Array): number {
    const t = c.tpl, store = c.state.store;
    const hasOwn = t.prefAff.length > 0 || t.prefAnti.length > 0;
    if (this.ignoreExisting && !hasOwn) return SCORE_SKIP;
    if (!hasOwn && store.activeCarriedScore === 0) return SCORE_SKIP;
    // Contributions: (topology key, pods per domain, ± weight). The score of a node sums, over them,
    // weight × pods in the node's domain (the same as kube-scheduler's per-key, per-value map).
    const keys = this.keys, cnts = this.cnts, wts = this.wts;
    let m = 0;
    for (const term of t.prefAff) {
      if (term.sel.keyTotalOf(term.keyId) > 0) {
        keys[m] = term.keyId;
        cnts[m] = c.view(term.sel.domainCounts(term.keyId));
        wts[m++] = term.weight;
      }
    }
    for (const term of t.prefAnti) {
      if (term.sel.keyTotalOf(term.keyId) > 0) {
        keys[m] = term.keyId;
        cnts[m] = c.view(term.sel.domainCounts(term.keyId));
        wts[m++] = -term.weight;
      }
    }
    const hard = this.hardWeight;
    const cs = store.carriedScore;
    for (let k = 0; k < cs.length; k++) {
      const x = cs[k]!;
      if (x.total <= 0) continue;
      if (x.kind === REQ_AFF && hard <= 0) continue;
      if (!termMatches(t, store.carried.length, x)) continue;
      keys[m] = x.keyId;
      cnts[m] = c.view(x.counts);
      wts[m++] = x.kind === REQ_AFF ? hard : x.kind === PREF_AFF ? x.weight : -x.weight;
    }
    if (m === 0) return SCORE_SKIP;
    const domainOf = c.state.topo.domainOf;
    for (let i = 0; i < n; i++) {
      const h = feas[i] as number;
      let sc = 0;
      for (let k = 0; k < m; k++) {
        const d = (domainOf[keys[k] as number] as Int32Array)[h] as number;
        if (d >= 0) sc += (wts[k] as number) * ((cnts[k] as Int32Array)[d] as number);
      }
      out[i] = sc;
    }
    return SCORE_OK;
  }

  // upstream interpodaffinity/scoring.go NormalizeScore: 100 × (s − min) / (max − min), truncated.
  normalize(_c: KubeCycle, out: Float64Array, n: number): void {
    let min = Infinity, max = -Infinity;
    for (let i = 0; i < n; i++) {
      const s = out[i] as number;
      if (s < min) min = s;
      if (s > max) max = s;
    }
    const diff = max - min;
    for (let i = 0; i < n; i++) out[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * (((out[i] as number) - min) / diff)) : 0;
  }
}

function affinityArgsIssues(args: unknown, path: string): Issue[] {
  const out: Issue[] = [];
  const r = interPodAffinityArgsSchema.safeParse(args ?? {});
  zodIssues(r, path, out);
  const w = r.success ? r.data.hardPodAffinityWeight : undefined;
  if (w !== undefined && (w < 0 || w > 100)) out.push({ code: 'weight_out_of_range', path: joinPath(path, 'hardPodAffinityWeight'), message: `is ${w}; must be in [0, 100]` });
  return out;
}

/**
 * InterPodAffinity (filter and score). Filter: required affinity (each term's domain must hold a pod
 * matching all terms, except for the first pod of a group that matches its own terms), required
 * anti-affinity, and bound pods' required anti-affinity towards the pod. Score: per domain, ± weight for
 * matching pods of the pod's preferred terms and of bound pods' terms the pod matches, normalised by
 * (s − min) / (max − min).
 *
 * @example
 * ```ts
 * const fields = { labels: { app: 'web' }, affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } } };
 * ```
 */
export const InterPodAffinity: KubePlugin = {
  name: 'InterPodAffinity',
  points: ['preFilter', 'filter', 'preScore', 'score'],
  validateArgs: affinityArgsIssues,
  create: (_args, ctx) => new AffinityInstance(ctx),
};
