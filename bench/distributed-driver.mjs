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

// An M/M/10 queue at ρ = 0.8 with 2,000 containers: a short run (about 2.5 ms of CPU).
const scenario = {
  seed: 1,
  hosts: [{ name: 'node', count: 10, capacity: { cpu: 1, memory: '4Gi' } }],
  workloads: [{ name: 'job', count: 2000, arrival: { process: 'poisson', rate: 8 }, duration: { distribution: 'exponential', mean: 1 }, request: { cpu: 1, memory: '1Gi' } }],
};
// 20 points × 20 replications = 400 runs.
const sweep = { scenario, vary: { 'hosts[0].count': Array.from({ length: 20 }, (_, i) => 10 + i) }, replications: 20, metrics: ['wait.mean', 'wait.p99', 'utilization.cpu'] };

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
try {
  const cases = [{ label: `2 local worker threads (${main.name}, baseline)`, run: () => main.ex.experiment({ ...sweep, runner }), pids: [rpid], wall: [], cpu: [] }];
  for (const [i, b] of builds.entries()) {
    const prefix = `bench${i}`;
    const ws = await Promise.all([workerProcess(b, prefix), workerProcess(b, prefix)]);
    children.push(...ws);
    cases.push({ label: `queue, 2 podsim worker processes (${b.name})`, run: () => b.ex.experiment({ ...sweep, queue: { connection: url, fresh: true, prefix } }), pids: [rpid, ...ws.map((w) => w.pid)], wall: [], cpu: [] });
  }
  // Warm every case, and check that each gives the same bytes.
  for (const c of cases) c.text = JSON.stringify((await c.run()).points);
  for (const c of cases) if (c.text !== cases[0].text) throw new Error(`${c.label}: results differ from the local sweep's`);
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
  const runs = 400;
  const out = cases.map((c) => ({
    label: c.label,
    wall: median(c.wall),
    walls: c.wall,
    // CPU ms per run: this process, redis, and each worker (medians over rounds).
    cpuPerRun: c.cpu[0].map((_, j) => median(c.cpu.map((x) => x[j])) / runs),
    allPerRun: median(c.cpu.map((x) => x.reduce((a, b) => a + b, 0))) / runs,
  }));
  process.stdout.write(JSON.stringify({ builds: builds.map((b) => `${b.name}: ${b.dir}`), rounds, cases: out }) + '\n');
} finally {
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode !== null ? undefined : new Promise((r) => c.once('exit', r)))));
  await pool.close();
}
