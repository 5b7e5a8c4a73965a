import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, suggest } from '../../src/inputs/did-you-mean.js';

describe('did-you-mean suggestions', () => {
  it('editDistance counts insertions, deletions, substitutions and neighbour swaps as one edit each', () => {
    expect(editDistance('replica', 'replicas')).toBe(1);
    expect(editDistance('contianers', 'containers')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('editDistance is symmetric, zero exactly on equal strings, and at most the longer length', () => {
    fc.assert(fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
      const d = editDistance(a, b);
      expect(d).toBe(editDistance(b, a));
      expect(d === 0).toBe(a === b);
      expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
      expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
    }), { numRuns: 300 });
  });

  it('suggests a close key, a key in another case, and nothing for unrelated or very short words', () => {
    expect(suggest('hots', ['hosts', 'workloads'])).toBe('hosts');
    expect(suggest('Replicas', ['replicas'])).toBe('replicas');
    expect(suggest('zzzzzz', ['hosts', 'workloads'])).toBeUndefined();
    expect(suggest('ab', ['cd'])).toBeUndefined();
    expect(didYouMean('arival', ['arrival', 'request'])).toBe('; did you mean "arrival"?');
    expect(didYouMean('qqqqq', ['arrival'])).toBe('');
  });
});
