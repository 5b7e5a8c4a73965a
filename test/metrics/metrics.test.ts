import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompensatedSum } from '../../src/metrics/compensated-sum.js';
import { EMPTY_SUMMARY, quantileSorted, SampleStore } from '../../src/metrics/sample-store.js';
import { Welford } from '../../src/metrics/welford.js';

const naiveSum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
const compensated = (xs: readonly number[]) => { const s = new CompensatedSum(); for (const x of xs) s.add(x); return s.value; };

describe('CompensatedSum', () => {
  it('CompensatedSum adds 0.1 ten times to exactly 1, where a plain loop does not', () => {
    const tenths = new Array<number>(10).fill(0.1);
    expect(naiveSum(tenths)).not.toBe(1);
    expect(compensated(tenths)).toBe(1);
  });

  it('CompensatedSum keeps small terms added to a huge total, which a plain sum drops entirely', () => {
    const xs = [1e16, ...new Array<number>(10_000).fill(1)];
    expect(naiveSum(xs)).toBe(1e16); // each +1 is below half an ulp of 1e16 and vanishes
    expect(compensated(xs)).toBe(1e16 + 10_000);
  });

  it('CompensatedSum survives a large term cancelling out (Neumaier, where Kahan gives 0)', () => {
    expect(compensated([1, 1e100, 1, -1e100])).toBe(2);
    expect(naiveSum([1, 1e100, 1, -1e100])).toBe(0);
  });

  it('CompensatedSum of a million small increments to a large total stays within an ulp of the exact sum, where a plain sum drifts', () => {
    // Like a utilisation integral late in a long run: a large total, small allocation × dt terms.
    const s = new CompensatedSum();
    let naive = 2 ** 24;
    s.add(2 ** 24);
    let units = 2n ** 54n; // the exact sum, in units of 2^-30
    for (let i = 0; i < 1_000_000; i++) {
      const m = (i * 7919) % 1_000_003;
      const term = m / 2 ** 30; // exactly representable
      s.add(term);
      naive += term;
      units += BigInt(m);
    }
    const want = Number(units) / 2 ** 30; // correctly rounded
    const ulp = 2 ** -28; // spacing of doubles near 2^24..2^25
    expect(Math.abs(s.value - want)).toBeLessThanOrEqual(ulp);
    expect(Math.abs(naive - want)).toBeGreaterThan(1000 * ulp);
  });

  it('CompensatedSum is within a few ulps of the exact sum of any list of dyadic values', () => {
    const term = fc.integer({ min: -(2 ** 40), max: 2 ** 40 }).chain((m) => fc.integer({ min: 0, max: 40 }).map((k) => [m, k] as const));
    fc.assert(
      fc.property(fc.array(term, { maxLength: 200 }), (terms) => {
        // x = m / 2^k, summed exactly in units of 2^-40.
        const xs = terms.map(([m, k]) => m / 2 ** k);
        const exact = terms.reduce((s, [m, k]) => s + BigInt(m) * 2n ** BigInt(40 - k), 0n);
        const want = Number(exact) / 2 ** 40;
        const abs = xs.reduce((s, x) => s + Math.abs(x), 0);
        // Neumaier's bound: |error| ≤ 2ε|S| + O(nε²)Σ|x|.
        const eps = Number.EPSILON / 2;
        expect(Math.abs(compensated(xs) - want)).toBeLessThanOrEqual(2 * eps * Math.abs(want) + 4 * xs.length * eps * eps * abs);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('Welford', () => {
  it('Welford gives the mean and sample variance', () => {
    const w = new Welford();
    [1, 2, 3, 4].forEach((x) => w.add(x));
    expect(w.n).toBe(4);
    expect(w.mean).toBe(2.5);
    expect(w.variance).toBeCloseTo(5 / 3, 14);
    expect(w.stddev).toBeCloseTo(Math.sqrt(5 / 3), 14);
  });

  it('Welford has variance 0 with fewer than two values', () => {
    const w = new Welford();
    expect([w.mean, w.variance]).toEqual([0, 0]);
    w.add(7);
    expect([w.mean, w.variance]).toEqual([7, 0]);
  });

  it('Welford stays accurate for values with a huge common offset, where Σx² − n·mean² collapses', () => {
    const xs = [4, 7, 13, 16].map((x) => 1e9 + x);
    const w = new Welford();
    xs.forEach((x) => w.add(x));
    expect(w.variance).toBeCloseTo(30, 6);
    const n = xs.length, m = naiveSum(xs) / n;
    const textbook = (xs.reduce((s, x) => s + x * x, 0) - n * m * m) / (n - 1);
    expect(Math.abs(textbook - 30)).toBeGreaterThan(1); // the formula Welford avoids
  });

  it('Welford agrees with the two-pass mean and variance', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 100 }), (xs) => {
        const w = new Welford();
        xs.forEach((x) => w.add(x));
        const m = naiveSum(xs) / xs.length;
        const v = xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
        expect(Math.abs(w.mean - m)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(m)));
        expect(Math.abs(w.variance - v)).toBeLessThanOrEqual(1e-9 * (1 + v));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('quantileSorted', () => {
  it('quantileSorted() interpolates between closest ranks (type 7)', () => {
    const xs = Float64Array.of(1, 2, 3, 4);
    expect(quantileSorted(xs, 0.5)).toBe(2.5);
    expect(quantileSorted(xs, 0)).toBe(1);
    expect(quantileSorted(xs, 1)).toBe(4);
    expect(quantileSorted(xs, 0.9)).toBeCloseTo(3.7, 12);
    expect(quantileSorted([5], 0.99)).toBe(5);
    expect(quantileSorted([], 0.5)).toBe(0);
  });

  it('quantileSorted() hits the k-th value at q = k/(n−1), interpolates linearly between, and grows with q', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1e6, max: 1e6 }), { minLength: 2, maxLength: 60 }),
        fc.nat(), fc.integer({ min: 0, max: 1000 }).map((k) => k / 1000), fc.integer({ min: 0, max: 1000 }).map((k) => k / 1000),
        (xs, pick, f, q2) => {
          const sorted = Float64Array.from(xs).sort();
          const n = sorted.length, k = pick % (n - 1);
          const a = sorted[k] as number, b = sorted[k + 1] as number;
          expect(quantileSorted(sorted, k / (n - 1))).toBeCloseTo(a, 6);
          // A fraction f of the way from rank k to rank k + 1.
          expect(quantileSorted(sorted, (k + f) / (n - 1))).toBeCloseTo(a + f * (b - a), 6);
          const lo = Math.min(f, q2), hi = Math.max(f, q2);
          expect(quantileSorted(sorted, lo)).toBeLessThanOrEqual(quantileSorted(sorted, hi) + 1e-6); // up to rounding
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('SampleStore', () => {
  it('SampleStore.summary() of no values is all zeros', () => {
    expect(new SampleStore().summary()).toEqual(EMPTY_SUMMARY);
    expect(new SampleStore().mean).toBe(0);
  });

  it('SampleStore sorts numerically and summarises exactly', () => {
    const s = new SampleStore();
    for (const x of [10, 9, 100, 1, 55]) s.add(x);
    expect(Array.from(s.sorted())).toEqual([1, 9, 10, 55, 100]);
    const sum = s.summary();
    expect([sum.mean, sum.p50, sum.max]).toEqual([35, 10, 100]);
    expect(sum.p90).toBeCloseTo(82, 12); // rank 3.6: 55 + 0.6 × 45
    expect(sum.p99).toBeCloseTo(98.2, 12); // rank 3.96: 55 + 0.96 × 45
  });

  it('SampleStore grows past its initial capacity and keeps every value', () => {
    const s = new SampleStore(16);
    for (let i = 999; i >= 0; i--) s.add(i);
    expect(s.count).toBe(1000);
    expect(s.mean).toBe(499.5);
    const sum = s.summary();
    expect([sum.p50, sum.max]).toEqual([499.5, 999]);
    expect(Array.from(s.sorted())).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('SampleStore.summary() matches sorting the values and taking type-7 quantiles', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 300 }), (xs) => {
        const s = new SampleStore(16);
        xs.forEach((x) => s.add(x));
        const sorted = [...xs].sort((a, b) => a - b);
        const sum = s.summary();
        expect(sum.max).toBe(sorted[sorted.length - 1]);
        expect(sum.p50).toBe(quantileSorted(sorted, 0.5));
        expect(sum.p90).toBe(quantileSorted(sorted, 0.9));
        expect(sum.p99).toBe(quantileSorted(sorted, 0.99));
        expect(Math.abs(sum.mean - naiveSum(xs) / xs.length)).toBeLessThanOrEqual(1e-9 * (1 + sum.mean));
        expect(sum.p50 <= sum.p90 && sum.p90 <= sum.p99 && sum.p99 <= sum.max).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
