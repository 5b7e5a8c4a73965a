// The scenario `npm start` runs: a 10-host cluster taking a stream of web containers and
// a few batch jobs, placed best-fit. Runs with `npx tsx`, ts-node, or `npm start`.
import { formatQuantity, simulate, type Scenario } from '../src/index.js';

export const scenario: Scenario = {
  seed: 42,
  hosts: [{ name: 'node', count: 10, capacity: { cpu: 4, memory: '16Gi' } }],
  workloads: [
    {
      name: 'web',
      count: 20000,
      arrival: { process: 'poisson', rate: 8 },
      duration: { distribution: 'exponential', mean: 4 },
      request: { cpu: '500m', memory: '1Gi' },
    },
    {
      name: 'batch',
      count: 200,
      arrival: { process: 'interval', every: 10 },
      duration: { distribution: 'lognormal', mean: 120, stddev: 60 },
      request: { cpu: 2, memory: '6Gi' },
    },
  ],
  scheduler: { policy: 'best-fit' },
};

const r = simulate(scenario);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const s = (x: number) => `${x.toFixed(3)} s`;
const lines = [
  `podsim quickstart — ${r.hosts.count} hosts, policy ${r.policy}, seed ${r.seed}`,
  ``,
  `simulated time   ${r.simulatedTime.toFixed(1)} s (${r.events} events)`,
  `containers       ${r.containers.submitted} submitted, ${r.containers.completed} completed, ${r.containers.rejected} rejected`,
  `wait             mean ${s(r.wait.mean)}  p50 ${s(r.wait.p50)}  p90 ${s(r.wait.p90)}  p99 ${s(r.wait.p99)}  max ${s(r.wait.max)}`,
  `utilisation      cpu ${pct(r.utilization.cpu ?? 0)}  memory ${pct(r.utilization.memory ?? 0)} (of ${formatQuantity(40000, 'cpu')} cores, ${formatQuantity(10 * 16 * 2 ** 30, 'memory')})`,
  `pending queue    mean ${r.queue.mean.toFixed(2)}  max ${r.queue.max}`,
  `hosts in use     peak ${r.hosts.peakInUse} of ${r.hosts.count}`,
];
console.log(lines.join('\n'));
