// Issue 14's benchmarks: what a Redis job queue costs per run against worker threads in this
// process, on a throw-away redis-server (Debian's, on a free localhost port).
//
// 1. Overhead per run: one queue worker thread (runWorker, concurrency 1, in this process) against
//    one warm pool thread, on the same 400 short runs: (queue − threads) / runs.
// 2. Two `podsim worker` processes (one thread each) against two warm pool threads, on the same
//    400 runs: the ratio of times (target ≤ 1.25×); and on 100 runs ten times as long.
//
// Every case is warm (threads and processes started, JIT warmed by a first sweep) and rounds are
// interleaved, so that a busy spell of the shared machine falls on both alike. Each queue round
// starts fresh (`fresh: true`), so that no stored result is reused. Under a minute in all.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { experiment, type ExperimentOptions, type Scenario } from '../src/index.js';
import { poolRunner, runWorker, type RunnerFactory } from '../src/experiments/index.js';
import { startRedis } from '../test/helpers/redis-server.js';
import { machine, median, table } from './util.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// An M/M/10 queue at ρ = 0.8 with `count` containers: 2,000 make a short run (about 2 ms).
const mmc = (count: number): Scenario => ({
  seed: 1,
  hosts: [{ name: 'node', count: 10, capacity: { cpu: 1, memory: '4Gi' } }],
  workloads: [{ name: 'job', count, arrival: { process: 'poisson', rate: 8 }, duration: { distribution: 'exponential', mean: 1 }, request: { cpu: 1, memory: '1Gi' } }],
});
const scenario = mmc(2000);
const METRICS = ['wait.mean', 'wait.p99', 'utilization.cpu'];
const sweep: ExperimentOptions = { scenario, vary: { 'hosts[0].count': Array.from({ length: 20 }, (_, i) => 10 + i) }, replications: 20, metrics: METRICS };
const RUNS = 400;
// Fewer, longer runs (20,000 containers, about 20 ms each): where the queue's cost per run matters less.
const longSweep: ExperimentOptions = { ...sweep, scenario: mmc(20_000), replications: 5 };
const LONG_RUNS = 100;

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

/** A warm pool of `threads` threads, shared by the sweeps through the runner option. */
async function warmPool(threads: number): Promise<{ runner: RunnerFactory; close: () => Promise<void> }> {
  const pool = poolRunner(scenario, threads);
  const runner: RunnerFactory = () => ({ run: (s, t, on) => pool.run(s, t, on), close: async () => undefined });
  await experiment({ ...sweep, runner });
  return { runner, close: () => pool.close() };
}

/** `podsim worker` from the TypeScript source, as its own process; resolves once it waits for sweeps. */
async function workerProcess(url: string): Promise<ChildProcess> {
  const tsx = pathToFileURL(createRequire(join(root, 'package.json')).resolve('tsx')).href;
  const child = spawn(process.execPath, ['--import', tsx, join(root, 'src/cli/bin.ts'), 'worker', '--queue', url, '--concurrency', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (d: Buffer) => { err += d.toString(); if (err.includes('waiting for sweeps')) resolve(); });
    child.once('exit', (code) => reject(new Error(`podsim worker exited (${code}): ${err}`)));
  });
  return child;
}

export async function main(rounds = 5): Promise<string> {
  const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
  const before = load();
  const redis = await startRedis();
  const queue = { connection: redis.url, fresh: true, checkInterval: 1000 };
  const children: ChildProcess[] = [];
  try {
    // 1. One queue worker thread against one pool thread.
    const one = await warmPool(1);
    const worker = await runWorker({ connection: redis.url, concurrency: 1 });
    const threads1: number[] = [], queue1: number[] = [];
    try {
      await experiment({ ...sweep, queue });
      for (let i = 0; i < rounds; i++) {
        threads1.push(await timed(() => experiment({ ...sweep, runner: one.runner })));
        queue1.push(await timed(() => experiment({ ...sweep, queue })));
      }
    } finally {
      await worker.close();
      await one.close();
    }
    // 2. Two worker processes against two pool threads.
    const two = await warmPool(2);
    const threads2: number[] = [], processes2: number[] = [], threadsLong: number[] = [], processesLong: number[] = [];
    try {
      children.push(...(await Promise.all([workerProcess(redis.url), workerProcess(redis.url)])));
      await experiment({ ...sweep, queue });
      for (let i = 0; i < rounds; i++) {
        threads2.push(await timed(() => experiment({ ...sweep, runner: two.runner })));
        processes2.push(await timed(() => experiment({ ...sweep, queue })));
      }
      for (let i = 0; i < 3; i++) {
        threadsLong.push(await timed(() => experiment({ ...longSweep, runner: two.runner })));
        processesLong.push(await timed(() => experiment({ ...longSweep, queue })));
      }
    } finally {
      await two.close();
    }
    const perRun = (ms: number) => (ms / RUNS).toFixed(2);
    const out = [
      `Machine: ${machine()}; load average ${before} before, ${load()} after; medians of ${rounds} interleaved rounds`,
      '',
      '### Overhead per run: one queue worker thread against one pool thread',
      '',
      table([`${RUNS} runs of 2,000 containers (M/M/c)`, 'median time', 'ms per run', 'ratio'], [
        ['1 pool thread, warm (baseline)', `${median(threads1).toFixed(0)} ms`, perRun(median(threads1)), '1.00'],
        ['queue: runWorker({ concurrency: 1 }), localhost Redis', `${median(queue1).toFixed(0)} ms`, perRun(median(queue1)), (median(queue1) / median(threads1)).toFixed(2)],
      ]),
      '',
      `Queue overhead per run: ${((median(queue1) - median(threads1)) / RUNS).toFixed(2)} ms (target ≤ 5 ms).`,
      '',
      '### Two worker processes against two worker threads',
      '',
      table([`${RUNS} runs of 2,000 containers (M/M/c)`, 'median time', 'runs/s', 'time ratio'], [
        ['2 pool threads, warm (baseline)', `${median(threads2).toFixed(0)} ms`, (RUNS / (median(threads2) / 1000)).toFixed(0), '1.00'],
        ['queue: 2 podsim worker processes, 1 thread each', `${median(processes2).toFixed(0)} ms`, (RUNS / (median(processes2) / 1000)).toFixed(0), `${(median(processes2) / median(threads2)).toFixed(2)}×`],
      ]),
      '',
      table([`${LONG_RUNS} runs of 20,000 containers (3 rounds)`, 'median time', 'runs/s', 'time ratio'], [
        ['2 pool threads, warm (baseline)', `${median(threadsLong).toFixed(0)} ms`, (LONG_RUNS / (median(threadsLong) / 1000)).toFixed(1), '1.00'],
        ['queue: 2 podsim worker processes, 1 thread each', `${median(processesLong).toFixed(0)} ms`, (LONG_RUNS / (median(processesLong) / 1000)).toFixed(1), `${(median(processesLong) / median(threadsLong)).toFixed(2)}×`],
      ]),
      '',
      'Target: the queue within 1.25× the time of the threads.',
    ].join('\n');
    console.log(out);
    return out;
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode !== null ? undefined : new Promise((r) => c.once('exit', r)))));
    await redis.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
