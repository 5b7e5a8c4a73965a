// Issue 15's scale targets, measured on the BUILT package (`npm run build` first; the child process
// imports `dist/esm/`, run by plain node semantics): a generated Google 2011 trace at 12,500
// machines, tiled k× in time, replayed end to end under first-fit by the streaming path
// (`readTrace` → `traceToScenario` → `replayTrace`), then the run's summary written as JSON. Each
// run is a child process of its own so that its peak RSS is its own; the heap size is Node's default.
//
//   npx tsx bench/replay-scale.ts                   # 2.5M and 5M tasks, one round each
//   npx tsx bench/replay-scale.ts --tasks 25M       # the month (about 2.2 GB of CSV in the trace dir)
//   npx tsx bench/replay-scale.ts --tasks 1M --keep /tmp/podsim-scale   # keep the generated traces
//   npx tsx bench/replay-scale.ts --dist /tmp/old-dist                  # another build (a baseline)
//   npx tsx bench/replay-scale.ts --tasks 1M,4M --paths plan,stream     # the plan against the stream, per size
//   npx tsx bench/replay-scale.ts --tasks 4M --paths stream --horizon 600  # the stream with another horizon
//
// Paths: `plan` is read → `traceToScenario` → `replayTrace` (the trace held as a plan, read in this
// thread); `stream` is `replayStream` (arrival order, read in the worker thread, fed as the run
// advances: nothing held per task or per job for the trace's length, jobs forgotten once no task of
// theirs is held, waits exact up to 1,048,576 then sketched). Both give the same result (the
// summary's hash is printed to check it; the generated trace's waits are all 0, so exact either way).
//
// Per run: CPU seconds (user + system of the child), wall seconds, peak RSS (the child's maxRSS), the
// read + plan phase and the simulation phase separately, and the plan's size (heap + array buffers
// after a full collection, when `--expose-gc` is available: it is passed to the child).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tile } from './traces.js';
import { machine, table } from './util.js';

const shape = { cpu: 64_000, memory: 256 * 2 ** 30 };
const BASE_TASKS = 250_000;

interface ChildResult {
  tasks: number;
  placed: number;
  events: number;
  cpuSeconds: number;
  seconds: number;
  planCpuSeconds: number;
  planSeconds: number;
  /** Heap used + array buffers after a full GC, once the plan is built (bytes). */
  planBytes: number;
  /** The same before reading (bytes). */
  baseBytes: number;
  peakRssMiB: number;
  /** Peak RSS by the end of read + plan. */
  planPeakRssMiB: number;
  /** Stream: the most tasks held at once. */
  maxHeld?: number;
  /** A hash of the result's summary (the same for both paths). */
  hash: string;
}

/** Child process: one end-to-end replay of `dir`, importing the built package. */
async function child(dir: string, outDir: string, distDir: string, path: string): Promise<void> {
  const dist = pathToFileURL(join(distDir, 'esm/traces/index.js')).href;
  const traces = (await import(dist)) as typeof import('../src/traces/index.js');
  const gc = (globalThis as { gc?: () => void }).gc;
  const heap = (): number => {
    // Twice: array buffers freed by a collection are swept concurrently, and counted until then.
    gc?.();
    gc?.();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const baseBytes = heap();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  // Writes the run's summary and prints the child's figures (the phase figures NaN for the stream, which has no plan phase).
  const finish = (r: { containers: { placed: number }; wait: unknown; events: number }, tasks: number, phase: Pick<ChildResult, 'planSeconds' | 'planCpuSeconds' | 'planBytes' | 'planPeakRssMiB' | 'maxHeld'>): void => {
    const summary = JSON.stringify({ containers: r.containers, wait: r.wait, events: r.events }, null, 1);
    writeFileSync(join(outDir, 'summary.json'), summary);
    const out: ChildResult = {
      tasks,
      placed: r.containers.placed,
      events: r.events,
      seconds: (performance.now() - t0) / 1000,
      cpuSeconds: ((c) => c.user + c.system)(process.cpuUsage(c0)) / 1e6,
      baseBytes,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
      ...phase,
      hash: createHash('sha256').update(summary).digest('hex').slice(0, 12),
    };
    process.stdout.write(JSON.stringify(out));
  };
  if (path === 'stream') {
    const horizon = process.env['PODSIM_BENCH_HORIZON'];
    const replay = await traces.openReplayStream({ format: 'google2011', dir }, { shape, worker: true }, { scheduler: { policy: 'first-fit' }, ...(horizon === undefined ? {} : { horizon: Number(horizon) }) });
    const r = await replay.run();
    finish(r, replay.counts.tasks, { planSeconds: NaN, planCpuSeconds: NaN, planBytes: NaN, planPeakRssMiB: NaN, maxHeld: replay.counts.maxHeld });
    return;
  }
  const plan = await traces.traceToScenario(traces.readTrace({ format: 'google2011', dir }, { shape }));
  const planSeconds = (performance.now() - t0) / 1000;
  const planCpuSeconds = ((c) => c.user + c.system)(process.cpuUsage(c0)) / 1e6;
  const planPeakRssMiB = process.resourceUsage().maxRSS / 1024;
  const planBytes = heap();
  finish(traces.replayTrace(plan, { scheduler: { policy: 'first-fit' } }), plan.tasks.length, { planSeconds, planCpuSeconds, planBytes, planPeakRssMiB });
}

function run(dir: string, outDir: string, distDir: string, path: string): ChildResult {
  const self = fileURLToPath(import.meta.url);
  // The stream has no plan to weigh, so it needs no --expose-gc.
  const out = execFileSync(process.execPath, [...(path === 'stream' ? [] : ['--expose-gc']), ...process.execArgv, self, '--child', dir, outDir, distDir, path], { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out) as ChildResult;
}

const f1 = (x: number): string => x.toFixed(1);
const n0 = (x: number): string => Math.round(x).toLocaleString('en-US');

function parseCount(s: string): number {
  const m = /^([\d.]+)([kKmM]?)$/.exec(s.trim());
  if (m === null) throw new Error(`not a task count: ${s}`);
  const mult = m[2] === '' ? 1 : m[2]?.toLowerCase() === 'k' ? 1e3 : 1e6;
  return Number(m[1]) * mult;
}

export async function main(): Promise<string> {
  const argv = process.argv;
  const at = (flag: string): string | undefined => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  const sizes = (at('--tasks') ?? '2.5M,5M').split(',').map(parseCount);
  const keep = at('--keep');
  const distDir = at('--dist') ?? fileURLToPath(new URL('../dist', import.meta.url));
  const paths = (at('--paths') ?? 'plan').split(',');
  // The stream's horizon (seconds of trace time; default 3600), passed to the child.
  const horizon = at('--horizon');
  if (horizon !== undefined) process.env['PODSIM_BENCH_HORIZON'] = horizon;
  const root = keep ?? mkdtempSync(join(tmpdir(), 'podsim-bench-scale-'));
  mkdirSync(root, { recursive: true });
  const rows: string[][] = [];
  const loadStart = loadavg()[0] as number;
  try {
    const dist = pathToFileURL(join(distDir, 'esm/traces/index.js')).href;
    const traces = (await import(dist)) as typeof import('../src/traces/index.js');
    const baseDir = join(root, 'base');
    const baseFile = join(baseDir, 'task_events', 'part-00000-of-00001.csv');
    const machineFile = join(baseDir, 'machine_events', 'part-00000-of-00001.csv');
    if (!existsSync(baseFile)) {
      console.log(`generating ${n0(BASE_TASKS)} tasks on 12,500 machines …`);
      await traces.generateTrace({ format: 'google2011', machines: 12_500, tasks: BASE_TASKS, seed: 3, dir: baseDir, realFeatures: false, tasksPerMachine: 4 });
    }
    for (const tasks of sizes) {
      const k = Math.max(1, Math.round(tasks / BASE_TASKS));
      const d = join(root, `x${k}`);
      if (!existsSync(join(d, 'task_events', 'part-00000-of-00001.csv'))) {
        mkdirSync(join(d, 'task_events'), { recursive: true });
        mkdirSync(join(d, 'machine_events'), { recursive: true });
        const r = tile(baseFile, join(d, 'task_events', 'part-00000-of-00001.csv'), k);
        copyFileSync(machineFile, join(d, 'machine_events', 'part-00000-of-00001.csv'));
        console.log(`tiled ${k}×: ${n0(r)} rows`);
      }
      for (const path of paths) {
        const outDir = mkdtempSync(join(tmpdir(), 'podsim-scale-out-'));
        const l0 = loadavg()[0] as number;
        const r = run(d, outDir, distDir, path);
        const l1 = loadavg()[0] as number;
        rmSync(outDir, { recursive: true, force: true });
        rows.push([
          n0(r.tasks),
          path,
          `${f1(r.cpuSeconds)} s (wall ${f1(r.seconds)} s)`,
          path === 'stream' ? `— (held at most ${n0(r.maxHeld ?? 0)} tasks)` : `${f1(r.planCpuSeconds)} s (wall ${f1(r.planSeconds)} s)`,
          n0(r.tasks / r.cpuSeconds),
          path === 'stream' ? `${n0(r.peakRssMiB)} MiB` : `${n0(r.peakRssMiB)} MiB (${n0(r.planPeakRssMiB)} by the plan's end)`,
          path === 'stream' ? '—' : f1((r.planBytes - r.baseBytes) / r.tasks),
          n0(r.placed),
          r.hash,
          `${l0.toFixed(1)}–${l1.toFixed(1)}`,
        ]);
        console.log(rows[rows.length - 1]?.join(' | '));
      }
      if (keep === undefined) rmSync(d, { recursive: true, force: true });
    }
  } finally {
    if (keep === undefined) rmSync(root, { recursive: true, force: true });
  }
  const loadEnd = loadavg()[0] as number;
  const text = [
    `Machine: ${machine()}; 1-minute load average ${loadStart.toFixed(1)} at the start and ${loadEnd.toFixed(1)} at the end.`,
    '',
    'First-fit, 12,500 machines, generated Google 2011 trace tiled in time; built package; one child process per run (Node default heap).',
    '',
    table(['tasks', 'path', 'end to end: CPU (wall)', 'read + plan: CPU (wall)', 'tasks per CPU-second', 'peak RSS', 'plan bytes per task (heap + buffers after GC)', 'placed', 'result hash', 'load (1 min) start–end'], rows),
  ].join('\n');
  console.log(`\n${text}`);
  return text;
}

const ci = process.argv.indexOf('--child');
if (ci >= 0) await child(process.argv[ci + 1] as string, process.argv[ci + 2] as string, process.argv[ci + 3] as string, process.argv[ci + 4] ?? 'plan');
else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
