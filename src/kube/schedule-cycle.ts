import { PodsimError } from '../errors.js';
import type { Rng } from '../random/streams.js';
import { ViewPool, type CountTable } from './count-table.js';
import { numFeasibleNodesToFind } from './formulas.js';
import type { FilterSlot, ProfileFramework, ScoreSlot } from './framework.js';
import { SCORE_OK, SCORE_SKIP, SCORE_SPARSE, SCORE_UNIFORM, type KubeCycle, type KubeState } from './plugin.js';
import type { PodTemplate } from './pod-template.js';
import type { SelectorIndex } from './selector-index.js';
import type { StaticClass, StaticRule } from './static-class.js';

/** A host's status when a PreFilter narrowed the cycle to other hosts. @internal @example `status[h] === ABSENT` */
export const ABSENT = -1;
/** Hosts gathered per filter batch at least, so that a nearly full cluster is not filtered host by host. */
const MIN_BATCH = 64;

/**
 * Each score plugin's raw and normalised scores over the feasible hosts, and whether it was skipped.
 * @internal
 * @example
 * ```ts
 * rec.norm[0]?.[i]; // the first plugin's normalised score of the i-th feasible host
 * ```
 */
export interface ScoreRecord {
  readonly raw: Float64Array[];
  readonly norm: Float64Array[];
  readonly skipped: boolean[];
}

/**
 * The scheduling cycle (upstream pkg/scheduler/schedule_one.go): PreFilter, then Filter over the hosts
 * in node-tree order from a rotating start index until `numFeasibleNodesToFind` feasible hosts are
 * found, then Score, NormalizeScore and weighting over those, then selectHost's reservoir sampling
 * among the best. One object is reused for every cycle; it is the {@link KubeCycle} plugins see.
 *
 * The filter pass tests every static filter at once with a bitmask, then hands each per-host filter a
 * batch of hosts (one call per plugin per batch); the batch is sized to the hosts still wanted, and the
 * hosts examined past the last one needed are given back, so the examined count and the next start
 * index are exactly those of filtering host by host.
 * @internal
 * @example
 * ```ts
 * cycle.prepare(pod, fw);
 * const n = cycle.findFeasible();
 * ```
 */
export class Cycle implements KubeCycle {
  pod = -1;
  tpl!: PodTemplate;
  cls!: StaticClass;
  bits: Uint8Array = new Uint8Array(0);
  off = 0;
  profile = 0;
  ownerSel: SelectorIndex | null = null;
  onlyHost = -1;
  uniformScore = 0;
  sparseN = 0;
  /** Whether the last {@link Cycle.score} records every plugin's scores. */
  recording = false;
  /** The profile being run. */
  fw!: ProfileFramework;
  /** The plugin whose PreFilter narrowed the cycle, if one did. */
  narrowedBy = '';
  /** Where the next cycle starts filtering in node order (nextStartNodeIndex). */
  nextStart = 0;
  /** The feasible hosts of the last findFeasible (first n). */
  readonly feas: Int32Array;
  /** Per host, after {@link Cycle.diagnose}: 0 feasible, {@link ABSENT}, or (filter index + 1) × 256 + the filter's code. */
  readonly status: Int32Array;
  /** Weighted totals of the feasible hosts after {@link Cycle.score}. */
  readonly total: Float64Array;
  readonly sparseIdx: Int32Array;
  private readonly cand: Int32Array;
  // scoredIndex: each host's index among the hosts scored, valid where posGen[h] === gen.
  private readonly pos: Int32Array;
  private readonly posGen: Int32Array;
  private gen = 0;
  private posBuilt = false;
  private scoredN = 0;
  private readonly bufs: Float64Array[] = [];
  private readonly pool: ViewPool;
  private active = new Uint8Array(16);
  private readonly dyn: FilterSlot[] = [];
  private dynN = 0;
  private mask = 0;

  constructor(
    /** The shared state. */
    readonly state: KubeState,
    private readonly rules: readonly StaticRule[],
  ) {
    const H = state.H;
    this.feas = new Int32Array(H);
    this.cand = new Int32Array(H);
    this.status = new Int32Array(H);
    this.total = new Float64Array(H);
    this.sparseIdx = new Int32Array(H);
    this.pos = new Int32Array(H);
    this.posGen = new Int32Array(H);
    this.pool = new ViewPool(H);
  }

  view(t: CountTable): Int32Array {
    return this.pool.view(t);
  }

  /** PreFilter: binds the cycle to a pod and runs the profile's PreFilter plugins. */
  prepare(pod: number, fw: ProfileFramework): void {
    this.pool.release();
    const st = this.state;
    // A scheduler that does not watch the cluster catches up with its allocations here.
    if (st.nodes.synced !== st.cluster.version) st.nodes.syncAll();
    const t = st.store.templates[st.pods.tpl[pod] as number] as PodTemplate;
    this.pod = pod;
    this.tpl = t;
    this.fw = fw;
    this.profile = fw.index;
    this.off = pod * st.D;
    const own = st.pods.own[pod] as number;
    this.ownerSel = own >= 0 ? (st.store.owners[own] as SelectorIndex) : null;
    const cls = t.cls;
    cls.ensure(st.nodes, st.topo, this.rules);
    this.cls = cls;
    this.bits = cls.bits;
    this.onlyHost = -1;
    this.narrowedBy = '';
    const fs = fw.filters;
    if (this.active.length < fs.length) this.active = new Uint8Array(fs.length * 2);
    let k = 0, mask = 0;
    for (let i = 0; i < fs.length; i++) {
      const slot = fs[i] as FilterSlot;
      let on = true;
      if (slot.inst.preFilter !== undefined) {
        const before = this.onlyHost;
        on = slot.inst.preFilter!(this) !== false;
        if (this.onlyHost !== before) this.narrowedBy = slot.name;
      }
      this.active[i] = on ? 1 : 0;
      if (!on) continue;
      if (slot.staticBit !== 0) mask |= slot.staticBit;
      else this.dyn[k++] = slot;
    }
    this.dynN = k;
    this.mask = mask;
  }

  /** Runs the filters in order on one host: 0 if it passes, else (filter index + 1) × 256 + the first failing filter's code. */
  filterHost(h: number): number {
    const fs = this.fw.filters, active = this.active;
    for (let i = 0; i < fs.length; i++) {
      if (active[i] !== 1) continue;
      const slot = fs[i] as FilterSlot;
      const code = slot.inst.filter!(this, h);
      if (code !== 0) return (i + 1) * 256 + code;
    }
    return 0;
  }

  /** Whether the profile's i-th filter runs in this cycle (its PreFilter did not skip it). */
  filterHostActive(i: number): boolean {
    return this.active[i] === 1;
  }

  /** Whether a packed status is unresolvable (preemption cannot help). */
  unresolvable(status: number): boolean {
    if (status === ABSENT) return true;
    const slot = this.fw.filters[(status >> 8) - 1] as FilterSlot;
    return slot.inst.unresolvable?.(status & 255) ?? false;
  }

  /** The filter name and reasons of a packed status on a host. */
  reasonsOf(status: number, h: number): { plugin: string; reasons: readonly string[] } {
    if (status === ABSENT) return { plugin: this.narrowedBy, reasons: [`node(s) didn't satisfy plugin(s) [${this.narrowedBy}]`] };
    const slot = this.fw.filters[(status >> 8) - 1] as FilterSlot;
    return { plugin: slot.name, reasons: slot.inst.reasons?.(this, h, status & 255) ?? [`rejected by ${slot.name}`] };
  }

  /**
   * Filter: fills {@link Cycle.feas} with feasible hosts in node order from the rotating start index,
   * stopping at `numFeasibleNodesToFind`, and advances the start index by the hosts examined.
   * @returns how many were found.
   */
  findFeasible(): number {
    const st = this.state, H = st.H;
    const want = numFeasibleNodesToFind(H, this.fw.profile.percentageOfNodesToScore);
    const feas = this.feas, order = st.nodes.order, orderPos = st.nodes.orderPos;
    const bits = this.bits, mask = this.mask, dyn = this.dyn, dynN = this.dynN;
    const allPass = (this.cls.rejected & mask) === 0;
    const direct = allPass && dynN === 1 && (dyn[0] as FilterSlot).inst.filterFrom !== undefined ? (dyn[0] as FilterSlot).inst : undefined;
    let n = 0, processed = 0;
    let i = this.nextStart;
    if (dynN === 0) {
      while (processed < H && n < want) {
        const h = order[i] as number;
        if (++i === H) i = 0;
        processed++;
        if (((bits[h] as number) & mask) === 0) feas[n++] = h;
      }
    } else {
      while (processed < H && n < want) {
        const need = want - n;
        const batch = need > MIN_BATCH ? need : MIN_BATCH;
        const start = i, before = processed;
        // The first batch is filtered where it lands; later ones are appended after it.
        const cand = n === 0 ? feas : this.cand;
        let m = 0;
        if (direct !== undefined) {
          // No static filter rejects any host and one filter runs per host: it reads the node order itself.
          const take = batch < H - processed ? batch : H - processed;
          for (let left = take; left > 0; ) {
            const len = left < H - i ? left : H - i;
            m += direct.filterFrom!(this, order, i, len, cand, m);
            i += len;
            if (i === H) i = 0;
            left -= len;
          }
          processed += take;
        } else if (allPass) {
          // No static filter rejects any host: the batch is the next hosts in node order.
          const take = batch < H - processed ? batch : H - processed;
          for (; m < take; m++) {
            cand[m] = order[i] as number;
            if (++i === H) i = 0;
          }
          processed += take;
        } else {
          while (processed < H && m < batch) {
            const h = order[i] as number;
            if (++i === H) i = 0;
            processed++;
            if (((bits[h] as number) & mask) === 0) cand[m++] = h;
          }
        }
        for (let k = direct !== undefined ? dynN : 0; k < dynN && m > 0; k++) {
          const inst = (dyn[k] as FilterSlot).inst;
          if (inst.filterAll !== undefined) m = inst.filterAll(this, cand, m);
          else {
            let kept = 0;
            for (let j = 0; j < m; j++) {
              const h = cand[j] as number;
              if (inst.filter!(this, h) === 0) cand[kept++] = h;
            }
            m = kept;
          }
        }
        if (m >= need) {
          // The last host wanted ends the search: give back the hosts examined after it.
          m = need;
          const last = orderPos[cand[need - 1] as number] as number;
          processed = before + (last >= start ? last - start : last + H - start) + 1;
          i = last + 1 === H ? 0 : last + 1;
        }
        if (cand === feas) n = m;
        else for (let j = 0; j < m; j++) feas[n++] = cand[j] as number;
      }
    }
    this.nextStart = (this.nextStart + processed) % H;
    return n;
  }

  /** Records every host's status (all filters in order, first failure) for a FitError. */
  diagnose(): void {
    const H = this.state.H, status = this.status, only = this.onlyHost;
    for (let h = 0; h < H; h++) status[h] = only !== -1 && h !== only ? ABSENT : this.filterHost(h);
  }

  /**
   * Score and NormalizeScore: the weighted total of each of `feas[0..n)` into {@link Cycle.total}; with
   * `record`, also each plugin's raw and normalised scores.
   */
  score(n: number, record: boolean): ScoreRecord | undefined {
    const scores = this.fw.scores, total = this.total, feas = this.feas;
    total.fill(0, 0, n);
    this.recording = record;
    this.scoredN = n;
    this.posBuilt = false;
    const rec: ScoreRecord | undefined = record ? { raw: [], norm: [], skipped: [] } : undefined;
    for (let k = 0; k < scores.length; k++) {
      const slot = scores[k]!;
      const w = slot.weight;
      const inst = slot.inst;
      // A plugin that needs no NormalizeScore adds its weighted scores to the totals itself.
      if (rec === undefined && inst.scoreAdd !== undefined) {
        // Two plugins that score together: the first adds both, the second is then done.
        if (slot.pair >= 0) inst.pairAdd!(this, feas, n, total, w, (scores[slot.pair] as ScoreSlot).inst, (scores[slot.pair] as ScoreSlot).weight);
        else if (!slot.paired) inst.scoreAdd(this, feas, n, total, w);
        continue;
      }
      let buf = this.bufs[k];
      if (buf === undefined) this.bufs[k] = buf = new Float64Array(this.state.H);
      this.sparseN = 0;
      const r = inst.score!(this, feas, n, buf) ?? SCORE_OK;
      const raw = rec === undefined ? null : new Float64Array(n);
      let active = true;
      if (r === SCORE_UNIFORM) {
        // The same score everywhere shifts every total equally; it only matters for reported totals.
        if (rec !== undefined) {
          const u = this.uniformScore;
          buf.fill(u, 0, n);
          for (let i = 0; i < n; i++) total[i] = (total[i] as number) + w * u;
        }
      } else if (r === SCORE_SPARSE) {
        // Likewise every host but the few listed: only their difference from the others counts.
        if (rec !== undefined) throw new Error(`kube plugin ${slot.name} returned SCORE_SPARSE while the scores are recorded`);
        const u = this.uniformScore, idx = this.sparseIdx, m = this.sparseN;
        if (!slot.trusted) checkScores(slot.name, buf, m);
        for (let j = 0; j < m; j++) {
          const i = idx[j] as number;
          total[i] = (total[i] as number) + w * ((buf[j] as number) - u);
        }
      } else if (r === SCORE_SKIP) active = false;
      else {
        if (raw !== null) raw.set(buf.subarray(0, n));
        if (inst.normalize !== undefined) inst.normalize(this, buf, n);
        if (!slot.trusted) checkScores(slot.name, buf, n);
        for (let i = 0; i < n; i++) total[i] = (total[i] as number) + w * (buf[i] as number);
      }
      if (rec !== undefined && raw !== null) {
        rec.raw.push(raw);
        rec.norm.push(active ? buf.slice(0, n) : new Float64Array(n));
        rec.skipped.push(!active);
      }
    }
    return rec;
  }

  scoredIndex(h: number): number {
    if (!this.posBuilt) {
      // Built on first use in a Score phase: a new generation stamps the hosts being scored.
      if (this.gen === 0x7fffffff) {
        this.posGen.fill(0);
        this.gen = 0;
      }
      const g = ++this.gen, feas = this.feas, pos = this.pos, posGen = this.posGen, n = this.scoredN;
      for (let i = 0; i < n; i++) {
        const x = feas[i] as number;
        pos[x] = i;
        posGen[x] = g;
      }
      this.posBuilt = true;
    }
    return this.posGen[h] === this.gen ? (this.pos[h] as number) : -1;
  }

  /** selectHost: the highest total among `feas[0..n)`, ties broken by reservoir sampling with the seeded stream. */
  select(n: number, rng: Rng): number {
    const total = this.total, feas = this.feas;
    let best = total[0] as number, sel = feas[0] as number, ties = 1;
    for (let k = 1; k < n; k++) {
      const s = total[k] as number;
      if (s > best) {
        best = s;
        sel = feas[k] as number;
        ties = 1;
      } else if (s === best) {
        ties++;
        // upstream schedule_one.go selectHost: reservoir sampling over the hosts with the top score.
        if (Math.floor(rng.next() * ties) === 0) sel = feas[k] as number;
      }
    }
    return sel;
  }
}

// upstream framework/runtime/framework.go RunScorePlugins: a score outside [0, MaxNodeScore] is an error.
function checkScores(name: string, scores: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const s = scores[i] as number;
    if (!(s >= 0 && s <= 100)) {
      throw new PodsimError([{ code: 'invalid_score', path: `plugins.score.${name}`, message: `plugin ${name} returned score ${s}; scores must be in [0, 100] after NormalizeScore` }]);
    }
  }
}
