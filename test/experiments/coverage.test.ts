import { describe, expect, it } from 'vitest';
import { experiment, type Scenario } from '../../src/index.js';
import { mmInfinityTimeAverage } from '../../src/theory/index.js';

// M/M/∞ from an empty start: a host so large that nobody waits. The expected time-averaged number
// of busy servers over [0, T] is known exactly for the finite run, λm(1 − (m/T)(1 − e^(−T/m))), so
// the expected utilisation is that over the capacity, and each point's interval either covers it or not.
describe('coverage of experiment() intervals', () => {
  it('nominal 95% intervals from 5 replications cover the exact M/M/∞ utilisation in 95% ± a binomial margin of 300 independent experiments', async () => {
    const [rate, mean, T, capacity] = [5, 2, 20, 1000];
    const scenario: Scenario = {
      until: T,
      hosts: [{ name: 'big', capacity: { cpu: capacity } }],
      workloads: [{ name: 'w', arrival: { process: 'poisson', rate }, duration: { distribution: 'exponential', mean }, request: { cpu: 1 } }],
    };
    const truth = mmInfinityTimeAverage(rate, mean, T) / capacity;
    // Each seed is an independent experiment: its replications' seeds derive from it.
    const experiments = 300;
    const ex = await experiment({ scenario, vary: { seed: Array.from({ length: experiments }, (_, i) => i + 1) }, replications: 5, metrics: ['utilization.cpu'], workers: 1 });
    let covered = 0;
    for (const p of ex.points) {
      const [lo, hi] = p.metrics['utilization.cpu']!.ci;
      if (lo <= truth && truth <= hi) covered++;
    }
    // 3.5 standard deviations of a binomial(300, 0.95) proportion: [0.906, 0.994]. A normal (z) interval
    // from 5 replications would cover only about 88%, so the Student-t quantile is what passes this.
    const sd = Math.sqrt((0.95 * 0.05) / experiments);
    expect(covered / experiments).toBeGreaterThan(0.95 - 3.5 * sd);
    expect(covered / experiments).toBeLessThan(0.95 + 3.5 * sd);
    // And the grand mean is unbiased.
    const grand = ex.points.reduce((s, p) => s + p.metrics['utilization.cpu']!.mean, 0) / experiments;
    expect(Math.abs(grand - truth) / truth).toBeLessThan(0.01);
  }, 120_000);
});
