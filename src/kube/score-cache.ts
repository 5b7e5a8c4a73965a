import type { NodeTable } from './node-table.js';
import type { PodTable } from './pod-table.js';
import type { PodTemplate } from './pod-template.js';

/**
 * One memoised score array: a score per host, valid where the host's version matches the stored tag.
 * @internal
 * @example
 * ```ts
 * slot.val[h]; // the score, if slot.ver[h] === nodes.hostVer[h]
 * ```
 */
interface Slot {
  key: string;
  /** hostVer[h] when val[h] was computed, 0 for never (host versions start at 1). */
  readonly ver: Uint32Array;
  readonly val: Float64Array;
  /** Bumped every time the slot is given to another key, so memos of the old key see it is gone. */
  owner: number;
  lastUse: number;
}

interface TemplateMemo {
  readonly demand: Float64Array;
  readonly slots: Array<Slot | undefined>;
  readonly owners: number[];
}

/**
 * Memoised per-host scores of the resource score plugins (NodeResourcesFit, BalancedAllocation,
 * TetrisAlignment, …): a host's score for a request is recomputed only when the host changed (its
 * version in {@link NodeTable.hostVer}), so a cycle mostly reads scores. Entries are keyed by plugin
 * instance and the pod's request; at most `capacity` entries exist, reused least-recently-used (a
 * reused entry's versions are zeroed), so a stream of new request shapes allocates nothing.
 *
 * @example
 * ```ts
 * const cache = new ScoreCache(nodes, pods, 64);
 * cache.fill(0, pod, tpl, feasible, n, out, (h) => score(h));
 * ```
 */
export class ScoreCache {
  private readonly slots: Slot[] = [];
  private readonly byKey = new Map<string, Slot>();
  private clock = 0;

  constructor(
    private readonly nodes: NodeTable,
    private readonly pods: PodTable,
    /** Most entries kept. @defaultValue 64 */
    private readonly capacity = 64,
  ) {}

  /**
   * Writes the score of each host in `hosts[0..n)` into `out[0..n)`, computing `one(h)` only for hosts
   * that changed since it was last computed for this plugin instance (`id`) and request.
   */
  fill(id: number, pod: number, tpl: PodTemplate, hosts: Int32Array, n: number, out: Float64Array, one: (h: number) => number): void {
    const slot = this.slotFor(id, pod, tpl);
    const ver = slot.ver, val = slot.val, hv = this.nodes.hostVer;
    for (let i = 0; i < n; i++) {
      const h = hosts[i] as number;
      const v = hv[h] as number;
      if (ver[h] === v) out[i] = val[h] as number;
      else {
        const x = one(h);
        val[h] = x;
        ver[h] = v;
        out[i] = x;
      }
    }
  }

  // Most pods of a template request the same: the template remembers its last request's slots.
  private slotFor(id: number, pod: number, tpl: PodTemplate): Slot {
    const pods = this.pods, D = pods.D, off = pod * D, dem = pods.demand;
    let memo = tpl.memo as TemplateMemo | undefined;
    if (memo === undefined) tpl.memo = memo = { demand: new Float64Array(D + 2).fill(-1), slots: [], owners: [] };
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
    const hit = memo.slots[id];
    if (hit !== undefined && hit.owner === memo.owners[id]) {
      hit.lastUse = ++this.clock;
      return hit;
    }
    let key = `${id}`;
    for (let d = 0; d < D + 2; d++) key += `|${md[d] as number}`;
    const s = this.acquire(key);
    memo.slots[id] = s;
    memo.owners[id] = s.owner;
    return s;
  }

  private acquire(key: string): Slot {
    let s = this.byKey.get(key);
    if (s === undefined) {
      if (this.slots.length < this.capacity) {
        const H = this.nodes.H;
        s = { key, ver: new Uint32Array(H), val: new Float64Array(H), owner: 0, lastUse: 0 };
        this.slots.push(s);
      } else {
        s = this.slots[0] as Slot;
        for (const x of this.slots) if (x.lastUse < s.lastUse) s = x;
        this.byKey.delete(s.key);
        s.key = key;
        s.owner++;
        s.ver.fill(0);
      }
      this.byKey.set(key, s);
    }
    s.lastUse = ++this.clock;
    return s;
  }
}
