import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SampleStore, SampleTable, quantileSorted, summarizeValues } from '../../src/metrics/index.js';

// The sign of a zero is not part of a summary (JSON writes both as 0).
const unsigned = (xs: number[]): number[] => xs.map((x) => (x === 0 ? 0 : x));

describe('SampleStore.summary()', () => {
  it('selects exactly the quantiles a full sort gives, runs of equal values included', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 100, noNaN: true }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 300 }), (xs) => {
        const s = new SampleStore();
        xs.forEach((x) => s.add(x));
        const sorted = Float64Array.from(xs).sort();
        const sum = s.summary();
        expect([sum.p50, sum.p90, sum.p99, sum.max]).toEqual([quantileSorted(sorted, 0.5), quantileSorted(sorted, 0.9), quantileSorted(sorted, 0.99), sorted[sorted.length - 1]]);
      }),
      { numRuns: 1000 },
    );
  });

  it('ranks the zeros it does not store among negative, zero and positive values as a full sort does', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.constant(-0), fc.double({ min: -100, max: 100, noNaN: true }), fc.integer({ min: -3, max: 3 })), { minLength: 1, maxLength: 300 }), (xs) => {
        const s = new SampleStore();
        xs.forEach((x) => s.add(x));
        const sorted = Float64Array.from(xs).sort();
        const sum = s.summary();
        expect(unsigned([sum.p50, sum.p90, sum.p99, sum.max])).toEqual(unsigned([quantileSorted(sorted, 0.5), quantileSorted(sorted, 0.9), quantileSorted(sorted, 0.99), sorted[sorted.length - 1] as number]));
      }),
      { numRuns: 1000 },
    );
  });

  it('summarizeValues(values, zeros) is the summary of the values with that many zeros among them', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { maxLength: 100 }), fc.nat(200), (xs, zeros) => {
        const withZeros = summarizeValues(Float64Array.from([...xs, ...new Array<number>(zeros).fill(0)]));
        const counted = summarizeValues(Float64Array.from(xs), zeros);
        expect(unsigned(Object.values(counted))).toEqual(unsigned(Object.values(withZeros)));
      }),
      { numRuns: 500 },
    );
  });

  it('counts zeros without storing them: count, mean and sorted() include them', () => {
    const s = new SampleStore();
    for (const x of [0, 4, 0, 2, 0, -0]) s.add(x);
    expect(s.count).toBe(6);
    expect(s.mean).toBe(1);
    expect(Array.from(s.sorted())).toEqual([-0, 0, 0, 0, 2, 4]);
    expect(s.summary()).toMatchObject({ mean: 1, p50: 0, max: 4 });
  });

  it('handles a million equal values in linear time', () => {
    const s = new SampleStore();
    for (let i = 0; i < 1_000_000; i++) s.add(0);
    s.add(5);
    expect(s.summary()).toMatchObject({ p50: 0, p99: 0, max: 5 });
  });
});

describe('SampleTable', () => {
  it('summarises each column as a SampleStore of that column would, leaving out NaN', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -50, max: 50, noNaN: true }), fc.option(fc.double({ min: 0, max: 9, noNaN: true }), { nil: undefined })), { maxLength: 200 }), (rows) => {
        const t = new SampleTable(2, 1); // starts tiny, so it grows
        const a = new SampleStore(), b = new SampleStore();
        for (const [x, y] of rows) {
          const o = t.append();
          t.values[o] = x;
          t.values[o + 1] = y ?? NaN;
          a.add(x);
          if (y !== undefined) b.add(y);
        }
        expect(t.count).toBe(rows.length);
        expect(t.summary(0)).toEqual(a.summary());
        expect(t.summary(1)).toEqual(b.summary());
      }),
      { numRuns: 300 },
    );
  });
});

describe('SampleStore.summary() on long runs (the selection samples a range around each rank first)', () => {
  it('selects exactly the quantiles a full sort gives, few distinct values and many included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 601, max: 6000 }), fc.integer({ min: 1, max: 2000 }), fc.nat(3000), fc.integer(), (n, distinct, zeros, seed) => {
        // A small linear congruential stream: values from `distinct` levels, some negative.
        let x = seed >>> 0;
        const xs = Array.from({ length: n }, () => {
          x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
          return (x % distinct) - (distinct >> 3) + 0.25;
        });
        for (const values of [Float64Array.from(xs), Float64Array.from(xs.map(Math.abs))]) {
          const sorted = Float64Array.from([...values, ...new Array<number>(zeros).fill(0)]).sort();
          const sum = summarizeValues(values.slice(), zeros);
          expect([sum.p50, sum.p90, sum.p99, sum.max]).toEqual([quantileSorted(sorted, 0.5), quantileSorted(sorted, 0.9), quantileSorted(sorted, 0.99), sorted[sorted.length - 1]]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('handles a million equal values it stores in linear time', () => {
    const s = new SampleStore();
    for (let i = 0; i < 1_000_000; i++) s.add(3);
    s.add(5);
    s.add(0);
    expect(s.summary()).toMatchObject({ p50: 3, p99: 3, max: 5 });
  });
});
