// NOT COMMITTED: tests of simulation/scenario behaviour that fail because of bugs in
// src/simulation, src/scenario or src/cluster (which the test author must not edit).
// Each names the fix it needs. Move them to their proper files once fixed.
import { describe, expect, it } from 'vitest';
import { PodsimError } from '../../src/errors.js';
import { validateScenario } from '../../src/scenario/validate.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { simulate } from '../../src/simulation/simulate.js';
import { Simulation } from '../../src/simulation/simulation.js';

describe('regressions', () => {
  it('simulate() with explicit arrivals and a count above the number of times throws a PodsimError (or stops at the last time), never a RangeError from the engine', () => {
    // Today: RangeError "cannot schedule at t=undefined: the clock is already at 2" from deep in the engine.
    const s: Scenario = {
      hosts: [{ name: 'a', capacity: { cpu: 1 } }],
      workloads: [{ name: 'w', count: 5, arrival: { process: 'explicit', times: [1, 2] }, duration: { distribution: 'constant', value: 1 }, request: { cpu: 1 } }],
    };
    let r: unknown;
    try {
      r = simulate(s);
    } catch (e) {
      expect(e).toBeInstanceOf(PodsimError);
      expect((e as PodsimError).issues[0]?.path).toBe('workloads[0].count');
      return;
    }
    expect((r as { containers: { submitted: number } }).containers.submitted).toBe(2);
  });

  it('timeseries sampling does not change simulatedTime or utilisation', () => {
    // Today: the sample scheduled one interval after the last sample runs after the last event,
    // extending the run (51.68 s → 56 s here) and diluting utilisation.
    const s: Scenario = {
      seed: 3,
      hosts: [{ name: 'a', count: 2, capacity: { cpu: 1 } }],
      workloads: [{ name: 'w', count: 50, arrival: { process: 'poisson', rate: 1 }, duration: { distribution: 'exponential', mean: 1 }, request: { cpu: 1 } }],
    };
    const plain = simulate(s);
    const sampled = simulate({ ...s, timeseries: { interval: 7 } });
    expect(sampled.simulatedTime).toBe(plain.simulatedTime);
    expect(sampled.utilization).toEqual(plain.utilization);
    expect(sampled.queue).toEqual(plain.queue);
    expect(sampled.timeseries?.time.at(-1)).toBe(plain.simulatedTime);
  });

  it('timeseries with until samples every interval up to until, even when nothing else happens', () => {
    // Today: sampling stops once no other event is pending, leaving a gap before the final sample
    // at until (here [0, 10, 20, 30, 40, 100] instead of every 10 s).
    const r = simulate({
      hosts: [{ name: 'a', capacity: { cpu: 8 } }],
      workloads: [{ name: 'svc', count: 5, arrival: { process: 'interval', every: 10 }, request: { cpu: 1 } }],
      until: 100,
      timeseries: { interval: 10 },
    });
    expect(r.timeseries?.time).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
  });

  it.each([2, 99, Number.NaN])('a policy returning host %d (not a host index) makes the run throw, not place the container', (bad) => {
    // Today: an index ≥ hostCount or NaN passes ClusterState.fits() (it reads undefined) and
    // allocate() "places" the container on no host; with NaN, the release later drives host 0's
    // allocation negative (−4000 millicores). Fix: ClusterState.allocate()/fits() or
    // Simulation.tryPlace() must refuse anything but an integer in [0, hostCount).
    const run = new Simulation(
      { hosts: [{ name: 'n', count: 2, capacity: { cpu: 1 } }], workloads: [{ name: 'w', count: 4, arrival: { process: 'interval', every: 1 }, duration: { distribution: 'constant', value: 10 }, request: { cpu: 1 } }] },
      { policy: { name: 'bad', select: () => bad } },
    );
    expect(() => { while (run.step()); }).toThrow(/placement policy "bad" chose host/);
    for (const a of run.cluster.allocated) expect(a).toBeGreaterThanOrEqual(0);
  });

  it('validateScenario() of a quantity that is neither a number nor a string says why', () => {
    // Today: 'hosts[0].capacity.cpu: Invalid input', with no reason.
    const r = validateScenario({ hosts: [{ name: 'a', capacity: { cpu: true } }], workloads: [] });
    expect(r.issues).toEqual([expect.objectContaining({ path: 'hosts[0].capacity.cpu', message: expect.stringMatching(/expected a number or a quantity string/) })]);
  });
});

describe('validateScenario() with a malformed part', () => {
  it('still reports duplicate names and missing counts next to a bad seed', () => {
    const r = validateScenario({
      seed: 1.5,
      hosts: [{ name: 'a', capacity: { cpu: 1 } }, { name: 'a', capacity: { cpu: 1 } }],
      workloads: [{ name: 'w', arrival: { process: 'poisson', rate: 1 }, request: { cpu: 1 } }],
    });
    expect(r.issues.map((i) => i.path)).toEqual(['seed', 'hosts[1].name', 'workloads[0].count']);
  });
});
