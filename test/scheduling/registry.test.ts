import { afterEach, describe, expect, it } from 'vitest';
import { loadScenarioFromText } from '../../src/inputs/load-scenario.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { SkipQueue } from '../../src/scheduling/skip-queue.js';
import { builtinPolicyNames, policyNames, registerPolicy, unregisterPolicy } from '../../src/scheduling/policy-registry.js';
import type { Scheduler } from '../../src/scheduling/scheduler.js';
import { simulate } from '../../src/simulation/simulate.js';
import { Simulation } from '../../src/simulation/simulation.js';
import { describeSchedulerConformance } from './conformance.js';

// A user's own policy: the highest-numbered host that fits.
const lastFit = (): Scheduler => ({
  name: 'last-fit',
  select(req, hosts) {
    for (let h = hosts.hostCount - 1; h >= 0; h--) if (hosts.fits(h, req.demand, req.offset)) return h;
    return -1;
  },
});

const scenarioYaml = `
seed: 3
hosts:
  - { name: node, count: 4, capacity: { cpu: 2, memory: 4Gi } }
workloads:
  - name: web
    count: 6
    arrival: { process: interval, every: 1 }
    duration: { distribution: constant, value: 100 }
    request: { cpu: 1 }
scheduler:
  policy: last-fit
`;

describe('registerPolicy(name, factory)', () => {
  afterEach(() => {
    unregisterPolicy('last-fit');
  });

  it('makes the name valid in a scenario file, and simulate() runs the policy it names', () => {
    expect(validateScenario({ hosts: [{ name: 'n', capacity: { cpu: 1 } }], workloads: [], scheduler: { policy: 'last-fit' } }).ok).toBe(false);
    registerPolicy('last-fit', lastFit);
    const { scenario } = loadScenarioFromText({ file: 'scenario.yaml', text: scenarioYaml });
    const run = new Simulation(scenario);
    const hosts: string[] = [];
    run.observe((e) => { if (e.kind === 'placed') hosts.push(run.cluster.hostNames[e.host] as string); });
    run.run();
    // Two containers per host, from the last host down.
    expect(hosts).toEqual(['node-3', 'node-3', 'node-2', 'node-2', 'node-1', 'node-1']);
    expect(run.result().policy).toBe('last-fit');
    expect(policyNames()).toEqual([...builtinPolicyNames(), 'last-fit']);
  });

  it('unknown names get a validation error naming the registered policies, with a suggestion', () => {
    registerPolicy('last-fit', lastFit);
    const r = validateScenario({ hosts: [{ name: 'n', capacity: { cpu: 1 } }], workloads: [], scheduler: { policy: 'lastfit' } });
    expect(r.ok).toBe(false);
    const issue = r.ok ? undefined : r.issues[0];
    expect(issue?.path).toBe('scheduler.policy');
    expect(issue?.message).toBe(`unknown policy "lastfit" (did you mean "last-fit"?); expected one of ${[...builtinPolicyNames(), 'last-fit'].join(', ')}, or a name given to registerPolicy()`);
  });

  it('refuses a built-in name, and unregisterPolicy() keeps the built-in ones', () => {
    expect(() => registerPolicy('best-fit', lastFit)).toThrow(/"best-fit" is a built-in policy/);
    expect(unregisterPolicy('best-fit')).toBe(false);
    registerPolicy('last-fit', lastFit);
    expect(unregisterPolicy('last-fit')).toBe(true);
    expect(policyNames()).toEqual(builtinPolicyNames());
  });

  it('a factory may bring its own pending queue', () => {
    registerPolicy('last-fit', () => ({ scheduler: lastFit(), queue: new SkipQueue() }));
    // One 2-core host: a 2-core container waits behind a running one; with skip, 1-core ones pass it.
    const r = simulate({
      hosts: [{ name: 'n', capacity: { cpu: 2 } }],
      workloads: [
        { name: 'a', count: 1, arrival: { process: 'explicit', times: [0] }, duration: { distribution: 'constant', value: 10 }, request: { cpu: 1 } },
        { name: 'big', count: 1, arrival: { process: 'explicit', times: [1] }, duration: { distribution: 'constant', value: 1 }, request: { cpu: 2 } },
        { name: 'small', count: 1, arrival: { process: 'explicit', times: [2] }, duration: { distribution: 'constant', value: 1 }, request: { cpu: 1 } },
      ],
      scheduler: { policy: 'last-fit', queue: 'fifo' },
    });
    expect(r.wait.max).toBe(9); // big waits for a, small went first despite fifo in the scenario
    expect(r.wait.p50).toBe(0);
  });
});

// A registered policy passes the same conformance suite as the built-in ones.
describeSchedulerConformance('last-fit (a user policy)', lastFit, { runs: 200, selects: 300 });
