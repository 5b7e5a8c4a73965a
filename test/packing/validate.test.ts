import { describe, expect, it } from 'vitest';
import { formatIssue, PodsimError } from '../../src/errors.js';
import { pack, validatePackInput, type PackInput } from '../../src/packing/index.js';

function issuesOf(run: () => unknown): PodsimError['issues'] {
  try {
    run();
  } catch (e) {
    if (e instanceof PodsimError) return e.issues;
    throw e;
  }
  throw new Error('expected a PodsimError');
}

describe('pack() input validation lists every problem at once, with paths', () => {
  it('reports bad quantities, names, replicas and types together', () => {
    const input = {
      items: [
        { name: 'ok', request: { cpu: 100 } },
        { name: '', request: { cpu: 1 } },
        { name: 'neg', request: { cpu: -1, memory: 2.5 } },
        { name: 'reps', request: { cpu: 1 }, replicas: -2 },
        { name: 'notobj', request: 7 },
      ],
      hostTypes: [{ name: 'h', capacity: { cpu: 1000, memory: 'lots' } }],
    };
    const issues = validatePackInput(input);
    const lines = issues.map(formatIssue);
    expect(lines).toContain('items[1].name: must be a non-empty string, got ""');
    expect(lines).toContain('items[2].request.cpu: must be a non-negative integer, got -1');
    expect(lines).toContain('items[2].request.memory: must be a non-negative integer, got 2.5');
    expect(lines).toContain('items[3].replicas: must be a non-negative integer, got -2');
    expect(issues.find((i) => i.path === 'items[4].request')?.code).toBe('invalid_type');
    expect(issues.find((i) => i.path === 'hostTypes[0].capacity.memory')?.code).toBe('invalid_quantity');
    expect(() => pack(input as unknown as PackInput)).toThrow(PodsimError);
    expect(issuesOf(() => pack(input as unknown as PackInput))).toHaveLength(issues.length);
  });

  it('reports items that fit no host type, naming the dimension and the largest capacity', () => {
    const issues = validatePackInput({
      items: [
        { name: 'a', request: { cpu: 500 } },
        { name: 'b', request: { cpu: 5000 } },
        { name: 'c', request: { cpu: 900, memory: 900 } },
        { name: 'd', request: { gpu: 1 } },
      ],
      hostTypes: [
        { name: 'cpu-box', capacity: { cpu: 1000, memory: 100 } },
        { name: 'mem-box', capacity: { cpu: 100, memory: 1000 } },
      ],
    });
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['items[1].request', 'does_not_fit'],
      ['items[2].request', 'does_not_fit'],
      ['items[3].request', 'does_not_fit'],
    ]);
    expect(issues[0]?.message).toContain("cpu 5 cores exceeds the largest host's 1 core");
    expect(issues[1]?.message).toContain('no single host type has room');
    expect(issues[2]?.message).toContain("gpu 1 exceeds the largest host's 0");
  });

  it('an item with zero replicas never has to fit', () => {
    expect(validatePackInput({ items: [{ name: 'x', request: { cpu: 5000 }, replicas: 0 }], hostTypes: [{ name: 'h', capacity: { cpu: 1 } }] })).toEqual([]);
  });

  it('reports duplicate host type names, unknown keys and an empty host list', () => {
    const dup = validatePackInput({
      items: [],
      hostTypes: [
        { name: 'h', capacity: { cpu: 1 } },
        { name: 'h', capacity: { cpu: 2 }, size: 3 },
      ],
      colour: 'red',
    });
    expect(dup.map((i) => [i.code, i.path])).toEqual([
      ['unknown_key', 'colour'],
      ['unknown_key', 'hostTypes[1].size'],
      ['duplicate_name', 'hostTypes[1].name'],
    ]);
    expect(validatePackInput({ items: [], hostTypes: [] }).map((i) => i.code)).toEqual(['empty']);
    expect(validatePackInput(null).map((i) => i.code)).toEqual(['invalid_type']);
  });

  it('reports host type limits that cannot hold the demand', () => {
    const issues = validatePackInput({
      items: [{ name: 'x', request: { cpu: 600 }, replicas: 4 }],
      hostTypes: [{ name: 'h', capacity: { cpu: 1000 }, max: 2 }],
    });
    expect(issues.map((i) => i.code)).toEqual(['insufficient_capacity']);
    expect(issues[0]?.message).toContain('2 cores of cpu');
  });

  it('checks the objective and options', () => {
    const issues = validatePackInput({
      items: [],
      hostTypes: [{ name: 'h', capacity: { cpu: 1 }, cost: -1, max: 1.5 }],
      objective: 'speed',
      algorithm: 'magic',
      seed: 1.5,
      timeLimitMs: -3,
      maxIterations: 2.5,
    });
    expect(issues.map((i) => i.path)).toEqual([
      'hostTypes[0].cost',
      'hostTypes[0].max',
      'objective',
      'algorithm',
      'seed',
      'timeLimitMs',
      'maxIterations',
    ]);
  });

  it('refuses a search with neither a time limit nor an iteration budget', () => {
    const issues = validatePackInput({ items: [], hostTypes: [{ name: 'h', capacity: { cpu: 1 } }], timeLimitMs: Infinity });
    expect(issues.map((i) => i.code)).toEqual(['unbounded_search']);
  });

  it('reports when the max limits run out during packing', () => {
    // enough total capacity, but one 600 per host: the third replica has nowhere to go
    const issues = issuesOf(() =>
      pack({ items: [{ name: 'x', request: { cpu: 600 }, replicas: 3 }], hostTypes: [{ name: 'h', capacity: { cpu: 1000 }, max: 2 }] }),
    );
    expect(issues.map((i) => i.code)).toEqual(['capacity_exhausted']);
  });
});

describe('pack() with replicas that request nothing', () => {
  it('opens one host of the cheapest type that may be opened', () => {
    const r = pack({
      items: [{ name: 'pause', request: { cpu: 0 }, replicas: 2 }],
      hostTypes: [
        { name: 'free', capacity: { cpu: 1 }, cost: 0, max: 0 },
        { name: 'paid', capacity: { cpu: 1 }, cost: 2 },
      ],
    });
    expect(r.hosts.map((h) => h.type)).toEqual(['paid']);
  });

  it('reports when no host may be opened at all', () => {
    const issues = issuesOf(() => pack({ items: [{ name: 'pause', request: {} }], hostTypes: [{ name: 'none', capacity: { cpu: 1 }, max: 0 }] }));
    expect(issues.map((i) => i.code)).toEqual(['capacity_exhausted']);
  });
});
