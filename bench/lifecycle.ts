// Issue 3's benchmark: a cluster of hosts with about 50 containers each, churning, every container
// sharing its host's CPU by CFS weights (fluid execution). Reports events per second at 100, 1000
// and 10,000 hosts, to show that an event's cost does not grow with the number of hosts, against
// the hand-written M/M/c loop's events per second in the same run as a baseline.
import { pathToFileURL } from 'node:url';
import { Simulation } from '../src/index.js';
import { baselineMmc } from './baseline-mmc.js';
import { machine, median, table } from './util.js';

const PER_HOST = 50, CORES = 16, WORK = 10;

export function churnScenario(hosts: number, containers: number) {
  // Each host is one processor-sharing server of 16 cores (threads: 16, so no cap binds), loaded to
  // ρ = 0.98, where the mean number of containers present is ρ/(1 − ρ) ≈ 49. The run starts with 50
  // containers on every host so that it is at that level from the start, then churns.
  const rate = (0.98 * CORES) / WORK; // per host
  const shape = { work: { cpu: { distribution: 'exponential' as const, mean: WORK } }, request: { cpu: '100m', memory: '1Gi' }, threads: CORES };
  return {
    seed: 1,
    hosts: [{ name: 'node', count: hosts, capacity: { cpu: CORES, memory: '256Gi' } }],
    workloads: [
      { name: 'initial', arrival: { process: 'explicit' as const, times: new Array<number>(hosts * PER_HOST).fill(0) }, ...shape },
      { name: 'task', count: containers, arrival: { process: 'poisson' as const, rate: hosts * rate }, ...shape },
    ],
    scheduler: { policy: 'round-robin' as const },
  };
}

export function benchChurn(runs = 3): string {
  const rows: (string | number)[][] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const s = baselineMmc(10, 8, 1, 500_000);
    b.push(s.events / ((performance.now() - t0) / 1000));
  }
  const base = median(b);
  rows.push(['hand-written M/M/10 loop (baseline)', '-', '-', base.toExponential(3), '1.00']);
  for (const hosts of [100, 1000, 10000]) {
    const containers = Math.max(400_000, hosts * 100);
    const rates: number[] = [];
    let perHost = 0;
    for (let i = 0; i < runs; i++) {
      const sim = new Simulation(churnScenario(hosts, containers));
      const t0 = performance.now();
      sim.run();
      const dt = (performance.now() - t0) / 1000;
      const r = sim.result();
      rates.push(r.events / dt);
      perHost = r.performance?.usage.cpu ?? 0;
    }
    const m = median(rates);
    rows.push([`${hosts} hosts × ~${PER_HOST} containers, CFS sharing`, containers.toLocaleString('en'), (perHost * 100).toFixed(0) + '% cpu used', m.toExponential(3), (m / base).toFixed(2)]);
  }
  return table(['scenario', 'containers', 'load', 'events/s (median)', 'ratio to baseline'], rows);
}

export async function main(): Promise<string> {
  const out = [`Machine: ${machine()}`, '', benchChurn()].join('\n');
  console.log(out);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
