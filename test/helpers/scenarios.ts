// Shared by the simulation property tests and the policy conformance suite: small random
// scenarios, and a checker that steps a Simulation and verifies the invariants after every event.
import fc from 'fast-check';
import type { Scenario } from '../../src/scenario/schema.js';
import { expect } from 'vitest';
import { Simulation } from '../../src/simulation/simulation.js';
import type { SimulationResult } from '../../src/simulation/result.js';
import { POLICIES } from '../../src/scheduling/create-policy.js';

type WorkloadSpec = Scenario['workloads'][number];
type HostSpec = Scenario['hosts'][number];

/** Options for {@link scenarioArb}. */
export interface ScenarioArbOptions {
  /** Allow workloads without a duration (services that never finish). Default true. */
  readonly services?: boolean;
  /** Allow a scenario `until`. Default true. */
  readonly until?: boolean;
}

// Memory in whole bytes with arbitrary low bits, so that float drift would show.
const hostMemory = fc.integer({ min: 2 ** 30, max: 2 ** 36 }).map((b) => b + 12345);
const hostArb: fc.Arbitrary<Omit<HostSpec, 'name'>> = fc.record({
  count: fc.integer({ min: 1, max: 3 }),
  capacity: fc.record(
    { cpu: fc.integer({ min: 500, max: 4000 }).map((m) => `${m}m`), memory: hostMemory, gpu: fc.integer({ min: 0, max: 2 }) },
    { requiredKeys: ['cpu', 'memory'] },
  ),
});

const arrivalArb = fc.oneof(
  fc.record({ process: fc.constant('poisson' as const), rate: fc.double({ min: 0.2, max: 5, noNaN: true }) }),
  fc.record({ process: fc.constant('interval' as const), every: fc.constantFrom(0.25, 0.5, 1, 2), start: fc.constantFrom(0, 0.5, 3) }),
  // A coarse grid, so that arrivals and completions often coincide.
  fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 12 }).map((ts) => ({ process: 'explicit' as const, times: ts.sort((a, b) => a - b).map((t) => t / 2) })),
);

const durationArb = fc.oneof(
  fc.record({ distribution: fc.constant('constant' as const), value: fc.constantFrom(0, 0.5, 1, 2, 5) }),
  fc.record({ distribution: fc.constant('exponential' as const), mean: fc.double({ min: 0.1, max: 5, noNaN: true }) }),
  fc.record({ distribution: fc.constant('uniform' as const), min: fc.constant(0), max: fc.constantFrom(1, 4) }),
);

const workloadArb = (services: boolean): fc.Arbitrary<Omit<WorkloadSpec, 'name'>> =>
  fc.record({
    count: fc.integer({ min: 0, max: 12 }),
    arrival: arrivalArb,
    duration: services ? fc.option(durationArb, { freq: 6, nil: undefined }) : durationArb,
    // Up to 5 cores: some requests exceed every host and are rejected.
    request: fc.record(
      { cpu: fc.integer({ min: 1, max: 5000 }).map((m) => `${m}m`), memory: fc.integer({ min: 1, max: 2 ** 34 }), gpu: fc.integer({ min: 0, max: 1 }) },
      { requiredKeys: ['cpu'] },
    ),
  }).map((w) => {
    const out: Record<string, unknown> = { ...w };
    if (w.duration === undefined) delete out.duration;
    // Explicit arrivals bring their own count.
    if (w.arrival.process === 'explicit') out.count = Math.min(w.count, w.arrival.times.length);
    return out as Omit<WorkloadSpec, 'name'>;
  });

/**
 * Small random scenarios: 1–3 host groups of 1–3 hosts, 1–3 workloads of up to 12 containers with
 * Poisson, interval or explicit arrivals, any policy and queue discipline, sometimes an `until`.
 */
export function scenarioArb(options: ScenarioArbOptions = {}): fc.Arbitrary<Scenario> {
  return fc.record({
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    hosts: fc.array(hostArb, { minLength: 1, maxLength: 3 }),
    workloads: fc.array(workloadArb(options.services ?? true), { minLength: 1, maxLength: 3 }),
    policy: fc.constantFrom(...POLICIES),
    queue: fc.constantFrom('fifo' as const, 'skip' as const),
    until: options.until === false ? fc.constant(undefined) : fc.option(fc.constantFrom(1, 3.5, 10, 30), { nil: undefined }),
  }).map(({ seed, hosts, workloads, policy, queue, until }) => {
    // A run whose containers never end needs an until (simulate() refuses it otherwise).
    const live = workloads.filter((w) => w.count !== 0);
    const end = until ?? (live.length > 0 && live.every((w) => w.duration === undefined) ? 10 : undefined);
    return {
      seed,
      hosts: hosts.map((h, i) => ({ name: `g${i}`, ...h })),
      workloads: workloads.map((w, i) => ({ name: `w${i}`, ...w })),
      scheduler: { policy, queue },
      ...(end === undefined ? {} : { until: end }),
    };
  });
}

/** What {@link stepAndCheck} saw. */
export interface Trace {
  /** Every broken invariant, as a sentence; empty when all held. */
  readonly violations: string[];
  /** Arrival times, in order. */
  readonly arrivals: number[];
  /** Events processed. */
  readonly steps: number;
}

/**
 * Steps a Simulation to the end, checking after every event that no host holds more than its
 * capacity (nor less than zero) in any dimension, that cluster totals add up, that no container
 * is lost (submitted = completed + running + pending + rejected), and that the clock never goes back.
 * Violations are collected rather than asserted, since an expect() per event would be slow.
 */
export function stepAndCheck(run: Simulation, maxSteps = 100_000): Trace {
  const violations: string[] = [];
  const arrivals: number[] = [];
  const c = run.cluster;
  const H = c.hostCount, D = c.D;
  let last = run.now, submitted = 0, steps = 0;
  const check = () => {
    for (let h = 0; h < H; h++) {
      for (let d = 0; d < D; d++) {
        const a = c.allocated[h * D + d] as number, cap = c.capacity[h * D + d] as number;
        if (a > cap) violations.push(`t=${run.now}: host ${h} holds ${a} of ${cap} in ${c.dims[d]}`);
        if (a < 0) violations.push(`t=${run.now}: host ${h} holds ${a} < 0 in ${c.dims[d]}`);
      }
    }
    const k = run.counts as typeof run.counts & { failed?: number };
    const accounted = k.completed + k.running + k.pending + k.rejected + (k.failed ?? 0);
    if (k.submitted !== accounted) violations.push(`t=${run.now}: submitted ${k.submitted} ≠ completed + running + pending + rejected = ${accounted} (${JSON.stringify(k)})`);
    let onHosts = 0;
    for (let h = 0; h < H; h++) onHosts += c.containers[h] as number;
    if (onHosts !== k.running) violations.push(`t=${run.now}: ${onHosts} containers on hosts but ${k.running} running`);
    if (run.now < last) violations.push(`clock went back from ${last} to ${run.now}`);
    last = run.now;
    if (k.submitted > submitted) {
      for (let i = submitted; i < k.submitted; i++) arrivals.push(run.now);
      submitted = k.submitted;
    }
  };
  check();
  while (steps < maxSteps && run.step()) {
    steps++;
    check();
  }
  if (steps >= maxSteps) violations.push(`still running after ${maxSteps} events`);
  return { violations, arrivals, steps };
}

/**
 * Runs a scenario event by event with {@link stepAndCheck}, asserts that no invariant broke and that
 * the result agrees with the state it was stepped to; returns the run and its result.
 */
export function runChecked(scenario: Scenario): { run: Simulation; result: SimulationResult } {
  const run = new Simulation(scenario);
  const trace = stepAndCheck(run);
  expect(trace.violations).toEqual([]);
  const result = run.result();
  expect(result.containers).toEqual(run.counts);
  expect(result.events).toBe(trace.steps);
  return { run, result };
}
