// node drive-run.mjs <module.mjs> <N> [result]: the churn (1000 hosts × 50) from a module exporting Simulation;
// runs the fill and run() only (no result() unless asked), so that cachegrind counts the timed part.
import { pathToFileURL } from 'node:url';
import { churnSimulation } from './churn.mjs';
const [mod, nArg, withResult] = process.argv.slice(2);
const sim = churnSimulation(await import(pathToFileURL(mod).href), Number(nArg));
sim.run();
if (withResult) { const r = sim.result(); console.log('events', r.events, 'util', r.utilization?.cpu); }
