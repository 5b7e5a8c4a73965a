import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUNT_DEPTH, SubsetCounts } from '../../src/packing/subset-counts.js';
import { anyBitIn, hasBit, orShifted } from '../../src/packing/subset-sum-bits.js';

/** Every subset of `sizes` (by index), with its sum. */
function subsets(sizes: readonly number[]): { members: number[]; sum: number }[] {
  const out: { members: number[]; sum: number }[] = [];
  for (let mask = 0; mask < 1 << sizes.length; mask++) {
    const members = sizes.flatMap((_, i) => ((mask >> i) & 1 ? [i] : []));
    out.push({ members, sum: members.reduce((s, i) => s + (sizes[i] as number), 0) });
  }
  return out;
}

const sets = fc.record({
  S: fc.integer({ min: 1, max: 80 }),
  sizes: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 9 }),
});

describe('orShifted / hasBit / anyBitIn (bitsets of reachable subset sums)', () => {
  it('orShifted(bits, dst, src, words, w) applied once per unit reaches exactly the subset sums', () => {
    fc.assert(
      fc.property(sets, ({ S, sizes }) => {
        const W = (S >>> 5) + 1;
        const k = sizes.length;
        const bits = new Uint32Array((k + 1) * W);
        bits[k * W] = 1;
        for (let i = k - 1; i >= 0; i--) orShifted(bits, i * W, (i + 1) * W, W, sizes[i] as number);
        const sums = new Set(subsets(sizes).map((s) => s.sum));
        for (let x = 0; x <= S; x++) expect(hasBit(bits, 0, x), `sum ${x}`).toBe(sums.has(x));
        for (let lo = 0; lo <= S; lo += 3) {
          for (let hi = lo; hi <= S; hi += 5) {
            const want = [...sums].some((x) => x >= lo && x <= hi);
            expect(anyBitIn(bits, 0, W, lo, hi), `[${lo}, ${hi}]`).toBe(want);
          }
        }
      }),
    );
  });

  it('anyBitIn(bits, base, words, lo, hi) is false for an empty range', () => {
    expect(anyBitIn(Uint32Array.of(~0), 0, 1, 5, 4)).toBe(false);
  });
});

describe('SubsetCounts', () => {
  it('completions(w, low, hi) counts the subsets of up to COUNT_DEPTH other units with sums in [low, hi]', () => {
    fc.assert(
      fc.property(sets, fc.nat(), fc.nat(), fc.nat(), ({ S, sizes }, pick, a, b) => {
        const fitting = sizes.filter((w) => w <= S);
        fc.pre(fitting.length > 0);
        const c = new SubsetCounts();
        c.reset(S);
        for (const w of fitting) c.add(w);
        c.sumPrefixes();
        const unit = pick % fitting.length;
        const w = fitting[unit] as number;
        const low = a % (S + 1);
        const hi = low + (b % (S + 1 - low));
        const others = subsets(fitting).filter((s) => !s.members.includes(unit) && s.members.length <= COUNT_DEPTH);
        expect(c.completions(w, low, hi)).toBe(others.filter((s) => s.sum >= low && s.sum <= hi).length);
      }),
    );
  });

  it('remove(w) undoes add(w), and reset(S) empties the set', () => {
    const c = new SubsetCounts();
    c.reset(10);
    for (const w of [3, 7, 5, 5]) c.add(w);
    c.remove(5);
    c.sumPrefixes();
    expect(c.completions(3, 7, 7)).toBe(1); // {7}
    expect(c.completions(5, 5, 5)).toBe(0); // the other 5 was removed
    c.reset(10);
    c.add(4);
    c.sumPrefixes();
    expect(c.completions(4, 0, 10)).toBe(1); // only the empty subset
  });
});
