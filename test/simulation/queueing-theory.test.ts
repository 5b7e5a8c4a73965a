import { describe, expect, it } from 'vitest';
import { firstFit } from '../../src/scheduling/policies.js';
import type { PlacementPolicy } from '../../src/scheduling/policy.js';
import { simulate } from '../../src/simulation/simulate.js';
import { Simulation } from '../../src/simulation/simulation.js';
import { batchMeans, erlangC, mmcMeanWait } from '../helpers/queueing.js';

/**
 * Runs an M/M/c queue: c hosts that each fit exactly one container, Poisson arrivals at rate
 * λ = ρ·c, exponential durations with mean 1 (μ = 1), FIFO. Returns each container's wait, in
 * arrival order, observed by stepping: arrival times from the container counts, placement times
 * from the policy's `placed` hook (FIFO with one workload places containers in arrival order).
 */
function runMMc(c: number, rho: number, n: number, seed: number) {
  const arrivals = new Float64Array(n);
  const placedAt = new Float64Array(n);
  let arrived = 0, placed = 0;
  const inner = firstFit();
  let run: Simulation | undefined;
  const policy: PlacementPolicy = {
    name: 'first-fit',
    select: (req, hosts) => inner.select(req, hosts),
    placed: () => { placedAt[placed++] = (run as Simulation).now; },
  };
  run = new Simulation({
    seed,
    hosts: [{ name: 'server', count: c, capacity: { cpu: 1, memory: '1Gi' } }],
    workloads: [{
      name: 'job', count: n,
      arrival: { process: 'poisson', rate: rho * c },
      duration: { distribution: 'exponential', mean: 1 },
      request: { cpu: 1, memory: '1Gi' },
    }],
    scheduler: { policy: 'first-fit', queue: 'fifo' },
  }, { policy });
  while (run.step()) {
    const k = run.counts.submitted;
    while (arrived < k) arrivals[arrived++] = run.now;
  }
  run.run();
  const waits = new Float64Array(n);
  for (let i = 0; i < n; i++) waits[i] = (placedAt[i] as number) - (arrivals[i] as number);
  return { waits, result: run.result(), arrived, placed };
}

describe('erlangC', () => {
  it('erlangC() matches closed forms: ρ for M/M/1, 2ρ²/(1+ρ) for M/M/2, and Erlang B at the limit', () => {
    expect(erlangC(1, 0.5)).toBeCloseTo(0.5, 14);
    expect(erlangC(1, 0.9)).toBeCloseTo(0.9, 14);
    const rho = 0.5; // a = 1, c = 2
    expect(erlangC(2, 1)).toBeCloseTo((2 * rho * rho) / (1 + rho), 14);
    // Direct formula for c = 4, a = 3.6: (a^c/c!)(c/(c−a)) / (Σ_{k<c} a^k/k! + (a^c/c!)(c/(c−a))).
    const a = 3.6, c = 4;
    const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
    const top = (a ** c / fact(c)) * (c / (c - a));
    let bottom = top;
    for (let k = 0; k < c; k++) bottom += a ** k / fact(k);
    expect(erlangC(c, a)).toBeCloseTo(top / bottom, 12);
    expect(() => erlangC(2, 2)).toThrow(RangeError);
  });

  it('mmcMeanWait() is ρ/(μ−λ) for M/M/1', () => {
    expect(mmcMeanWait(1, 0.5, 1)).toBeCloseTo(1, 14);
    expect(mmcMeanWait(1, 0.8, 2)).toBeCloseTo(0.4 / 1.2, 14);
  });
});

describe('M/M/c against Erlang C', () => {
  // Tolerance. Waits of successive customers are correlated, so the naive SE (sd/√n) is far too
  // small. We discard the first 5% (the queue starts empty, which biases waits down), cut the rest
  // into 30 consecutive batches, each thousands of customers long — much longer than the queue's
  // relaxation time (≈ 1/(cμ(1−√ρ)²), a few hundred customers at c=4, ρ=0.9) — so the batch means
  // are close to independent and normal. Their spread gives the standard error of the overall
  // mean, and |sim − theory| < 4·SE holds with probability > 99.9% (t with 29 d.f.: P(|t|>4) ≈ 4e-4).
  // We also require SE < 6% of the theory, so the test has the power to catch a real error (a bias
  // of 25% would fail it), and check P(wait) against Erlang C itself, whose SE is about 1%.
  // The seeds are fixed, so the outcome is reproducible.
  it.each([
    { c: 1, rho: 0.5, n: 60_000 },
    { c: 10, rho: 0.8, n: 250_000 },
    { c: 4, rho: 0.9, n: 250_000 },
  ])('the mean wait of M/M/$c at ρ=$rho matches Erlang C within 4 batch-means standard errors', ({ c, rho, n }) => {
    const { waits, result, arrived, placed } = runMMc(c, rho, n, 2024 + c);
    expect([arrived, placed, result.containers.completed]).toEqual([n, n, n]);
    // The per-container waits observed by stepping are the ones the result summarises.
    const all = waits.reduce((s, w) => s + w, 0) / n;
    expect(Math.abs(all - result.wait.mean)).toBeLessThan(1e-9 * (1 + all));
    expect(waits.every((w) => w >= 0)).toBe(true);

    const steady = waits.subarray(Math.floor(n / 20));
    const theory = mmcMeanWait(c, rho * c, 1);
    const bm = batchMeans(steady, 30);
    const pWait = batchMeans(steady.map((w) => (w > 0 ? 1 : 0)), 30);
    // Reported so the agreement can be read off the test output.
    console.log(`M/M/${c} ρ=${rho}: W_q sim ${bm.mean.toFixed(4)} ± ${bm.se.toFixed(4)} (SE), theory ${theory.toFixed(4)}, ` +
      `z = ${((bm.mean - theory) / bm.se).toFixed(2)}; P(wait) sim ${pWait.mean.toFixed(4)} ± ${pWait.se.toFixed(4)}, Erlang C ${erlangC(c, rho * c).toFixed(4)}`);
    expect(bm.se).toBeLessThan(0.06 * theory);
    expect(Math.abs(bm.mean - theory)).toBeLessThan(4 * bm.se);
    expect(Math.abs(pWait.mean - erlangC(c, rho * c))).toBeLessThan(4 * pWait.se);
  });
});

describe("Little's law for the pending queue", () => {
  const mmc = (until?: number) => ({
    seed: 11,
    hosts: [{ name: 'server', count: 3, capacity: { cpu: 1 } }],
    workloads: [{ name: 'job', count: 20_000, arrival: { process: 'poisson' as const, rate: 2.7 }, duration: { distribution: 'exponential' as const, mean: 1 }, request: { cpu: 1 } }],
    ...(until === undefined ? {} : { until }),
  });

  it('queue.mean = (placed / simulatedTime) × wait.mean holds exactly (up to rounding) on a run that drains', () => {
    // On any sample path that starts and ends empty, ∫ queue length dt = Σ waits: each container
    // adds 1 to the queue for exactly its wait. So L = λW is an identity here, not an approximation,
    // and the only tolerance needed is floating-point rounding.
    const r = simulate(mmc());
    expect(r.containers.pending).toBe(0);
    expect(r.wait.mean).toBeGreaterThan(0.5); // a real queue formed
    const lambda = r.containers.placed / r.simulatedTime;
    expect(r.queue.mean).toBeGreaterThan(1);
    expect(Math.abs(r.queue.mean - lambda * r.wait.mean) / r.queue.mean).toBeLessThan(1e-9);
  });

  it("queue.mean exceeds (placed / T) × wait.mean on a cut-off run by at most what is still pending", () => {
    // Cut at `until`, containers still pending have been in the queue without a wait recorded:
    // ∫Q dt = Σ recorded waits + Σ_pending (T − submitted) ∈ [Σ waits, Σ waits + pending·T].
    for (const until of [500, 1234.5, 3000]) {
      const r = simulate(mmc(until));
      const T = r.simulatedTime;
      expect(T).toBe(until);
      const integral = r.queue.mean * T;
      const waited = r.wait.mean * r.containers.placed;
      expect(integral).toBeGreaterThanOrEqual(waited * (1 - 1e-9));
      expect(integral - waited).toBeLessThanOrEqual(r.containers.pending * T * (1 + 1e-9));
    }
  });
});
