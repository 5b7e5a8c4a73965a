import { describe, expect, it } from 'vitest';
import { ExactRepacker } from '../../src/packing/repack-exact.js';
import { tripletInstance } from '../../src/packing/index.js';

function run(sizes: number[], capacity: number, hosts: number, d = 1): { result: number; hostOf: number[] } {
  const r = new ExactRepacker(Float64Array.from(sizes), d, sizes.length / d);
  const units = Int32Array.from({ length: sizes.length / d }, (_, i) => i);
  const result = r.pack(units, units.length, Float64Array.from({ length: d }, () => capacity), hosts, 1_000_000);
  return { result, hostOf: Array.from(r.hostOf.subarray(0, units.length)) };
}

describe('ExactRepacker (bin completion with subset-sum pruning)', () => {
  it('finds the planted packing of triplets, every host exactly full', () => {
    const inst = tripletInstance({ bins: 15, seed: 3 });
    const sizes = inst.items.map((i) => i.request['size'] as number);
    const { result, hostOf } = run(sizes, 1000, 15);
    expect(result).toBe(1);
    const loads = new Array<number>(15).fill(0);
    hostOf.forEach((h, i) => (loads[h] = (loads[h] as number) + (sizes[i] as number)));
    expect(loads).toEqual(new Array<number>(15).fill(1000));
  });

  it('proves impossibility: three 60s never fit two hosts of 100', () => {
    expect(run([60, 60, 60], 100, 2).result).toBe(0);
    expect(run([60, 60, 60], 100, 3).result).toBe(1);
  });

  it('proves an instance needs more hosts than its L2 bound', () => {
    // L2 = 5, optimum 6
    const sizes = [5, 9, 9, 3, 11, 3, 11, 3, 6];
    expect(run(sizes, 13, 5).result).toBe(0);
    expect(run(sizes, 13, 6).result).toBe(1);
  });

  it('packs vectors, keeping every dimension within capacity', () => {
    // (cpu, memory) pairs; two hosts of (10, 10)
    const sizes = [6, 1, 4, 9, 1, 6, 3, 2, 5, 1];
    const { result, hostOf } = run(sizes, 10, 2, 2);
    expect(result).toBe(1);
    const load = [0, 0, 0, 0];
    hostOf.forEach((h, i) => {
      load[2 * h] = (load[2 * h] as number) + (sizes[2 * i] as number);
      load[2 * h + 1] = (load[2 * h + 1] as number) + (sizes[2 * i + 1] as number);
    });
    expect(Math.max(...load)).toBeLessThanOrEqual(10);
  });

  it('gives up (−1) when the node budget runs out', () => {
    const inst = tripletInstance({ bins: 60, seed: 8 });
    const sizes = Float64Array.from(inst.items.map((i) => i.request['size'] as number));
    const r = new ExactRepacker(sizes, 1, sizes.length);
    const units = Int32Array.from({ length: sizes.length }, (_, i) => i);
    expect(r.pack(units, units.length, Float64Array.of(1000), 60, 5)).toBe(-1);
    expect(r.nodesUsed).toBeGreaterThan(5);
  });
});
