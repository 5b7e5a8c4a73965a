import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/scenario/schema.js';
import { builtinPolicyNames } from '../../src/scheduling/policy-registry.js';
import { HostCondition } from '../../src/scheduling/host-condition.js';
import type { SimulationEvent } from '../../src/simulation/observation.js';
import { simulate } from '../../src/simulation/simulate.js';
import { Simulation } from '../../src/simulation/simulation.js';
import { scenarioArb } from '../helpers/scenarios.js';

interface Logged { kind: string; time: number; id: number; name: string; host: number }

// Records every event of a run, copying each (the simulation reuses one object).
function record(run: Simulation): Logged[] {
  const log: Logged[] = [];
  run.observe((e: SimulationEvent) => {
    log.push({ kind: e.kind, time: e.time, id: e.id, name: e.workload >= 0 ? run.containerName(e.workload, e.ordinal) : '', host: e.host });
  });
  return log;
}

// A container's events, as one letter each: s(ubmitted) r(ejected) p(laced) t (started) y (readY)
// f(inished) x (failed) e(victed) k (preempted, "killed"); explained attempts are left out.
const LETTER: Record<string, string> = { submitted: 's', rejected: 'r', placed: 'p', started: 't', ready: 'y', finished: 'f', failed: 'x', evicted: 'e', preempted: 'k' };
// submitted, then rejected, or placements (each started and maybe ready, possibly again after a
// restart) interrupted by evictions, ending finished or failed, or cut off by the end of the run.
const LIFE = /^s(r|(p(t+y?)*(ty?)*[ek])*(p(t+y?)*(ty?)*[fx]?)?)$/;

/** Checks the event stream of a finished run against its result; returns the broken rules. */
function checkStream(run: Simulation, log: Logged[]): string[] {
  const problems: string[] = [];
  const byId = new Map<number, Logged[]>();
  let last = 0;
  for (const e of log) {
    if (e.time < last) problems.push(`time went back at ${e.kind} ${e.time}`);
    last = e.time;
    if (e.id < 0 || e.kind === 'explained') continue;
    let l = byId.get(e.id);
    if (l === undefined) byId.set(e.id, (l = []));
    l.push(e);
  }
  const r = run.result(), snap = run.snapshot();
  const live = new Map<string, string>();
  for (const h of snap.hosts) for (const c of h.containers) live.set(c.name, 'on');
  for (const c of snap.pending) live.set(c.name, 'waiting');
  let finished = 0, failed = 0, rejected = 0, placed = 0;
  for (const [id, events] of byId) {
    const word = events.map((e) => LETTER[e.kind] ?? '?').join('');
    if (!LIFE.test(word)) problems.push(`container ${id} (${events[0]?.name}): events ${word}`);
    if (new Set(events.map((e) => e.name)).size !== 1) problems.push(`container ${id} changed its name`);
    const end = word.at(-1);
    placed += [...word].filter((ch) => ch === 'p').length;
    if (end === 'f') finished++;
    else if (end === 'x') failed++;
    else if (end === 'r') rejected++;
    else {
      // Not ended: it must be running or waiting now, and the snapshot says which.
      const name = events[0]?.name as string;
      const where = live.get(name);
      if (where === undefined) problems.push(`${name} ended without a final event (${word})`);
      else if ((where === 'on') !== /[pty]$/.test(word)) problems.push(`${name} is ${where} but its events read ${word}`);
    }
  }
  const c = r.containers;
  if (byId.size !== c.submitted) problems.push(`${byId.size} containers in events, ${c.submitted} submitted`);
  if (finished !== c.completed || failed !== c.failed || rejected !== c.rejected) problems.push(`finished/failed/rejected ${finished}/${failed}/${rejected} vs ${c.completed}/${c.failed}/${c.rejected}`);
  if (placed < c.placed) problems.push(`${placed} placed events for ${c.placed} placements`);
  if (live.size !== c.running + c.pending) problems.push(`${live.size} containers live in the snapshot, ${c.running} running + ${c.pending} pending`);
  return problems;
}

// A scenario with the performance model: memory that grows past the eviction threshold (evictions,
// memory pressure), OOM kills with restarts, images, readiness and preemption by priority.
function busy(seed: number, policy: string): Scenario {
  return {
    seed, until: 300, priorityClasses: [{ name: 'high', value: 1000 }],
    registries: [{ name: 'r', bandwidth: '1G', latency: 0.1 }],
    images: [{ name: 'img', layers: [{ digest: 'a', size: '100Mi' }] }],
    hosts: [{ name: 'n', count: 3, capacity: { cpu: 4, memory: '8Gi' }, evictionThreshold: '500Mi', evictionPressureTransitionPeriod: 20 }],
    workloads: [
      { name: 'mem', count: 15, arrival: { process: 'poisson', rate: 0.3 }, request: { cpu: '500m', memory: '1Gi' }, memory: { usage: [{ t: 0, bytes: '500Mi' }, { t: 30, bytes: '4Gi' }] }, limit: { memory: '3Gi' }, duration: { distribution: 'constant', value: 60 }, restartPolicy: 'OnFailure' },
      { name: 'work', count: 20, image: 'img', arrival: { process: 'poisson', rate: 0.5 }, request: { cpu: 1, memory: '500Mi' }, work: { cpu: { distribution: 'exponential', mean: 10 } }, readiness: { initialDelaySeconds: 1, periodSeconds: 2 } },
      { name: 'vip', count: 6, priorityClassName: 'high', arrival: { process: 'interval', every: 40 }, request: { cpu: 3 }, duration: { distribution: 'constant', value: 30 } },
    ],
    scheduler: { policy },
  };
}

describe('Simulation.observe(listener)', () => {
  it('on random scenarios under every built-in policy, each container ends in exactly one final event or is running or pending at the end, its events in order', () => {
    const policies = builtinPolicyNames();
    fc.assert(
      fc.property(scenarioArb(), fc.constantFrom(...policies), (scenario, policy) => {
        const run = new Simulation({ ...scenario, scheduler: { ...scenario.scheduler, policy } });
        const log = record(run);
        run.run();
        expect(checkStream(run, log)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('holds with the performance model: evictions under memory pressure, OOM restarts, readiness and preemption', () => {
    for (const policy of ['first-fit', 'best-fit', 'kube', 'binpack']) {
      for (const seed of [1, 2, 3, 4]) {
        const run = new Simulation(busy(seed, policy));
        const log = record(run);
        run.run();
        expect(checkStream(run, log), `${policy} seed ${seed}`).toEqual([]);
        const kinds = new Set(log.map((e) => e.kind));
        for (const k of ['submitted', 'placed', 'started', 'ready', 'finished']) expect(kinds.has(k), `${policy} ${seed}: ${k}`).toBe(true);
      }
    }
    const kube = new Simulation(busy(2, 'kube'));
    const log = record(kube);
    kube.run();
    const kinds = new Set(log.map((e) => e.kind));
    expect(kinds.has('preempted') || kinds.has('evicted')).toBe(true);
    expect(kinds.has('host-condition')).toBe(true);
  });

  it('changes nothing: an observed run gives the same result, byte for byte, as simulate()', () => {
    fc.assert(
      fc.property(scenarioArb(), fc.constantFrom(...builtinPolicyNames()), (scenario, policy) => {
        const s = { ...scenario, scheduler: { ...scenario.scheduler, policy } };
        const run = new Simulation(s);
        record(run);
        expect(JSON.stringify(run.run().result())).toBe(JSON.stringify(simulate(s)));
      }),
      { numRuns: 200 },
    );
    const s = busy(3, 'kube');
    const run = new Simulation(s);
    record(run);
    expect(JSON.stringify(run.run().result())).toBe(JSON.stringify(simulate(s)));
  });

  it('names containers <workload>-<n>, n counting its workload\'s submissions from 0', () => {
    const run = new Simulation({
      hosts: [{ name: 'n', count: 2, capacity: { cpu: 1 } }],
      workloads: [
        { name: 'web', count: 3, arrival: { process: 'interval', every: 1 }, duration: { distribution: 'constant', value: 10 }, request: { cpu: 1 } },
        { name: 'job', count: 2, arrival: { process: 'interval', every: 1, start: 0.5 }, duration: { distribution: 'constant', value: 1 }, request: { cpu: 1 } },
      ],
    });
    const log = record(run);
    run.run();
    expect(log.filter((e) => e.kind === 'submitted').map((e) => e.name)).toEqual(['web-0', 'job-0', 'web-1', 'job-1', 'web-2']);
    // web-1 waits for job-0 to end (1.5), job-1 and web-2 queue behind it, and keep their names.
    expect(log.filter((e) => e.kind === 'placed').map((e) => [e.name, e.time])).toEqual([['web-0', 0], ['job-0', 0.5], ['web-1', 1.5], ['job-1', 10], ['web-2', 11]]);
  });

  it('returns a function that stops the listener', () => {
    const run = new Simulation({ hosts: [{ name: 'n', capacity: { cpu: 1 } }], workloads: [{ name: 'w', count: 5, arrival: { process: 'interval', every: 1 }, duration: { distribution: 'constant', value: 0.5 }, request: { cpu: 1 } }] });
    let n = 0;
    const off = run.observe((e) => {
      if (e.kind === 'placed' && ++n === 2) off();
    });
    run.run();
    expect(n).toBe(2);
  });

  it('reports host conditions set through setHostCondition(), once per change', () => {
    const run = new Simulation({ until: 10, hosts: [{ name: 'n', count: 2, capacity: { cpu: 1 } }], workloads: [{ name: 'w', count: 4, arrival: { process: 'interval', every: 1 }, duration: { distribution: 'constant', value: 20 }, request: { cpu: '500m' } }] });
    const log: string[] = [];
    run.observe((e) => { if (e.kind === 'host-condition') log.push(`${e.host}:${e.condition}:${e.on}`); });
    run.setHostCondition(0, HostCondition.Unschedulable, true);
    run.setHostCondition(0, HostCondition.Unschedulable, true);
    run.run({ until: 5 });
    run.setHostCondition(0, HostCondition.Unschedulable, false);
    run.run();
    expect(log).toEqual(['0:2:true', '0:2:false']);
  });
});

describe('Simulation.run(options) and stop()', () => {
  it('run({ until }) then run() gives the result of one run(), and the clock stands at until in between', () => {
    fc.assert(
      fc.property(scenarioArb(), fc.double({ min: 0, max: 20, noNaN: true }), (scenario, at) => {
        const whole = JSON.stringify(simulate(scenario));
        const run = new Simulation(scenario);
        run.run({ until: at });
        if (!run.done) expect(run.now).toBe(at);
        expect(JSON.stringify(run.run().result())).toBe(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('stop() from a listener pauses after that event; run() goes on to the same result', () => {
    const s: Scenario = { seed: 4, hosts: [{ name: 'n', count: 2, capacity: { cpu: 2 } }], workloads: [{ name: 'w', count: 50, arrival: { process: 'poisson', rate: 2 }, duration: { distribution: 'exponential', mean: 2 }, request: { cpu: 1 } }] };
    const run = new Simulation(s);
    let stopAt = -1;
    run.observe((e) => {
      if (e.kind === 'placed' && run.containerName(e.workload, e.ordinal) === 'w-20') {
        stopAt = e.time;
        run.stop();
      }
    });
    run.run();
    expect(run.done).toBe(false);
    expect(run.now).toBe(stopAt);
    expect(run.snapshot().hosts.some((h) => h.containers.some((c) => c.name === 'w-20'))).toBe(true);
    expect(JSON.stringify(run.run().result())).toBe(JSON.stringify(simulate(s)));
  });
});

describe('Simulation.snapshot()', () => {
  it('lists each host\'s containers, what they hold (R_s) and the pending queue in order', () => {
    const run = new Simulation({
      hosts: [{ name: 'n', count: 2, capacity: { cpu: 2, memory: '4Gi' } }],
      workloads: [
        { name: 'web', count: 3, arrival: { process: 'explicit', times: [0, 1, 2] }, duration: { distribution: 'constant', value: 100 }, request: { cpu: 1, memory: '1Gi' } },
        { name: 'big', count: 2, arrival: { process: 'explicit', times: [3, 4] }, duration: { distribution: 'constant', value: 5 }, request: { cpu: 2 } },
      ],
    });
    run.run({ until: 10 });
    const s = run.snapshot();
    expect(s.time).toBe(10);
    expect(s.hosts.map((h) => [h.name, h.containers.map((c) => c.name)])).toEqual([['n-0', ['web-0', 'web-1']], ['n-1', ['web-2']]]);
    expect(s.hosts.map((h) => h.allocated)).toEqual([{ cpu: 2000, memory: 2 * 2 ** 30 }, { cpu: 1000, memory: 2 ** 30 }]);
    expect(s.hosts[0]?.capacity).toEqual({ cpu: 2000, memory: 4 * 2 ** 30 });
    expect(s.pending.map((c) => [c.name, c.phase, c.submitted])).toEqual([['big-0', 'pending', 3], ['big-1', 'pending', 4]]);
    const web1 = s.hosts[0]?.containers[1];
    expect(web1).toMatchObject({ id: 1, workload: 'web', phase: 'running', since: 1, submitted: 1 });
    expect(s.counts).toEqual(run.counts);
  });

  it('agrees with the cluster at every step: Σ of each host\'s containers\' requests is what it holds', () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        const run = new Simulation(scenario);
        const req = new Map(run.scenario.workloads.map((w) => [w.name, w.request]));
        let steps = 0;
        while (run.step() && steps++ < 60) {
          const s = run.snapshot();
          for (const h of s.hosts) {
            for (const [dim, held] of Object.entries(h.allocated)) {
              const sum = h.containers.reduce((a, c) => a + (req.get(c.workload)?.[dim] ?? 0), 0);
              expect(held).toBe(sum);
            }
          }
          expect(s.hosts.reduce((a, h) => a + h.containers.length, 0)).toBe(s.counts.running);
          expect(s.pending.length).toBe(s.counts.pending);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('gives live usage and the phase of each container under the performance model', () => {
    const run = new Simulation({
      hosts: [{ name: 'h', capacity: { cpu: 2, memory: '4Gi', network: '1G' } }],
      registries: [{ name: 'hub', bandwidth: '1G' }],
      images: [{ name: 'app', layers: [{ digest: 'base', size: '100M' }] }],
      workloads: [{ name: 'x', image: 'app', count: 2, arrival: { process: 'explicit', times: [0, 0] }, work: { cpu: { distribution: 'constant', value: 1 } }, request: { cpu: 1 }, readiness: { initialDelaySeconds: 5 } }],
    });
    run.run({ until: 0.5 });
    expect(run.snapshot().hosts[0]?.containers.map((c) => c.phase)).toEqual(['placed', 'placed']); // pulling the image
    run.run({ until: 3 });
    expect(run.snapshot().hosts[0]?.containers.map((c) => c.phase)).toEqual(['started', 'started']); // not ready before 5 s
    run.run({ until: 6.5 }); // pulled at 0.8 s, ready at the probe 5 s later
    const cs = run.snapshot().hosts[0]?.containers ?? [];
    expect(cs.map((c) => c.phase)).toEqual(['running', 'running']);
    expect(cs.map((c) => c.usage?.cpu)).toEqual([1000, 1000]);
    expect(cs[0]?.usage?.blockWrite).toBe(100e6);
  });
});
