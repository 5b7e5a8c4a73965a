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

describe('suggest(word, candidates): the one "did you mean" of scenario keys, manifests, plugins and labels', () => {
  it('allows a third of a long name in edits (plugin names, label keys), and counts a swap as one edit', () => {
    expect(suggest('NodeResourceFit', ['NodeResourcesFit', 'ImageLocality'])).toBe('NodeResourcesFit');
    expect(suggest('ImageLocalty', ['NodeResourcesFit', 'ImageLocality'])).toBe('ImageLocality');
    expect(suggest('topology.kubernetes.io/zn', ['topology.kubernetes.io/zone', 'kubernetes.io/hostname'])).toBe('topology.kubernetes.io/zone');
    expect(suggest('tpoology.kuberentes.io/zone', ['topology.kubernetes.io/zone'])).toBe('topology.kubernetes.io/zone');
    expect(suggest('hihg', ['high', 'low'])).toBe('high');
  });

  it('never turns a word into an unrelated one: at most max(2, ⌊n/3⌋) edits and fewer than n/2', () => {
    expect(suggest('low', ['high'])).toBeUndefined();
    expect(suggest('InterPodAffinity', ['NodeAffinity'])).toBeUndefined();
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 16 }), fc.array(fc.string({ maxLength: 16 }), { maxLength: 6 }), (w, cs) => {
      const s = suggest(w, cs);
      if (s === undefined) return;
      expect(cs).toContain(s);
      if (s.toLowerCase() === w.toLowerCase()) return;
      const d = editDistance(w.toLowerCase(), s.toLowerCase());
      expect(d).toBeLessThanOrEqual(Math.max(2, Math.floor(w.length / 3)));
      expect(d).toBeLessThan(w.length / 2);
      for (const c of cs) if (c !== w) expect(editDistance(w.toLowerCase(), c.toLowerCase())).toBeGreaterThanOrEqual(d);
    }), { numRuns: 500 });
  });
});
