// Usage, cost and energy (issues 11 and 12 §5): what declaring usage, prices and power costs a run, and that a
// scenario which declares none pays nothing (no books are attached; the run is the one it was).
//
// The scenario: 64 hosts of 16 cores, a Poisson stream of 1-core containers at ρ ≈ 0.8 with exponential run
// times, 100k containers. "plain" declares nothing; "observed" adds a listener that does nothing (what the
// observation events cost on their own); "usage" declares usage.cpu (a distribution), a price and a
// SPECpower-style power model per host, and carbon. Rounds interleave the three; medians and ratios.
import { simulate } from '../src/simulation/simulate.js';
import { Simulation } from '../src/simulation/simulation.js';
import { machine, median, table } from './util.js';

const N = Number(process.env['USAGE_BENCH_N'] ?? 100_000);
const ROUNDS = Number(process.env['USAGE_BENCH_ROUNDS'] ?? 5);

const plain = {
  seed: 7,
  hosts: [{ name: 'node', count: 64, capacity: { cpu: 16, memory: '64Gi' } }],
  workloads: [{
    name: 'web', count: N, arrival: { process: 'poisson' as const, rate: 82 },
    duration: { distribution: 'exponential' as const, mean: 10 }, request: { cpu: 1, memory: '1Gi' },
  }],
};
const withUsage = {
  ...plain,
  carbon: { intensity: { points: [[0, 200], [600, 350]] as [number, number][], period: 1200 } },
  hosts: [{ ...plain.hosts[0]!, price: 0.8, power: { points: [[0, 58], [0.1, 91], [0.2, 103], [0.3, 114], [0.4, 125], [0.5, 137], [0.6, 151], [0.7, 167], [0.8, 186], [0.9, 210], [1, 235]] as [number, number][] } }],
  workloads: [{ ...plain.workloads[0]!, usage: { cpu: { distribution: 'uniform' as const, min: 0.3, max: 0.9 } } }],
};

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export async function main(): Promise<string> {
  const cases: [string, () => void][] = [
    ['plain', () => { simulate(plain); }],
    ['observed (a listener that does nothing)', () => { const s = new Simulation(plain); s.observe(() => {}); s.run().result(); }],
    ['usage + price + power + carbon', () => { simulate(withUsage); }],
  ];
  for (const [, fn] of cases) fn(); // warm-up
  const ms: number[][] = cases.map(() => []);
  for (let r = 0; r < ROUNDS; r++) cases.forEach(([, fn], i) => (ms[i] as number[]).push(time(fn)));
  const base = median(ms[0] as number[]);
  const rows = cases.map(([name], i) => {
    const m = median(ms[i] as number[]);
    const ratios = (ms[i] as number[]).map((x, k) => x / ((ms[0] as number[])[k] as number));
    return [name, m.toFixed(0), ((N / m) * 1000).toExponential(2), (m / base).toFixed(2), median(ratios).toFixed(2)];
  });
  const r = simulate(withUsage);
  const out = `${machine()}; ${N} containers, ${ROUNDS} interleaved rounds\n\n${table(['scenario', 'median ms', 'containers/s', 'median / plain', 'median of paired ratios'], rows)}\n\nusage run: cost ${r.cost?.total.toFixed(1)}, energy ${r.energy?.kWh.toFixed(2)} kWh, CO₂ ${r.energy?.co2kg?.toFixed(2)} kg, cpu in use ${(100 * (r.usage?.cpu ?? 0)).toFixed(1)} %`;
  console.log(out);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
