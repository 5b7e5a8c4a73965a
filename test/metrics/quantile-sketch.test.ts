import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuantileSketch, SampleStore, quantileSorted, summarizeValues } from '../../src/metrics/index.js';

// Values as waits are (0 often, then anything from a microsecond to weeks), and of both signs.
const wait = fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e6, noNaN: true }), fc.integer({ min: 1, max: 5 }));
const signed = fc.oneof(wait, wait.map((x) => -x));
const alpha = fc.constantFrom(0.001, 0.005, 0.01, 0.05);

/**
 * The sketch's bound for the type-7 q-quantile of `sorted`: α times the magnitude of the larger of
 * the two order statistics it interpolates (each is within α of its own; the top one is exact).
 */
function within(sorted: Float64Array, q: number, got: number, a: number): void {
  const n = sorted.length;
  const h = (n - 1) * q;
  const lo = Math.floor(h), hi = Math.min(n - 1, lo + 1);
  const exact = quantileSorted(sorted, q);
  const scale = Math.max(Math.abs(sorted[lo] as number), Math.abs(sorted[hi] as number));
  expect(Math.abs(got - exact), `q ${q}: ${got} against ${exact}`).toBeLessThanOrEqual(a * scale * (1 + 1e-9) + 1e-12);
}

describe('QuantileSketch', () => {
  it('gives every quantile within its relative error, the maximum, count and mean exactly (against a full sort)', () => {
    fc.assert(
      fc.property(fc.array(signed, { minLength: 1, maxLength: 400 }), alpha, fc.double({ min: 0, max: 1, noNaN: true }), (xs, a, q) => {
        const s = new QuantileSketch(a);
        xs.forEach((x) => s.add(x));
        const sorted = Float64Array.from(xs).sort();
        for (const p of [0, 0.5, 0.9, 0.99, 1, q]) within(sorted, p, s.quantile(p), a);
        const sum = s.summary();
        expect(sum.max === 0 ? 0 : sum.max).toBe(sorted[sorted.length - 1] === 0 ? 0 : sorted[sorted.length - 1]);
        expect(s.count).toBe(xs.length);
        // The same compensated sum in the same order as the exact store's.
        expect(sum.mean).toBe(summarizeValues(Float64Array.from(xs)).mean);
      }),
      { numRuns: 500 },
    );
  });

  it('merging is adding the other\'s values (quantiles, count and max alike); a clone is independent', () => {
    fc.assert(
      fc.property(fc.array(wait, { maxLength: 200 }), fc.array(wait, { maxLength: 200 }), (xs, ys) => {
        const a = new QuantileSketch(), b = new QuantileSketch(), all = new QuantileSketch();
        xs.forEach((x) => { a.add(x); all.add(x); });
        ys.forEach((y) => { b.add(y); all.add(y); });
        const before = JSON.stringify(a.summary());
        const c = a.clone();
        c.merge(b);
        expect(JSON.stringify(a.summary())).toBe(before);
        for (const p of [0, 0.25, 0.5, 0.9, 0.99, 1]) expect(c.quantile(p)).toBe(all.quantile(p));
        expect([c.count, c.max, c.zeroCount]).toEqual([all.count, all.max, all.zeroCount]);
        if (c.count > 0) expect(Math.abs(c.mean - all.mean)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(all.mean)));
      }),
      { numRuns: 300 },
    );
  });

  it('holds a million waits in a few thousand buckets, deterministically', () => {
    const make = (): QuantileSketch => {
      const s = new QuantileSketch(0.005);
      let x = 12345;
      for (let i = 0; i < 1_000_000; i++) {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        s.add(1e-3 * Math.pow(10, (x / 2 ** 32) * 8)); // 1 ms to 1 day, log-uniform
      }
      return s;
    };
    const a = make();
    // ln(1e8) / ln((1 + α) / (1 − α)) ≈ 1,842 buckets in range; at most 1.5× that, plus 64, with the growth's room.
    expect(a.buckets).toBeLessThan(1.5 * 1842 + 64);
    expect(JSON.stringify(make().summary())).toBe(JSON.stringify(a.summary()));
    expect(() => new QuantileSketch(0)).toThrow(RangeError);
    expect(() => a.add(NaN)).toThrow(RangeError);
  });
});

describe('SampleStore with a bound', () => {
  it('is the exact store to the byte up to exactUpTo values, then within the relative error with the count, max and mean exact', () => {
    fc.assert(
      fc.property(fc.array(signed, { minLength: 1, maxLength: 300 }), fc.nat(200), alpha, fc.array(wait, { maxLength: 20 }), (xs, exactUpTo, a, extra) => {
        const exact = new SampleStore(16);
        const bounded = new SampleStore(16, { exactUpTo, relativeError: a });
        xs.forEach((x) => { exact.add(x); bounded.add(x); });
        const stored = xs.filter((x) => !(x === 0 && 1 / x > 0)).length;
        expect(bounded.sketched).toBe(stored > exactUpTo);
        expect(bounded.count).toBe(exact.count);
        const e = Float64Array.from(extra);
        if (!bounded.sketched) {
          expect(bounded.relativeError).toBe(0);
          expect(JSON.stringify(bounded.summary())).toBe(JSON.stringify(exact.summary()));
          expect(JSON.stringify(bounded.summaryWith(e))).toBe(JSON.stringify(exact.summaryWith(e)));
          return;
        }
        expect(bounded.relativeError).toBe(a);
        expect(() => bounded.sorted()).toThrow(/sketched/);
        const sorted = Float64Array.from([...xs, ...extra]).sort();
        const got = bounded.summaryWith(e), want = exact.summaryWith(e);
        expect([got.mean, got.max === 0 ? 0 : got.max]).toEqual([want.mean, want.max === 0 ? 0 : want.max]);
        within(sorted, 0.5, got.p50, a);
        within(sorted, 0.9, got.p90, a);
        within(sorted, 0.99, got.p99, a);
        expect(bounded.mean).toBe(exact.mean);
      }),
      { numRuns: 500 },
    );
  });

  it('summaryOfAll: exact stores give the summary of all their values in order; with one sketched, within its error', () => {
    fc.assert(
      fc.property(fc.array(fc.array(wait, { maxLength: 80 }), { minLength: 1, maxLength: 4 }), fc.nat(60), (groups, exactUpTo) => {
        const exact = groups.map((g) => { const s = new SampleStore(16); g.forEach((x) => s.add(x)); return s; });
        const bounded = groups.map((g, i) => { const s = new SampleStore(16, i === 0 ? { exactUpTo } : {}); g.forEach((x) => s.add(x)); return s; });
        const extra = groups.map((_, i) => Float64Array.of(i + 0.5));
        const all = Float64Array.from(groups.flatMap((g, i) => [...g.filter((x) => x !== 0), i + 0.5]));
        const zeros = groups.flat().filter((x) => x === 0).length;
        const e = SampleStore.summaryOfAll(exact, extra);
        expect(e.relativeError).toBe(0);
        expect(JSON.stringify(e.summary)).toBe(JSON.stringify(summarizeValues(all, zeros)));
        const b = SampleStore.summaryOfAll(bounded, extra);
        expect(b.relativeError).toBe((bounded[0] as SampleStore).sketched ? 0.005 : 0);
        const sorted = Float64Array.from([...groups.flat(), ...extra.map((x) => x[0] as number)]).sort();
        within(sorted, 0.5, b.summary.p50, 0.005);
        within(sorted, 0.99, b.summary.p99, 0.005);
        expect(b.summary.max).toBe(e.summary.max);
      }),
      { numRuns: 300 },
    );
  });
});
