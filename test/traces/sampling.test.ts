import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTrace, readTrace, sampleKeeps } from '../../src/traces/index.js';
import { tempDir } from './tmp-dir.js';

const tmp = tempDir('sample');
afterAll(() => tmp.remove());
const shape = { cpu: 64_000, memory: 2 ** 38 };

describe('sampleKeeps', () => {
  it('decides by id and seed alone, whatever the order the ids come in', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1 }), { maxLength: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer(), (ids, fraction, seed) => {
        const sample = { fraction, seed };
        const forward = ids.filter((id) => sampleKeeps(id, sample));
        const backward = [...ids].reverse().filter((id) => sampleKeeps(id, sample));
        expect(new Set(backward)).toEqual(new Set(forward));
      }),
      { numRuns: 50 },
    );
  });

  it('keeps about the asked fraction, none at 0 and all at 1', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `${6_000_000_000 + i * 13}/${i % 7}`);
    const kept = ids.filter((id) => sampleKeeps(id, { fraction: 0.3, seed: 5 })).length;
    expect(kept / ids.length).toBeGreaterThan(0.28);
    expect(kept / ids.length).toBeLessThan(0.32);
    expect(ids.some((id) => sampleKeeps(id, { fraction: 0, seed: 5 }))).toBe(false);
    expect(ids.every((id) => sampleKeeps(id, { fraction: 1, seed: 5 }))).toBe(true);
  });

  it('keeps different tasks for different seeds', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `j/${i}`);
    const a = ids.filter((id) => sampleKeeps(id, { fraction: 0.5, seed: 1 }));
    const b = ids.filter((id) => sampleKeeps(id, { fraction: 0.5, seed: 2 }));
    expect(a).not.toEqual(b);
  });
});

describe('sampled reads', () => {
  for (const format of ['google2011', 'google2019', 'alibaba2018'] as const) {
    it(`${format}: a sampled read keeps exactly the tasks sampleKeeps keeps, every run of each`, async () => {
      const dir = `${tmp.dir}/${format}`;
      await generateTrace({ format, machines: 10, tasks: 600, seed: 3, dir });
      const sample = { fraction: 0.25, seed: 'abc' };
      const all = await readTrace({ format, dir }, { shape }).tasks.toArray();
      const sampled = readTrace({ format, dir }, { shape, sample });
      const kept = await sampled.tasks.toArray();
      const expected = all.filter((t) => sampleKeeps(t.id, sample));
      expect(kept).toEqual(expected);
      expect(kept.length).toBeGreaterThan(0);
      expect(kept.length).toBeLessThan(all.length);
      expect(sampled.tasks.report.skipped['sampledOut']).toBeGreaterThan(0);
    });
  }
});
