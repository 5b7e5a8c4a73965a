import { describe, expect, it } from 'vitest';
import { capraraTothInstance, pack, parseOrlibBinpack, tripletInstance, uniformInstance } from '../../src/packing/index.js';
import { packingProblems } from './check-packing.js';

/** Reproducible runs: an iteration budget, no time limit. */
const budget = { timeLimitMs: Infinity, maxIterations: 200_000 } as const;

describe('generated instances of the OR-Library classes', () => {
  it('triplet instances have optimum n/3, which L2 sees and the pipeline reaches', () => {
    for (const [bins, seed] of [
      [20, 1],
      [20, 2],
      [20, 3],
      [40, 1],
      [40, 2],
    ] as const) {
      const inst = tripletInstance({ bins, seed });
      expect(inst.items).toHaveLength(3 * bins);
      const r = pack({ ...inst, ...budget, seed });
      expect(packingProblems(inst, r)).toEqual([]);
      expect(r.lowerBound.l2, `bins ${bins} seed ${seed}`).toBe(bins);
      expect(r.hostCount, `bins ${bins} seed ${seed}`).toBe(bins);
      expect(r.stats.stoppedBy).toBe('bound');
    }
  });

  it('first-fit decreasing does not reach n/3 on triplets', () => {
    let above = 0;
    for (let seed = 1; seed <= 5; seed++) {
      const inst = tripletInstance({ bins: 40, seed });
      if (pack({ ...inst, algorithm: 'ffd-sum' }).hostCount > 40) above++;
    }
    expect(above).toBe(5);
  });

  it('uniform instances (sizes 20–100, capacity 150): the pipeline meets L2 where FFD does not', () => {
    let pipelineAtBound = 0;
    let ffdAtBound = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const inst = uniformInstance({ n: 120, seed });
      const r = pack({ ...inst, ...budget, maxIterations: 20_000, seed });
      expect(packingProblems(inst, r)).toEqual([]);
      expect(r.gap.hosts).toBeLessThanOrEqual(1);
      if (r.gap.hosts === 0) pipelineAtBound++;
      if (pack({ ...inst, algorithm: 'ffd-sum' }).gap.hosts === 0) ffdAtBound++;
    }
    expect(pipelineAtBound).toBeGreaterThanOrEqual(9);
    expect(pipelineAtBound).toBeGreaterThan(ffdAtBound);
  });

  it('generators are deterministic for a seed and differ across seeds', () => {
    expect(uniformInstance({ n: 50, seed: 4 })).toEqual(uniformInstance({ n: 50, seed: 4 }));
    expect(uniformInstance({ n: 50, seed: 4 })).not.toEqual(uniformInstance({ n: 50, seed: 5 }));
    const sizes = uniformInstance({ n: 500, seed: 1 }).items.map((i) => i.request['size'] as number);
    expect(Math.min(...sizes)).toBe(20);
    expect(Math.max(...sizes)).toBe(100);
    const t = tripletInstance({ bins: 30, seed: 9 }).items.map((i) => i.request['size'] as number);
    expect(t.reduce((a, b) => a + b, 0)).toBe(30_000);
  });
});

describe('generated Caprara–Toth two-dimensional classes', () => {
  it('every class packs feasibly, and the pipeline is never worse than FFD-sum', () => {
    for (let cls = 1; cls <= 10; cls++) {
      const inst = capraraTothInstance({ cls, n: 50, seed: cls });
      const ffd = pack({ ...inst, algorithm: 'ffd-sum' });
      const best = pack({ ...inst, timeLimitMs: Infinity, maxIterations: 3000, seed: 1 });
      expect(packingProblems(inst, best), `class ${cls}`).toEqual([]);
      expect(best.hostCount, `class ${cls}`).toBeLessThanOrEqual(ffd.hostCount);
      expect(best.hostCount).toBeGreaterThanOrEqual(best.lowerBound.hosts);
    }
  });

  it('class 10 is made of triplets that fill both dimensions exactly', () => {
    const inst = capraraTothInstance({ cls: 10, n: 30, seed: 2 });
    let cpu = 0;
    let memory = 0;
    for (const it of inst.items) {
      cpu += it.request['cpu'] as number;
      memory += it.request['memory'] as number;
    }
    expect([cpu, memory]).toEqual([1000, 1000]);
    const r = pack({ ...inst, timeLimitMs: Infinity, maxIterations: 100_000, seed: 1 });
    expect(r.hostCount).toBe(10);
  });
});

describe('parseOrlibBinpack', () => {
  it('reads instances and scales one-decimal sizes by 10', () => {
    expect(parseOrlibBinpack(' 2\n u_a \n 150 3 2\n 20\n 100\n 99\n t_b\n 100.0 3 1\n 33.3\n 33.3\n 33.4\n')).toEqual([
      { name: 'u_a', capacity: 150, bestKnown: 2, sizes: [20, 100, 99] },
      { name: 't_b', capacity: 1000, bestKnown: 1, sizes: [333, 333, 334] },
    ]);
  });

  it('rejects a truncated file', () => {
    expect(() => parseOrlibBinpack('1 x 150 3 2 20 30')).toThrow(/ends where an item size was expected/);
  });
});
