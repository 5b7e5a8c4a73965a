// node drive.mjs <dist dir> mm10|churn <N>: one run of the case from a built package, prints a hash of the result.
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
const [dist, which, nArg] = process.argv.slice(2);
const N = Number(nArg);
const pkg = await import(pathToFileURL(`${dist.replace(/\/$/, '')}/esm/index.js`).href);
let r;
if (which === 'mm10') {
  r = pkg.simulate({ seed: 1, hosts: [{ name: 'server', count: 10, capacity: { cpu: 1, memory: '1Gi' } }],
    workloads: [{ name: 'customers', count: N, arrival: { process: 'poisson', rate: 8 }, duration: { distribution: 'exponential', mean: 1 }, request: { cpu: 1, memory: '1Gi' } }] });
} else if (which === 'churn') {
  const hosts = 1000, perHost = 50, CORES = 16, WORK = 10;
  const rate = ((perHost / (perHost + 1)) * CORES) / WORK;
  const cpu = Math.min(100, Math.floor((CORES * 1000) / (3 * perHost)));
  const shape = { work: { cpu: { distribution: 'exponential', mean: WORK } }, request: { cpu: `${cpu}m`, memory: '256Mi' }, threads: CORES };
  const sim = new pkg.Simulation({ seed: 1, hosts: [{ name: 'node', count: hosts, capacity: { cpu: CORES, memory: '256Gi' } }],
    workloads: [{ name: 'initial', arrival: { process: 'explicit', times: new Array(hosts * perHost).fill(0) }, ...shape },
      { name: 'task', count: N, arrival: { process: 'poisson', rate: hosts * rate }, ...shape }], scheduler: { policy: 'round-robin' } });
  sim.run();
  r = sim.result();
} else throw new Error('case: mm10 | churn');
console.log(which, N, 'events', r.events, 'sha256', createHash('sha256').update(JSON.stringify(r)).digest('hex').slice(0, 16));
