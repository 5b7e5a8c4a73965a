// Trace replay end to end at 12,500 machines, first-fit: read → plan → simulate, through the streaming
// arrival source (`replayTrace`) against the old path in the same run (`replayScenario` → `simulate`,
// per-shape scenario arrays), each run in a child process of its own so that its peak RSS is its own.
//
//   npx tsx bench/replay.ts            # 250k tasks (3 interleaved rounds) and 1M (1 round)
//   npx tsx bench/replay.ts --quick    # 60k tasks, 2 rounds: a smoke test
//   npx tsx bench/replay.ts --scale    # adds 2.5M (both paths) and 5M (streaming only), one round each
//   npx tsx bench/replay.ts --kube     # the default kube profile on the 250k-task trace, against first-fit
//   npx tsx bench/replay.ts --kube --dist [--baseline DIR]
//                                      # the same from the built package (dist/esm, `npm run build` first),
//                                      # and from another build's dist/esm (DIR) as a before/after baseline
//
// The trace: a generated Google 2011 trace (12,500 machines, ~4 tasks per machine alive, jobs of ~3
// tasks, jittered requests: tens of thousands of distinct request shapes), tiled k times one after
// the other in time (`tile` of bench/traces.ts) for the larger sizes, with its machine table.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateTrace } from '../src/traces/index.js';
import { tile } from './traces.js';
import { machine, median, table } from './util.js';

const shape = { cpu: 64_000, memory: 256 * 2 ** 30 };

interface ChildResult {
  path: string;
  tasks: number;
  placed: number;
  seconds: number;
  cpuSeconds: number;
  peakRssMiB: number;
  events: number;
  shapes: number;
}

/**
 * Child process: one replay of `dir` by `path`, timed from the first read to the result. `pkg` is
 * `src` (the TypeScript source, through tsx) or a built package's `dist/esm` directory.
 */
async function child(path: string, dir: string, policy: string, pkg: string): Promise<void> {
  const base = pkg === 'src' ? new URL('../src/', import.meta.url).href : `${pathToFileURL(pkg).href}/`;
  const { readTrace, replayScenario, replayTrace, traceToScenario } = (await import(`${base}traces/index.js`)) as typeof import('../src/traces/index.js');
  const { simulate } = (await import(`${base}simulation/simulate.js`)) as typeof import('../src/simulation/simulate.js');
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const plan = await traceToScenario(readTrace({ format: 'google2011', dir }, { shape }));
  const scheduler = { policy };
  let placed: number;
  let events: number;
  let shapes: number;
  if (path === 'stream') {
    const r = replayTrace(plan, { scheduler });
    placed = r.containers.placed;
    events = r.events;
    shapes = -1;
  } else {
    const scenario = replayScenario(plan, { scheduler });
    shapes = scenario.workloads.length;
    const r = simulate(scenario);
    placed = r.containers.placed;
    events = r.events;
  }
  const out: ChildResult = { path, tasks: plan.tasks.length, placed, seconds: (performance.now() - t0) / 1000, cpuSeconds: ((c => c.user + c.system)(process.cpuUsage(c0))) / 1e6, peakRssMiB: process.resourceUsage().maxRSS / 1024, events, shapes };
  process.stdout.write(JSON.stringify(out));
}

function run(path: string, dir: string, policy = 'first-fit', pkg = 'src'): ChildResult {
  const self = fileURLToPath(import.meta.url);
  const out = execFileSync(process.execPath, [...process.execArgv, self, '--child', path, dir, policy, pkg], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out) as ChildResult;
}

const f1 = (x: number): string => x.toFixed(1);
const n0 = (x: number): string => Math.round(x).toLocaleString('en-US');

export async function main(): Promise<string> {
  const argv = process.argv;
  const quick = argv.includes('--quick');
  const scale = argv.includes('--scale');
  const kube = argv.includes('--kube');
  const dir = mkdtempSync(join(tmpdir(), 'podsim-bench-replay-'));
  const out: string[] = [];
  const loadStart = loadavg()[0] as number;
  try {
    const baseTasks = quick ? 60_000 : 250_000;
    console.log(`generating ${n0(baseTasks)} tasks on 12,500 machines …`);
    const base = await generateTrace({ format: 'google2011', machines: 12_500, tasks: baseTasks, seed: 3, dir: join(dir, 'base'), realFeatures: false, tasksPerMachine: 4 });
    const traceOf = (k: number): string => {
      const d = join(dir, `x${k}`);
      mkdirSync(join(d, 'task_events'), { recursive: true });
      mkdirSync(join(d, 'machine_events'), { recursive: true });
      tile(base.files['task_events']?.[0] as string, join(d, 'task_events', 'part-00000-of-00001.csv'), k);
      copyFileSync(base.files['machine_events']?.[0] as string, join(d, 'machine_events', 'part-00000-of-00001.csv'));
      return d;
    };
    const rows: string[][] = [];
    const record = (label: string, old: ChildResult[], now: ChildResult[]): void => {
      const o = old.length > 0 ? { s: median(old.map((r) => r.seconds)), c: median(old.map((r) => r.cpuSeconds)), m: median(old.map((r) => r.peakRssMiB)) } : undefined;
      const s = { s: median(now.map((r) => r.seconds)), c: median(now.map((r) => r.cpuSeconds)), m: median(now.map((r) => r.peakRssMiB)) };
      const t = now[0] as ChildResult;
      rows.push([
        `${label} (${n0(t.tasks)})`,
        o === undefined ? '—' : `${f1(o.s)} s (CPU ${f1(o.c)} s), ${n0(o.m)} MiB`,
        `${f1(s.s)} s (CPU ${f1(s.c)} s), ${n0(s.m)} MiB`,
        o === undefined ? '—' : `CPU ${(o.c / s.c).toFixed(2)}×, RSS ${(o.m / s.m).toFixed(2)}×`,
        n0(t.tasks / s.c),
        n0((s.m * 2 ** 20) / t.tasks),
        n0(t.placed),
      ]);
      console.log(rows[rows.length - 1]?.join(' | '));
    };
    const sizes: { k: number; rounds: number; old: boolean }[] = quick
      ? [{ k: 1, rounds: 2, old: true }]
      : [{ k: 1, rounds: 3, old: true }, { k: 4, rounds: 1, old: true }, ...(scale ? [{ k: 10, rounds: 1, old: true }, { k: 20, rounds: 1, old: false }] : [])];
    if (!kube) {
      for (const { k, rounds, old } of sizes) {
        const d = traceOf(k);
        const olds: ChildResult[] = [];
        const news: ChildResult[] = [];
        for (let r = 0; r < rounds; r++) {
          if (old) olds.push(run('scenario', d));
          news.push(run('stream', d));
        }
        if (old && olds[0]?.placed !== news[0]?.placed) throw new Error(`the two paths placed ${olds[0]?.placed} and ${news[0]?.placed} tasks`);
        record(`${k}× base`, olds, news);
        rmSync(d, { recursive: true, force: true });
      }
    }
    const kubeRows: string[][] = [];
    let kubePkg = 'src';
    if (kube || quick) {
      // Interleaved rounds on one trace, all streaming (`replayTrace`): first-fit (the baseline), the
      // default kube profile, and, with --baseline, the default kube profile of another build.
      const d = traceOf(1);
      const pkg = argv.includes('--dist') ? fileURLToPath(new URL('../dist/esm', import.meta.url)) : 'src';
      kubePkg = pkg === 'src' ? 'the TypeScript source through tsx' : 'the built package (dist/esm)';
      const baseline = argv.includes('--baseline') ? join(argv[argv.indexOf('--baseline') + 1] as string, 'dist', 'esm') : undefined;
      const cases: { label: string; policy: string; pkg: string }[] = [
        { label: 'first-fit', policy: 'first-fit', pkg },
        ...(baseline === undefined ? [] : [{ label: 'kube, before (baseline build)', policy: 'kube', pkg: baseline }]),
        { label: 'kube', policy: 'kube', pkg },
      ];
      const results = cases.map(() => [] as ChildResult[]);
      const rounds = quick ? 1 : 3;
      for (let r = 0; r < rounds; r++) cases.forEach((c, i) => (results[i] as ChildResult[]).push(run('stream', d, c.policy, c.pkg)));
      const ff = median((results[0] as ChildResult[]).map((x) => x.cpuSeconds));
      cases.forEach((c, i) => {
        const rs = results[i] as ChildResult[];
        const cpu = median(rs.map((x) => x.cpuSeconds)), wall = median(rs.map((x) => x.seconds));
        const t = rs[0] as ChildResult;
        kubeRows.push([c.label, n0(t.tasks), n0(t.placed), `${f1(cpu)} s`, n0(t.tasks / cpu), `${f1(wall)} s`, n0(t.tasks / wall), n0(median(rs.map((x) => x.peakRssMiB))), `${(cpu / ff).toFixed(2)}×`]);
        console.log(kubeRows[kubeRows.length - 1]?.join(' | '));
      });
      rmSync(d, { recursive: true, force: true });
    }
    const loadEnd = loadavg()[0] as number;
    out.push(
      `Machine: ${machine()}; 1-minute load average ${loadStart.toFixed(1)} at the start and ${loadEnd.toFixed(1)} at the end (other helpers' jobs share the 2 cores).`,
      '',
    );
    if (rows.length > 0) {
      out.push(
        `First-fit, 12,500 machines, a generated Google 2011 trace of ${n0(baseTasks)} tasks tiled k× in time; each run a child process (wall time from the first read to the result; peak RSS of the process); medians of the rounds.`,
        '',
        table(['trace (tasks)', 'old: replayScenario → simulate', 'streaming: replayTrace', 'old ÷ streaming', 'tasks per CPU-second (streaming)', 'peak RSS per task (B, streaming)', 'placed'], rows),
      );
    }
    if (kubeRows.length > 0) {
      out.push('', `Default kube profile (\`kube\`) against first-fit, the same trace, streaming, end to end (read → plan → simulate), ${kubePkg}; medians of interleaved rounds:`, '', table(['policy', 'tasks', 'placed', 'CPU', 'tasks per CPU-second', 'wall', 'tasks per second (wall)', 'peak RSS MiB', 'CPU ÷ first-fit'], kubeRows));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const text = out.join('\n');
  console.log(`\n${text}`);
  return text;
}

const argv = process.argv;
if (argv.includes('--child')) await child(argv[argv.indexOf('--child') + 1] as string, argv[argv.indexOf('--child') + 2] as string, argv[argv.indexOf('--child') + 3] as string, argv[argv.indexOf('--child') + 4] as string);
else if (import.meta.url === pathToFileURL(argv[1] ?? '').href) await main();
