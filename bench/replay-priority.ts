// The cost of per-priority waits in a trace replay (`priorityWaits`), and of what they added to a
// replay that does not ask: one plan, replayed in the same process in interleaved rounds by
//   - `before`: the replay of another checkout's `src/` (the commit before per-priority waits;
//     `--baseline DIR`, a folder holding that `src/` with `node_modules` reachable from it),
//   - `off`: this checkout, not asking (the default),
//   - `off, observed`: this checkout, not asking, with a listener that does nothing (the cost of
//     observing the run, which the per-priority books do),
//   - `value` and `tier`: this checkout, asking,
// CPU time (`process.cpuUsage`) and wall time of `replayTrace(plan)` alone (the plan is read once),
// medians of the rounds. Results are checked equal (JSON) between the cases, `priorities` aside.
//
//   npx tsx bench/replay-priority.ts [--tasks N] [--machines M] [--rounds R] [--baseline DIR]
//
// The trace: a generated Google 2011 trace (as bench/replay.ts's base trace) on its machines, and
// the same tasks on a tenth as many hosts, so that tasks wait and the per-class wait stores fill.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateTrace, readTrace, replaySimulation, replayTrace, traceToScenario, type ReplayPlan, type ReplayTraceOptions } from '../src/traces/index.js';
import { machine, median, table } from './util.js';

const shape = { cpu: 64_000, memory: 256 * 2 ** 30 };
type Replay = (plan: ReplayPlan, options: ReplayTraceOptions) => { containers: { placed: number }; wait: { p99: number } };

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : (process.argv[i + 1] as string);
}

export async function main(): Promise<string> {
  const tasks = Number(arg('--tasks', '100000'));
  const machines = Number(arg('--machines', '5000'));
  const rounds = Number(arg('--rounds', '5'));
  const baselineDir = process.argv.includes('--baseline') ? resolve(arg('--baseline', '')) : undefined;
  const before = baselineDir === undefined ? undefined : ((await import(pathToFileURL(join(baselineDir, 'src', 'traces', 'index.ts')).href)) as { replayTrace: Replay }).replayTrace;
  const dir = mkdtempSync(join(tmpdir(), 'podsim-bench-priority-'));
  const loadStart = loadavg()[0] as number;
  const rows: string[][] = [];
  try {
    const d = join(dir, 'trace');
    await generateTrace({ format: 'google2011', machines, tasks, seed: 3, dir: d, realFeatures: false, tasksPerMachine: 4 });
    const traced = await traceToScenario(readTrace({ format: 'google2011', dir: d }, { shape }));
    // The same tasks on a cluster of a tenth as many machines of the full shape, without machine events.
    const none = { length: 0, time: new Float64Array(0), kind: new Uint8Array(0), machine: new Int32Array(0), cpu: new Float64Array(0), memory: new Float64Array(0) };
    const tight = Math.max(1, Math.round(machines / 10));
    const clusters: { name: string; plan: ReplayPlan; hosts?: ReplayTraceOptions['hosts'] }[] = [
      { name: `its ${machines.toLocaleString('en-US')} machines`, plan: traced },
      { name: `${tight.toLocaleString('en-US')} hosts of the full shape`, plan: { ...traced, machines: none }, hosts: [{ name: 'host', count: tight, capacity: { cpu: `${shape.cpu}m`, memory: shape.memory } }] },
    ];
    for (const { name, plan, hosts } of clusters) {
      const base: ReplayTraceOptions = { scheduler: { policy: 'first-fit' }, ...(hosts === undefined ? {} : { hosts }) };
      const cases: { label: string; replay: Replay; options: ReplayTraceOptions }[] = [
        ...(before === undefined ? [] : [{ label: 'before (baseline src, not asking)', replay: before, options: {} }]),
        { label: 'off (not asking)', replay: replayTrace as Replay, options: {} },
        // What observing the run costs by itself: a listener that does nothing.
        { label: 'off, observed by a no-op listener', replay: ((p, o) => { const run = replaySimulation(p, o); run.observe(() => undefined); return run.run().result(); }) as Replay, options: {} },
        { label: "priorityWaits: 'value'", replay: replayTrace as Replay, options: { priorityWaits: 'value' } },
        { label: "priorityWaits: 'tier'", replay: replayTrace as Replay, options: { priorityWaits: 'tier' } },
      ];
      const cpu = cases.map(() => [] as number[]);
      const wall = cases.map(() => [] as number[]);
      let reference: string | undefined;
      // One warm-up round (not counted), then the rounds, each starting with the next case.
      for (let r = -1; r < rounds; r++) {
        for (let k = 0; k < cases.length; k++) {
          const i = (k + Math.max(0, r)) % cases.length;
          const c = cases[i] as (typeof cases)[number];
          const t0 = performance.now();
          const c0 = process.cpuUsage();
          const result = c.replay(plan, { ...base, ...c.options });
          const used = process.cpuUsage(c0);
          if (r >= 0) {
            (cpu[i] as number[]).push((used.user + used.system) / 1e6);
            (wall[i] as number[]).push((performance.now() - t0) / 1000);
          }
          const { priorities: _, ...rest } = result as { priorities?: unknown };
          const json = JSON.stringify(rest);
          if (reference === undefined) reference = json;
          else if (json !== reference) throw new Error(`${c.label}: a different result`);
        }
      }
      const off = median(cpu[before === undefined ? 0 : 1] as number[]);
      const result = replayTrace(plan, base);
      cases.forEach((c, i) => {
        const mc = median(cpu[i] as number[]);
        rows.push([`${plan.tasks.length.toLocaleString('en-US')} tasks on ${name} (wait p99 ${result.wait.p99.toFixed(0)} s)`, c.label, `${mc.toFixed(2)} s`, `${median(wall[i] as number[]).toFixed(2)} s`, `${(mc / off).toFixed(3)}×`]);
        console.log(rows[rows.length - 1]?.join(' | '));
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const text = [
    `Machine: ${machine()}; 1-minute load average ${loadStart.toFixed(1)} at the start and ${(loadavg()[0] as number).toFixed(1)} at the end. \`replayTrace(plan)\` alone (plan read once), first-fit, src through tsx, medians of ${rounds} interleaved rounds in one process (after one warm-up round), each round starting with the next case.`,
    '',
    table(['trace', 'case', 'CPU', 'wall', 'CPU ÷ off'], rows),
  ].join('\n');
  console.log(`\n${text}`);
  return text;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
