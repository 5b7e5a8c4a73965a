// Issue 13's benchmarks: experiment()'s orchestration overhead against the same simulations in a
// plain loop, and the throughput of 2 worker threads against 1 on a sweep of many short runs.
// Rounds are interleaved, so that a busy spell of the shared machine falls on every case alike.
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../src/index.js';
import type { RunnerFactory } from '../src/experiments/index.js';
import { machine, median, table } from './util.js';

// The built package, as users run it (`npm run build` first): worker threads then load compiled
// JavaScript, not the TypeScript source through tsx's loader, which costs a worker about 2.4× the
// CPU per run (measured 2026-12-07) and would measure tsx rather than podsim.
const built = new URL('../dist/esm/', import.meta.url);
if (!existsSync(fileURLToPath(new URL('index.js', built)))) throw new Error('bench/experiments.ts measures the built package: run `npm run build` first');
const { experiment, simulate } = (await import(new URL('index.js', built).href)) as typeof import('../src/index.js');
const { replicationSeed } = (await import(new URL('experiments/replication-seed.js', built).href)) as typeof import('../src/experiments/replication-seed.js');
const { pointScenario } = (await import(new URL('experiments/run-task.js', built).href)) as typeof import('../src/experiments/run-task.js');
const { readMetric } = (await import(new URL('experiments/metric-path.js', built).href)) as typeof import('../src/experiments/metric-path.js');
const { poolRunner } = (await import(new URL('experiments/index.js', built).href)) as typeof import('../src/experiments/index.js');

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

async function timed(f: () => unknown | Promise<unknown>, cpu?: number[]): Promise<number> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  cpu?.push((c.user + c.system) / 1000);
  return wall;
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
  // The pool's start-up (worker threads loading podsim) is measured once; the sweeps then share a
  // warm pool through the runner option, as a caller running many experiments would.
  const t0 = performance.now();
  const pool = poolRunner(scenario, 2);
  await pool.run({ metrics: [], warmup: 0, keepResults: false }, [{ point: 0, values: {}, replication: 0 }, { point: 1, values: {}, replication: 0 }], () => undefined);
  const startup = performance.now() - t0;
  const shared: RunnerFactory = () => ({ run: (s, t, on) => pool.run(s, t, on), close: async () => undefined });
  const one: number[] = [], two: number[] = [], cpuOne: number[] = [], cpuTwo: number[] = [];
  await experiment({ ...options, replications: 2, workers: 1 });
  try {
    for (let i = 0; i < rounds; i++) {
      one.push(await timed(() => experiment({ ...options, workers: 1 }), cpuOne));
      two.push(await timed(() => experiment({ ...options, runner: shared }), cpuTwo));
    }
  } finally {
    await pool.close();
  }
  const t1 = runs / (median(one) / 1000), t2 = runs / (median(two) / 1000);
  // CPU time of the whole process (all threads): what the runs cost, whatever share of the machine they got.
  return table([`${runs} runs of 2,000 containers (M/M/c)`, 'median time', 'runs/s', 'ratio to 1 worker', 'CPU-ms per run', 'CPU used / wall'], [
    ['workers: 1, in this thread (baseline)', `${median(one).toFixed(0)} ms`, t1.toFixed(0), '1.00', (median(cpuOne) / runs).toFixed(2), (median(cpuOne) / median(one)).toFixed(2)],
    ['2 worker threads (warm pool)', `${median(two).toFixed(0)} ms`, t2.toFixed(0), (t2 / t1).toFixed(2), (median(cpuTwo) / runs).toFixed(2), (median(cpuTwo) / median(two)).toFixed(2)],
  ]) + `\n\nPool start-up (2 threads loading podsim, the built package): ${startup.toFixed(0)} ms.`;
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
