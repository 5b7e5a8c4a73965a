import { describe, expect, it } from 'vitest';
import { PACK_ALGORITHMS, pack, type PackInput } from '../../src/packing/index.js';
import { packingProblems } from './check-packing.js';

const GiB = 2 ** 30;

describe('pack() places every replica and reports bounds and gap', () => {
  const input: PackInput = {
    items: [
      { name: 'web', request: { cpu: 500, memory: 512 * 2 ** 20 }, replicas: 6 },
      { name: 'db', request: { cpu: 2000, memory: 8 * GiB } },
      { name: 'cache', request: { cpu: 250, memory: 4 * GiB }, replicas: 2 },
    ],
    hostTypes: [{ name: 'm5.xlarge', capacity: { cpu: 4000, memory: 16 * GiB } }],
  };

  it('packs the README example onto the minimum number of hosts', () => {
    const r = pack(input);
    expect(packingProblems(input, r)).toEqual([]);
    expect(r.hostCount).toBe(2);
    expect(r.lowerBound.hosts).toBe(2);
    expect(r.gap).toEqual({ hosts: 0, relative: 0, cost: r.cost - r.lowerBound.cost });
    expect(r.provenOptimal).toBe(true);
    expect(r.cost).toBe(2);
    expect(r.hosts.flatMap((h) => h.replicas).filter((x) => x.name === 'web')).toHaveLength(6);
  });

  it('lists each host’s replicas by item then replica, with their use per dimension', () => {
    const r = pack(input);
    for (const h of r.hosts) {
      const keys = h.replicas.map((x) => x.item * 100 + x.replica);
      expect(keys).toEqual([...keys].sort((a, b) => a - b));
      expect(Object.keys(h.used).sort()).toEqual(['cpu', 'memory']);
    }
  });

  it('runs every algorithm, each giving a feasible packing no better than the bound', () => {
    for (const algorithm of PACK_ALGORITHMS) {
      const r = pack({ ...input, algorithm });
      expect(packingProblems(input, r), algorithm).toEqual([]);
      expect(r.hostCount).toBeGreaterThanOrEqual(r.lowerBound.hosts);
      expect(r.algorithm).toBe(algorithm);
    }
  });

  it('places replicas that request nothing, even when nothing else is placed', () => {
    const only = pack({ items: [{ name: 'sidecar', request: { cpu: 0 }, replicas: 3 }], hostTypes: [{ name: 'h', capacity: { cpu: 1 } }] });
    expect(only.hostCount).toBe(1);
    expect(only.hosts[0]?.replicas).toHaveLength(3);
    const mixed: PackInput = {
      items: [
        { name: 'a', request: { cpu: 600 }, replicas: 2 },
        { name: 'empty', request: {}, replicas: 2 },
      ],
      hostTypes: [{ name: 'h', capacity: { cpu: 1000 } }],
    };
    const r = pack(mixed);
    expect(packingProblems(mixed, r)).toEqual([]);
    expect(r.hostCount).toBe(2);
  });

  it('returns no hosts for no items', () => {
    const r = pack({ items: [], hostTypes: [{ name: 'h', capacity: { cpu: 1 } }] });
    expect(r.hostCount).toBe(0);
    expect(r.lowerBound.hosts).toBe(0);
    expect(r.gap.relative).toBe(0);
  });

  it('ignores dimensions nobody requests and treats missing capacity as zero', () => {
    const r = pack({
      items: [{ name: 'a', request: { cpu: 1 }, replicas: 3 }],
      hostTypes: [{ name: 'h', capacity: { cpu: 2, gpu: 8 } }],
    });
    expect(r.hostCount).toBe(2);
    expect(Object.keys(r.lowerBound.perDimension)).toEqual(['cpu']);
  });
});

describe('pack() with several host types', () => {
  const items = [{ name: 'svc', request: { cpu: 1000, memory: 2 * GiB }, replicas: 8 }];
  const hostTypes = [
    { name: 'small', capacity: { cpu: 2000, memory: 4 * GiB }, cost: 1 },
    { name: 'large', capacity: { cpu: 8000, memory: 16 * GiB }, cost: 5 },
  ];

  it('minimises the number of hosts with the hosts objective', () => {
    const r = pack({ items, hostTypes });
    expect(packingProblems({ items, hostTypes }, r)).toEqual([]);
    expect(r.hostCount).toBe(1);
    expect(r.hosts[0]?.type).toBe('large');
  });

  it('minimises total cost with the cost objective', () => {
    const r = pack({ items, hostTypes, objective: 'cost' });
    expect(packingProblems({ items, hostTypes }, r)).toEqual([]);
    expect(r.cost).toBe(4);
    expect(r.hosts.every((h) => h.type === 'small')).toBe(true);
    expect(r.objective).toBe('cost');
  });

  it('gives each host the cheapest type that holds its load', () => {
    const r = pack({
      items: [
        { name: 'big', request: { cpu: 7000 } },
        { name: 'tiny', request: { cpu: 100 } },
      ],
      hostTypes: [
        { name: 'large', capacity: { cpu: 8000 }, cost: 5 },
        { name: 'small', capacity: { cpu: 2000 }, cost: 1 },
      ],
    });
    expect(r.hostCount).toBe(1);
    expect(r.hosts[0]?.type).toBe('large');
    expect(r.cost).toBe(5);
  });

  it('respects max counts per host type', () => {
    const input: PackInput = {
      items: [{ name: 'x', request: { cpu: 1000 }, replicas: 10 }],
      hostTypes: [
        { name: 'large', capacity: { cpu: 4000 }, max: 1 },
        { name: 'small', capacity: { cpu: 2000 } },
      ],
    };
    // the bound ignores limits (3 large hosts would do), so the search runs to its time limit
    const r = pack({ ...input, timeLimitMs: 50 });
    expect(packingProblems(input, r)).toEqual([]);
    expect(r.hosts.filter((h) => h.type === 'large').length).toBeLessThanOrEqual(1);
    expect(r.hostCount).toBe(4);
  });
});

describe('pack() improvement search', () => {
  it('proves optimality when the bound is not reachable and the instance is small', () => {
    // L2 says 5, the optimum is 6: the exact repacking of all hosts proves it
    const sizes = [5, 9, 9, 3, 11, 3, 11, 3, 6];
    const r = pack({ items: sizes.map((s, i) => ({ name: `i${i}`, request: { x: s } })), hostTypes: [{ name: 'h', capacity: { x: 13 } }] });
    expect(r.lowerBound.hosts).toBe(5);
    expect(r.hostCount).toBe(6);
    expect(r.stats.stoppedBy).toBe('proven');
    expect(r.provenOptimal).toBe(true);
  });

  it('stops at the iteration budget without a time limit', () => {
    const sizes = [5, 9, 9, 3, 11, 3, 11, 3, 6];
    const items = sizes.map((s, i) => ({ name: `i${i}`, request: { x: s, y: 1 } }));
    const r = pack({ items, hostTypes: [{ name: 'h', capacity: { x: 13, y: 100 } }], maxIterations: 50, timeLimitMs: Infinity });
    expect(r.hostCount).toBe(6);
    expect(r.stats.iterations).toBeLessThanOrEqual(50);
  });
});
