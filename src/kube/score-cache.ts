import type { NodeTable } from './node-table.js';
import type { PodTable } from './pod-table.js';
import type { PodTemplate } from './pod-template.js';

/**
 * Computes the scores of some hosts in one pass: for each `j < m`, adds `w` × the score of host
 * `hosts[j]` to `out[j]`. One call per plugin per cycle, whatever the number of hosts.
 * {@link ScoreCache.fill} hands it a zeroed `out` and `w` = 1, so a scorer that assigns the score
 * instead works there too; {@link ScoreCache.add} may pass the plugin's weight and the cycle's totals.
 *
 * @example
 * ```ts
 * const compute: BatchScorer = (hosts, m, out, w) => { for (let j = 0; j < m; j++) out[j]! += w * 100; };
 * ```
 */
export type BatchScorer = (hosts: Int32Array, m: number, out: Float64Array, w: number) => void;

/** An opaque memo of {@link ScoreCache} (one plugin instance and request). @internal @example `cache.slotFor(id, pod, tpl);` */
export type ScoreMemo = Slot;

interface Slot {
  key: string;
  /** Per host: the host's version when val[h] was computed, or 0 (versions start at 1). Valid while equal to hostVer[h]. */
  readonly ver: Float64Array;
  readonly val: Float64Array;
  /** Bumped every time the slot is given to another key, so memos of the old key see it is gone. */
  owner: number;
  lastUse: number;
  /** Whether anything was stored since the slot was given to its key (if not, every host misses). */
  filled: boolean;
}

// A template's last request (demand, then the non-zero CPU and memory) and the slots its plugins use for it.
class TemplateMemo {
  readonly demand: Float64Array;
  readonly slots: Array<Slot | undefined> = [];
  readonly owners: number[] = [];
  constructor(D: number) {
    this.demand = new Float64Array(D + 2).fill(-1);
  }

  key(id: number): string {
    let key = `${id}`;
    for (let d = 0; d < this.demand.length; d++) key += `|${this.demand[d] as number}`;
    return key;
  }
}

/**
 * Memoised per-host scores of the resource score plugins (NodeResourcesFit, BalancedAllocation,
 * TetrisAlignment, …): a host's score for a request is recomputed only when the host changed since
 * (its version in {@link NodeTable.hostVer}), so a cycle mostly reads scores. Entries are keyed by plugin
 * instance and the pod's request; at most `capacity` entries exist, reused least-recently-used (a reused
 * entry's versions are zeroed). When nearly every pass finds no entry (a trace where each task has its own
 * request shape), memoising would only cost: the scores are then computed directly, one batch per plugin.
 *
 * @example
 * ```ts
 * const cache = new ScoreCache(nodes, pods, 64);
 * cache.fill(0, pod, tpl, feasible, n, out, compute);
 * cache.add(0, pod, tpl, feasible, n, totals, weight, scratch, compute); // totals[i] += weight × score
 * ```
 */
export class ScoreCache {
  private readonly slots: Slot[] = [];
  private readonly byKey = new Map<string, Slot>();
  private clock = 0;
  // The stale hosts of a memoised pass: their indices among the hosts scored, the hosts, their scores.
  private readonly missIdx: Int32Array;
  private readonly missHost: Int32Array;
  private readonly missVal: Float64Array;
  /** Moving average of how often a pass finds no entry for its plugin and request (1: every pass). */
  private coldRate = 0;
  private coldCalls = 0;

  constructor(
    private readonly nodes: NodeTable,
    private readonly pods: PodTable,
    /** Most entries kept. @defaultValue 64 */
    private readonly capacity = 64,
  ) {
    this.missIdx = new Int32Array(nodes.H);
    this.missHost = new Int32Array(nodes.H);
    this.missVal = new Float64Array(nodes.H);
  }

  /**
   * Writes the score of each host in `hosts[0..n)` into `out[0..n)`: memoised ones are read, and the
   * others, those that changed since they were last scored for this plugin instance (`id`) and request,
   * are computed by one call of `compute` and remembered.
   */
  fill(id: number, pod: number, tpl: PodTemplate, hosts: Int32Array, n: number, out: Float64Array, compute: BatchScorer): void {
    const slot = this.pick(id, pod, tpl);
    if (slot === null) {
      out.fill(0, 0, n);
      compute(hosts, n, out, 1);
    } else this.read(slot, hosts, n, out, compute);
  }

  /**
   * Adds `w` × the score of each host in `hosts[0..n)` to `total[0..n)`, as {@link ScoreCache.fill}
   * would find it, through `scratch` when the scores are memoised and straight into `total` when not
   * (a trace where each pod has its own request shape): no score buffer and no second pass then.
   */
  add(id: number, pod: number, tpl: PodTemplate, hosts: Int32Array, n: number, total: Float64Array, w: number, scratch: Float64Array, compute: BatchScorer): void {
    this.addWith(this.pick(id, pod, tpl), hosts, n, total, w, scratch, compute);
  }

  /**
   * The memo {@link ScoreCache.add} would use for this plugin instance and pod, or null when it would
   * compute directly; hand it to {@link ScoreCache.addWith}. Lets two plugins that score in one pass
   * (NodeResourcesFit with BalancedAllocation) fuse only when neither is memoised.
   * @internal
   */
  slotFor(id: number, pod: number, tpl: PodTemplate): ScoreMemo | null {
    return this.pick(id, pod, tpl);
  }

  /** {@link ScoreCache.add} with the memo {@link ScoreCache.slotFor} gave. @internal */
  addWith(slot: ScoreMemo | null, hosts: Int32Array, n: number, total: Float64Array, w: number, scratch: Float64Array, compute: BatchScorer): void {
    if (slot === null) {
      compute(hosts, n, total, w);
      return;
    }
    this.read(slot, hosts, n, scratch, compute);
    for (let i = 0; i < n; i++) total[i] = (total[i] as number) + w * (scratch[i] as number);
  }

  // The slot to memoise this pass in, or null to compute directly.
  private pick(id: number, pod: number, tpl: PodTemplate): Slot | null {
    const memo = this.memoFor(pod, tpl);
    const slot = memo.slots[id];
    const warm = slot !== undefined && slot.owner === memo.owners[id];
    this.coldRate += ((warm ? 0 : 1) - this.coldRate) / 64;
    if (warm) return slot;
    // When nearly every pass is cold (each pod its own request shape, as in a trace), memoising only
    // costs: compute directly, and memoise one cold pass in 64 to notice when requests repeat again.
    if (this.coldRate > 0.9 && (++this.coldCalls & 63) !== 0) return null;
    const fresh = this.acquire(memo.key(id));
    memo.slots[id] = fresh;
    memo.owners[id] = fresh.owner;
    return fresh;
  }

  // Reads the memoised scores of hosts[0..n) into out[0..n), computing (and remembering) the stale ones.
  private read(slot: Slot, hosts: Int32Array, n: number, out: Float64Array, compute: BatchScorer): void {
    slot.lastUse = ++this.clock;
    const ver = slot.ver, val = slot.val, hv = this.nodes.hostVer;
    if (!slot.filled) {
      // A fresh slot (a request shape not seen lately) misses everywhere: no need to look.
      out.fill(0, 0, n);
      compute(hosts, n, out, 1);
      for (let i = 0; i < n; i++) {
        const h = hosts[i] as number;
        val[h] = out[i] as number;
        ver[h] = hv[h] as number;
      }
      slot.filled = true;
      return;
    }
    const missIdx = this.missIdx, missHost = this.missHost, missVal = this.missVal;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const h = hosts[i] as number;
      if (ver[h] === hv[h]) out[i] = val[h] as number;
      else {
        missIdx[m] = i;
        missHost[m++] = h;
      }
    }
    if (m === 0) return;
    missVal.fill(0, 0, m);
    compute(missHost, m, missVal, 1);
    for (let j = 0; j < m; j++) {
      const h = missHost[j] as number, v = missVal[j] as number;
      out[missIdx[j] as number] = v;
      val[h] = v;
      ver[h] = hv[h] as number;
    }
  }

  // Most pods of a template request the same: the template remembers its last request's slots.
  private memoFor(pod: number, tpl: PodTemplate): TemplateMemo {
    const pods = this.pods, D = pods.D, off = pod * D, dem = pods.demand;
    let memo = tpl.memo as TemplateMemo | undefined;
    if (memo === undefined) tpl.memo = memo = new TemplateMemo(D);
    const md = memo.demand;
    let same = md[D] === pods.nzCpu[pod] && md[D + 1] === pods.nzMem[pod];
    for (let d = 0; same && d < D; d++) if (md[d] !== dem[off + d]) same = false;
    if (!same) {
      for (let d = 0; d < D; d++) md[d] = dem[off + d] as number;
      md[D] = pods.nzCpu[pod] as number;
      md[D + 1] = pods.nzMem[pod] as number;
      memo.slots.length = 0;
      memo.owners.length = 0;
    }
    return memo;
  }

  private acquire(key: string): Slot {
    let s = this.byKey.get(key);
    if (s === undefined) {
      if (this.slots.length < this.capacity) {
        const H = this.nodes.H;
        s = { key, ver: new Float64Array(H), val: new Float64Array(H), owner: 0, lastUse: 0, filled: false };
        this.slots.push(s);
      } else {
        s = this.slots[0] as Slot;
        for (const x of this.slots) if (x.lastUse < s.lastUse) s = x;
        this.byKey.delete(s.key);
        s.key = key;
        s.owner++;
        s.ver.fill(0);
        s.filled = false;
      }
      this.byKey.set(key, s);
    }
    s.lastUse = ++this.clock;
    return s;
  }
}
