import fc from 'fast-check';
import { inv, matrix, subtract, type Matrix } from 'mathjs';
import { CronExpressionParser } from 'cron-parser';
import { describe, expect, it } from 'vitest';
import { PodsimError } from '../../src/errors.js';
import { simulate } from '../../src/index.js';
import {
  arrivalsWorkload, batchJob, cronArrivals, cronWorkload, diurnalArrivals, diurnalRate, longRunningService, mmppArrivals,
  mmppGenerator, mmppMeanRate, mmppStationary, piecewiseArrivals, piecewiseRate, thinningArrivals, tryCronArrivals,
} from '../../src/inputs/index.js';
import { createRng } from '../../src/random/streams.js';

// Thinning yields an exact non-homogeneous Poisson process, so N(0, T) ~ Poisson(Λ) with Λ = ∫ rate.
// We accept |N − Λ| ≤ 5√Λ: for Λ ≥ 100 the normal approximation holds and a false failure has
// probability ≈ 5.7e-7 per run (about 3e-5 over a 50-run property).
const within5Sigma = (n: number, mean: number, variance = mean) => Math.abs(n - mean) <= 5 * Math.sqrt(variance) + 1;

function increasingWithin(times: readonly number[], a: number, b: number): void {
  let bad = -1;
  for (let i = 0; i < times.length && bad < 0; i++) {
    const t = times[i] as number;
    if (!(t >= a && t <= b && (i === 0 || t >= (times[i - 1] as number)))) bad = i;
  }
  expect(bad, `time ${bad} out of order or outside [${a}, ${b}]`).toBe(-1);
}

describe('non-homogeneous Poisson arrivals by thinning', () => {
  it('the diurnal rate model has the stated shape, bound and exact integral', () => {
    const m = diurnalRate({ base: 2, amplitude: 0.5, period: 100, phase: 10 });
    expect(m.rate(10)).toBeCloseTo(2);
    expect(m.rate(35)).toBeCloseTo(3);
    expect(m.max).toBe(3);
    expect(m.integral(0, 100)).toBeCloseTo(200, 9);
    expect(m.integral(10, 60)).toBeCloseTo(100 + (2 * 0.5 * 100) / Math.PI, 9);
  });

  it('property: the diurnal count over [0, T] is within 5σ of ∫ rate, and times are increasing inside [0, T]', () => {
    fc.assert(fc.property(
      fc.double({ min: 0.5, max: 5, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 50, max: 5000, noNaN: true }),
      fc.double({ min: 0, max: 5000, noNaN: true }), fc.double({ min: 500, max: 8000, noNaN: true }), fc.integer(),
      (base, amplitude, period, phase, T, seed) => {
        const m = diurnalRate({ base, amplitude, period, phase });
        const times = thinningArrivals(m, { horizon: T, seed });
        increasingWithin(times, 0, T);
        expect(within5Sigma(times.length, m.integral(0, T))).toBe(true);
      }), { numRuns: 50 });
  });

  it('diurnal counts per hour follow the sinusoid (chi-square over 24 bins below the p = 1e-6 critical value 67.0 for 23 degrees of freedom)', () => {
    const spec = { base: 0.5, amplitude: 0.9, period: 86_400, phase: 21_600 };
    const days = 5;
    const times = diurnalArrivals(spec, { horizon: days * 86_400, seed: 11, stream: 'diurnal' });
    const m = diurnalRate(spec);
    const counts = new Array<number>(24).fill(0);
    for (const t of times) counts[Math.floor((t % 86_400) / 3600)]! += 1;
    let chi2 = 0;
    counts.forEach((c, h) => { const e = days * m.integral(h * 3600, (h + 1) * 3600); chi2 += (c - e) ** 2 / e; });
    expect(chi2).toBeLessThan(67.0);
    // The peak hour (06:00 + 6 h = 12:00) gets many times more arrivals than the trough (00:00).
    expect(counts[12]! / counts[0]!).toBeGreaterThan(5);
  });

  it('property: piecewise-constant rates give counts within 5σ of ∫ rate in every piece, repeating with the period', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { minLength: 1, maxLength: 5 }), fc.integer(), (rates, seed) => {
      const times = rates.map((_, i) => i * 1000);
      const period = rates.length * 1000;
      const spec = { times, rates, period };
      const m = piecewiseRate(spec);
      const T = 2 * period;
      const arr = piecewiseArrivals(spec, { horizon: T, seed });
      increasingWithin(arr, 0, T);
      expect(within5Sigma(arr.length, m.integral(0, T))).toBe(true);
      rates.forEach((r, i) => {
        const inPiece = arr.filter((t) => Math.floor((t % period) / 1000) === i).length;
        expect(within5Sigma(inPiece, 2 * 1000 * r)).toBe(true);
      });
    }), { numRuns: 40 });
  });

  it('piecewise integrals are exact, with and without a period', () => {
    const m = piecewiseRate({ times: [0, 10], rates: [1, 3] });
    expect(m.rate(5)).toBe(1);
    expect(m.rate(12)).toBe(3);
    expect(m.integral(0, 20)).toBe(40);
    const p = piecewiseRate({ times: [0, 10], rates: [1, 3], period: 15 });
    expect(p.rate(16)).toBe(1);
    expect(p.integral(0, 30)).toBe(50);
    expect(p.integral(5, 20)).toBe(5 + 15 + 5);
  });

  it('the same seed and stream give the same arrivals; another stream gives others', () => {
    const spec = { base: 1, amplitude: 0.5, period: 600 };
    const a = diurnalArrivals(spec, { horizon: 600, seed: 3, stream: 'web' });
    expect(diurnalArrivals(spec, { horizon: 600, seed: 3, stream: 'web' })).toEqual(a);
    expect(diurnalArrivals(spec, { horizon: 600, seed: 3, stream: 'api' })).not.toEqual(a);
    expect(diurnalArrivals(spec, { horizon: 600, rng: createRng(3, 'web') })).toEqual(a);
  });

  it('bad parameters throw a PodsimError naming each one', () => {
    expect(() => diurnalRate({ base: -1, amplitude: 2, period: 0 })).toThrow(PodsimError);
    try { diurnalRate({ base: -1, amplitude: 2, period: 0 }); } catch (e) { expect((e as PodsimError).issues.map((i) => i.path)).toEqual(['base', 'amplitude', 'period']); }
    expect(() => piecewiseRate({ times: [1, 1], rates: [1] })).toThrow(PodsimError);
    expect(() => thinningArrivals({ rate: () => 5, max: 1, integral: () => 0 }, { horizon: 100 })).toThrow(/exceeds the bound/);
    expect(() => diurnalArrivals({ base: 10, amplitude: 0 }, { horizon: 1000, maxArrivals: 5 })).toThrow(/more than 5 arrivals/);
  });
});

/** Asymptotic variance rate of MMPP counts: λ̄ + 2 Σᵢⱼ πᵢ λᵢ Dᵢⱼ λⱼ with the deviation matrix D = (1π − Q)⁻¹ − 1π. */
function mmppVarianceRate(Q: number[][], pi: number[], rates: number[]): number {
  const n = Q.length;
  const onePi = pi.map(() => pi);
  const D = subtract(inv(matrix(subtract(onePi, Q) as number[][])), matrix(onePi)) as Matrix;
  const Dv = (D.toArray() as number[][]);
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s += (pi[i] as number) * (rates[i] as number) * (Dv[i]![j] as number) * (rates[j] as number);
  const mean = pi.reduce((a, p, i) => a + p * (rates[i] as number), 0);
  return mean + 2 * s;
}

describe('bursty arrivals: Markov-modulated Poisson process', () => {
  it('the stationary distribution of a two-state chain is π₁ = q₂₁ / (q₁₂ + q₂₁)', () => {
    const spec = { rates: [1, 20], meanSojourn: [600, 60] };
    expect(mmppGenerator(spec)).toEqual([[-1 / 600, 1 / 600], [1 / 60, -1 / 60]]);
    const pi = mmppStationary(spec);
    expect(pi[0]).toBeCloseTo((1 / 60) / (1 / 600 + 1 / 60), 12);
    expect(mmppMeanRate(spec)).toBeCloseTo((pi[0] as number) * 1 + (pi[1] as number) * 20, 12);
  });

  it('property: the long-run rate over a long horizon matches Σ πᵢ λᵢ within 5σ of the MMPP count variance', () => {
    const state = fc.record({ rate: fc.double({ min: 0, max: 5, noNaN: true }), sojourn: fc.double({ min: 0.5, max: 5, noNaN: true }) });
    fc.assert(fc.property(fc.array(state, { minLength: 2, maxLength: 3 }), fc.integer(), (states, seed) => {
      const spec = { rates: states.map((s) => s.rate), meanSojourn: states.map((s) => s.sojourn) };
      const Q = mmppGenerator(spec);
      const pi = mmppStationary(spec);
      const T = 20_000;
      const times = mmppArrivals(spec, { horizon: T, seed });
      increasingWithin(times, 0, T);
      const mean = mmppMeanRate(spec) * T;
      expect(within5Sigma(times.length, mean, mmppVarianceRate(Q, pi, spec.rates) * T)).toBe(true);
    }), { numRuns: 20 });
  });

  it('property: a full generator matrix works the same way', () => {
    const off = fc.double({ min: 0.05, max: 2, noNaN: true });
    fc.assert(fc.property(fc.tuple(off, off, off, off, off, off), fc.tuple(fc.double({ min: 0, max: 4, noNaN: true }), fc.double({ min: 0, max: 4, noNaN: true }), fc.double({ min: 0, max: 4, noNaN: true })), fc.integer(), (q, rates, seed) => {
      const [a, b, c, d, e, f] = q;
      const generator = [[-(a + b), a, b], [c, -(c + d), d], [e, f, -(e + f)]];
      const spec = { rates: [...rates], generator };
      const T = 10_000;
      const n = mmppArrivals(spec, { horizon: T, seed }).length;
      expect(within5Sigma(n, mmppMeanRate(spec) * T, mmppVarianceRate(generator, mmppStationary(spec), spec.rates) * T)).toBe(true);
    }), { numRuns: 15 });
  });

  it('is bursty: the variance of counts per window exceeds their mean (a Poisson process has them equal)', () => {
    const times = mmppArrivals({ rates: [0.2, 10], meanSojourn: [100, 20] }, { horizon: 200_000, seed: 5 });
    const w = 50;
    const counts = new Array<number>(200_000 / w).fill(0);
    for (const t of times) counts[Math.floor(t / w)]! += 1;
    const mean = counts.reduce((a, x) => a + x, 0) / counts.length;
    const variance = counts.reduce((a, x) => a + (x - mean) ** 2, 0) / (counts.length - 1);
    expect(variance / mean).toBeGreaterThan(5);
  });

  it('bad specs throw a PodsimError naming each problem', () => {
    expect(() => mmppGenerator({ rates: [1, -2], meanSojourn: [0, 1] })).toThrow(PodsimError);
    expect(() => mmppGenerator({ rates: [1, 2], generator: [[-1, 2], [1, -1]] })).toThrow(/sum to 0/);
    expect(() => mmppStationary({ rates: [1, 2, 3], generator: [[-1, 1, 0], [1, -1, 0], [0, 0, 0]] })).toThrow(/irreducible/);
    expect(() => mmppGenerator({ rates: [1, 2] })).toThrow(/generator matrix or meanSojourn/);
  });
});

describe('cron schedules', () => {
  it('turns Kubernetes schedules into arrival times from time 0 = start', () => {
    expect(cronArrivals('0 * * * *', { horizon: 3 * 3600 })).toEqual([0, 3600, 7200, 10800]);
    expect(cronArrivals('@daily', { horizon: 2 * 86400, start: '2024-01-01T12:00:00Z' })).toEqual([43200, 129600]);
    expect(cronArrivals('@every 90s', { horizon: 300 })).toEqual([90, 180, 270]);
    expect(cronArrivals('0 9 * * MON-FRI', { horizon: 7 * 86400, start: '2024-01-06T00:00:00Z', timeZone: 'Europe/Paris' })).toEqual([2, 3, 4, 5, 6].map((d) => d * 86400 + 8 * 3600));
  });

  it('refuses schedules Kubernetes refuses, with a reason', () => {
    for (const bad of ['61 * * * *', '* * * *', '0 0 * * * *', 'H * * * *', '0 0 L * *', 'TZ=UTC 0 * * * *', '@sometimes']) {
      expect(tryCronArrivals(bad, { horizon: 3600 }).ok, bad).toBe(false);
    }
    expect(() => cronArrivals('nope', { horizon: 10 })).toThrow(PodsimError);
  });

  it("property: the fast UTC enumeration gives exactly cron-parser's iterator times", () => {
    const field = (min: number, max: number) => fc.oneof(
      fc.constant('*'),
      fc.integer({ min, max }).map(String),
      fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
      fc.integer({ min: 2, max: 7 }).map((s) => `*/${s}`),
      fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).filter(([a, b]) => a !== b).map(([a, b]) => `${a},${b}`),
    );
    fc.assert(fc.property(field(0, 59), field(0, 23), field(1, 31), field(1, 12), field(0, 6), fc.integer({ min: 0, max: 2_000_000_000 }), (mi, h, dom, mon, dow, startS) => {
      const expr = `${mi} ${h} ${dom} ${mon} ${dow}`;
      const start = startS * 1000;
      const horizon = 3 * 86400;
      const fast = tryCronArrivals(expr, { horizon, start });
      const slow: number[] = [];
      const it = CronExpressionParser.parse(expr, { currentDate: new Date(start - 1), endDate: new Date(start + horizon * 1000), tz: 'UTC' });
      while (it.hasNext() && slow.length <= 100_000) slow.push((it.next().getTime() - start) / 1000);
      expect(fast.ok).toBe(true);
      if (fast.ok) expect(fast.times).toEqual(slow.filter((t) => t <= horizon));
    }), { numRuns: 25 });
  });
});

describe('cron schedules over month and year ends', () => {
  it('sparse schedules across a year and a leap day match cron-parser', () => {
    const start = Date.parse('2023-12-30T17:00:00Z');
    const horizon = 430 * 86400;
    for (const expr of ['0 0 29 2 *', '30 4 1,15 * *', '0 12 * * 0', '0 0 31 * *', '15 10 1 1,6 1-5', '0 6 */10 * *']) {
      const fast = tryCronArrivals(expr, { horizon, start });
      const slow: number[] = [];
      const it = CronExpressionParser.parse(expr, { currentDate: new Date(start - 1), endDate: new Date(start + horizon * 1000), tz: 'UTC' });
      while (it.hasNext()) slow.push((it.next().getTime() - start) / 1000);
      expect(fast.ok && fast.times, expr).toEqual(slow);
    }
  });
});

describe('workload builders', () => {
  const request = { cpu: '500m', memory: '1Gi' };
  it('batchJob arrives in waves of parallelism spaced by the mean duration', () => {
    const w = batchJob({ name: 'etl', tasks: 5, parallelism: 2, at: 10, duration: { distribution: 'constant', value: 60 }, request });
    expect(w).toEqual({ name: 'etl', arrival: { process: 'explicit', times: [10, 10, 70, 70, 130] }, duration: { distribution: 'constant', value: 60 }, request });
  });

  it('longRunningService arrives all at once and runs to the end; cronWorkload fires a batch per schedule time', () => {
    expect(longRunningService({ name: 'web', replicas: 3, request, image: 'nginx' })).toEqual({ name: 'web', arrival: { process: 'explicit', times: [0, 0, 0] }, request, image: 'nginx' });
    const c = cronWorkload({ name: 'backup', schedule: '0 */6 * * *', horizon: 86400, tasks: 2, duration: { distribution: 'constant', value: 600 }, request });
    expect(c.arrival).toEqual({ process: 'explicit', times: [0, 0, 21600, 21600, 43200, 43200, 64800, 64800, 86400, 86400] });
  });

  it('generated workloads run through simulate()', () => {
    const api = arrivalsWorkload({ name: 'api', times: mmppArrivals({ rates: [0.5, 5], meanSojourn: [60, 10] }, { horizon: 600, seed: 1 }), duration: { distribution: 'exponential', mean: 5 }, request: { cpu: '250m' } });
    const scenario = {
      hosts: [{ name: 'n', count: 2, capacity: { cpu: 8, memory: '32Gi' } }],
      workloads: [
        api,
        longRunningService({ name: 'web', replicas: 3, request }),
        batchJob({ name: 'etl', tasks: 4, parallelism: 2, duration: { distribution: 'constant', value: 30 }, request }),
      ],
    };
    const r = simulate(scenario);
    expect(r.containers.submitted).toBe((api.arrival as { times: number[] }).times.length + 3 + 4);
    expect(r.containers.running).toBe(3);
  });

  it('bad builder parameters throw a PodsimError', () => {
    expect(() => batchJob({ name: 'x', tasks: -1, duration: { distribution: 'constant', value: 1 }, request })).toThrow(PodsimError);
    expect(() => longRunningService({ name: 'x', replicas: 1.5, request })).toThrow(PodsimError);
    expect(() => arrivalsWorkload({ name: 'x', times: [Number.NaN], request })).toThrow(PodsimError);
  });
});
