import { bignumber, divide, factorial, pow, add, type BigNumber } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { mmppStationary } from '../../src/inputs/generators/mmpp.js';
import { erlangB, erlangC, littlesLaw, mm1ProcessorSharing, mmc, mmInfinityTimeAverage, mmppArrivalRate, stationaryDistribution } from '../../src/theory/index.js';

// Erlang B straight from its definition, (a^c/c!) / Σ_{k≤c} a^k/k!, in 64-digit decimals: an
// independent reference for the recurrence.
function erlangBExact(c: number, a: number): number {
  const A = bignumber(a);
  let sum: BigNumber = bignumber(0);
  let last: BigNumber = bignumber(0);
  for (let k = 0; k <= c; k++) {
    last = divide(pow(A, k), factorial(bignumber(k))) as BigNumber;
    sum = add(sum, last) as BigNumber;
  }
  return Number(divide(last, sum));
}

describe('erlangB(c, a)', () => {
  it('matches the textbook table: 10 lines offered 5 Erlangs block 1.84% of calls', () => {
    expect(erlangB(10, 5)).toBeCloseTo(0.018385, 6);
    expect(erlangB(1, 1)).toBe(0.5);
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 15);
    expect(erlangB(0, 3)).toBe(1);
  });

  it('agrees with the definition computed in 64-digit decimals, to 1e-12 relative', () => {
    for (const [c, a] of [[1, 0.5], [5, 3], [20, 15], [50, 45], [120, 100], [200, 230]] as const) {
      expect(Math.abs(erlangB(c, a) / erlangBExact(c, a) - 1)).toBeLessThan(1e-12);
    }
  });

  it('stays finite and accurate for thousands of servers, where a^c/c! overflows a double', () => {
    expect(Math.abs(erlangB(600, 560) / erlangBExact(600, 560) - 1)).toBeLessThan(1e-11);
    const b = erlangB(5000, 4800);
    expect(b).toBeGreaterThan(0);
    expect(b).toBeLessThan(1e-3);
  });

  it('rejects fractional servers and negative load with a message naming the argument', () => {
    expect(() => erlangB(2.5, 1)).toThrow(/erlangB: servers must be a whole number/);
    expect(() => erlangB(2, -1)).toThrow(/erlangB: offered load must be/);
  });
});

describe('erlangC(c, a)', () => {
  it('is ρ for one server and 1/3 for two servers at one Erlang', () => {
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 15);
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 15);
  });

  it('matches the call-centre textbook example: 10 Erlangs on 11, 12, 13 agents wait with 68.2%, 44.9%, 28.5%', () => {
    expect(erlangC(11, 10)).toBeCloseTo(0.6821, 4);
    expect(erlangC(12, 10)).toBeCloseTo(0.4494, 4);
    expect(erlangC(13, 10)).toBeCloseTo(0.2853, 4);
  });

  it('refuses an unstable queue', () => {
    expect(() => erlangC(3, 3)).toThrow(/unstable/);
  });
});

describe('mmc(c, λ, μ)', () => {
  it('reduces to M/M/1: W_q = ρ/(μ − λ), L_q = ρ²/(1 − ρ)', () => {
    const q = mmc(1, 0.8, 1);
    expect(q.meanWait).toBeCloseTo(4, 12);
    expect(q.meanQueueLength).toBeCloseTo(3.2, 12);
    expect(q.meanResponse).toBeCloseTo(5, 12);
  });

  it('gives the wait distribution whose quantiles invert its CDF, with an atom at 0 of mass 1 − C', () => {
    const q = mmc(10, 8, 1);
    expect(q.meanWait).toBeCloseTo(erlangC(10, 8) / 2, 15);
    for (const p of [0.7, 0.9, 0.99, 0.999]) expect(q.waitCdf(q.waitQuantile(p))).toBeCloseTo(p, 12);
    expect(q.waitQuantile(0.5)).toBe(0);
    expect(q.waitCdf(0)).toBeCloseTo(1 - q.probabilityOfWait, 15);
  });

  it('obeys Little\'s law between its means', () => {
    const q = mmc(4, 3, 1);
    expect(littlesLaw({ arrivalRate: 3, meanTime: q.meanResponse }).meanNumber).toBeCloseTo(q.meanInSystem, 12);
  });
});

describe('mm1ProcessorSharing(λ, μ)', () => {
  it('gives every job the slowdown 1/(1 − ρ), so a job\'s response is linear in its size', () => {
    const q = mm1ProcessorSharing(0.75, 1);
    expect(q.meanSlowdown).toBe(4);
    expect(q.responseOf(2)).toBe(8);
    expect(q.meanResponse).toBeCloseTo(4, 12);
    expect(q.meanInSystem).toBeCloseTo(3, 12);
  });
});

describe('littlesLaw(two of L, λ, W)', () => {
  it('computes the third', () => {
    expect(littlesLaw({ arrivalRate: 8, meanTime: 0.5 })).toEqual({ arrivalRate: 8, meanTime: 0.5, meanNumber: 4 });
    expect(littlesLaw({ arrivalRate: 8, meanNumber: 4 }).meanTime).toBe(0.5);
    expect(littlesLaw({ meanNumber: 4, meanTime: 0.5 }).arrivalRate).toBe(8);
  });
  it('refuses three or one of them', () => {
    expect(() => littlesLaw({ arrivalRate: 1, meanTime: 1, meanNumber: 1 } as never)).toThrow(/exactly two/);
  });
});

describe('mmInfinityTimeAverage(λ, m, T)', () => {
  it('is the time average of λm(1 − e^(−t/m)) over [0, T] (checked by the trapezoid rule)', () => {
    const [l, m, T] = [2, 3, 10];
    const steps = 100_000;
    let s = 0;
    for (let i = 0; i <= steps; i++) s += (i === 0 || i === steps ? 0.5 : 1) * l * m * (1 - Math.exp(-(i * T / steps) / m));
    expect(mmInfinityTimeAverage(l, m, T)).toBeCloseTo((s * T) / steps / T, 8);
  });
  it('tends to λm for long runs and to λT/2 for short ones', () => {
    expect(mmInfinityTimeAverage(2, 1, 1e9)).toBeCloseTo(2, 8);
    expect(mmInfinityTimeAverage(2, 1, 1e-6) / (2 * 1e-6 / 2)).toBeCloseTo(1, 5);
  });
});

describe('stationaryDistribution(Q) and mmppArrivalRate(Q, rates)', () => {
  it('solves a two-state chain in closed form: π = (β, α)/(α + β)', () => {
    const pi = stationaryDistribution([[-0.1, 0.1], [0.5, -0.5]]);
    expect(pi[0]).toBeCloseTo(5 / 6, 14);
    expect(pi[1]).toBeCloseTo(1 / 6, 14);
    expect(mmppArrivalRate([[-0.1, 0.1], [0.5, -0.5]], [1, 5])).toBeCloseTo(5 / 6 + 5 / 6, 14);
  });

  it('agrees with the MMPP generator\'s own solver on a three-state chain', () => {
    const spec = { rates: [1, 4, 20], meanSojourn: [300, 60, 20], transitions: [[0, 0.7, 0.3], [0.9, 0, 0.1], [0.5, 0.5, 0]] };
    const Q = [[-1 / 300, 0.7 / 300, 0.3 / 300], [0.9 / 60, -1 / 60, 0.1 / 60], [0.5 / 20, 0.5 / 20, -1 / 20]];
    const theory = stationaryDistribution(Q);
    const generator = mmppStationary(spec);
    theory.forEach((p, i) => expect(p).toBeCloseTo(generator[i] as number, 12));
    // πQ = 0.
    for (let j = 0; j < 3; j++) expect(theory.reduce((s, p, i) => s + p * (Q[i]?.[j] as number), 0)).toBeCloseTo(0, 14);
  });

  it('refuses a chain with no unique stationary distribution', () => {
    expect(() => stationaryDistribution([[0, 0], [0, 0]])).toThrow(/not irreducible/);
    expect(() => stationaryDistribution([[-1, 1]])).toThrow(/square/);
  });
});
