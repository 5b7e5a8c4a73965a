// Issue 2's benchmarks: simulate() against a hand-written typed-array M/M/c loop on the same
// scenario, and the event queue's cost per event as the number of pending events grows.
//
// simulate() is measured from the built package (dist/esm, what users import; `npm run bench`
// builds it first), and once more from src/ through tsx's on-the-fly transform, for comparison.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EventQueue } from '../src/engine/event-queue.js';
import { simulate as simulateFromSource } from '../src/index.js';
import { baselineMmc } from './baseline-mmc.js';
import { machine, median, table, timeRuns } from './util.js';

const C = 10, LAMBDA = 8, MU = 1;

type Simulate = typeof simulateFromSource;

/** `simulate` from a built package (this checkout's `dist` by default); exits with a message when it has not been built. */
async function builtSimulate(dist: URL = new URL('../dist/', import.meta.url)): Promise<Simulate> {
  const entry = new URL('esm/index.js', dist);
  if (!existsSync(fileURLToPath(entry))) {
    console.error(`bench/simulate: ${fileURLToPath(entry)} is missing: run npm run build first (npm run bench does)`);
    process.exit(1);
  }
  return ((await import(entry.href)) as { simulate: Simulate }).simulate;
}

/** The `dist` directory given as `--against <dir>` (another checkout's build, to compare with), if any. */
export function againstDist(): URL | undefined {
  const i = process.argv.indexOf('--against');
  const dir = i >= 0 ? process.argv[i + 1] : undefined;
  return dir === undefined ? undefined : pathToFileURL(dir.endsWith('/') ? dir : `${dir}/`);
}

function mmcScenario(customers: number) {
  return {
    seed: 1,
    hosts: [{ name: 'server', count: C, capacity: { cpu: 1, memory: '1Gi' } }],
    workloads: [{
      name: 'customers', count: customers,
      arrival: { process: 'poisson' as const, rate: LAMBDA },
      duration: { distribution: 'exponential' as const, mean: 1 / MU },
      request: { cpu: 1, memory: '1Gi' },
    }],
  };
}

// Wall and CPU milliseconds of one call (CPU: this process's user + system time, which other work
// on a shared machine inflates less than wall time).
function measure(fn: () => unknown, wall: number[], cpu: number[]): void {
  const c0 = process.cpuUsage(), t0 = performance.now();
  fn();
  const t1 = performance.now(), c = process.cpuUsage(c0);
  wall.push(t1 - t0);
  cpu.push((c.user + c.system) / 1000);
}

export async function benchSimulate(customers = 2_000_000, runs = 5, against = againstDist()): Promise<string> {
  const simulateBuilt = await builtSimulate();
  const scenario = mmcScenario(customers);
  const rows = [
    { name: 'hand-written typed-array loop (baseline)', run: () => baselineMmc(C, LAMBDA, MU, customers), wall: [] as number[], cpu: [] as number[] },
    { name: 'simulate(), built package (dist/esm)', run: () => simulateBuilt(scenario), wall: [] as number[], cpu: [] as number[] },
  ];
  if (against !== undefined) {
    // Another checkout's build (`--against <dist>`), in the same rounds: before and after.
    const other = await builtSimulate(against);
    other(mmcScenario(100_000));
    rows.push({ name: `simulate(), ${fileURLToPath(against)}`, run: () => other(scenario), wall: [], cpu: [] });
  } else {
    simulateFromSource(mmcScenario(100_000));
    rows.push({ name: 'simulate(), src/ through tsx', run: () => simulateFromSource(scenario), wall: [], cpu: [] });
  }
  // A warm-up each, then interleaved rounds (the order turning each round), so that machine noise hits all alike.
  simulateBuilt(mmcScenario(100_000));
  baselineMmc(C, LAMBDA, MU, 100_000);
  for (let i = 0; i < runs; i++) for (let k = 0; k < rows.length; k++) {
    const r = rows[(k + i) % rows.length] as (typeof rows)[number];
    measure(r.run, r.wall, r.cpu);
  }
  const base = rows[0] as (typeof rows)[number];
  const bw = median(base.wall), bc = median(base.cpu);
  return table([`M/M/10, ρ = 0.8, ${customers / 1e6}M customers, median of ${runs}`, 'wall', 'CPU', 'customers/s (wall)', 'ratio to baseline (wall)', 'ratio to baseline (CPU)'],
    rows.map((r) => {
      const w = median(r.wall), c = median(r.cpu);
      return [r.name, `${w.toFixed(0)} ms`, `${c.toFixed(0)} ms`, (customers / (w / 1000)).toExponential(3), (bw / w).toFixed(2), (bc / c).toFixed(2)];
    }));
}

// "Hold" model: keep N events pending, repeatedly pop the earliest and push one a random
// (exponential) time later. Cost per hold should grow like log N.
export function benchQueue(): string {
  const rows: (string | number)[][] = [];
  let first = 0;
  for (const N of [1e3, 1e4, 1e5, 1e6]) {
    const holds = 2_000_000;
    const times = timeRuns(3, () => {
      const q = new EventQueue(N);
      let x = 12345;
      const rnd = () => ((x = (x * 1103515245 + 12345) >>> 0) + 0.5) / 4294967296;
      for (let i = 0; i < N; i++) q.push(-Math.log(rnd()), 0, i);
      for (let i = 0; i < holds; i++) {
        q.pop();
        q.push(q.poppedTime - Math.log(rnd()), 0, q.poppedData);
      }
    });
    // Subtract nothing: the fill is O(N) and small next to the 2M holds.
    const ns = (median(times) * 1e6) / holds;
    if (first === 0) first = ns;
    rows.push([N.toExponential(0), ns.toFixed(1), (ns / first).toFixed(2), (Math.log2(N) / Math.log2(1e3)).toFixed(2)]);
  }
  return table(['pending events', 'ns per event (pop + push)', 'cost vs 10³', 'log₂N vs 10³'], rows);
}

export async function main(): Promise<string> {
  if (process.argv.includes('--against')) {
    // Only the comparison: `tsx bench/simulate.ts --against ../main/dist [--runs N]`.
    const i = process.argv.indexOf('--runs');
    const out = [`Machine: ${machine()}`, '', await benchSimulate(2_000_000, i >= 0 ? Number(process.argv[i + 1]) : 7)].join('\n');
    console.log(out);
    return out;
  }
  const out = [`Machine: ${machine()}`, '', '### simulate() vs a hand-written loop', '', await benchSimulate(), '', '### Event queue: cost per event vs pending events', '', benchQueue()].join('\n');
  console.log(out);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
