// Shared by the four import checks (ESM, CommonJS, ts-node, tsx): given every entry point of the
// installed package, loaded one way, checks that each holds what it should and that they work together,
// and returns one line that must be the same for all four ways.
'use strict';

/** A value each entry point must export, and its type. */
const EXPECT = {
  podsim: ['simulate', 'function'],
  'podsim/kube': ['KubeScheduler', 'function'],
  'podsim/scheduling': ['bestFit', 'function'],
  'podsim/packing': ['pack', 'function'],
  'podsim/performance': ['cpuShares', 'function'],
  'podsim/traces': ['readTrace', 'function'],
  'podsim/inputs': ['importKubernetes', 'function'],
  'podsim/report': ['renderSvg', 'function'],
  'podsim/engine': ['Simulator', 'function'],
  'podsim/resources': ['parseQuantity', 'function'],
  'podsim/random': ['RandomStreams', 'function'],
  'podsim/metrics': ['Welford', 'function'],
  'podsim/cli': ['main', 'function'],
  'podsim/experiments': ['runTask', 'function'],
  'podsim/theory': ['erlangC', 'function'],
  'podsim/dynamics': ['HpaController', 'function'],
};

/**
 * @param {Record<string, any>} modules - Each entry point's module namespace, by import specifier.
 * @param {Record<string, unknown>} exportsMap - The installed package.json's `exports`.
 * @returns {string}
 */
function check(modules, exportsMap) {
  const specifiers = Object.keys(exportsMap).filter((k) => k === '.' || /^\.\/[a-z]+$/.test(k)).map((k) => (k === '.' ? 'podsim' : `podsim/${k.slice(2)}`));
  const missing = specifiers.filter((s) => !(s in EXPECT) || !(s in modules));
  if (missing.length > 0) throw new Error(`entry points not checked: ${missing.join(', ')}`);
  for (const [spec, [name, type]] of Object.entries(EXPECT)) {
    const m = modules[spec];
    if (m === undefined || m === null) throw new Error(`${spec} did not load`);
    if (typeof m[name] !== type) throw new Error(`${spec}: ${name} is ${typeof m[name]}, expected ${type}`);
  }
  const root = modules.podsim;
  // A name in the root and in a subpath is one object, not a second copy of the code.
  if (root.parseQuantity !== modules['podsim/resources'].parseQuantity) throw new Error('podsim and podsim/resources hold different parseQuantity functions');
  if (root.createPolicy !== modules['podsim/scheduling'].createPolicy) throw new Error('podsim and podsim/scheduling hold different createPolicy functions');
  const r = root.simulate({
    seed: 3,
    hosts: [{ name: 'node', count: 2, capacity: { cpu: 2, memory: '4Gi' } }],
    workloads: [{ name: 'web', count: 200, arrival: { process: 'poisson', rate: 2 }, duration: { distribution: 'exponential', mean: 1 }, request: { cpu: '500m', memory: '512Mi' } }],
  }, { policy: modules['podsim/scheduling'].bestFit() });
  const shares = modules['podsim/performance'].cpuShares(500);
  const milli = modules['podsim/resources'].parseQuantity('1500m', 'cpu');
  const packed = modules['podsim/packing'].pack({ items: [{ name: 'w', request: { cpu: 1000 }, replicas: 5 }], hostTypes: [{ name: 'h', capacity: { cpu: 2000 } }] }).hostCount;
  let bad = '';
  try {
    root.simulate({ hosts: [], workloads: [] });
  } catch (e) {
    bad = e instanceof root.PodsimError ? e.issues[0].path : `not a PodsimError: ${e}`;
  }
  return `ok ${specifiers.length} entry points ${JSON.stringify([r.policy, r.containers.completed, r.wait.p99, shares, milli, packed, bad])}`;
}

module.exports = { check };
