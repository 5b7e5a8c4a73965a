// Issue 14's benchmark: a sweep of 400 short runs on a Redis job queue with two `podsim worker`
// processes, against the same sweep on two warm local worker threads, on a throw-away redis-server
// (Debian's, on a free localhost port).
//
// It measures the BUILT package (`npm run build` first), on both sides, under plain `node`: this
// file starts Redis and then `bench/distributed-driver.mjs`, which imports the coordinator and the
// thread pool from `dist/esm` and starts the workers as `node dist/esm/cli/bin.js worker`. (Under
// tsx, the pool's threads inherit tsx's loader and cost about twice the CPU per run, even on the
// built package; threads that load the TypeScript source cost 2.4×.) `PODSIM_DIST=<dir>` names
// another build; `PODSIM_DIST_BEFORE=<dir>` (or `name=<dir>,…`) adds other builds' queues (each its own coordinator and
// two worker processes, on another key prefix) to the same interleaved rounds, for before/after.
//
// Every case is warm (threads and processes started, a first sweep run, whose results must be the
// same bytes in every case) and each queue sweep starts `fresh`. Rounds are interleaved (the cases'
// order rotates), so that a busy spell of the shared machine falls on each alike. For each sweep it
// reads the CPU time of every process: the driver (the coordinator, or the pool's threads),
// redis-server and each worker, from /proc. `BENCH_ROUNDS` (default 5). About a minute.
// `BENCH_CONTAINERS` (default 2000) sets the containers per run (20000: runs about ten times as
// long) and `BENCH_REPS` (default 20) the replications of each of the 20 points.
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startRedis } from '../test/helpers/redis-server.js';
import { machine, table } from './util.js';

const here = dirname(fileURLToPath(import.meta.url));

interface CaseReport { label: string; wall: number; walls: number[]; cpuPerRun: number[]; allPerRun: number }

export async function main(rounds = Number(process.env.BENCH_ROUNDS ?? 5)): Promise<string> {
  const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
  const before = load();
  const redis = await startRedis();
  let text = '';
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, REDIS_URL: redis.url, REDIS_PORT: String(redis.port), PODSIM_DIST: process.env.PODSIM_DIST ?? join(here, '..', 'dist'), BENCH_ROUNDS: String(rounds) };
    // Plain node: spawn() passes none of this process's flags (tsx's loader), and NODE_OPTIONS goes.
    delete env.NODE_OPTIONS;
    const child = spawn(process.execPath, [join(here, 'distributed-driver.mjs')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (d: Buffer) => { text += d.toString(); });
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    if (code !== 0) throw new Error(`bench/distributed-driver.mjs exited with ${code}`);
  } finally {
    await redis.stop();
  }
  const report = JSON.parse(text) as { builds: string[]; rounds: number; runs: number; containers: number; cases: CaseReport[] };
  const [base, ...queues] = report.cases as [CaseReport, ...CaseReport[]];
  const ms = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(2));
  const header = [`${report.runs} runs of ${report.containers.toLocaleString('en')} containers (M/M/10)`, 'wall, median', 'ratio', 'CPU ms/run: driver', 'redis', 'worker 1', 'worker 2', 'all'];
  const out = [
    `Machine: ${machine()}; load average ${before} before, ${load()} after; medians of ${report.rounds} interleaved rounds; built package under plain node (${report.builds.join('; ')})`,
    '',
    table(header, report.cases.map((c) => [c.label, `${c.wall.toFixed(0)} ms`, `${(c.wall / base.wall).toFixed(2)}×`, ...[0, 1, 2, 3].map((j) => ms(c.cpuPerRun[j])), ms(c.allPerRun)])),
    '',
    'For the local threads, the driver\'s CPU is the two pool threads running the simulations (Redis idles); for a queue, it is the coordinator; for BullMQ alone, the driver adding the jobs.',
    ...queues.map((c) => c.label.startsWith('BullMQ alone')
      ? `${c.label}: ${c.allPerRun.toFixed(2)} ms of CPU per job, all processes (what one BullMQ job per run costs before podsim does anything)`
      : `${c.label}: ${(c.wall / base.wall).toFixed(2)}× the local threads' time (target ≤ 1.25×); CPU per run beyond the local threads': ${(c.allPerRun - base.allPerRun).toFixed(2)} ms (target ≤ 5 ms of overhead per run)`),
  ].join('\n');
  console.log(out);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
