// CommonJS, plain Node: `require` every entry point of the installed package.
'use strict';
const { check } = require('./check.cjs');

const specifiers = ['podsim', 'podsim/engine', 'podsim/inputs', 'podsim/kube', 'podsim/metrics', 'podsim/packing', 'podsim/performance', 'podsim/random', 'podsim/report', 'podsim/resources', 'podsim/scheduling', 'podsim/traces', 'podsim/cli', 'podsim/experiments', 'podsim/theory', 'podsim/dynamics'];
const modules = {};
for (const s of specifiers) {
  const file = require.resolve(s);
  if (!/[/\\]dist[/\\]cjs[/\\](\w+[/\\])?index\.js$/.test(file)) throw new Error(`${s} resolved to ${file}, not the CommonJS build`);
  modules[s] = require(s);
}
console.log(check(modules, require('podsim/package.json').exports));
