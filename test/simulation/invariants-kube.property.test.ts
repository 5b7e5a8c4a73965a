// The per-event invariants of the simulation (no overcommit, nothing lost, a monotone clock, exact zero
// allocation at the end, determinism), over kube-scheduler policies with preemption, gangs, DRF and
// memory pressure, and the performance model: the paths where accounting is easiest to get wrong.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/scenario/validate.js';
import { simulate } from '../../src/simulation/simulate.js';
import { kubeScenarioArb } from '../helpers/kube-scenarios.js';
import { runChecked } from '../helpers/scenarios.js';

const RUNS = 200;

describe('Simulation invariants under kube policies and the performance model (property tests)', () => {
  it('the generator makes valid scenarios that reach preemption, gangs, DRF, images, readiness and memory profiles', () => {
    const sample = fc.sample(kubeScenarioArb(), { numRuns: 300, seed: 7 });
    for (const s of sample) {
      const r = validateScenario(s);
      expect(r.ok ? [] : r.issues).toEqual([]);
    }
    const has = (f: (s: (typeof sample)[number]) => boolean) => sample.filter(f).length;
    expect(has((s) => s.workloads.some((w) => w.gang !== undefined))).toBeGreaterThan(20);
    expect(has((s) => s.scheduler?.queueSort === 'DRF')).toBeGreaterThan(50);
    expect(has((s) => s.workloads.some((w) => w.priorityClassName === 'high') && s.workloads.some((w) => w.priorityClassName !== 'high'))).toBeGreaterThan(30);
    expect(has((s) => s.workloads.some((w) => w.work !== undefined && w.image !== undefined && w.readiness !== undefined))).toBeGreaterThan(10);
    expect(has((s) => s.workloads.some((w) => Array.isArray(w.memory?.usage)))).toBeGreaterThan(20);
  });

  it('after every event: no host over capacity or below zero, nothing lost, clock monotone; once every container has left nothing is allocated', () => {
    let preempting = 0, oomOrEvicted = 0;
    fc.assert(
      fc.property(kubeScenarioArb(), (scenario) => {
        const { run, result: r } = runChecked(scenario);
        if ((r.scheduling?.preemptions ?? 0) > 0) preempting++;
        if ((r.performance?.oomKills ?? 0) + (r.performance?.evictions ?? 0) > 0) oomOrEvicted++;
        if (r.containers.pending === 0 && r.containers.running === 0) {
          // Exact integer accounting: once everything has left, not one byte or millicore is held.
          expect(Array.from(run.cluster.allocated).every((a) => a === 0)).toBe(true);
          expect(Array.from(run.cluster.totalAllocated).every((a) => a === 0)).toBe(true);
        }
      }),
      { numRuns: RUNS, seed: 20261207 },
    );
    // The cases reached the risky paths, not only the easy ones.
    expect(preempting).toBeGreaterThan(0);
    expect(oomOrEvicted).toBeGreaterThan(0);
  });

  it('same scenario and seed: byte-identical results', () => {
    fc.assert(
      fc.property(kubeScenarioArb(), (scenario) => {
        const text = JSON.stringify(scenario);
        expect(JSON.stringify(simulate(JSON.parse(text)))).toBe(JSON.stringify(simulate(scenario)));
        expect(JSON.stringify(scenario)).toBe(text);
      }),
      { numRuns: RUNS, seed: 1207 },
    );
  });
});
