// node drive-run.mjs <module.mjs> <N> [result]: the churn (1000 hosts × 50) from a module exporting Simulation;
// runs the fill and run() only (no result() unless asked), so that cachegrind counts the timed part.
import { pathToFileURL } from 'node:url';
const [mod, nArg, withResult] = process.argv.slice(2);
const N = Number(nArg);
const pkg = await import(pathToFileURL(mod).href);
const hosts = 1000, perHost = 50, CORES = 16, WORK = 10;
const rate = ((perHost / (perHost + 1)) * CORES) / WORK;
const cpu = Math.min(100, Math.floor((CORES * 1000) / (3 * perHost)));
const shape = { work: { cpu: { distribution: 'exponential', mean: WORK } }, request: { cpu: `${cpu}m`, memory: '256Mi' }, threads: CORES };
const sim = new pkg.Simulation({ seed: 1, hosts: [{ name: 'node', count: hosts, capacity: { cpu: CORES, memory: '256Gi' } }],
  workloads: [{ name: 'initial', arrival: { process: 'explicit', times: new Array(hosts * perHost).fill(0) }, ...shape },
    { name: 'task', count: N, arrival: { process: 'poisson', rate: hosts * rate }, ...shape }], scheduler: { policy: 'round-robin' } });
sim.run();
if (withResult) { const r = sim.result(); console.log('events', r.events, 'util', r.utilization?.cpu); }
