// Issue 2's benchmarks: simulate() against a hand-written typed-array M/M/c loop on the same
// scenario, and the event queue's cost per event as the number of pending events grows.
import { pathToFileURL } from 'node:url';
import { EventQueue } from '../src/engine/event-queue.js';
import { simulate } from '../src/index.js';
import { baselineMmc } from './baseline-mmc.js';
import { machine, median, table, timeRuns } from './util.js';

const C = 10, LAMBDA = 8, MU = 1;

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

export function benchSimulate(customers = 2_000_000, runs = 5): string {
  const scenario = mmcScenario(customers);
  const ours: number[] = [], base: number[] = [];
  // Interleave the two so that machine noise hits both alike.
  simulate(mmcScenario(100_000));
  baselineMmc(C, LAMBDA, MU, 100_000);
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    simulate(scenario);
    ours.push(performance.now() - t0);
    t0 = performance.now();
    baselineMmc(C, LAMBDA, MU, customers);
    base.push(performance.now() - t0);
  }
  const rOurs = customers / (median(ours) / 1000), rBase = customers / (median(base) / 1000);
  return table(['M/M/10, ρ = 0.8, 2M customers', 'median time', 'customers/s', 'ratio to baseline'], [
    ['hand-written typed-array loop (baseline)', `${median(base).toFixed(0)} ms`, rBase.toExponential(3), '1.00'],
    ['simulate()', `${median(ours).toFixed(0)} ms`, rOurs.toExponential(3), (rOurs / rBase).toFixed(2)],
  ]);
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
  const out = [`Machine: ${machine()}`, '', '### simulate() vs a hand-written loop', '', benchSimulate(), '', '### Event queue: cost per event vs pending events', '', benchQueue()].join('\n');
  console.log(out);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
