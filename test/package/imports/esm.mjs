// ESM, plain Node: `import` from every entry point of the installed package.
import { createRequire } from 'node:module';
import * as root from 'podsim';
import * as engine from 'podsim/engine';
import * as inputs from 'podsim/inputs';
import * as kube from 'podsim/kube';
import * as metrics from 'podsim/metrics';
import * as experiments from 'podsim/experiments';
import * as theory from 'podsim/theory';
import * as dynamics from 'podsim/dynamics';
import * as packing from 'podsim/packing';
import * as performance from 'podsim/performance';
import * as random from 'podsim/random';
import * as report from 'podsim/report';
import * as resources from 'podsim/resources';
import * as scheduling from 'podsim/scheduling';
import * as traces from 'podsim/traces';
import * as cli from 'podsim/cli';
import check from './check.cjs';

for (const s of ['podsim', 'podsim/kube', 'podsim/report']) {
  const url = import.meta.resolve(s);
  if (!/\/dist\/esm\/(\w+\/)?index\.js$/.test(url)) throw new Error(`${s} resolved to ${url}, not the ESM build`);
}
const modules = {
  podsim: root, 'podsim/engine': engine, 'podsim/inputs': inputs, 'podsim/kube': kube, 'podsim/metrics': metrics,
  'podsim/packing': packing, 'podsim/performance': performance, 'podsim/random': random, 'podsim/report': report,
  'podsim/resources': resources, 'podsim/scheduling': scheduling, 'podsim/traces': traces, 'podsim/cli': cli,
  'podsim/experiments': experiments, 'podsim/theory': theory, 'podsim/dynamics': dynamics,
};
console.log(check.check(modules, createRequire(import.meta.url)('podsim/package.json').exports));
