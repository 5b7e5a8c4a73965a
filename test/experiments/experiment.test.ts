import { describe, expect, it } from 'vitest';
import { experiment, PodsimError, simulate, type Scenario } from '../../src/index.js';
import { inProcessRunner, runTask, type ExperimentRunner, type RunnerFactory } from '../../src/experiments/index.js';

// Containers of 1.5 and 1 CPU on 4-CPU hosts: best-fit and worst-fit pack them differently, so their waits differ.
const scenario: Scenario = {
  seed: 3,
  hosts: [{ name: 'node', count: 4, capacity: { cpu: 4, memory: '16Gi' } }],
  workloads: [
    { name: 'web', count: 300, arrival: { process: 'poisson', rate: 4 }, duration: { distribution: 'exponential', mean: 1.5 }, request: { cpu: '1500m', memory: '1Gi' } },
    { name: 'batch', count: 200, arrival: { process: 'poisson', rate: 3 }, duration: { distribution: 'exponential', mean: 1 }, request: { cpu: '1', memory: '1Gi' } },
  ],
};
const metrics = ['wait.mean', 'wait.p99', 'utilization.cpu'];

describe('experiment({ scenario, vary, replications })', () => {
  it('runs the full grid in order, replication 0 of each point being simulate() of its scenario with its own seed', async () => {
    const ex = await experiment({ scenario, vary: { 'hosts[0].count': [3, 4], 'scheduler.policy': ['best-fit', 'worst-fit'] }, replications: 3, metrics, workers: 1 });
    expect(ex.factors).toEqual(['hosts[0].count', 'scheduler.policy']);
    expect(ex.points.map((p) => p.values)).toEqual([
      { 'hosts[0].count': 3, 'scheduler.policy': 'best-fit' }, { 'hosts[0].count': 3, 'scheduler.policy': 'worst-fit' },
      { 'hosts[0].count': 4, 'scheduler.policy': 'best-fit' }, { 'hosts[0].count': 4, 'scheduler.policy': 'worst-fit' },
    ]);
    const direct = simulate({ ...scenario, hosts: [{ ...scenario.hosts[0]!, count: 3 }], scheduler: { policy: 'worst-fit' } });
    const p = ex.points[1]!;
    expect(p.samples['wait.p99']?.[0]).toBe(direct.wait.p99);
    expect(p.replications).toBe(3);
    expect(p.stopped).toBe('fixed');
    expect(p.metrics['wait.mean']?.n).toBe(3);
    expect(ex.warmup).toEqual({ seconds: 0, method: 'none' });
    expect(ex.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('pairs points by replication (CRN): identical points differ by exactly 0 with zero width, and swapping the baseline flips the sign', async () => {
    // A host label changes nothing in the run: the two points are the same simulation.
    const same = await experiment({ scenario, vary: { 'hosts[0].labels.tier': ['a', 'b'] }, baseline: { 'hosts[0].labels.tier': 'a' }, replications: 4, metrics, workers: 1 });
    for (const p of same.points) for (const m of metrics) expect(p.differences?.[m]).toMatchObject({ mean: 0, halfWidth: 0, ci: [0, 0], n: 4 });

    const vary = { 'scheduler.policy': ['best-fit', 'worst-fit'] };
    const a = await experiment({ scenario, vary, baseline: { 'scheduler.policy': 'best-fit' }, replications: 5, metrics, workers: 1 });
    const b = await experiment({ scenario, vary, baseline: { 'scheduler.policy': 'worst-fit' }, replications: 5, metrics, workers: 1 });
    const ab = a.points[1]!.differences!['wait.mean']!, ba = b.points[0]!.differences!['wait.mean']!;
    expect(ab.mean).not.toBe(0);
    expect(ba.mean).toBe(-ab.mean);
    expect(ba.halfWidth).toBe(ab.halfWidth);
    // The pairing is tighter than comparing the two intervals as if independent.
    const [x, y] = [a.points[0]!.metrics['wait.mean']!, a.points[1]!.metrics['wait.mean']!];
    expect(ab.stddev).toBeLessThan(Math.hypot(x.stddev, y.stddev));
  });

  it('gives byte-identical results with 1 and 2 worker threads, and with a runner that reports in reverse order', async () => {
    const options = { scenario, vary: { 'hosts[0].count': [3, 4], 'scheduler.policy': ['best-fit', 'worst-fit'] }, replications: 4, metrics, baseline: { 'scheduler.policy': 'best-fit' } };
    const one = JSON.stringify(await experiment({ ...options, workers: 1 }));
    const two = JSON.stringify(await experiment({ ...options, workers: 2 }));
    const reversed: RunnerFactory = (s): ExperimentRunner => ({
      async run(settings, tasks, onOutcome) { for (const t of [...tasks].reverse()) onOutcome(runTask(s, settings, t)); },
      async close() {},
    });
    const backwards = JSON.stringify(await experiment({ ...options, runner: reversed }));
    expect(two).toBe(one);
    expect(backwards).toBe(one);
  }, 120_000);

  it('reports a point whose variant is invalid with its path and reason, and completes the rest', async () => {
    const ex = await experiment({ scenario, vary: { 'hosts[0].count': [0, 4] }, replications: 2, metrics, workers: 1 });
    expect(ex.points[0]).toMatchObject({ stopped: 'failed', replications: 0, issues: [{ path: 'hosts[0].count', message: 'must be at least 1' }], metrics: {} });
    expect(ex.points[1]).toMatchObject({ stopped: 'fixed', replications: 2 });
  });

  it('stops at once on a metric that is not in the result, naming it and the closest paths', async () => {
    const run = experiment({ scenario, vary: { 'hosts[0].count': [3, 4] }, metrics: ['wait.p99', 'utilisation.cpu'], replications: 2, workers: 1 });
    await expect(run).rejects.toThrow(PodsimError);
    await expect(run).rejects.toThrow(/experiment: unknown metric:\n {2}- metrics\[1\]: metric "utilisation.cpu" is not in the result; closest numeric paths: utilization\.cpu/);
  });

  it('lists every bad option at once, with the option\'s path', async () => {
    const bad = experiment({ scenario, vary: { 'hosts[5].count': [1], 'scheduler.policy': [] }, replicatons: 3, confidence: 1.5, workers: 0, baseline: { seed: 1 } } as never);
    await expect(bad).rejects.toThrow(PodsimError);
    const e = await bad.catch((x: PodsimError) => x);
    expect((e as PodsimError).issues.map((i) => i.path)).toEqual(['replicatons', 'confidence', 'workers', 'vary["scheduler.policy"]', 'baseline["seed"]']);
    const e2 = await experiment({ scenario, vary: { 'hosts[5].count': [1] }, workers: 1 }).catch((x: PodsimError) => x);
    expect((e2 as PodsimError).issues).toEqual([{ code: 'invalid_path', path: 'vary["hosts[5].count"]', message: 'hosts has 1 entry, so there is no [5]' }]);
  });

  it('adds replications until the relative half-width target is met, or stops at max, and says which', async () => {
    const ex = await experiment({
      scenario, vary: { 'hosts[0].count': [3, 8] }, metrics: ['utilization.cpu', 'wait.mean'],
      replications: { min: 3, max: 12, relativeHalfWidth: 0.04, metric: 'utilization.cpu' }, workers: 1,
    });
    for (const p of ex.points) {
      const u = p.metrics['utilization.cpu']!;
      if (p.stopped === 'target') expect(u.halfWidth).toBeLessThanOrEqual(0.04 * u.mean);
      else expect(p).toMatchObject({ stopped: 'max', replications: 12 });
      expect(p.replications).toBeGreaterThanOrEqual(3);
      expect(p.samples['wait.mean']).toHaveLength(p.replications);
    }
    expect(ex.points.map((p) => p.stopped).sort()).toEqual(['max', 'target']);
  });

  it('calls onProgress as runs finish, and returns whole results only when asked', async () => {
    const seen: { done: number; total: number }[] = [];
    const ex = await experiment({ scenario, replications: 3, metrics, workers: 1, keepResults: true, onProgress: (p) => { seen.push({ done: p.done, total: p.total }); } });
    expect(seen.at(-1)).toEqual({ done: 3, total: 3 });
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
    expect(ex.points[0]?.results).toHaveLength(3);
    expect(ex.points[0]?.results?.[0]).toEqual(simulate(scenario));
    const lean = await experiment({ scenario, replications: 2, metrics, workers: 1 });
    expect(lean.points[0]?.results).toBeUndefined();
  });

  it('a runner can be any implementation of the interface: the in-process one runs each task once', async () => {
    const keys: string[] = [];
    const counting: RunnerFactory = (s) => {
      const inner = inProcessRunner(s);
      return { run: (settings, tasks, on) => inner.run(settings, tasks, (o) => { keys.push(`${o.point}/${o.replication}`); on(o); }), close: () => inner.close() };
    };
    await experiment({ scenario, vary: { 'hosts[0].count': [3, 4] }, replications: 3, metrics, runner: counting });
    // Replication 0 of the first point ran in the caller (the metric probe), everything else in the runner.
    expect(keys.sort()).toEqual(['0/1', '0/2', '1/0', '1/1', '1/2']);
  });
});

describe('experiment({ warmup })', () => {
  it('deletes the given warm-up in every run and reports it', async () => {
    const ex = await experiment({ scenario, warmup: 10, replications: 2, metrics, workers: 1, keepResults: true });
    expect(ex.warmup).toEqual({ seconds: 10, method: 'given' });
    // Each run deleted it: simulate() echoes it, and its waits are those of containers submitted from t = 10.
    const results = ex.points[0]!.results!;
    expect(results.map((r) => r.warmup)).toEqual([10, 10]);
    expect(results[0]!.containers.submitted).toBeGreaterThan(0);
  });

  it('chooses the warm-up by MSER-5 on pilot runs of the pending queue', async () => {
    // Everything arrives in a burst at the start and drains: the queue's start is all transient.
    const burst: Scenario = { ...scenario, until: 400, workloads: [{ name: 'web', arrival: { process: 'poisson', rate: 1.5 }, duration: { distribution: 'exponential', mean: 1.5 }, request: { cpu: '1500m' } }, { name: 'burst', count: 200, arrival: { process: 'interval', every: 0.05 }, duration: { distribution: 'exponential', mean: 1 }, request: { cpu: '1500m' } }] };
    const ex = await experiment({ scenario: burst, warmup: 'auto', replications: 2, metrics, workers: 1 });
    expect(ex.warmup).toMatchObject({ method: 'mser-5', pilotReplications: 2 });
    expect(ex.warmup.seconds).toBeGreaterThan(0);
  });
});
