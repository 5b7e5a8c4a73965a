import type { OverflowPacking } from './overflow-packing.js';
import { sortByKeyDesc } from './sort-by-key-desc.js';

/** Pairs leaving an overflowing host are formed among at most this many of its largest units. */
const OUT_PAIR_LIMIT = 40;
/** Triples leave an overflowing host only when it holds at most this many units. */
const OUT_TRIPLE_LIMIT = 12;

/**
 * The subsets of each overflowing host that a move of the overflow search may take out of it:
 * ∅, every unit, the pairs among its 40 largest units, and every triple when it holds at most 12.
 * Subset q has units `a[q]`, `b[q]`, `c[q]` (−1: none), scalar size `sc[q]` and size vector
 * `vec[q·d .. q·d + d)`; host `hosts[j]`'s subsets are `order[start[j] .. start[j] + len[j])`,
 * largest first. Arrays grow on demand and are reused.
 * @internal
 * @example
 * ```ts
 * const q = new LeavingSubsets(packing.d, packing.n, packing.over.length);
 * q.build(packing);
 * q.count; // overflowing hosts
 * ```
 */
export class LeavingSubsets {
  private readonly d: number;
  /** Overflowing hosts: `hosts[0 .. count)`. */
  count = 0;
  readonly hosts: Int32Array;
  readonly start: Int32Array;
  readonly len: Int32Array;
  private capacity = 0;
  a = new Int32Array(0);
  b = new Int32Array(0);
  c = new Int32Array(0);
  sc = new Float64Array(0);
  vec = new Float64Array(0);
  order = new Int32Array(0);
  private readonly members: Int32Array;

  constructor(d: number, n: number, bins: number) {
    this.d = d;
    this.hosts = new Int32Array(bins);
    this.start = new Int32Array(bins);
    this.len = new Int32Array(bins);
    this.members = new Int32Array(n);
  }

  private ensure(cap: number): void {
    if (cap <= this.capacity) return;
    let c = Math.max(64, this.capacity);
    while (c < cap) c *= 2;
    this.capacity = c;
    this.a = new Int32Array(c);
    this.b = new Int32Array(c);
    this.c = new Int32Array(c);
    this.sc = new Float64Array(c);
    this.vec = new Float64Array(c * this.d);
    this.order = new Int32Array(c);
  }

  /** Lists the overflowing hosts of the packing and, for each, the subsets a move may take out. */
  build(p: OverflowPacking): void {
    const { d } = this;
    const { size, sc } = p;
    this.count = 0;
    let total = 0;
    for (let b = 0; b < p.nb; b++) {
      if ((p.over[b] as number) <= 0) continue;
      this.hosts[this.count++] = b;
      const m = p.cnt[b] as number;
      const mp = Math.min(m, OUT_PAIR_LIMIT);
      const mt = m <= OUT_TRIPLE_LIMIT ? m : 0;
      total += 1 + m + (mp * (mp - 1)) / 2 + (mt * (mt - 1) * (mt - 2)) / 6;
    }
    this.ensure(total);
    const { a: qA, b: qB, c: qC, sc: qSc, vec: qVec, order: qOrder, members: f } = this;
    let q = 0;
    for (let j = 0; j < this.count; j++) {
      const b = this.hosts[j] as number;
      const start = q;
      const m = p.membersOf(b, f);
      sortByKeyDesc(f, 0, m, sc);
      const mp = Math.min(m, OUT_PAIR_LIMIT);
      const mt = m <= OUT_TRIPLE_LIMIT ? m : 0;
      qA[q] = -1;
      qB[q] = -1;
      qC[q] = -1;
      qSc[q] = 0;
      for (let k = 0; k < d; k++) qVec[q * d + k] = 0;
      q++;
      for (let i = 0; i < m; i++) {
        const a = f[i] as number;
        qA[q] = a;
        qB[q] = -1;
        qC[q] = -1;
        qSc[q] = sc[a] as number;
        for (let k = 0; k < d; k++) qVec[q * d + k] = size[a * d + k] as number;
        q++;
      }
      for (let i = 0; i < mp; i++) {
        const a = f[i] as number;
        for (let x = i + 1; x < mp; x++) {
          const b2 = f[x] as number;
          qA[q] = a;
          qB[q] = b2;
          qC[q] = -1;
          qSc[q] = (sc[a] as number) + (sc[b2] as number);
          for (let k = 0; k < d; k++) qVec[q * d + k] = (size[a * d + k] as number) + (size[b2 * d + k] as number);
          q++;
        }
      }
      for (let i = 0; i < mt; i++) {
        const a = f[i] as number;
        for (let x = i + 1; x < mt; x++) {
          const b2 = f[x] as number;
          for (let y = x + 1; y < mt; y++) {
            const c = f[y] as number;
            qA[q] = a;
            qB[q] = b2;
            qC[q] = c;
            qSc[q] = (sc[a] as number) + (sc[b2] as number) + (sc[c] as number);
            for (let k = 0; k < d; k++) qVec[q * d + k] = (size[a * d + k] as number) + (size[b2 * d + k] as number) + (size[c * d + k] as number);
            q++;
          }
        }
      }
      for (let i = start; i < q; i++) qOrder[i] = i;
      sortByKeyDesc(qOrder, start, q, qSc);
      this.start[j] = start;
      this.len[j] = q - start;
    }
  }
}
