// node drive.mjs <dist dir> mm10|churn <N>: one run of the case from a built package, prints a hash of the result.
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { churnSimulation } from './churn.mjs';
const [dist, which, nArg] = process.argv.slice(2);
const N = Number(nArg);
const pkg = await import(pathToFileURL(`${dist.replace(/\/$/, '')}/esm/index.js`).href);
let r;
if (which === 'mm10') {
  r = pkg.simulate({ seed: 1, hosts: [{ name: 'server', count: 10, capacity: { cpu: 1, memory: '1Gi' } }],
    workloads: [{ name: 'customers', count: N, arrival: { process: 'poisson', rate: 8 }, duration: { distribution: 'exponential', mean: 1 }, request: { cpu: 1, memory: '1Gi' } }] });
} else if (which === 'churn') {
  const sim = churnSimulation(pkg, N);
  sim.run();
  r = sim.result();
} else throw new Error('case: mm10 | churn');
console.log(which, N, 'events', r.events, 'sha256', createHash('sha256').update(JSON.stringify(r)).digest('hex').slice(0, 16));
