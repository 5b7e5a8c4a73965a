// The cost of issue 11/13's accounting (per-workload counts and waits, censored waits, the warm-up
// split) on the hot path: simulate() of this checkout against simulate() of a baseline checkout
// (PODSIM_BASELINE=/path/to/other/checkout), in one process, interleaved round by round, medians and
// the median of the per-round ratios.
//
//   PODSIM_BASELINE=../main npx tsx bench/accounting.ts [customers] [rounds]
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { simulate } from '../src/index.js';
import { median, table } from './util.js';

type Simulate = (s: unknown) => { wait: { mean: number }; events: number };

const mmc = (customers: number, workloads: 1 | 2) => ({
  seed: 1,
  hosts: [{ name: 'server', count: 10, capacity: { cpu: 1, memory: '1Gi' } }],
  workloads: Array.from({ length: workloads }, (_, i) => ({
    name: `customers${i}`, count: customers / workloads,
    arrival: { process: 'poisson' as const, rate: 8 / workloads },
    duration: { distribution: 'exponential' as const, mean: 1 },
    request: { cpu: 1, memory: '1Gi' },
  })),
});

async function main(): Promise<void> {
  const base = process.env.PODSIM_BASELINE;
  if (base === undefined) throw new Error('set PODSIM_BASELINE to the baseline checkout');
  const other = (await import(pathToFileURL(resolve(base, 'src/index.ts')).href)) as { simulate: Simulate };
  const customers = Number(process.argv[2] ?? 500_000), rounds = Number(process.argv[3] ?? 9);
  const rows: string[][] = [];
  for (const w of [1, 2] as const) {
    const s = mmc(customers, w);
    (simulate as unknown as Simulate)(mmc(50_000, w));
    other.simulate(mmc(50_000, w));
    const a: number[] = [], b: number[] = [], ratio: number[] = [];
    for (let r = 0; r < rounds; r++) {
      // Alternate which goes first, so that drift hits both alike.
      const first = r % 2 === 0;
      const time = (f: Simulate) => { const t0 = performance.now(); f(s); return performance.now() - t0; };
      const x = first ? time(simulate as unknown as Simulate) : 0;
      const y = time(other.simulate);
      const x2 = first ? x : time(simulate as unknown as Simulate);
      a.push(x2); b.push(y); ratio.push(x2 / y);
    }
    rows.push([`M/M/10 ρ = 0.8, ${customers.toLocaleString('en-US')} customers, ${w} workload${w > 1 ? 's' : ''}`, `${median(b).toFixed(0)} ms`, `${median(a).toFixed(0)} ms`, median(ratio).toFixed(3), `${Math.min(...ratio).toFixed(3)}–${Math.max(...ratio).toFixed(3)}`]);
  }
  console.log(table(['scenario', 'baseline median', 'this checkout median', 'median ratio', 'ratio range'], rows));
}

await main();
