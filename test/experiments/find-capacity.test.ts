import { describe, expect, it } from 'vitest';
import { findCapacity, PodsimError, type Scenario } from '../../src/index.js';
import { mmc } from '../../src/theory/index.js';

// An M/M/c queue: each host holds exactly one container, so c = hosts[0].count.
function mmcScenario(rate: number, meanDuration: number, count = 20_000): Scenario {
  return {
    seed: 11,
    hosts: [{ name: 'server', count: 1, capacity: { cpu: 1, memory: '4Gi' } }],
    workloads: [{ name: 'job', count, arrival: { process: 'poisson', rate }, duration: { distribution: 'exponential', mean: meanDuration }, request: { cpu: 1, memory: '1Gi' } }],
  };
}

/** The Erlang C answer: the smallest c with a stable queue whose metric is at most `max`. */
function erlangAnswer(rate: number, mean: number, metric: (q: ReturnType<typeof mmc>) => number, max: number): number {
  for (let c = Math.floor(rate * mean) + 1; ; c++) if (metric(mmc(c, rate, 1 / mean)) <= max) return c;
}

describe('findCapacity({ vary, range, slo })', () => {
  // Thresholds sit between the values at c* − 1 and c*, at least 25% clear of both.
  const cases = [
    { rate: 8, mean: 1, metric: 'wait.mean', max: 0.13, theory: (q: ReturnType<typeof mmc>) => q.meanWait },
    { rate: 3, mean: 10, metric: 'wait.mean', max: 0.45, theory: (q: ReturnType<typeof mmc>) => q.meanWait },
    { rate: 8, mean: 1, metric: 'wait.p99', max: 0.84, theory: (q: ReturnType<typeof mmc>) => q.waitQuantile(0.99) },
  ];
  for (const { rate, mean, metric, max, theory } of cases) {
    const expected = erlangAnswer(rate, mean, theory, max);
    it(`finds the Erlang C answer on M/M/c with λ=${rate}, 1/μ=${mean}, ${metric} ≤ ${max} (c = ${expected}), with and without the analytic bracket`, async () => {
      const below = theory(mmc(expected - 1, rate, 1 / mean));
      expect(below / max).toBeGreaterThan(1.25);
      expect(max / theory(mmc(expected, rate, 1 / mean))).toBeGreaterThan(1.25);
      const options = { scenario: mmcScenario(rate, mean), vary: 'hosts[0].count', range: [1, 200] as const, slo: { [metric]: { max } }, workers: 1 };
      const bracketed = await findCapacity(options);
      expect(bracketed).toMatchObject({ found: true, value: expected, confirmed: true, neighbour: { value: expected - 1, status: 'fails' }, analytic: { value: expected } });
      // From the estimate, the search needs only the answer and its neighbour.
      expect(bracketed.evidence.map((e) => e.value)).toEqual([expected, expected - 1]);
      const blind = await findCapacity({ ...options, analytic: false });
      expect(blind).toMatchObject({ found: true, value: expected, confirmed: true });
      expect(blind.analytic).toEqual({ model: 'off' });
      expect(blind.evidence.length).toBeGreaterThan(4);
      expect(blind.evidence[0]?.value).toBe(200);
    }, 120_000);
  }

  it('finds the largest arrival rate a cluster of 10 servers sustains, with seek: largest', async () => {
    const s = { ...mmcScenario(1, 1, 10_000), hosts: [{ name: 'server', count: 10, capacity: { cpu: 1, memory: '4Gi' } }] };
    // Erlang C on 10 servers, rates 1, 1.5, … 12: the largest with W_q ≤ 0.1.
    const rates = Array.from({ length: 23 }, (_, i) => 1 + i / 2);
    const wait = (l: number) => (l < 10 ? mmc(10, l, 1).meanWait : Infinity);
    const expected = rates.filter((l) => wait(l) <= 0.1).at(-1) as number;
    expect(wait(expected + 0.5) / 0.1).toBeGreaterThan(1.2);
    expect(0.1 / wait(expected)).toBeGreaterThan(1.2);
    const r = await findCapacity({ scenario: s, vary: 'workloads.job.arrival.rate', range: [1, 12], step: 0.5, seek: 'largest', slo: { 'wait.mean': { max: 0.1 } }, workers: 1 });
    expect(r).toMatchObject({ found: true, value: expected, confirmed: true, neighbour: { value: expected + 0.5, status: 'fails' }, analytic: { value: expected } });
    expect(r.message).toBe(`workloads.job.arrival.rate = ${expected} is the largest value meeting wait.mean ≤ 0.1 with 95% confidence; ${expected + 0.5} fails`);
  }, 120_000);

  it('says "not found in range" when even the best value fails, and reports bad options all at once', async () => {
    const r = await findCapacity({ scenario: mmcScenario(8, 1, 5000), vary: 'hosts[0].count', range: [1, 9], slo: { 'wait.mean': { max: 0.1 } }, workers: 1, analytic: false });
    expect(r).toMatchObject({ found: false, confirmed: false });
    expect(r.value).toBeUndefined();
    expect(r.message).toBe('not found in range: even hosts[0].count = 9 does not meet wait.mean ≤ 0.1 with 95% confidence');
    const bad = await findCapacity({ scenario: mmcScenario(8, 1), vary: 'hosts[2].count', range: [5, 1], slo: { 'wait.mean': {} }, seek: 'most' } as never).catch((e: PodsimError) => e);
    expect((bad as PodsimError).issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'vary: hosts has 1 entry, so there is no [2]',
      'range: must be [low, high] with finite low ≤ high, got [5,1]',
      "seek: must be 'smallest' or 'largest', got \"most\"",
      'slo["wait.mean"]: must give max and/or min',
    ]);
  });

  it('records values that cannot run as invalid evidence and keeps searching', async () => {
    const r = await findCapacity({ scenario: mmcScenario(8, 1, 5000), vary: 'hosts[0].count', range: [0, 30], slo: { 'wait.mean': { max: 0.13 } }, workers: 1, analytic: false });
    expect(r.evidence.find((e) => e.value === 0)).toMatchObject({ status: 'invalid', issues: [{ path: 'hosts[0].count', message: 'must be at least 1' }] });
    expect(r).toMatchObject({ found: true, value: 11 });
  });
});
