import { gcd } from './gcd.js';
import { COUNT_DEPTH, SubsetCounts } from './subset-counts.js';
import { anyBitIn, orShifted } from './subset-sum-bits.js';

/** Result of a search that ran out of nodes. */
const ABORT = -1;
/** Subset sums are tracked in a dimension when its capacity divided by the gcd of its sizes is at most this. */
const DP_LIMIT = 8192;

/**
 * Packs a small set of units into a given number of identical hosts by exact depth-first
 * search, in the style of Korf's bin completion. Hosts are filled one at a time. Each host is
 * seeded with the most constrained unplaced unit (the one with fewest completions of up to three
 * units, as exact-cover search does), then extended, fullest first, and closed only when it is
 * maximal (no unplaced unit still fits) and its leftover room stays within the "waste budget"
 * (the hosts' total room minus the units' total, per dimension). Where a dimension's capacity
 * divided by the gcd of its sizes is small, bitsets of reachable subset sums prune extensions
 * that cannot end within budget and detect units that no longer have any completion. A node
 * budget bounds the work. Scratch memory is allocated once and grown on demand.
 *
 * The improvement search uses it to repair a few hosts at once (a large-neighbourhood move).
 *
 * @example
 * ```ts
 * const r = new ExactRepacker(problem.size, problem.d, problem.n);
 * const units = Int32Array.of(0, 1, 2, 3);
 * const ok = r.pack(units, 4, Float64Array.of(1000), 2, 10000); // 1: packed, 0: impossible, -1: gave up
 * r.hostOf[0]; // the host (0 or 1) of units[0]
 * ```
 */
export class ExactRepacker {
  private readonly size: Float64Array;
  private readonly d: number;
  /** After a successful {@link ExactRepacker.pack}, the host (0-based) of each listed unit, in list order. */
  readonly hostOf: Int32Array;
  private readonly items: Int32Array;
  private readonly used: Uint8Array;
  private readonly suffix: Float64Array;
  private readonly budget: Float64Array;
  private readonly load: Float64Array;
  private readonly pos: Int32Array;
  private readonly key: Float64Array;
  private readonly firstOf: Int32Array;
  private readonly members: Int32Array;
  private cap: Float64Array = new Float64Array(0);
  private k = 0;
  private hosts = 0;
  private nodes = 0;
  private limit = 0;

  /** Search nodes used by the last {@link ExactRepacker.pack} call. */
  get nodesUsed(): number {
    return this.nodes;
  }
  // per tracked dimension: sizes divided by their gcd, bitsets of reachable sums for every suffix
  // of the unit list, and counts of subsets of up to COUNT_DEPTH free units per sum
  private readonly gcd: Float64Array;
  private readonly scaled: Float64Array;
  private readonly words: Int32Array;
  private readonly wordOff: Int32Array;
  private readonly tables: SubsetCounts[];
  private wordsTotal = 0;
  /** Whether no host can hold more than COUNT_DEPTH + 1 of the units, so completion counts are complete. */
  private countComplete = false;
  private reach = new Uint32Array(0);
  private readonly byKey: (a: number, b: number) => number;
  /** `performance.now()` value after which {@link ExactRepacker.pack} gives up (checked every 1024 nodes). */
  deadline = Infinity;
  /** When set, ties between equally constrained seeds are broken at random (for restarts). */
  random: (() => number) | undefined = undefined;

  constructor(size: Float64Array, d: number, maxUnits: number) {
    this.size = size;
    this.d = d;
    this.hostOf = new Int32Array(maxUnits);
    this.items = new Int32Array(maxUnits);
    this.used = new Uint8Array(maxUnits);
    this.suffix = new Float64Array((maxUnits + 1) * d);
    this.budget = new Float64Array(d);
    this.load = new Float64Array(Math.max(maxUnits, 1) * d);
    this.pos = new Int32Array(maxUnits);
    this.key = new Float64Array(maxUnits);
    this.firstOf = new Int32Array(maxUnits);
    this.members = new Int32Array(maxUnits);
    this.gcd = new Float64Array(d);
    this.scaled = new Float64Array(d);
    this.words = new Int32Array(d);
    this.wordOff = new Int32Array(d);
    this.tables = Array.from({ length: d }, () => new SubsetCounts());
    this.byKey = (a, b) => (this.key[b] as number) - (this.key[a] as number) || a - b;
  }

  /**
   * Tries to pack `units[0 .. count)` into `hosts` hosts of capacity `cap` (length d).
   * `scalar[u]`, when given, orders the units (largest first); otherwise Σ size / capacity does.
   * Returns 1 when packed ({@link ExactRepacker.hostOf} then holds the host of each listed unit),
   * 0 when proved impossible, −1 when the node budget ran out.
   */
  pack(units: Int32Array, count: number, cap: Float64Array, hosts: number, nodeLimit: number, scalar?: Float64Array): number {
    const { d, size } = this;
    this.k = count;
    this.hosts = hosts;
    this.cap = cap;
    this.nodes = 0;
    this.limit = nodeLimit;
    for (let i = 0; i < count; i++) {
      const u = units[i] as number;
      this.pos[i] = i;
      if (scalar !== undefined) this.key[i] = scalar[u] as number;
      else {
        let s = 0;
        for (let j = 0; j < d; j++) s += (size[u * d + j] as number) / ((cap[j] as number) || 1);
        this.key[i] = s;
      }
    }
    const pos = this.pos.subarray(0, count);
    pos.sort(this.byKey);
    for (let i = 0; i < count; i++) this.items[i] = units[pos[i] as number] as number;
    for (let j = 0; j < d; j++) this.budget[j] = hosts * (cap[j] as number);
    for (let i = 0; i < count; i++) {
      const u = this.items[i] as number;
      for (let j = 0; j < d; j++) {
        if ((size[u * d + j] as number) > (cap[j] as number)) return 0;
        this.budget[j] = (this.budget[j] as number) - (size[u * d + j] as number);
      }
    }
    for (let j = 0; j < d; j++) if ((this.budget[j] as number) < 0) return 0;
    for (let j = 0; j < d; j++) this.suffix[count * d + j] = 0;
    for (let i = count - 1; i >= 0; i--) {
      const u = this.items[i] as number;
      for (let j = 0; j < d; j++) this.suffix[i * d + j] = (this.suffix[(i + 1) * d + j] as number) + (size[u * d + j] as number);
    }
    this.used.fill(0, 0, count);
    this.setupSubsetSums(count);
    const r = this.fillHost(0);
    if (r !== 1) return r === ABORT ? -1 : 0;
    // hostOf is in sorted order; map it back to list order
    const tmp = this.load;
    for (let i = 0; i < count; i++) tmp[pos[i] as number] = this.hostOf[i] as number;
    for (let i = 0; i < count; i++) this.hostOf[i] = tmp[i] as number;
    return 1;
  }

  /** Decides, per dimension, whether subset sums are tracked, and builds the count tables. */
  private setupSubsetSums(count: number): void {
    const { d, size, cap } = this;
    let words = 0;
    for (let j = 0; j < d; j++) {
      let g = cap[j] as number;
      for (let i = 0; i < count && g > 1; i++) g = gcd(g, size[(this.items[i] as number) * d + j] as number);
      this.gcd[j] = g;
      const s = g > 0 ? (cap[j] as number) / g : Infinity;
      const tracked = s <= DP_LIMIT;
      this.scaled[j] = tracked ? s : 0;
      this.wordOff[j] = words;
      this.words[j] = tracked ? (s >>> 5) + 1 : 0;
      words += this.words[j] as number;
      if (tracked) (this.tables[j] as SubsetCounts).reset(s);
    }
    this.wordsTotal = words;
    // most units one host can hold: bounded in any dimension where every unit is positive
    let most = Infinity;
    for (let j = 0; j < d; j++) {
      let min = Infinity;
      for (let i = 0; i < count; i++) min = Math.min(min, size[(this.items[i] as number) * d + j] as number);
      if (min > 0) most = Math.min(most, Math.floor((cap[j] as number) / min));
    }
    this.countComplete = most <= COUNT_DEPTH + 1;
    if (this.reach.length < (count + 1) * words) this.reach = new Uint32Array((count + 1) * words);
    for (let i = 0; i < count; i++) this.countUnit(i, 1);
  }

  /** Adds (sign 1) or removes (sign −1) unit i from the subset-count tables. Exact: counts stay small. */
  private countUnit(i: number, sign: number): void {
    const { d, size } = this;
    const u = this.items[i] as number;
    for (let j = 0; j < d; j++) {
      if ((this.scaled[j] as number) === 0) continue;
      const w = (size[u * d + j] as number) / (this.gcd[j] as number);
      const table = this.tables[j] as SubsetCounts;
      if (sign > 0) table.add(w);
      else table.remove(w);
    }
  }

  /**
   * Recomputes, for every index i, the sums reachable with the units from i on that are free
   * while host b is filled: units of earlier hosts and host b's seed are excluded (with
   * `firstOf[b]` = −1, every unit not in an earlier host counts).
   */
  private computeReach(b: number): void {
    const { d, size, k, wordsTotal: W, reach } = this;
    if (W === 0) return;
    reach.fill(0, k * W, (k + 1) * W);
    for (let j = 0; j < d; j++) if ((this.words[j] as number) > 0) reach[k * W + (this.wordOff[j] as number)] = 1;
    for (let i = k - 1; i >= 0; i--) {
      const dst = i * W;
      const src = (i + 1) * W;
      if (this.used[i] === 1 && ((this.hostOf[i] as number) !== b || i === (this.firstOf[b] as number))) {
        reach.copyWithin(dst, src, src + W);
        continue;
      }
      const u = this.items[i] as number;
      for (let j = 0; j < d; j++) {
        const nw = this.words[j] as number;
        if (nw === 0) continue;
        const off = this.wordOff[j] as number;
        orShifted(reach, dst + off, src + off, nw, (size[u * d + j] as number) / (this.gcd[j] as number));
      }
    }
  }

  /** Whether some bit of dimension j's bitset at suffix index i lies in [lo, hi] (scaled units). */
  private anyBit(i: number, j: number, lo: number, hi: number): boolean {
    return anyBitIn(this.reach, i * this.wordsTotal + (this.wordOff[j] as number), this.words[j] as number, lo, hi);
  }

  /** Whether the free units from index i on can add, in every tracked dimension, an amount that ends host b within budget. */
  private reachable(i: number, b: number): boolean {
    const { d, cap, load } = this;
    if (this.wordsTotal === 0) return true;
    const lo = b * d;
    for (let j = 0; j < d; j++) {
      if ((this.words[j] as number) === 0) continue;
      const g = this.gcd[j] as number;
      const room = (cap[j] as number) - (load[lo + j] as number);
      const hi = Math.floor(room / g);
      const low = Math.max(0, Math.ceil((room - (this.budget[j] as number)) / g));
      if (!this.anyBit(i, j, low, hi)) return false;
    }
    return true;
  }

  /** Fills host b onwards. Returns 1 (done), 0 (impossible) or ABORT. */
  private fillHost(b: number): number {
    const { d, size } = this;
    let left = 0;
    for (let i = 0; i < this.k; i++) if (this.used[i] === 0) left++;
    if (left === 0) return 1;
    if (b >= this.hosts) return 0;
    const first = this.chooseSeed(b);
    if (first < 0) return 0;
    const u = this.items[first] as number;
    const lo = b * d;
    for (let j = 0; j < d; j++) this.load[lo + j] = size[u * d + j] as number;
    this.used[first] = 1;
    this.hostOf[first] = b;
    this.firstOf[b] = first;
    this.computeReach(b);
    const r = this.complete(b, 0);
    this.used[first] = 0;
    return r;
  }

  /**
   * The unit that seeds host b: the one with fewest completions of up to COUNT_DEPTH units within
   * budget (most constrained first); the largest unit when no dimension is tracked. Returns −1
   * when some unit cannot be completed at all: a dead end.
   */
  private chooseSeed(b: number): number {
    const { d, size, k, used, budget, cap } = this;
    let first = -1;
    for (let i = 0; i < k; i++) {
      if (used[i] === 0) {
        first = i;
        break;
      }
    }
    if (this.wordsTotal === 0) return first;
    this.firstOf[b] = -1;
    this.computeReach(b);
    for (let j = 0; j < d; j++) if ((this.scaled[j] as number) > 0) (this.tables[j] as SubsetCounts).sumPrefixes();
    let best = first;
    let bestCount = Infinity;
    let ties = 0;
    for (let i = 0; i < k; i++) {
      if (used[i] === 1) continue;
      const u = this.items[i] as number;
      let unitCount = Infinity;
      for (let j = 0; j < d; j++) {
        const S = this.scaled[j] as number;
        if (S === 0) continue;
        const g = this.gcd[j] as number;
        const w = (size[u * d + j] as number) / g;
        const hi = S - w;
        const low = Math.max(0, Math.ceil(((cap[j] as number) - (budget[j] as number)) / g) - w);
        // no subset of the free units (itself included) completes it: dead end
        if (!this.anyBit(0, j, low, hi)) return -1;
        // completions by up to COUNT_DEPTH other units
        const n = (this.tables[j] as SubsetCounts).completions(w, low, hi);
        // when no host can hold more than COUNT_DEPTH + 1 units the count is complete
        if (n <= 0 && this.countComplete) return -1;
        if (n < unitCount) unitCount = n;
      }
      if (unitCount < bestCount) {
        bestCount = unitCount;
        best = i;
        ties = 1;
      } else if (unitCount === bestCount && this.random !== undefined && this.random() * ++ties < 1) best = i;
    }
    return best;
  }

  /** Extends host b with free units from index `start` on, then closes it if maximal and within budget. */
  private complete(b: number, start: number): number {
    const { d, size, cap, load } = this;
    if (++this.nodes > this.limit) return ABORT;
    if ((this.nodes & 1023) === 0 && this.deadline !== Infinity && performance.now() > this.deadline) {
      this.limit = this.nodes;
      return ABORT;
    }
    const lo = b * d;
    // even all units from `start` on cannot bring the waste within budget (units left out before
    // `start` at this level cannot join host b in this branch)
    for (let j = 0; j < d; j++) {
      if ((load[lo + j] as number) + (this.suffix[start * d + j] as number) < (cap[j] as number) - (this.budget[j] as number)) return 0;
    }
    if (!this.reachable(start, b)) return 0;
    let prev = -1;
    for (let i = start; i < this.k; i++) {
      if (this.used[i] === 1) continue;
      const u = this.items[i] as number;
      if (!this.fitsOn(lo, u)) continue;
      if (prev >= 0 && this.sameSize(prev, u)) continue;
      prev = u;
      for (let j = 0; j < d; j++) load[lo + j] = (load[lo + j] as number) + (size[u * d + j] as number);
      this.used[i] = 1;
      this.hostOf[i] = b;
      const r = this.complete(b, i + 1);
      this.used[i] = 0;
      for (let j = 0; j < d; j++) load[lo + j] = (load[lo + j] as number) - (size[u * d + j] as number);
      if (r !== 0) return r;
    }
    // close host b only if maximal (no free unit fits) and its waste is within budget
    for (let i = 0; i < this.k; i++) {
      if (this.used[i] === 1) continue;
      if (this.fitsOn(lo, this.items[i] as number)) return 0;
    }
    for (let j = 0; j < d; j++) if ((cap[j] as number) - (load[lo + j] as number) > (this.budget[j] as number)) return 0;
    let m = 0;
    for (let i = 0; i < this.k; i++) if (this.used[i] === 1 && (this.hostOf[i] as number) === b) this.members[m++] = i;
    for (let x = 0; x < m; x++) this.countUnit(this.members[x] as number, -1);
    for (let j = 0; j < d; j++) this.budget[j] = (this.budget[j] as number) - ((cap[j] as number) - (load[lo + j] as number));
    const r = this.fillHost(b + 1);
    for (let j = 0; j < d; j++) this.budget[j] = (this.budget[j] as number) + ((cap[j] as number) - (load[lo + j] as number));
    if (r === 0) {
      // restore the tables of host b (members were overwritten by deeper hosts: rescan)
      for (let i = 0; i < this.k; i++) if (this.used[i] === 1 && (this.hostOf[i] as number) === b) this.countUnit(i, 1);
      // the deeper hosts overwrote the reachable sums: restore them for host b
      this.computeReach(b);
    }
    return r;
  }

  /** Whether unit `u` fits in what the host whose load starts at `lo` has left. */
  private fitsOn(lo: number, u: number): boolean {
    const { d, size, cap, load } = this;
    for (let j = 0; j < d; j++) if ((load[lo + j] as number) + (size[u * d + j] as number) > (cap[j] as number)) return false;
    return true;
  }

  private sameSize(a: number, b: number): boolean {
    const { d, size } = this;
    for (let j = 0; j < d; j++) if ((size[a * d + j] as number) !== (size[b * d + j] as number)) return false;
    return true;
  }
}
