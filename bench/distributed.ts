// Issue 14's benchmarks: what a Redis job queue costs per run against worker threads in this
// process, on a throw-away redis-server (Debian's, on a free localhost port).
//
// 1. Overhead per run: one queue worker thread (runWorker, concurrency 1, in this process) against
//    one warm pool thread, on the same short runs.
// 2. Two `podsim worker` processes (one thread each) against two warm pool threads, on the same
//    400 runs: the ratio of times (target ≤ 1.25×).
// Each is measured on 400 and on 100 runs; the difference gives the cost of a further run, apart
// from what a sweep pays once.
//
// Every case is warm (threads and processes started, JIT warmed by a first sweep) and rounds are
// interleaved, so that a busy spell of the shared machine falls on both alike. Each queue round
// starts fresh (`fresh: true`), so that no stored result is reused. About a minute on a quiet machine.
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

// An M/M/10 queue at ρ = 0.8 with 2,000 containers: a short run (about 2 ms on a quiet core).
const scenario: Scenario = {
  seed: 1,
  hosts: [{ name: 'node', count: 10, capacity: { cpu: 1, memory: '4Gi' } }],
  workloads: [{ name: 'job', count: 2000, arrival: { process: 'poisson', rate: 8 }, duration: { distribution: 'exponential', mean: 1 }, request: { cpu: 1, memory: '1Gi' } }],
};
const METRICS = ['wait.mean', 'wait.p99', 'utilization.cpu'];
// 20 points × 20 replications = 400 runs, and the same points with 5 replications = 100 runs: the
// difference of their times is what 300 runs cost, without what every sweep pays once (starting,
// workers finding the sweep, the last run's wait).
const sweep: ExperimentOptions = { scenario, vary: { 'hosts[0].count': Array.from({ length: 20 }, (_, i) => 10 + i) }, replications: 20, metrics: METRICS };
const small: ExperimentOptions = { ...sweep, replications: 5 };
const RUNS = 400, SMALL_RUNS = 100;

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

/** Interleaved rounds of a baseline and a queue, on both sweep sizes: medians of each. */
async function compare(rounds: number, base: (o: ExperimentOptions) => Promise<unknown>, queued: (o: ExperimentOptions) => Promise<unknown>): Promise<{ base: number; queue: number; baseSmall: number; queueSmall: number }> {
  const t = { base: [] as number[], queue: [] as number[], baseSmall: [] as number[], queueSmall: [] as number[] };
  await base(sweep);
  await queued(sweep);
  for (let i = 0; i < rounds; i++) {
    t.base.push(await timed(() => base(sweep)));
    t.queue.push(await timed(() => queued(sweep)));
    t.baseSmall.push(await timed(() => base(small)));
    t.queueSmall.push(await timed(() => queued(small)));
  }
  return { base: median(t.base), queue: median(t.queue), baseSmall: median(t.baseSmall), queueSmall: median(t.queueSmall) };
}

function rows(label: string, m: { base: number; queue: number; baseSmall: number; queueSmall: number }, baseName: string, queueName: string): (string | number)[][] {
  const marginal = (big: number, few: number) => (big - few) / (RUNS - SMALL_RUNS);
  const b = marginal(m.base, m.baseSmall), q = marginal(m.queue, m.queueSmall);
  return [
    [`${label}: ${baseName} (baseline)`, `${m.base.toFixed(0)} ms`, '1.00', `${b.toFixed(2)} ms`, '1.00'],
    [`${label}: ${queueName}`, `${m.queue.toFixed(0)} ms`, `${(m.queue / m.base).toFixed(2)}×`, `${q.toFixed(2)} ms`, `${(q / b).toFixed(2)}×`],
  ];
}

export async function main(rounds = 3): Promise<string> {
  const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
  const before = load();
  const redis = await startRedis();
  const queue = { connection: redis.url, fresh: true };
  const children: ChildProcess[] = [];
  try {
    // 1. One queue worker thread (in this process) against one pool thread.
    const one = await warmPool(1);
    const worker = await runWorker({ connection: redis.url, concurrency: 1 });
    let single;
    try {
      single = await compare(rounds, (o) => experiment({ ...o, runner: one.runner }), (o) => experiment({ ...o, queue }));
    } finally {
      await worker.close();
      await one.close();
    }
    // 2. Two worker processes against two pool threads.
    const two = await warmPool(2);
    let double;
    try {
      children.push(...(await Promise.all([workerProcess(redis.url), workerProcess(redis.url)])));
      double = await compare(rounds, (o) => experiment({ ...o, runner: two.runner }), (o) => experiment({ ...o, queue }));
    } finally {
      await two.close();
    }
    const header = ['runs of 2,000 containers (M/M/c)', `${RUNS} runs, median`, 'ratio', 'per further run', 'ratio'];
    const out = [
      `Machine: ${machine()}; load average ${before} before, ${load()} after; medians of ${rounds} interleaved rounds`,
      '',
      table(header, [
        ...rows('1 thread', single, 'pool thread, warm', 'queue, runWorker({ concurrency: 1 })'),
        ...rows('2 threads', double, '2 pool threads, warm', 'queue, 2 podsim worker processes'),
      ]),
      '',
      `"Per further run" is (time of ${RUNS} runs − time of ${SMALL_RUNS}) / ${RUNS - SMALL_RUNS}: what one more run costs, without what a sweep pays once.`,
      `Queue overhead per run, one thread: ${((single.queue - single.queueSmall - (single.base - single.baseSmall)) / (RUNS - SMALL_RUNS)).toFixed(2)} ms (target ≤ 5 ms).`,
      `Two worker processes against two threads, ${RUNS} runs: ${(double.queue / double.base).toFixed(2)}× the time (target ≤ 1.25×).`,
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
