// The measuring half of bench/distributed.ts, in plain JavaScript so that it runs under plain
// `node`: started under tsx, the pool's worker threads inherit tsx's loader and spend about twice
// the CPU per run even on the built package, which would flatter the queue. It imports only the
// built package (`dist/esm`) and starts `node dist/esm/cli/bin.js worker` processes.
//
// Environment: REDIS_URL and REDIS_PORT (a running redis-server), PODSIM_DIST (the build measured,
// also the baseline's), PODSIM_DIST_BEFORE (optional: other builds' queues in the same rounds, `dir` or `name=dir,…`),
// BENCH_ROUNDS. Prints a JSON report on stdout.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// An M/M/10 queue at ρ = 0.8 with BENCH_CONTAINERS containers (default 2,000: a short run, about
// 2 ms of CPU; 20,000 take about ten times as long).
const containers = Number(process.env.BENCH_CONTAINERS ?? 2000);
const scenario = {
  seed: 1,
  hosts: [{ name: 'node', count: 10, capacity: { cpu: 1, memory: '4Gi' } }],
  workloads: [{ name: 'job', count: containers, arrival: { process: 'poisson', rate: 8 }, duration: { distribution: 'exponential', mean: 1 }, request: { cpu: 1, memory: '1Gi' } }],
};
// 20 points × BENCH_REPS replications (default 20: 400 runs).
const reps = Number(process.env.BENCH_REPS ?? 20);
const runs = 20 * reps;
const sweep = { scenario, vary: { 'hosts[0].count': Array.from({ length: 20 }, (_, i) => 10 + i) }, replications: reps, metrics: ['wait.mean', 'wait.p99', 'utilization.cpu'] };

const { REDIS_URL: url, REDIS_PORT: port } = process.env;
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

async function loadBuild(name, dir) {
  const esm = join(resolve(dir), 'esm');
  return { name, dir, ex: await import(pathToFileURL(join(esm, 'experiments/index.js')).href), bin: join(esm, 'cli/bin.js') };
}

/** CPU milliseconds (user + system) a process has used, from /proc/<pid>/stat (in 1/100 s). */
function cpuOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}
const selfCpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

function redisPid() {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      if (cmd.includes('redis-server') && cmd.includes(`:${port}`)) return Number(d);
    } catch { /* gone meanwhile */ }
  }
  throw new Error(`no redis-server on port ${port} in /proc`);
}

/** `podsim worker` of a build, as its own process; resolves once it waits for sweeps. */
function workerProcess(b, prefix) {
  const child = spawn(process.execPath, [b.bin, 'worker', '--queue', url, '--concurrency', '1', '--prefix', prefix], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  return new Promise((ok, fail) => {
    child.stderr.on('data', (d) => { err += d.toString(); if (err.includes('waiting for sweeps')) ok(child); });
    child.once('exit', (code) => fail(new Error(`podsim worker exited (${code}): ${err}`)));
  });
}

// BullMQ alone, for the floor of one job per run: a worker process whose processor does nothing but
// return an outcome-sized string, serving the same number of jobs with podsim's job data, settings
// and completion (completed jobs removed, which is cheaper than podsim keeping them to harvest).
const FLOOR_WORKER = `
const { Worker } = await import(process.env.FLOOR_BULLMQ);
const { Redis } = await import(process.env.FLOOR_IOREDIS);
const connection = new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: null });
const outcome = JSON.stringify({ point: 3, replication: 7, metrics: [0.12345678901234567, 1.2345678901234567, 0.8012345678901234] });
const w = new Worker('f'.repeat(16), async () => { process.stdout.write('.'); return outcome; }, { connection, prefix: 'floor', concurrency: 4 });
w.on('error', () => undefined);
await w.waitUntilReady();
process.stderr.write('ready\\n');
process.once('SIGTERM', () => { void w.close().then(() => process.exit(0)); });
`;
let floorDone = 0;
function floorProcess() {
  const env = { ...process.env, FLOOR_BULLMQ: import.meta.resolve('bullmq'), FLOOR_IOREDIS: import.meta.resolve('ioredis') };
  const child = spawn(process.execPath, ['--input-type=module', '-e', FLOOR_WORKER], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => { floorDone += d.length; });
  let err = '';
  return new Promise((ok, fail) => {
    child.stderr.on('data', (d) => { err += d.toString(); if (err.includes('ready')) ok(child); });
    child.once('exit', (code) => fail(new Error(`the BullMQ floor worker exited (${code}): ${err}`)));
  });
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

const builds = [await loadBuild('this build', process.env.PODSIM_DIST)];
// PODSIM_DIST_BEFORE: a folder, or several as name=folder, separated by commas.
for (const entry of (process.env.PODSIM_DIST_BEFORE ?? '').split(',').filter((e) => e !== '')) {
  const [name, dir] = entry.includes('=') ? entry.split('=') : ['before', entry];
  builds.push(await loadBuild(name, dir));
}
const rpid = redisPid();
const children = [];
const main = builds[0];
const pool = main.ex.poolRunner(scenario, 2);
const runner = () => ({ run: (s, t, on, o) => pool.run(s, t, on, o), close: async () => undefined });
const cases = [];
try {
  cases.push({ label: `2 local worker threads (${main.name}, baseline)`, run: () => main.ex.experiment({ ...sweep, runner }), pids: [rpid], wall: [], cpu: [] });
  for (const [i, b] of builds.entries()) {
    const prefix = `bench${i}`;
    const ws = await Promise.all([workerProcess(b, prefix), workerProcess(b, prefix)]);
    children.push(...ws);
    cases.push({ label: `queue, 2 podsim worker processes (${b.name})`, run: () => b.ex.experiment({ ...sweep, queue: { connection: url, fresh: true, prefix } }), pids: [rpid, ...ws.map((w) => w.pid)], wall: [], cpu: [] });
  }
  // Warm every case, and check that each gives the same bytes.
  for (const c of cases) c.text = JSON.stringify((await c.run()).points);
  for (const c of cases) if (c.text !== cases[0].text) throw new Error(`${c.label}: results differ from the local sweep's`);
  {
    const { Queue } = await import('bullmq');
    const fq = new Queue('f'.repeat(16), { connection: { url }, prefix: 'floor', streams: { events: { maxLen: 100 } } });
    const fws = await Promise.all([floorProcess(), floorProcess()]);
    children.push(...fws);
    const settings = { metrics: sweep.metrics, warmup: 0, keepResults: false };
    let round = 0;
    const floor = async () => {
      const r = round++;
      const start = floorDone;
      const jobs = Array.from({ length: runs }, (_, i) => ({ name: 'run', data: { format: 'podsim-run/1', podsim: '0.1.0', sweep: 'a'.repeat(64), stage: 'b'.repeat(16), settings, task: { point: i % 20, values: { 'hosts[0].count': 10 + (i % 20) }, replication: Math.floor(i / 20) }, runTimeout: 600_000, ttl: 604_800 }, opts: { jobId: `${'b'.repeat(16)}-${r}-p${i % 20}r${Math.floor(i / 20)}`, attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true } }));
      for (let i = 0, size = 16; i < jobs.length; i += size, size = Math.min(500, 4 * size)) await fq.addBulk(jobs.slice(i, i + size));
      while (floorDone - start < runs) await new Promise((ok) => setTimeout(ok, 2));
    };
    await floor();
    cases.push({ label: 'BullMQ alone: 2 processes of no-op workers, the same jobs (the floor of one job per run)', run: floor, pids: [rpid, ...fws.map((w) => w.pid)], wall: [], cpu: [], close: () => fq.close() });
  }
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < cases.length; k++) {
      const c = cases[(r + k) % cases.length];
      const cpu0 = [selfCpu(), ...c.pids.map(cpuOf)];
      const t0 = performance.now();
      await c.run();
      c.wall.push(performance.now() - t0);
      // Let the workers' last completions land in /proc's counters.
      await new Promise((ok) => setTimeout(ok, 20));
      c.cpu.push([selfCpu(), ...c.pids.map(cpuOf)].map((x, j) => x - cpu0[j]));
    }
  }
  const out = cases.map((c) => ({
    label: c.label,
    wall: median(c.wall),
    walls: c.wall,
    // CPU ms per run: this process, redis, and each worker (medians over rounds).
    cpuPerRun: c.cpu[0].map((_, j) => median(c.cpu.map((x) => x[j])) / runs),
    allPerRun: median(c.cpu.map((x) => x.reduce((a, b) => a + b, 0))) / runs,
  }));
  process.stdout.write(JSON.stringify({ builds: builds.map((b) => `${b.name}: ${b.dir}`), rounds, runs, containers, cases: out }) + '\n');
} finally {
  for (const c of children) c.kill('SIGTERM');
  await cases.find((c) => c.close !== undefined)?.close();
  await Promise.all(children.map((c) => (c.exitCode !== null ? undefined : new Promise((r) => c.once('exit', r)))));
  await pool.close();
}
