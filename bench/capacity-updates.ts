// Host capacity updates (issue 15 §2) must cost nothing to a run that never changes capacity: the
// release/allocate hot paths gained one check (`pendingShrinks !== 0`), the indexes a listener that
// is never called. This times runs without capacity updates on this tree's `src/` against a baseline
// `src/` (the commit before the feature, extracted with `git archive` into .tmp/), interleaved in the
// same process, through tsx (both sides alike): medians of wall and CPU time, and their ratio.
//
//   npx tsx bench/capacity-updates.ts [--base COMMIT] [--rounds N]
//
// Cases: simulate() best-fit on 256 hosts (the free-capacity index) with 300k Poisson containers;
// replayTrace() first-fit of a generated Google 2011 trace (2,000 machines, 150k tasks, no machine
// events after time 0, so no updates).
import { execSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { machine, median, table } from './util.js';

const root = join(fileURLToPath(import.meta.url), '../..');
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const base = arg('--base') ?? '9a06011~1';
const rounds = Number(arg('--rounds') ?? 7);
const baseDir = join(root, '.tmp', 'capacity-base');
rmSync(baseDir, { recursive: true, force: true });
mkdirSync(baseDir, { recursive: true });
execSync(`git archive ${base} src | tar -x -C ${baseDir}`, { cwd: root });

type Api = { simulate: (s: unknown) => { containers: { placed: number } }; traces: typeof import('../src/traces/index.js') };
async function load(dir: string): Promise<Api> {
  const main = (await import(pathToFileURL(join(dir, 'src/index.ts')).href)) as { simulate: Api['simulate'] };
  const traces = (await import(pathToFileURL(join(dir, 'src/traces/index.ts')).href)) as Api['traces'];
  return { simulate: main.simulate, traces };
}
const sides = { base: await load(baseDir), new: await load(root) };

const scenario = {
  seed: 3,
  hosts: [{ name: 'n', count: 256, capacity: { cpu: 16, memory: '64Gi' } }],
  scheduler: { policy: 'best-fit' },
  workloads: [{ name: 'w', count: 300_000, arrival: { process: 'poisson', rate: 400 }, duration: { distribution: 'exponential', mean: 10 }, request: { cpu: '1500m', memory: '3Gi' } }],
};
const traceDir = join(root, '.tmp', 'capacity-trace');
rmSync(traceDir, { recursive: true, force: true });
await sides.new.traces.generateTrace({ format: 'google2011', machines: 2000, tasks: 150_000, seed: 8, dir: traceDir, realFeatures: false });
const shape = { cpu: 64_000, memory: 256 * 2 ** 30 };

const cases: Record<string, (api: Api) => Promise<number>> = {
  'simulate, best-fit, 256 hosts, 300k containers': async (api) => api.simulate(scenario).containers.placed,
  'replayTrace, first-fit, 2,000 machines, 150k tasks': async (api) => {
    const plan = await api.traces.traceToScenario(api.traces.readTrace({ format: 'google2011', dir: traceDir }, { shape }), { mode: 'reschedule' });
    return api.traces.replayTrace(plan, { scheduler: { policy: 'first-fit' } }).containers.placed;
  },
};

const rows: (string | number)[][] = [];
for (const [name, fn] of Object.entries(cases)) {
  const t: Record<'base' | 'new', { wall: number[]; cpu: number[]; placed: number }> = { base: { wall: [], cpu: [], placed: 0 }, new: { wall: [], cpu: [], placed: 0 } };
  for (const side of ['base', 'new'] as const) t[side].placed = await fn(sides[side]); // warm-up
  for (let r = 0; r < rounds; r++) {
    for (const side of r % 2 === 0 ? (['base', 'new'] as const) : (['new', 'base'] as const)) {
      const c0 = process.cpuUsage(), w0 = performance.now();
      const placed = await fn(sides[side]);
      t[side].wall.push(performance.now() - w0);
      const c = process.cpuUsage(c0);
      t[side].cpu.push((c.user + c.system) / 1000);
      if (placed !== t[side].placed) throw new Error(`${name}: ${side} placed ${placed}, then ${t[side].placed}`);
    }
  }
  if (t.base.placed !== t.new.placed) throw new Error(`${name}: base placed ${t.base.placed}, new ${t.new.placed}`);
  const mb = median(t.base.wall), mn = median(t.new.wall), cb = median(t.base.cpu), cn = median(t.new.cpu);
  rows.push([name, mb.toFixed(0), mn.toFixed(0), (mn / mb).toFixed(3), cb.toFixed(0), cn.toFixed(0), (cn / cb).toFixed(3)]);
}
console.log(machine());
console.log(`baseline ${base}, ${rounds} interleaved rounds, medians (ms), src/ through tsx on both sides`);
console.log(table(['case', 'base wall', 'new wall', 'new/base', 'base CPU', 'new CPU', 'new/base CPU'], rows));
rmSync(join(root, '.tmp', 'capacity-base'), { recursive: true, force: true });
rmSync(traceDir, { recursive: true, force: true });
