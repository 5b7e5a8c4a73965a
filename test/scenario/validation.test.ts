import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIssue, PodsimError, type Issue } from '../../src/errors.js';
import { compileScenario } from '../../src/scenario/compile.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { parseScenario, validateScenario } from '../../src/scenario/validate.js';
import { simulate } from '../../src/simulation/simulate.js';
import { Simulation } from '../../src/simulation/simulation.js';

const valid: Scenario = {
  seed: 1,
  hosts: [{ name: 'node', count: 2, capacity: { cpu: 4, memory: '16Gi' } }],
  workloads: [{
    name: 'web', count: 20,
    arrival: { process: 'poisson', rate: 8 },
    duration: { distribution: 'exponential', mean: 1 },
    request: { cpu: '500m', memory: '1Gi' },
  }],
  scheduler: { policy: 'best-fit' },
};

const lines = (issues: readonly Issue[]) => issues.map(formatIssue);
function issuesOf(input: unknown): string[] {
  const r = validateScenario(input);
  if (r.ok) return [];
  return lines(r.issues);
}
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('validateScenario', () => {
  it('validateScenario() accepts a valid scenario', () => {
    const r = validateScenario(valid);
    expect(r.ok).toBe(true);
    expect(r.issues).toEqual([]);
  });

  it('validateScenario() reports every problem at once, each with its path and reason', () => {
    const r = validateScenario({
      hosts: [
        { name: 'a', capacity: { cpu: '-1', memory: '16Gi' } },
        { name: 'a', capacity: { cpu: 2, memory: '1Xi' } },
      ],
      workloads: [{
        name: 'w', count: 1,
        arrival: { process: 'poisson', rate: -1 },
        duration: { distribution: 'uniform', min: 5, max: 1 },
        request: { cpu: '500m', memory: '400m', gpu: '0.5' },
        colour: 'blue',
      }],
      until: 0,
    });
    expect(r.ok).toBe(false);
    const got = lines(r.issues);
    for (const want of [
      'hosts[0].capacity.cpu: "-1" is not a valid CPU quantity: it is negative',
      'hosts[1].capacity.memory: "1Xi" is not a valid memory quantity: unknown suffix "Xi" (use n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi or Ei)',
      'hosts[1].name: duplicate host group name "a" (also hosts[0])',
      'workloads[0].arrival.rate: must be greater than 0',
      'workloads[0].duration.max: must be at least min (5), got 1',
      'workloads[0].request.memory: "400m" is not a valid memory quantity: it is 0.4 bytes; bytes must be whole; did you mean "400Mi"?',
      'workloads[0].request.gpu: "0.5" is not a valid gpu quantity: it is 0.5 units; units must be whole',
      'workloads[0]: unknown key "colour"',
      'until: must be greater than 0',
    ]) expect(got).toContain(want);
    expect(got).toHaveLength(9);
    expect(r.issues.find((i) => i.path === 'hosts[0].capacity.cpu')?.code).toBe('invalid_quantity');
  });

  it.each<[string, unknown, string[]]>([
    ['a non-object', null, ['expected a mapping, got null']],
    ['missing sections', {}, ['hosts: is required: give a list', 'workloads: is required: give a list']],
    ['no hosts', { hosts: [], workloads: [] }, ['hosts: must list at least one host group']],
    ['a fractional seed', { ...valid, seed: 1.5 }, ['seed: must be an integer or a string']],
    ['wrong types', { hosts: 'x', workloads: 3 }, ['hosts: expected a list, got a string', 'workloads: expected a list, got a number']],
    ['a bad host count', { hosts: [{ name: 'a', count: 0, capacity: { cpu: 1 } }], workloads: [] }, ['hosts[0].count: must be at least 1']],
    ['an unknown arrival process', { ...valid, workloads: [{ ...valid.workloads[0], arrival: { process: 'burst', rate: 1 } }] },
      ['workloads[0].arrival.process: unknown arrival process "burst"; expected one of poisson, interval, explicit']],
    ['an unknown distribution', { ...valid, workloads: [{ ...valid.workloads[0], duration: { distribution: 'gaussian', mean: 1 } }] },
      ['workloads[0].duration.distribution: unknown distribution "gaussian"; expected one of constant, uniform, exponential, normal, lognormal, pareto, weibull, empirical']],
    ['decreasing and negative explicit times', { ...valid, workloads: [{ ...valid.workloads[0], count: 3, arrival: { process: 'explicit', times: [3, 1, -1] } }] },
      ['workloads[0].arrival.times[2]: must be at least 0', 'workloads[0].arrival.times[1]: must not be earlier than the time before it (3)']],
    ['a missing count on an unbounded workload', { ...valid, workloads: [{ name: 'w', arrival: { process: 'poisson', rate: 1 }, request: { cpu: 1 } }] },
      ['workloads[0].count: is required when the arrival process is unbounded and neither the workload\'s horizon nor the scenario\'s until is set']],
    ['non-finite numbers', { ...valid, workloads: [{ ...valid.workloads[0], count: Number.POSITIVE_INFINITY, arrival: { process: 'poisson', rate: Number.NaN } }] },
      ['workloads[0].count: expected a number, got Infinity', 'workloads[0].arrival.rate: expected a number, got NaN']],
    ['an empirical distribution with bad items', { ...valid, workloads: [{ ...valid.workloads[0], duration: { distribution: 'empirical', values: [1, -2], weights: [1] } }] },
      ['workloads[0].duration.values[1]: must be at least 0, got -2', 'workloads[0].duration.weights: must have one weight per value (2), got 1']],
    ['a bad resource name', { ...valid, hosts: [{ name: 'n', capacity: { cpu: 1, 'bad name': 1 } }] }, ['hosts[0].capacity["bad name"]: "bad name" is not a valid resource name']],
    ['a duplicate workload', { ...valid, workloads: [valid.workloads[0], valid.workloads[0]] }, ['workloads[1].name: duplicate workload name "web" (also workloads[0])']],
    ['an unknown policy', { ...valid, scheduler: { policy: 'fastest' } }, ['scheduler.policy: unknown policy "fastest"; expected one of first-fit, best-fit, worst-fit, random, round-robin, kube, tetris, spread, binpack, or a name given to registerPolicy()']],
    ['a misspelt policy', { ...valid, scheduler: { policy: 'bestfit' } }, ['scheduler.policy: unknown policy "bestfit" (did you mean "best-fit"?); expected one of first-fit, best-fit, worst-fit, random, round-robin, kube, tetris, spread, binpack, or a name given to registerPolicy()']],
    ['an unknown top-level key', { ...valid, bogus: true }, ['unknown key "bogus"']],
    ['a zero time-series interval', { ...valid, timeseries: { interval: 0 } }, ['timeseries.interval: must be greater than 0']],
  ])('validateScenario() of %s reports it with path and reason', (_what, input, want) => {
    expect(issuesOf(input)).toEqual(want);
  });

  it.each([
    ['500m', 500], ['0.5', 500], [2, 2000], ['1', 1000],
  ] as const)('a CPU of %j compiles to %d millicores', (cpu, millicores) => {
    const c = compileScenario({ ...valid, hosts: [{ name: 'n', capacity: { cpu, memory: '1Gi' } }] });
    expect(c.hosts[0]?.capacity.cpu).toBe(millicores);
  });

  it('compileScenario() expands host groups, fixes cpu and memory as the first dimensions, and applies defaults', () => {
    const c = compileScenario({
      hosts: [{ name: 'a', count: 2, capacity: { gpu: 1, cpu: 1, memory: '512Mi' } }, { name: 'b', capacity: { cpu: '250m', 'example.com/fpga': 2 } }],
      workloads: [{ name: 'w', arrival: { process: 'explicit', times: [1, 2] }, request: { 'example.com/fpga': 1 } }],
      until: 10,
    });
    expect(c.hosts.map((h) => h.name)).toEqual(['a-0', 'a-1', 'b-0']);
    expect(c.dims.slice(0, 2)).toEqual(['cpu', 'memory']);
    expect([...c.dims].sort()).toEqual(['cpu', 'example.com/fpga', 'gpu', 'memory']);
    expect(c.hosts[0]?.capacity).toEqual({ gpu: 1, cpu: 1000, memory: 512 * 2 ** 20 });
    expect([c.seed, c.until, c.policy, c.queue, c.sampleInterval, c.warmup]).toEqual([1, 10, 'first-fit', 'fifo', 0, 0]);
    expect(compileScenario({ hosts: [{ name: 'a', capacity: { cpu: 1 } }], workloads: [{ name: 'w', count: 1, arrival: { process: 'explicit', times: [0] }, duration: { distribution: 'constant', value: 1 }, request: { cpu: 1 } }] }).until).toBe(Infinity);
    expect(c.workloads[0]?.count).toBe(2);
    expect(c.workloads[0]?.duration).toBeUndefined();
  });
});

describe('PodsimError', () => {
  const bad = { ...valid, hosts: [{ name: 'node', capacity: { cpu: '-1', memory: '400m' } }] };

  it('parseScenario() throws a PodsimError carrying every issue, listed one per line in its message', () => {
    const e = thrown(() => parseScenario(bad));
    expect(e).toBeInstanceOf(PodsimError);
    expect(e).toBeInstanceOf(Error);
    const err = e as PodsimError;
    expect(err.name).toBe('PodsimError');
    expect(err.issues).toEqual(validateScenario(bad).issues);
    expect(err.issues).toHaveLength(2);
    expect(err.message).toBe([
      'invalid scenario:',
      '  - hosts[0].capacity.cpu: "-1" is not a valid CPU quantity: it is negative',
      '  - hosts[0].capacity.memory: "400m" is not a valid memory quantity: it is 0.4 bytes; bytes must be whole; did you mean "400Mi"?',
    ].join('\n'));
  });

  it('simulate() and new Simulation() throw the same PodsimError for bad input and never return a partial result', () => {
    let result: unknown;
    const e = thrown(() => { result = simulate(bad as Scenario); });
    expect(result).toBeUndefined();
    expect(e).toBeInstanceOf(PodsimError);
    expect((e as PodsimError).issues).toEqual(validateScenario(bad).issues);
    expect((thrown(() => new Simulation(bad)) as PodsimError).issues).toEqual(validateScenario(bad).issues);
  });

  it('formatIssue() prefixes file and line when the issue came from a file', () => {
    expect(formatIssue({ code: 'x', path: 'seed', message: 'must be an integer' })).toBe('seed: must be an integer');
    expect(formatIssue({ code: 'x', path: '', message: 'bad' })).toBe('bad');
    expect(formatIssue({ code: 'x', path: 'until', message: 'bad', file: 's.yaml', line: 3 })).toBe('s.yaml:3: until: bad');
    expect(formatIssue({ code: 'x', path: 'until', message: 'bad', file: 's.yaml' })).toBe('s.yaml: until: bad');
  });
});

// Paths of numbers in a value that are NaN or infinite (JSON would turn them into null).
function nonFinite(v: unknown, path = 'result'): string[] {
  if (typeof v === 'number') return Number.isFinite(v) ? [] : [`${path} = ${v}`];
  if (v === null || typeof v !== 'object') return [];
  return Object.entries(v).flatMap(([k, x]) => nonFinite(x, `${path}.${k}`));
}

describe('bad input never crashes inside the engine', () => {
  // Take a valid scenario and replace one value anywhere in it with something else. simulate()
  // must either run it to a full result or throw a PodsimError listing what is wrong.
  const base: Scenario = {
    seed: 3,
    hosts: [{ name: 'a', count: 2, capacity: { cpu: 2, memory: '4Gi', gpu: 1 } }, { name: 'b', capacity: { cpu: '500m', memory: 2 ** 30 } }],
    workloads: [
      { name: 'p', count: 10, arrival: { process: 'poisson', rate: 2 }, duration: { distribution: 'lognormal', mean: 1, stddev: 0.5 }, request: { cpu: '250m', memory: '256Mi' } },
      { name: 'i', count: 5, horizon: 20, arrival: { process: 'interval', every: 1.5, start: 1 }, duration: { distribution: 'empirical', values: [1, 2], weights: [1, 3] }, request: { cpu: 1, gpu: 1 } },
      { name: 's', arrival: { process: 'interval', every: 2 }, request: { cpu: '100m' } },
    ],
    scheduler: { policy: 'round-robin', queue: 'skip' },
    until: 30,
    timeseries: { interval: 5 },
  };
  const leaves: string[][] = [];
  const walk = (v: unknown, path: string[]) => {
    if (v !== null && typeof v === 'object') {
      leaves.push(path); // replace a whole object or array, too
      for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    } else leaves.push(path);
  };
  walk(base, []);
  // Junk of every type, with numbers kept modest: a valid but astronomical value (10^300 arrivals
  // per second, 2^40 hosts) asks for an astronomical run, which is not a crash.
  const junk = fc.oneof(
    fc.constantFrom(null, undefined, true, '', 'x', '-1', '1Xi', '0', '1e400', 0, -1, 0.5, 5e-324, -1e-300, Number.NaN, Number.POSITIVE_INFINITY, [], {}, [1, 2], { a: 1 }),
    fc.integer({ min: -5, max: 50 }),
    fc.double({ min: -1e3, max: 1e3, noNaN: true }),
    fc.string({ maxLength: 6 }),
  );

  it('a valid scenario with one value replaced by junk runs to a plain-data result or throws a PodsimError', () => {
    fc.assert(
      fc.property(fc.constantFrom(...leaves.slice(1)), junk, (path, value) => {
        const s = structuredClone(base) as unknown as Record<string, unknown>;
        let parent: Record<string, unknown> = s;
        for (const k of path.slice(0, -1)) parent = parent[k] as Record<string, unknown>;
        parent[path[path.length - 1] as string] = value;
        const where = `${path.join('.')} = ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`;
        let run: Simulation;
        try {
          run = new Simulation(s);
        } catch (e) {
          if (!(e instanceof PodsimError)) throw new Error(`${where}: ${String(e)}`);
          expect(e.issues.length).toBeGreaterThan(0);
          for (const i of e.issues) expect(i.message.length).toBeGreaterThan(0);
          return;
        }
        try {
          for (let i = 0; i < 5000 && run.step(); i++); // an event budget keeps huge runs short
        } catch (e) {
          throw new Error(`${where}: the run crashed: ${String(e)}`);
        }
        const r = run.result();
        const k = r.containers;
        expect(k.submitted, where).toBe(k.completed + k.running + k.pending + k.rejected);
        expect(nonFinite(r), `${where}: NaN or Infinity in the result`).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});
