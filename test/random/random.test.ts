import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/errors.js';
import { checkDistribution, compileDistribution, meanOf, type DistributionSpec } from '../../src/random/distributions.js';
import { createRng, RandomStreams, type Rng } from '../../src/random/streams.js';

const draws = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.next());

function stats(xs: ArrayLike<number>): { mean: number; sd: number; min: number; max: number } {
  let m = 0, s = 0, min = Infinity, max = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number, d = x - m;
    m += d / (i + 1);
    s += d * (x - m);
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return { mean: m, sd: Math.sqrt(s / (xs.length - 1)), min, max };
}

function sample(spec: DistributionSpec, n: number, seed = 1): Float64Array {
  const draw = compileDistribution(spec);
  const rng = createRng(seed, `test/${spec.distribution}`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = draw(rng);
  return out;
}

describe('random streams', () => {
  it('createRng() with the same seed and name gives the same sequence, in [0, 1)', () => {
    const a = draws(createRng(7, 'arrival/web'), 1000);
    expect(draws(createRng(7, 'arrival/web'), 1000)).toEqual(a);
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('createRng() gives different sequences for different names and for different seeds, even short ones', () => {
    const base = draws(createRng(1, 'a'), 8);
    expect(draws(createRng(1, 'b'), 8)).not.toEqual(base);
    expect(draws(createRng(2, 'a'), 8)).not.toEqual(base);
    expect(draws(createRng('x', 'a'), 8)).not.toEqual(draws(createRng('y', 'a'), 8));
  });

  it('RandomStreams.get() returns one stream per name, and drawing from one never changes another', () => {
    const s = new RandomStreams(42);
    expect(s.get('arrival/web')).toBe(s.get('arrival/web'));
    const alone = draws(new RandomStreams(42).get('arrival/web'), 100);
    const t = new RandomStreams(42);
    const other = t.get('arrival/batch');
    const web = t.get('arrival/web');
    const mixed: number[] = [];
    for (let i = 0; i < 100; i++) {
      draws(other, i % 3); // interleave draws from another stream
      mixed.push(web.next());
    }
    expect(mixed).toEqual(alone);
  });

  it('createRng() output is uniform: each tenth of [0, 1) gets its share (χ² test)', () => {
    const n = 100_000, bins = new Array<number>(10).fill(0);
    const rng = createRng(3, 'uniformity');
    for (let i = 0; i < n; i++) bins[Math.floor(rng.next() * 10)]! += 1;
    const chi2 = bins.reduce((s, b) => s + (b - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(27.88); // χ²(9) at p = 0.001
  });
});

describe('distributions', () => {
  // The sample mean of n draws is within 5 standard errors of the theoretical mean; the draws are
  // seeded, so this either always holds or always fails, and 5 SE would fail by chance with p < 1e-6.
  it.each<[DistributionSpec, number | undefined]>([
    [{ distribution: 'uniform', min: 1, max: 3 }, Math.sqrt(4 / 12)],
    [{ distribution: 'exponential', mean: 2 }, 2],
    [{ distribution: 'normal', mean: 10, stddev: 1 }, 1],
    [{ distribution: 'lognormal', mean: 30, stddev: 10 }, 10],
    [{ distribution: 'pareto', scale: 2, shape: 3 }, Math.sqrt(3) ], // var = scale²·shape/((shape−1)²(shape−2)) = 4·3/4
    [{ distribution: 'weibull', scale: 10, shape: 1.5 }, undefined],
    [{ distribution: 'weibull', scale: 3, shape: 1 }, 3],
    [{ distribution: 'empirical', values: [1, 2, 10], weights: [1, 2, 1] }, undefined],
  ])('compileDistribution(%j) draws with the theoretical mean (and stddev)', (spec, sd) => {
    const n = 40_000;
    const s = stats(sample(spec, n));
    const se = s.sd / Math.sqrt(n);
    expect(Math.abs(s.mean - meanOf(spec))).toBeLessThan(5 * se);
    if (sd !== undefined) expect(Math.abs(s.sd - sd) / sd).toBeLessThan(0.05);
  });

  it('meanOf() gives the known means', () => {
    expect(meanOf({ distribution: 'constant', value: 4 })).toBe(4);
    expect(meanOf({ distribution: 'uniform', min: 1, max: 3 })).toBe(2);
    expect(meanOf({ distribution: 'pareto', scale: 2, shape: 3 })).toBe(3);
    expect(meanOf({ distribution: 'pareto', scale: 2, shape: 1 })).toBe(Infinity);
    expect(meanOf({ distribution: 'weibull', scale: 10, shape: 1 })).toBeCloseTo(10, 10);
    expect(meanOf({ distribution: 'weibull', scale: 1, shape: 2 })).toBeCloseTo(Math.sqrt(Math.PI) / 2, 10);
    expect(meanOf({ distribution: 'empirical', values: [1, 2, 10], weights: [1, 2, 1] })).toBe(3.75);
    expect(meanOf({ distribution: 'empirical', values: [1, 3] })).toBe(2);
  });

  it('constant draws only its value; uniform stays in [min, max]; pareto never goes below its scale', () => {
    expect(new Set(sample({ distribution: 'constant', value: 2.5 }, 100))).toEqual(new Set([2.5]));
    const u = stats(sample({ distribution: 'uniform', min: 1, max: 3 }, 10_000));
    expect(u.min).toBeGreaterThanOrEqual(1);
    expect(u.max).toBeLessThanOrEqual(3);
    expect(stats(sample({ distribution: 'pareto', scale: 2, shape: 1.2 }, 10_000)).min).toBeGreaterThanOrEqual(2);
  });

  it('normal is truncated at 0: never negative, with the half-normal mean when mean is 0', () => {
    const n = 40_000;
    const s = stats(sample({ distribution: 'normal', mean: 0, stddev: 1 }, n));
    expect(s.min).toBeGreaterThanOrEqual(0);
    // The half-normal: mean √(2/π), sd √(1 − 2/π).
    expect(Math.abs(s.mean - Math.sqrt(2 / Math.PI))).toBeLessThan(5 * Math.sqrt(1 - 2 / Math.PI) / Math.sqrt(n));
    expect(sample({ distribution: 'normal', mean: 3, stddev: 0 }, 5).every((x) => x === 3)).toBe(true);
  });

  it('empirical draws each value with its weight, and never a value of weight 0', () => {
    const n = 50_000;
    const xs = sample({ distribution: 'empirical', values: [5, 6, 7, 8], weights: [1, 0, 3, 6] }, n);
    const count = (v: number) => xs.filter((x) => x === v).length;
    expect(count(6)).toBe(0);
    for (const [v, p] of [[5, 0.1], [7, 0.3], [8, 0.6]] as const) {
      expect(Math.abs(count(v) / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    }
    expect(count(5) + count(7) + count(8)).toBe(n);
  });

  it('compileDistribution() never draws NaN or a negative value, even with extreme valid parameters', () => {
    const extreme: DistributionSpec[] = [
      { distribution: 'lognormal', mean: 1, stddev: 1.3407807929942597e154 }, // (sd/mean)² overflows
      { distribution: 'lognormal', mean: 1e-300, stddev: 1 },
      { distribution: 'lognormal', mean: 5e-324, stddev: 0.5 }, // sd/mean itself overflows
      { distribution: 'lognormal', mean: 1e300, stddev: 1e308 },
      { distribution: 'exponential', mean: 1e308 },
      { distribution: 'pareto', scale: 1, shape: 1e-300 },
      { distribution: 'weibull', scale: 1e308, shape: 1e-3 },
      { distribution: 'normal', mean: 0, stddev: 1e308 },
      { distribution: 'uniform', min: 0, max: 1.7e308 },
      { distribution: 'empirical', values: [1, 2], weights: [1e308, 1e308] }, // total weight overflows
    ];
    for (const spec of extreme) {
      const xs = sample(spec, 2000);
      expect(xs.every((x) => x >= 0), JSON.stringify(spec)).toBe(true); // false for NaN too
    }
    const e = sample({ distribution: 'empirical', values: [1, 2], weights: [1e308, 1e308] }, 2000);
    expect(e.filter((x) => x === 1).length).toBeGreaterThan(800); // both values, equally likely
    expect(e.filter((x) => x === 2).length).toBeGreaterThan(800);
  });

  it('compileDistribution() of any valid spec draws finite non-negative values', () => {
    const pos = fc.double({ min: 0.01, max: 100, noNaN: true });
    const spec: fc.Arbitrary<DistributionSpec> = fc.oneof(
      fc.record({ distribution: fc.constant('constant' as const), value: fc.double({ min: 0, max: 100, noNaN: true }) }),
      fc.tuple(fc.double({ min: 0, max: 50, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true })).map(([a, w]) => ({ distribution: 'uniform' as const, min: a, max: a + w })),
      fc.record({ distribution: fc.constant('exponential' as const), mean: pos }),
      fc.record({ distribution: fc.constantFrom('normal' as const, 'lognormal' as const), mean: pos, stddev: fc.double({ min: 0, max: 100, noNaN: true }) }),
      fc.record({ distribution: fc.constantFrom('pareto' as const, 'weibull' as const), scale: pos, shape: fc.double({ min: 0.2, max: 10, noNaN: true }) }),
      fc.array(fc.tuple(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0.01, max: 10, noNaN: true })), { minLength: 1, maxLength: 5 })
        .map((vw) => ({ distribution: 'empirical' as const, values: vw.map((x) => x[0]), weights: vw.map((x) => x[1]) })),
    );
    fc.assert(
      fc.property(spec, fc.integer(), (s, seed) => {
        const issues: Issue[] = [];
        checkDistribution(s, 'd', issues);
        expect(issues).toEqual([]);
        const xs = sample(s, 50, seed);
        expect(xs.every((x) => Number.isFinite(x) && x >= 0)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('checkDistribution', () => {
  const problems = (spec: DistributionSpec, nonNegative = true) => {
    const issues: Issue[] = [];
    checkDistribution(spec, 'workloads[0].duration', issues, nonNegative);
    return issues.map((i) => `${i.path}: ${i.message}`);
  };

  it('checkDistribution() reports each bad parameter with its path and reason', () => {
    expect(problems({ distribution: 'uniform', min: 5, max: 1 })).toEqual(['workloads[0].duration.max: must be at least min (5), got 1']);
    expect(problems({ distribution: 'exponential', mean: 0 })).toEqual(['workloads[0].duration.mean: must be greater than 0, got 0']);
    expect(problems({ distribution: 'constant', value: -1 })).toEqual(['workloads[0].duration.value: must be at least 0, got -1']);
    expect(problems({ distribution: 'normal', mean: -1, stddev: -2 })).toEqual([
      'workloads[0].duration.mean: must be at least 0, got -1',
      'workloads[0].duration.stddev: must be at least 0, got -2',
    ]);
    expect(problems({ distribution: 'lognormal', mean: 0, stddev: 1 })).toEqual(['workloads[0].duration.mean: must be greater than 0, got 0']);
    expect(problems({ distribution: 'pareto', scale: 0, shape: -1 })).toHaveLength(2);
    expect(problems({ distribution: 'weibull', scale: Number.NaN, shape: 1 })).toEqual(['workloads[0].duration.scale: must be a finite number, got NaN']);
  });

  it('checkDistribution() reports every problem of an empirical distribution', () => {
    expect(problems({ distribution: 'empirical', values: [] })).toEqual(['workloads[0].duration.values: must list at least one value']);
    expect(problems({ distribution: 'empirical', values: [1, -2, Number.POSITIVE_INFINITY], weights: [0, -1] })).toEqual([
      'workloads[0].duration.values[1]: must be at least 0, got -2',
      'workloads[0].duration.values[2]: must be a finite number, got Infinity',
      'workloads[0].duration.weights: must have one weight per value (3), got 2',
      'workloads[0].duration.weights[1]: must be at least 0, got -1',
    ]);
    expect(problems({ distribution: 'empirical', values: [1, 2], weights: [0, 0] })).toEqual(['workloads[0].duration.weights: must not all be zero']);
  });

  it('checkDistribution() with nonNegative false accepts negative values', () => {
    expect(problems({ distribution: 'constant', value: -1 }, false)).toEqual([]);
    expect(problems({ distribution: 'uniform', min: -3, max: -1 }, false)).toEqual([]);
  });
});
