/** Result of a search that ran out of nodes. */
const ABORT = -1;
/** Subset sums are tracked in a dimension when its capacity divided by the gcd of its sizes is at most this. */
const DP_LIMIT = 8192;

function gcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/**
 * Packs a small set of units into a given number of identical hosts by exact depth-first
 * search, in the style of Korf's bin completion: hosts are filled one at a time; each takes the
 * largest unplaced unit, then only completions that are maximal (no unplaced unit still fits)
 * and whose leftover room stays within the "waste budget" (total room of the hosts minus the
 * units' total, per dimension) are tried, fullest first. A node budget bounds the work. Used by
 * the improvement search to repair a few hosts at once (a large-neighbourhood move); the
 * scratch arrays are allocated once.
 *
 * @example
 * ```ts
 * const r = new ExactRepacker(problem.size, problem.d, problem.n);
 * const units = Int32Array.of(0, 1, 2, 3);
 * const ok = r.pack(units, 4, capacityOfType0, 2, 10000); // 1: packed, 0: impossible, -1: gave up
 * r.hostOf; // host of units[i] is r.hostOf[i]
 * ```
 */
export class ExactRepacker {
  private readonly size: Float64Array;
  private readonly d: number;
  /** After a successful {@link ExactRepacker.pack}, the host (0-based) of each listed unit. */
  readonly hostOf: Int32Array;
  private readonly items: Int32Array;
  private readonly used: Uint8Array;
  private readonly suffix: Float64Array;
  private readonly budget: Float64Array;
  private readonly load: Float64Array;
  private readonly pos: Int32Array;
  private readonly key: Float64Array;
  private cap: Float64Array = new Float64Array(0);
  // subset-sum pruning: per dimension, the sizes divided by their gcd, and for every index i the
  // bitset of sums reachable with the unplaced units from i on (recomputed for each host)
  private readonly gcd: Float64Array;
  private readonly words: Int32Array;
  private readonly wordOff: Int32Array;
  private wordsTotal = 0;
  private reach = new Uint32Array(0);
  private k = 0;
  private hosts = 0;
  private nodes = 0;
  private limit = 0;

  constructor(size: Float64Array, d: number, maxUnits: number) {
    this.size = size;
    this.d = d;
    this.hostOf = new Int32Array(maxUnits);
    this.items = new Int32Array(maxUnits);
    this.used = new Uint8Array(maxUnits);
    this.suffix = new Float64Array((maxUnits + 1) * d);
    this.budget = new Float64Array(d);
    this.load = new Float64Array(maxUnits * d);
    this.pos = new Int32Array(maxUnits);
    this.key = new Float64Array(maxUnits);
    this.gcd = new Float64Array(d);
    this.words = new Int32Array(d);
    this.wordOff = new Int32Array(d);
  }

  /**
   * Tries to pack `units[0 .. count)` into `hosts` hosts of capacity `cap` (length d).
   * `scalar[u]` orders the units (largest first). Returns 1 when packed ({@link hostOf} then holds
   * the host of each listed unit, in list order), 0 when proved impossible, −1 when the node
   * budget ran out.
   */
  pack(units: Int32Array, count: number, cap: Float64Array, hosts: number, nodeLimit: number, scalar?: Float64Array): number {
    const { d, size } = this;
    this.k = count;
    this.hosts = hosts;
    this.cap = cap;
    this.nodes = 0;
    this.limit = nodeLimit;
    // order: decreasing scalar size (sum over dimensions of size / cap when not given)
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
    pos.sort((a, b) => (this.key[b] as number) - (this.key[a] as number) || a - b);
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
    // hostOf is in sorted order; map back to list order
    const tmp = this.load; // reuse as scratch (length ≥ count)
    for (let i = 0; i < count; i++) tmp[pos[i] as number] = this.hostOf[i] as number;
    for (let i = 0; i < count; i++) this.hostOf[i] = tmp[i] as number;
    return 1;
  }

  /** Decides, per dimension, whether subset sums are tracked (capacity / gcd ≤ DP_LIMIT). */
  private setupSubsetSums(count: number): void {
    const { d, size, cap } = this;
    let total = 0;
    for (let j = 0; j < d; j++) {
      let g = cap[j] as number;
      for (let i = 0; i < count && g > 1; i++) g = gcd(g, size[(this.items[i] as number) * d + j] as number);
      this.gcd[j] = g;
      const scaled = g > 0 ? (cap[j] as number) / g : Infinity;
      this.wordOff[j] = total;
      this.words[j] = scaled <= DP_LIMIT ? (scaled >>> 5) + 1 : 0;
      total += this.words[j] as number;
    }
    this.wordsTotal = total;
    const need = (count + 1) * total;
    if (this.reach.length < need) this.reach = new Uint32Array(need);
  }

  /** Recomputes, for every index i, the sums reachable with the unplaced units from i on. */
  private computeReach(): void {
    const { d, size, k, wordsTotal: W, reach } = this;
    if (W === 0) return;
    reach.fill(0, k * W, (k + 1) * W);
    for (let j = 0; j < d; j++) if ((this.words[j] as number) > 0) reach[k * W + (this.wordOff[j] as number)] = 1;
    for (let i = k - 1; i >= 0; i--) {
      const dst = i * W;
      const src = (i + 1) * W;
      if (this.used[i] === 1) {
        reach.copyWithin(dst, src, src + W);
        continue;
      }
      const u = this.items[i] as number;
      for (let j = 0; j < d; j++) {
        const nw = this.words[j] as number;
        if (nw === 0) continue;
        const off = this.wordOff[j] as number;
        const shift = (size[u * d + j] as number) / (this.gcd[j] as number);
        const ws = Math.floor(shift / 32);
        const bs = shift % 32;
        for (let w = 0; w < nw; w++) {
          const sw = w - ws;
          let v = 0;
          if (sw >= 0) {
            v = (reach[src + off + sw] as number) << bs;
            if (bs !== 0 && sw >= 1) v |= (reach[src + off + sw - 1] as number) >>> (32 - bs);
          }
          reach[dst + off + w] = (reach[src + off + w] as number) | v;
        }
      }
    }
  }

  /** Whether the unplaced units from index i on can add, in every tracked dimension, an amount in [lo, hi]. */
  private reachable(i: number, b: number): boolean {
    const { d, wordsTotal: W, reach, cap, load } = this;
    if (W === 0) return true;
    const lo = b * d;
    for (let j = 0; j < d; j++) {
      const nw = this.words[j] as number;
      if (nw === 0) continue;
      const g = this.gcd[j] as number;
      const room = (cap[j] as number) - (load[lo + j] as number);
      const hi = Math.floor(room / g);
      const low = Math.max(0, Math.ceil((room - (this.budget[j] as number)) / g));
      if (low > hi) return false;
      const base = i * W + (this.wordOff[j] as number);
      let found = false;
      for (let w = low >>> 5; w <= hi >>> 5 && w < nw; w++) {
        let bits = reach[base + w] as number;
        if (w === low >>> 5) bits &= ~0 << (low & 31);
        if (w === hi >>> 5) bits &= (hi & 31) === 31 ? ~0 : (1 << ((hi & 31) + 1)) - 1;
        if (bits !== 0) {
          found = true;
          break;
        }
      }
      if (!found) return false;
    }
    return true;
  }

  /** Fills host b onwards. Returns 1 (done), 0 (impossible) or ABORT. */
  private fillHost(b: number): number {
    const { d, size } = this;
    let first = -1;
    for (let i = 0; i < this.k; i++) {
      if (this.used[i] === 0) {
        first = i;
        break;
      }
    }
    if (first < 0) return 1;
    if (b >= this.hosts) return 0;
    const u = this.items[first] as number;
    const lo = b * d;
    for (let j = 0; j < d; j++) this.load[lo + j] = size[u * d + j] as number;
    this.used[first] = 1;
    this.hostOf[first] = b;
    this.computeReach();
    const r = this.complete(b, first + 1);
    this.used[first] = 0;
    return r;
  }

  /** Extends host b with units from index `start` on, then closes it if maximal and within budget. */
  private complete(b: number, start: number): number {
    const { d, size, cap, load } = this;
    if (++this.nodes > this.limit) return ABORT;
    const lo = b * d;
    // prune: even every remaining unit cannot bring the waste within budget
    for (let j = 0; j < d; j++) {
      // (units before `start` left out at this level cannot join host b in this branch)
      if ((load[lo + j] as number) + (this.suffix[start * d + j] as number) < (cap[j] as number) - (this.budget[j] as number)) return 0;
    }
    if (!this.reachable(start, b)) return 0;
    let prev = -1;
    for (let i = start; i < this.k; i++) {
      if (this.used[i] === 1) continue;
      const u = this.items[i] as number;
      let fits = true;
      for (let j = 0; j < d; j++) {
        if ((load[lo + j] as number) + (size[u * d + j] as number) > (cap[j] as number)) {
          fits = false;
          break;
        }
      }
      if (!fits) continue;
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
    // close host b: only if maximal (no unplaced unit fits) and the waste is within budget
    for (let i = 0; i < this.k; i++) {
      if (this.used[i] === 1) continue;
      const u = this.items[i] as number;
      let fits = true;
      for (let j = 0; j < d; j++) {
        if ((load[lo + j] as number) + (size[u * d + j] as number) > (cap[j] as number)) {
          fits = false;
          break;
        }
      }
      if (fits) return 0;
    }
    for (let j = 0; j < d; j++) if ((cap[j] as number) - (load[lo + j] as number) > (this.budget[j] as number)) return 0;
    for (let j = 0; j < d; j++) this.budget[j] = (this.budget[j] as number) - ((cap[j] as number) - (load[lo + j] as number));
    const r = this.fillHost(b + 1);
    for (let j = 0; j < d; j++) this.budget[j] = (this.budget[j] as number) + ((cap[j] as number) - (load[lo + j] as number));
    return r;
  }

  private sameSize(a: number, b: number): boolean {
    const { d, size } = this;
    for (let j = 0; j < d; j++) if ((size[a * d + j] as number) !== (size[b * d + j] as number)) return false;
    return true;
  }
}
