import { describe, expect, it } from 'vitest';
import { decideSlo } from '../../src/experiments/slo-decision.js';
import { meanInterval, pairedInterval } from '../../src/experiments/interval.js';
import { mser5 } from '../../src/experiments/mser5.js';
import { nextReplications } from '../../src/experiments/sequential.js';
import { replicationSeed } from '../../src/experiments/replication-seed.js';
import { studentTQuantile, studentTTwoSided } from '../../src/experiments/student-t.js';
import { createRng } from '../../src/random/streams.js';

describe('studentTQuantile(p, df)', () => {
  it('matches R\'s qt() to 1e-10 at the levels intervals use', () => {
    // qt(c(.975, .95, .995), df) in R 4.3.
    const table: [number, number, number][] = [
      [0.975, 1, 12.7062047361747], [0.975, 2, 4.30265272974946], [0.975, 4, 2.77644510519779],
      [0.975, 9, 2.26215716279820], [0.975, 29, 2.04522964213270], [0.975, 100, 1.98397151852355],
      [0.975, 1000, 1.96233908082641], [0.95, 9, 1.83311293265624], [0.95, 29, 1.69912702653350],
      [0.995, 5, 4.03214298355523], [0.995, 30, 2.74999565356722],
    ];
    for (const [p, df, t] of table) expect(Math.abs(studentTQuantile(p, df) - t)).toBeLessThan(1e-10);
  });

  it('is odd around 1/2 and inverts the CDF', () => {
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(0.025, 9)).toBeCloseTo(-studentTQuantile(0.975, 9), 14);
    for (const df of [1, 2, 3, 8, 51]) expect(studentTTwoSided(studentTQuantile(0.9, df), df)).toBeCloseTo(0.8, 12);
  });

  it('refuses p outside (0, 1) and fractional degrees of freedom', () => {
    expect(() => studentTQuantile(1, 3)).toThrow(/strictly between 0 and 1/);
    expect(() => studentTQuantile(0.9, 2.5)).toThrow(/whole number/);
  });
});

describe('meanInterval(values, confidence)', () => {
  it('is mean ± t·s/√n', () => {
    const xs = [9.8, 10.1, 10.3, 9.9, 10.0];
    const i = meanInterval(xs, 0.95);
    const s = Math.sqrt(xs.reduce((a, x) => a + (x - 10.02) ** 2, 0) / 4);
    expect(i.mean).toBeCloseTo(10.02, 12);
    expect(i.stddev).toBeCloseTo(s, 12);
    expect(i.halfWidth).toBeCloseTo((2.77644510519779 * s) / Math.sqrt(5), 12);
    expect(i.ci).toEqual([i.mean - i.halfWidth, i.mean + i.halfWidth]);
  });

  it('has zero width for identical values and an unbounded one for a single value', () => {
    expect(meanInterval([3, 3, 3])).toMatchObject({ mean: 3, stddev: 0, halfWidth: 0, ci: [3, 3] });
    expect(meanInterval([3])).toMatchObject({ n: 1, halfWidth: Infinity });
  });
});

describe('pairedInterval(a, b)', () => {
  it('is exactly 0 with zero width for identical samples, and swapping flips its sign', () => {
    const a = [1.5, 2.25, 0.125], b = [1, 2.5, 0.5];
    expect(pairedInterval(a, a)).toMatchObject({ mean: 0, halfWidth: 0, ci: [0, 0], n: 3 });
    const ab = pairedInterval(a, b), ba = pairedInterval(b, a);
    expect(ba.mean).toBe(-ab.mean);
    expect(ba.halfWidth).toBe(ab.halfWidth);
    expect(ba.ci).toEqual([-ab.ci[1], -ab.ci[0]]);
  });

  it('pairs the replications both have', () => {
    expect(pairedInterval([1, 2, 3, 4], [0, 1]).n).toBe(2);
  });
});

describe('nextReplications(interval, relativeHalfWidth, max)', () => {
  it('stops at the target, stops at max, and otherwise asks for more, at most doubling', () => {
    expect(nextReplications(meanInterval([10, 10.1, 9.9, 10, 10.05]), 0.05, 100, 0.95)).toEqual({ stopped: 'target' });
    expect(nextReplications(meanInterval([1, 5, 2, 8, 3]), 0.01, 5, 0.95)).toEqual({ stopped: 'max' });
    const more = nextReplications(meanInterval([10, 12, 9, 11, 13]), 0.05, 200, 0.95);
    expect(more).toEqual({ next: 10 });
    const few = nextReplications(meanInterval([10, 10.6, 9.5, 10.2, 10.4]), 0.05, 200, 0.95) as { next: number };
    expect(few.next).toBeGreaterThan(5);
    expect(few.next).toBeLessThan(10);
  });
});

describe('mser5(series)', () => {
  it('deletes a decaying start and keeps a stationary series whole', () => {
    const rng = createRng(3, 'mser');
    const noise = () => rng.next() - 0.5;
    const transient = Array.from({ length: 500 }, (_, i) => 10 * Math.exp(-i / 20) + noise());
    const m = mser5(transient);
    expect(m.reliable).toBe(true);
    expect(m.samples % 5).toBe(0);
    expect(m.samples).toBeGreaterThanOrEqual(40);
    expect(m.samples).toBeLessThanOrEqual(150);
    const flat = Array.from({ length: 500 }, noise);
    expect(mser5(flat).samples).toBeLessThan(100);
  });

  it('flags a series too short to tell', () => {
    expect(mser5([1, 2, 3])).toEqual({ samples: 0, batches: 0, reliable: false });
    const rising = Array.from({ length: 100 }, (_, i) => i);
    expect(mser5(rising).reliable).toBe(false);
  });
});

describe('replicationSeed(seed, r)', () => {
  it('keeps the scenario\'s seed for replication 0 and derives distinct ones after', () => {
    expect(replicationSeed(7, 0)).toBe(7);
    expect(replicationSeed(7, 3)).toBe('7#r3');
    expect(replicationSeed('a', 1)).toBe('a#r1');
    expect(() => replicationSeed(1, -1)).toThrow(RangeError);
  });
});

describe('decideSlo(samples, slo, confidence)', () => {
  it('meets, fails or stays undecided on one-sided Bonferroni bounds', () => {
    const s = { 'wait.p99': [0.5, 0.6, 0.55, 0.52, 0.58] };
    expect(decideSlo(s, { 'wait.p99': { max: 1 } }, 0.95).status).toBe('meets');
    expect(decideSlo(s, { 'wait.p99': { max: 0.3 } }, 0.95).status).toBe('fails');
    expect(decideSlo(s, { 'wait.p99': { max: 0.56 } }, 0.95).status).toBe('undecided');
    expect(decideSlo(s, { 'wait.p99': { min: 0.3, max: 1 } }, 0.95).status).toBe('meets');
    // Two bounds: each at 97.5% one-sided, so the upper bound is wider than with one.
    const one = decideSlo(s, { 'wait.p99': { max: 1 } }, 0.95).bounds['wait.p99']?.upper as number;
    const two = decideSlo(s, { 'wait.p99': { min: 0, max: 1 } }, 0.95).bounds['wait.p99']?.upper as number;
    expect(two).toBeGreaterThan(one);
  });
});
