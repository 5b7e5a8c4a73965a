import type { Scenario } from '../../src/scenario/schema.js';

/** A small but busy scenario: 4 hosts, a queue that builds up and drains. */
export const REPORT_SCENARIO: Scenario = {
  seed: 5,
  hosts: [{ name: 'node', count: 4, capacity: { cpu: 2, memory: '4Gi' } }],
  workloads: [
    { name: 'web', count: 400, arrival: { process: 'poisson', rate: 4 }, duration: { distribution: 'exponential', mean: 2 }, request: { cpu: '500m', memory: '512Mi' } },
    { name: 'batch', count: 20, arrival: { process: 'poisson', rate: 0.2 }, duration: { distribution: 'lognormal', mean: 20, stddev: 5 }, request: { cpu: 1, memory: '1Gi' } },
  ],
};

/** Example P_a / P_d / P_s figures for the breakdown chart. */
export const PERFORMANCE = [
  { workload: 'web', pa: 1.4, pd: 0.3, ps: 0.3 },
  { workload: 'batch', pa: 15, pd: 3, ps: 2 },
];
