import { joinPath, type Issue } from '../../errors.js';
import { goRound, MAX_NODE_SCORE, mulDiv, scoreForCount, topologyNormalizingWeight } from '../formulas.js';
import { SCORE_OK, SCORE_SKIP, SCORE_SPARSE, SCORE_UNIFORM, type KubeCycle, type KubePlugin, type KubePluginContext, type KubePluginInstance } from '../plugin.js';
import type { SpreadConstraint } from '../pod-template.js';
import type { SelectorIndex } from '../selector-index.js';
import { podTopologySpreadArgsSchema } from '../profile-schema.js';
import { B_AFFINITY, B_TAINT } from '../static-class.js';
import { spreadIssues, zodIssues } from '../validate-helpers.js';

/** Filter codes. */
const SKEW = 1, MISSING_LABEL = 2;
const REASONS: Readonly<Record<number, readonly string[]>> = {
  [SKEW]: ["node(s) didn't match pod topology spread constraints"],
  [MISSING_LABEL]: ["node(s) didn't match pod topology spread constraints (missing required label)"],
};

const NONE: readonly SpreadConstraint[] = [];

const policyMask = (c: SpreadConstraint): number => (c.honorAffinity ? B_AFFINITY : 0) | (c.honorTaints ? B_TAINT : 0);

class TopologySpread implements KubePluginInstance {
  // PreFilter state, per DoNotSchedule constraint j.
  private n = 0;
  private readonly dom: Int32Array[] = [];
  private readonly counts: Int32Array[] = [];
  private readonly min: number[] = [];
  private readonly self: number[] = [];
  private readonly skew: number[] = [];
  private readonly scratch: Int32Array[] = [];
  private readonly seen: Uint8Array[] = [];
  // PreScore state, per ScheduleAnyway constraint j.
  private readonly sIdx: Int32Array[] = [];
  private readonly sCounts: Int32Array[] = [];
  private readonly sW: number[] = [];
  private readonly sSkew: number[] = [];
  private readonly sScratch: Int32Array[] = [];
  private readonly stamp: Int32Array[] = [];
  private stampGen = 1;
  // The sparse pass: hosts already listed in this cycle, where listed[h] === listedGen.
  private readonly listed: Int32Array;
  private listedGen = 0;
  private readonly ignored: Uint8Array;
  private readonly identity: Int32Array;
  private nIgnoredAny = false;
  private lo = 0;
  private hi = 0;

  constructor(ctx: KubePluginContext) {
    const H = ctx.state.H;
    this.ignored = new Uint8Array(H);
    this.identity = Int32Array.from({ length: H }, (_, h) => h);
    this.listed = new Int32Array(H);
  }

  // upstream podtopologyspread/filtering.go calPreFilterState: matching pods per domain over the nodes
  // that carry every constraint's key and pass the node inclusion policies; the global minimum per constraint.
  preFilter(cyc: KubeCycle): boolean {
    const t = cyc.tpl, cls = cyc.cls, bits = cyc.bits, own = cyc.ownerSel;
    // Default constraints select the pods of the pod's owner; a pod without one has none.
    const hard = t.ownerSpread && own === null ? NONE : t.hard;
    this.n = hard.length;
    if (hard.length === 0) return false;
    const topo = cyc.state.topo, H = cyc.state.H;
    let allKeys = true;
    for (const c of hard) if (!topo.allHave(c.keyId)) allKeys = false;
    for (let j = 0; j < hard.length; j++) {
      const c = hard[j]!;
      const sel = (c.sel ?? own) as SelectorIndex;
      const dom = topo.domainOf[c.keyId] as Int32Array;
      const nd = topo.domainCount(c.keyId);
      const fast = allKeys && (!c.honorAffinity || (cls.rejected & B_AFFINITY) === 0) && (!c.honorTaints || (cls.rejected & B_TAINT) === 0);
      let counts: Int32Array;
      let min = 2147483647;
      let domains = 0;
      const modes = fast ? undefined : this.domainModes(cyc, j);
      if (fast) {
        counts = cyc.view(sel.domainCounts(c.keyId));
        domains = nd;
        for (let d = 0; d < nd; d++) if ((counts[d] as number) < min) min = counts[d] as number;
      } else if (modes !== undefined) {
        // Every domain is wholly eligible or wholly not: take the maintained counts of the eligible ones.
        const scratch = this.scratchOf(this.scratch, j, nd);
        const global = cyc.view(sel.domainCounts(c.keyId));
        for (let d = 0; d < nd; d++) {
          if (modes[d] === 1) {
            const v = global[d] as number;
            scratch[d] = v;
            domains++;
            if (v < min) min = v;
          } else scratch[d] = 0;
        }
        counts = scratch;
      } else {
        const scratch = this.scratchOf(this.scratch, j, nd);
        let seen = this.seen[j];
        if (seen === undefined || seen.length < nd) seen = this.seen[j] = new Uint8Array(nd);
        scratch.fill(0, 0, nd);
        seen.fill(0, 0, nd);
        const hc = cyc.view(sel.hosts);
        const mask = policyMask(c);
        for (let h = 0; h < H; h++) {
          if (((bits[h] as number) & mask) !== 0) continue;
          let ok = true;
          for (const o of hard) if (((topo.domainOf[o.keyId] as Int32Array)[h] as number) < 0) { ok = false; break; }
          if (!ok) continue;
          const d = dom[h] as number;
          scratch[d] = (scratch[d] as number) + (hc[h] as number);
          seen[d] = 1;
        }
        counts = scratch;
        for (let d = 0; d < nd; d++) {
          if (seen[d] === 1) {
            domains++;
            if ((scratch[d] as number) < min) min = scratch[d] as number;
          }
        }
      }
      if (domains < c.minDomains) min = 0;
      this.dom[j] = dom;
      this.counts[j] = counts;
      this.min[j] = min;
      this.self[j] = c.selfMatch ? 1 : 0;
      this.skew[j] = c.maxSkew;
    }
    return true;
  }

  private scratchOf(list: Int32Array[], j: number, nd: number): Int32Array {
    let s = list[j];
    if (s === undefined || s.length < nd) s = list[j] = new Int32Array(nd);
    return s;
  }

  // For DoNotSchedule constraint j: per domain, 1 if every host of the domain counts for spreading
  // (carries all the constraints' keys and passes the inclusion policies), 0 if none does; undefined
  // when some domain is mixed (then the counts are summed host by host). Cached per static class.
  private domainModes(cyc: KubeCycle, j: number): Int8Array | undefined {
    const c = cyc.tpl.hard[j]!;
    const key = `PodTopologySpread/modes|${c.modeKey}`;
    const cached = cyc.cls.get(key) as Int8Array | null | undefined;
    if (cached !== undefined) return cached ?? undefined;
    const topo = cyc.state.topo, H = cyc.state.H, bits = cyc.bits, hard = cyc.tpl.hard;
    const dom = topo.domainOf[c.keyId] as Int32Array;
    const modes = new Int8Array(topo.domainCount(c.keyId)).fill(2);
    const mask = policyMask(c);
    let mixed = false;
    for (let h = 0; h < H && !mixed; h++) {
      const d = dom[h] as number;
      if (d < 0) continue;
      let ok = ((bits[h] as number) & mask) === 0;
      if (ok) for (const o of hard) if (((topo.domainOf[o.keyId] as Int32Array)[h] as number) < 0) { ok = false; break; }
      const m = modes[d] as number;
      const v = ok ? 1 : 0;
      if (m === 2) modes[d] = v;
      else if (m !== v) mixed = true;
    }
    cyc.cls.set(key, mixed ? null : modes);
    return mixed ? undefined : modes;
  }

  // upstream podtopologyspread/filtering.go Filter: matchNum + selfMatch − globalMin ≤ maxSkew.
  filter(_c: KubeCycle, h: number): number {
    const n = this.n;
    for (let j = 0; j < n; j++) if (((this.dom[j] as Int32Array)[h] as number) < 0) return MISSING_LABEL;
    for (let j = 0; j < n; j++) {
      const d = (this.dom[j] as Int32Array)[h] as number;
      const skew = ((this.counts[j] as Int32Array)[d] as number) + (this.self[j] as number) - (this.min[j] as number);
      if (skew > (this.skew[j] as number)) return SKEW;
    }
    return 0;
  }

  reasons(_c: KubeCycle, _h: number, code: number): readonly string[] {
    return REASONS[code] ?? [];
  }

  unresolvable(code: number): boolean {
    return code === MISSING_LABEL;
  }

  private stampFor(cyc: KubeCycle, keyId: number): Int32Array {
    let s = this.stamp[keyId];
    const nd = cyc.state.topo.domainCount(keyId) + 1;
    if (s === undefined || s.length < nd) s = this.stamp[keyId] = new Int32Array(nd);
    return s;
  }

  // upstream podtopologyspread/scoring.go PreScore and Score.
  score(cyc: KubeCycle, feas: Int32Array, n: number, out: Float64Array): number {
    const t = cyc.tpl, own = cyc.ownerSel;
    const cs = t.ownerSpread && own === null ? NONE : t.soft, nc = cs.length;
    if (nc === 0) return SCORE_SKIP;
    const topo = cyc.state.topo, H = cyc.state.H, ignored = this.ignored, bits = cyc.bits, cls = cyc.cls;
    const requireAll = t.softRequireAll;
    // No matching pod bound anywhere, and every node scored alike for each key (it has the key, or no
    // node has it and nodes without it are not ignored): every raw score is Σ (maxSkew − 1), so
    // NormalizeScore gives every node 100 (100 × (max + min − s) / max with s = min = max, or 100 when
    // max is 0). The common case of a pod whose owner has nothing bound yet.
    let uniform = true;
    for (let j = 0; j < nc && uniform; j++) {
      const c = cs[j]!;
      if (((c.sel ?? own) as SelectorIndex).total !== 0) uniform = false;
      else if (!topo.allHave(c.keyId) && (requireAll || topo.hostsWithKey[c.keyId] !== 0)) uniform = false;
    }
    if (uniform) {
      cyc.uniformScore = MAX_NODE_SCORE;
      return SCORE_UNIFORM;
    }
    if (!requireAll && !cyc.recording) {
      const r = this.sparse(cyc, cs, n, out);
      if (r >= 0) return r;
    }
    let nIgnored = 0;
    if (requireAll) {
      for (let i = 0; i < n; i++) {
        const h = feas[i] as number;
        let ig = 0;
        for (let j = 0; j < nc; j++) if (((topo.domainOf[cs[j]!.keyId] as Int32Array)[h] as number) < 0) { ig = 1; break; }
        ignored[i] = ig;
        nIgnored += ig;
      }
    }
    this.nIgnoredAny = requireAll;
    let allKeys = true;
    if (requireAll) for (const c of cs) if (!topo.allHave(c.keyId)) allKeys = false;
    const idxs = this.sIdx, counts = this.sCounts, ws = this.sW, skews = this.sSkew;
    for (let j = 0; j < nc; j++) {
      const c = cs[j]!;
      const sel = (c.sel ?? own) as SelectorIndex;
      const dom = topo.domainOf[c.keyId] as Int32Array;
      let size: number;
      if (c.isHostname) {
        // Per-node counts (scoring.go Score): the pods on the node itself.
        size = n - nIgnored;
        idxs[j] = this.identity;
        counts[j] = cyc.view(sel.hosts);
      } else {
        // Distinct domains among the scored nodes; a missing label is a domain of its own ("").
        const st = this.stampFor(cyc, c.keyId);
        const gen = ++this.stampGen;
        const most = topo.domainCount(c.keyId) + (!requireAll && !topo.allHave(c.keyId) ? 1 : 0);
        size = 0;
        for (let i = 0; i < n && size < most; i++) {
          if (requireAll && ignored[i] === 1) continue;
          const d = (dom[feas[i] as number] as number) + 1;
          if (st[d] !== gen) {
            st[d] = gen;
            size++;
          }
        }
        idxs[j] = dom;
        const fast = allKeys && (!c.honorAffinity || (cls.rejected & B_AFFINITY) === 0) && (!c.honorTaints || (cls.rejected & B_TAINT) === 0);
        if (fast) counts[j] = cyc.view(sel.domainCounts(c.keyId));
        else {
          const nd = topo.domainCount(c.keyId);
          const arr = this.scratchOf(this.sScratch, j, nd);
          arr.fill(0, 0, nd);
          const mask = policyMask(c);
          const hc = cyc.view(sel.hosts);
          for (let h = 0; h < H; h++) {
            const d = dom[h] as number;
            if (d < 0 || ((bits[h] as number) & mask) !== 0) continue;
            if (requireAll) {
              let ok = true;
              for (const o of cs) if (((topo.domainOf[o.keyId] as Int32Array)[h] as number) < 0) { ok = false; break; }
              if (!ok) continue;
            }
            arr[d] = (arr[d] as number) + (hc[h] as number);
          }
          counts[j] = arr;
        }
      }
      ws[j] = topologyNormalizingWeight(size);
      skews[j] = c.maxSkew;
    }
    let min = Infinity, max = 0;
    if (nc <= 2 && !requireAll) {
      // The common case (the system defaults: hostname and zone), with the two constraints in locals;
      // a constraint whose key no node carries adds nothing and is left out.
      let first = 0;
      if (nc === 2 && topo.hostsWithKey[cs[0]!.keyId] === 0) first = 1;
      const i0 = idxs[first] as Int32Array, c0 = counts[first] as Int32Array, w0 = ws[first] as number, k0 = skews[first] as number;
      const two = nc === 2 && first === 0 && topo.hostsWithKey[cs[1]!.keyId] !== 0;
      const i1 = (two ? idxs[1] : i0) as Int32Array, c1 = (two ? counts[1] : c0) as Int32Array, w1 = (two ? ws[1] : 0) as number, k1 = (two ? skews[1] : 1) as number;
      for (let i = 0; i < n; i++) {
        const h = feas[i] as number;
        let sc = 0;
        const d0 = i0[h] as number;
        if (d0 >= 0) sc += scoreForCount(c0[d0] as number, k0, w0);
        if (two) {
          const d1 = i1[h] as number;
          if (d1 >= 0) sc += scoreForCount(c1[d1] as number, k1, w1);
        }
        sc = goRound(sc);
        out[i] = sc;
        if (sc < min) min = sc;
        if (sc > max) max = sc;
      }
    } else {
      for (let i = 0; i < n; i++) {
        if (requireAll && ignored[i] === 1) continue;
        const h = feas[i] as number;
        let sc = 0;
        for (let j = 0; j < nc; j++) {
          const d = (idxs[j] as Int32Array)[h] as number;
          if (d >= 0) sc += scoreForCount((counts[j] as Int32Array)[d] as number, skews[j] as number, ws[j] as number);
        }
        sc = goRound(sc);
        out[i] = sc;
        if (sc < min) min = sc;
        if (sc > max) max = sc;
      }
    }
    if (requireAll) for (let i = 0; i < n; i++) if (ignored[i] === 1) out[i] = 0;
    this.lo = min;
    this.hi = max;
    return SCORE_OK;
  }

  // Score and NormalizeScore as below when every constraint counts per node (hostname) or has a key no
  // node carries (it adds nothing), and the selected pods sit on few nodes: every other scored node has
  // the raw score z = Σ (maxSkew − 1) of zero counts, the lowest there is, so only the nodes holding
  // selected pods are scored one by one (SCORE_SPARSE); the others get NormalizeScore's value for z.
  // Returns -1 when the case does not apply.
  private sparse(cyc: KubeCycle, cs: readonly SpreadConstraint[], n: number, out: Float64Array): number {
    const topo = cyc.state.topo, own = cyc.ownerSel, nc = cs.length;
    let z = 0;
    for (let j = 0; j < nc; j++) {
      const c = cs[j]!;
      if (c.isHostname) {
        if (((c.sel ?? own) as SelectorIndex).hosts.dense !== null) return -1;
        z += c.maxSkew - 1;
      } else if (topo.hostsWithKey[c.keyId] !== 0) return -1;
    }
    z = goRound(z);
    // Per-node counts are weighted by the number of nodes scored (scoring.go initPreScoreState).
    const w = topologyNormalizingWeight(n);
    const idx = cyc.sparseIdx, listed = this.listed;
    if (++this.listedGen === 0x7fffffff) {
      listed.fill(0);
      this.listedGen = 1;
    }
    const gen = this.listedGen;
    let k = 0, min = Infinity, max = 0;
    for (let j = 0; j < nc; j++) {
      const c = cs[j]!;
      if (!c.isHostname) continue;
      const t = ((c.sel ?? own) as SelectorIndex).hosts, keys = t.keys, vals = t.vals;
      for (let q = 0; q < keys.length; q++) {
        const h = keys[q] as number;
        if (h < 0 || vals[q] === 0 || listed[h] === gen) continue;
        listed[h] = gen;
        const i = cyc.scoredIndex(h);
        if (i < 0) continue;
        // The node's raw score, summed over the constraints in order as the dense pass sums it.
        let sc = 0;
        for (let jj = 0; jj < nc; jj++) {
          const o = cs[jj]!;
          if (o.isHostname) sc += scoreForCount(((o.sel ?? own) as SelectorIndex).hosts.get(h), o.maxSkew, w);
        }
        sc = goRound(sc);
        idx[k] = i;
        out[k++] = sc;
        if (sc < min) min = sc;
        if (sc > max) max = sc;
      }
    }
    if (k < n) {
      if (z < min) min = z;
      if (z > max) max = z;
    }
    if (max === 0 || k === 0) {
      // Every node alike: NormalizeScore gives each 100 (max 0, or max = min = z).
      cyc.uniformScore = MAX_NODE_SCORE;
      return SCORE_UNIFORM;
    }
    for (let j = 0; j < k; j++) out[j] = mulDiv(MAX_NODE_SCORE, max + min - (out[j] as number), max);
    cyc.uniformScore = mulDiv(MAX_NODE_SCORE, max + min - z, max);
    cyc.sparseN = k;
    return SCORE_SPARSE;
  }

  // upstream podtopologyspread/scoring.go NormalizeScore: 100 × (max + min − s) / max; ignored nodes 0.
  normalize(_c: KubeCycle, out: Float64Array, n: number): void {
    const ignored = this.ignored, requireAll = this.nIgnoredAny, min = this.lo, max = this.hi;
    // Raw scores take few distinct values (most nodes hold no matching pod): remember the last one.
    let lastRaw = NaN, lastNorm = 0;
    for (let i = 0; i < n; i++) {
      if (requireAll && ignored[i] === 1) out[i] = 0;
      else if (max === 0) out[i] = MAX_NODE_SCORE;
      else {
        const raw = out[i] as number;
        if (raw !== lastRaw) {
          lastRaw = raw;
          lastNorm = mulDiv(MAX_NODE_SCORE, max + min - raw, max);
        }
        out[i] = lastNorm;
      }
    }
  }
}

function spreadArgsIssues(args: unknown, path: string, ctx: { readonly hostKeys?: ReadonlySet<string> | undefined }): Issue[] {
  const out: Issue[] = [];
  const r = podTopologySpreadArgsSchema.safeParse(args ?? {});
  zodIssues(r, path, out);
  if (!r.success) return out;
  const dc = r.data.defaultConstraints ?? [];
  if ((r.data.defaultingType ?? 'System') === 'System' && dc.length > 0) {
    out.push({ code: 'forbidden', path: joinPath(path, 'defaultConstraints'), message: 'must be empty when defaultingType is System' });
  }
  spreadIssues(dc, joinPath(path, 'defaultConstraints'), { hostKeys: ctx.hostKeys }, out, true);
  return out;
}

/**
 * PodTopologySpread (filter and score). Filter (DoNotSchedule): `matchNum + selfMatch − globalMin ≤
 * maxSkew` over the nodes that carry every constraint's key and pass the inclusion policies; a node
 * without the key is rejected as unresolvable. Score (ScheduleAnyway): Σ cnt·ln(domains + 2) +
 * (maxSkew − 1), normalised as 100·(max + min − s)/max. Pods without constraints get the profile's
 * defaults (the system defaults spread the pods of one owner by hostname and zone).
 *
 * @example
 * ```ts
 * const fields = { labels: { app: 'web' }, topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }] };
 * ```
 */
export const PodTopologySpread: KubePlugin = {
  name: 'PodTopologySpread',
  points: ['preFilter', 'filter', 'preScore', 'score'],
  validateArgs: spreadArgsIssues,
  create: (_args, ctx) => new TopologySpread(ctx),
};
