import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/errors.js';
import { parseResources } from '../../src/resources/parse.js';
import { add, available, compare, dominantShare, equals, fits, isNegative, subtract, sum, type ResourceVector } from '../../src/resources/vector.js';

const Gi = 2 ** 30;
const dims = ['cpu', 'memory', 'gpu', 'example.com/fpga'] as const;
// Vectors of exact non-negative integers, with some dimensions missing (missing means zero).
const vector = fc.dictionary(fc.constantFrom(...dims), fc.oneof(fc.nat(4), fc.nat(2 ** 45)), { maxKeys: 4 }) as fc.Arbitrary<ResourceVector>;

describe('resource vectors', () => {
  it('add() adds dimension by dimension, a missing dimension counting as zero', () => {
    expect(add({ cpu: 500 }, { cpu: 250, memory: 1024 })).toEqual({ cpu: 750, memory: 1024 });
    expect(add({}, {})).toEqual({});
  });

  it('subtract() subtracts dimension by dimension and may go negative', () => {
    expect(subtract({ cpu: 1000, memory: Gi }, { cpu: 250 })).toEqual({ cpu: 750, memory: Gi });
    expect(subtract({ cpu: 1 }, { cpu: 2, gpu: 1 })).toEqual({ cpu: -1, gpu: -1 });
  });

  it('sum() of no vectors is the zero vector and of many is their total', () => {
    expect(sum([])).toEqual({});
    expect(sum([{ cpu: 1 }, { cpu: 2, gpu: 1 }, { memory: 3 }])).toEqual({ cpu: 3, gpu: 1, memory: 3 });
  });

  it('available() is capacity less the allocations (R_c = R_h − R_s)', () => {
    expect(available({ cpu: 4000, memory: 16 * Gi }, [{ cpu: 500, memory: Gi }, { cpu: 1500 }])).toEqual({ cpu: 2000, memory: 15 * Gi });
    expect(available({ cpu: 4000 }, [])).toEqual({ cpu: 4000 });
  });

  it('fits() needs every requested dimension to be available; a dimension the host lacks has none', () => {
    expect(fits({ cpu: 500 }, { cpu: 1000 })).toBe(true);
    expect(fits({ cpu: 1000 }, { cpu: 1000 })).toBe(true);
    expect(fits({ cpu: 1001 }, { cpu: 1000 })).toBe(false);
    expect(fits({ cpu: 500, gpu: 1 }, { cpu: 1000 })).toBe(false);
    expect(fits({ cpu: 500, gpu: 0 }, { cpu: 1000 })).toBe(true);
    expect(fits({}, {})).toBe(true);
    expect(fits({ memory: Gi }, { cpu: 4000, memory: Gi - 1 })).toBe(false);
  });

  it('compare() orders by dominance and returns undefined when neither dominates', () => {
    expect(compare({ cpu: 1 }, { cpu: 2 })).toBe(-1);
    expect(compare({ cpu: 2 }, { cpu: 1 })).toBe(1);
    expect(compare({ cpu: 1, memory: 0 }, { cpu: 1 })).toBe(0);
    expect(compare({ cpu: 1, memory: 5 }, { cpu: 2 })).toBeUndefined();
    expect(compare({}, { gpu: 1 })).toBe(-1);
  });

  it('equals() treats a missing dimension as zero', () => {
    expect(equals({ cpu: 0, memory: 1 }, { memory: 1 })).toBe(true);
    expect(equals({ cpu: 1 }, { cpu: 2 })).toBe(false);
  });

  it('dominantShare() is the largest fraction of any dimension, Infinity on a dimension with no capacity', () => {
    expect(dominantShare({ cpu: 1000, memory: Gi }, { cpu: 4000, memory: 4 * Gi })).toBe(0.25);
    expect(dominantShare({ cpu: 1000, memory: 3 * Gi }, { cpu: 4000, memory: 4 * Gi })).toBe(0.75);
    expect(dominantShare({ gpu: 1 }, { cpu: 4000 })).toBe(Infinity);
    expect(dominantShare({ gpu: 0, cpu: 2000 }, { cpu: 4000 })).toBe(0.5);
    expect(dominantShare({}, { cpu: 4000 })).toBe(0);
  });

  it('isNegative() is true when any dimension is below zero', () => {
    expect(isNegative({ cpu: 1, memory: -1 })).toBe(true);
    expect(isNegative({ cpu: 0 })).toBe(false);
  });

  it('add() is commutative and associative, and subtract() undoes it, exactly', () => {
    fc.assert(
      fc.property(vector, vector, vector, (a, b, c) => {
        expect(equals(add(a, b), add(b, a))).toBe(true);
        expect(equals(add(add(a, b), c), add(a, add(b, c)))).toBe(true);
        expect(equals(subtract(add(a, b), b), a)).toBe(true);
        expect(isNegative(add(a, b))).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('fits(r, f) holds exactly when r ≤ f in every dimension of r', () => {
    fc.assert(
      fc.property(vector, vector, (r, f) => {
        const c = compare(r, f);
        const dominated = Object.keys(r).every((k) => (r[k] ?? 0) <= (f[k] ?? 0));
        expect(fits(r, f)).toBe(dominated);
        if (c === -1 || c === 0) expect(fits(r, f)).toBe(true);
        expect(compare(f, r)).toBe(c === undefined ? undefined : c === 0 ? 0 : -c);
      }),
      { numRuns: 1000 },
    );
  });

  it('dominantShare(d, c) ≤ 1 exactly when d fits in c', () => {
    fc.assert(
      fc.property(vector, vector, (d, c) => {
        expect(dominantShare(d, c) <= 1).toBe(fits(d, c));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parseResources', () => {
  it('parseResources() turns a spec into exact base units and drops zeros', () => {
    const issues: Issue[] = [];
    expect(parseResources({ cpu: '500m', memory: '1.5Gi', gpu: 0, 'example.com/fpga': 2, network: '1G' }, 'r', issues))
      .toEqual({ cpu: 500, memory: 1.5 * Gi, 'example.com/fpga': 2, network: 1e9 });
    expect(issues).toEqual([]);
  });

  it('parseResources() reports every bad name and quantity, each with its path and reason', () => {
    const issues: Issue[] = [];
    const v = parseResources({ cpu: '-1', memory: '400m', 'bad name': 1, gpu: '0.5', 'example.com/fpga': '1Xi' }, 'hosts[0].capacity', issues);
    expect(v).toBeUndefined();
    expect(issues).toEqual([
      { code: 'invalid_quantity', path: 'hosts[0].capacity.cpu', message: '"-1" is not a valid CPU quantity: it is negative' },
      { code: 'invalid_quantity', path: 'hosts[0].capacity.memory', message: '"400m" is not a valid memory quantity: it is 0.4 bytes; bytes must be whole' },
      { code: 'invalid_resource_name', path: 'hosts[0].capacity["bad name"]', message: '"bad name" is not a valid resource name' },
      { code: 'invalid_quantity', path: 'hosts[0].capacity.gpu', message: '"0.5" is not a valid gpu quantity: it is 0.5 units; units must be whole' },
      { code: 'invalid_quantity', path: 'hosts[0].capacity["example.com/fpga"]', message: expect.stringContaining('unknown suffix "Xi"') },
    ]);
  });

  it('parseResources() of something that is not an object reports its type at the path', () => {
    for (const bad of [null, 3, 'cpu', [1]]) {
      const issues: Issue[] = [];
      expect(parseResources(bad, 'workloads[1].request', issues)).toBeUndefined();
      expect(issues).toEqual([{ code: 'invalid_type', path: 'workloads[1].request', message: 'expected an object mapping resource names to quantities' }]);
    }
  });
});
