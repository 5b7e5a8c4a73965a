// Issue 13's benchmarks: experiment()'s orchestration overhead against the same simulations in a
// plain loop, and the throughput of 2 worker threads against 1 on a sweep of many short runs.
// Rounds are interleaved, so that a busy spell of the shared machine falls on every case alike.
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { experiment, simulate, type Scenario } from '../src/index.js';
import { replicationSeed } from '../src/experiments/replication-seed.js';
import { pointScenario } from '../src/experiments/run-task.js';
import { readMetric } from '../src/experiments/metric-path.js';
import { machine, median, table } from './util.js';

// A short run: an M/M/10 queue at ρ = 0.8 with `count` containers.
function shortScenario(count: number): Scenario {
  return {
    seed: 1,
    hosts: [{ name: 'node', count: 10, capacity: { cpu: 1, memory: '4Gi' } }],
    workloads: [{ name: 'job', count, arrival: { process: 'poisson', rate: 8 }, duration: { distribution: 'exponential', mean: 1 }, request: { cpu: 1, memory: '1Gi' } }],
  };
}

const METRICS = ['wait.mean', 'wait.p99', 'utilization.cpu'];

/** The same runs experiment() makes, written as the loop a user would write, keeping the metrics. */
function plainLoop(scenario: Scenario, counts: readonly number[], reps: number): number {
  let checksum = 0;
  for (const c of counts) {
    const p = pointScenario(scenario, { 'hosts[0].count': c });
    if (!p.ok) throw new Error('bad point');
    for (let r = 0; r < reps; r++) {
      const result = simulate({ ...p.scenario, seed: replicationSeed(1, r) });
      for (const m of METRICS) { const v = readMetric(result, m); if (v.ok) checksum += v.value; }
    }
  }
  return checksum;
}

async function timed(f: () => unknown | Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

export async function benchOverhead(rounds = 5): Promise<string> {
  const scenario = shortScenario(5000);
  const counts = [9, 10, 11, 12, 14, 16, 20, 24];
  const reps = 10;
  const loop: number[] = [], ours: number[] = [];
  // Warm both up once.
  plainLoop(scenario, counts.slice(0, 2), 2);
  await experiment({ scenario, vary: { 'hosts[0].count': counts.slice(0, 2) }, replications: 2, metrics: METRICS, workers: 1 });
  for (let i = 0; i < rounds; i++) {
    loop.push(await timed(() => plainLoop(scenario, counts, reps)));
    ours.push(await timed(() => experiment({ scenario, vary: { 'hosts[0].count': counts }, replications: reps, metrics: METRICS, workers: 1 })));
  }
  const runs = counts.length * reps;
  return table([`${runs} runs of 5,000 containers (M/M/c), 1 thread`, 'median time', 'ms per run', 'overhead'], [
    ['plain loop of simulate() (baseline)', `${median(loop).toFixed(0)} ms`, (median(loop) / runs).toFixed(2), '—'],
    ['experiment({ workers: 1 })', `${median(ours).toFixed(0)} ms`, (median(ours) / runs).toFixed(2), `${((median(ours) / median(loop) - 1) * 100).toFixed(1)}%`],
  ]);
}

export async function benchWorkers(rounds = 5): Promise<string> {
  const scenario = shortScenario(2000);
  const counts = Array.from({ length: 20 }, (_, i) => 10 + i);
  const reps = 20;
  const runs = counts.length * reps;
  const options = { scenario, vary: { 'hosts[0].count': counts }, replications: reps, metrics: METRICS };
  const one: number[] = [], two: number[] = [];
  await experiment({ ...options, replications: 2, workers: 2 });
  for (let i = 0; i < rounds; i++) {
    one.push(await timed(() => experiment({ ...options, workers: 1 })));
    two.push(await timed(() => experiment({ ...options, workers: 2 })));
  }
  const t1 = runs / (median(one) / 1000), t2 = runs / (median(two) / 1000);
  return table([`${runs} runs of 2,000 containers (M/M/c)`, 'median time', 'runs/s', 'ratio to 1 worker'], [
    ['workers: 1 (baseline)', `${median(one).toFixed(0)} ms`, t1.toFixed(0), '1.00'],
    ['workers: 2 (pool start-up included)', `${median(two).toFixed(0)} ms`, t2.toFixed(0), (t2 / t1).toFixed(2)],
  ]);
}

export async function main(): Promise<string> {
  const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
  const before = load();
  const overhead = await benchOverhead();
  const workers = await benchWorkers();
  const out = [`Machine: ${machine()}; load average ${before} before, ${load()} after`, '', '### Orchestration overhead', '', overhead, '', '### Worker threads', '', workers].join('\n');
  console.log(out);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
