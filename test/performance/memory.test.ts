import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  crashLoopBackOff, crashLoopFailures, evictionOrder, firstTimeAbove, memoryAt, memoryEvictionLine, profileSegment, qosClass, underMemoryPressure,
  CRASH_LOOP_RESET_SECONDS, DEFAULT_MEMORY_EVICTION_THRESHOLD,
} from '../../src/performance/index.js';

const Gi = 2 ** 30;

describe('qosClass', () => {
  it('derives the class as Kubernetes does', () => {
    expect(qosClass({}, {})).toBe('BestEffort');
    expect(qosClass(undefined)).toBe('BestEffort');
    expect(qosClass({ 'example.com/fpga': 1 }, {})).toBe('BestEffort');
    expect(qosClass({ cpu: 1000, memory: Gi }, { cpu: 1000, memory: Gi })).toBe('Guaranteed');
    expect(qosClass({}, { cpu: 1000, memory: Gi })).toBe('Guaranteed'); // requests default to limits
    expect(qosClass({ cpu: 1000 }, { cpu: 1000, memory: Gi })).toBe('Guaranteed'); // memory request defaulted
    expect(qosClass({ cpu: 500 }, { cpu: 1000, memory: Gi })).toBe('Burstable');
    expect(qosClass({ cpu: 1000, memory: Gi }, { cpu: 1000 })).toBe('Burstable'); // no memory limit
    expect(qosClass({ cpu: 0 }, { cpu: 1000, memory: Gi })).toBe('Burstable'); // an explicit 0 is not defaulted
    expect(qosClass({ memory: Gi }, {})).toBe('Burstable');
  });
});

describe('crashLoopBackOff', () => {
  it('starts at 10 s and doubles up to 5 minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 50].map(crashLoopBackOff)).toEqual([0, 10, 20, 40, 80, 160, 300, 300, 300]);
  });

  it('crashLoopFailures(failures, since) counts on, and starts again after 10 quiet minutes', () => {
    expect(CRASH_LOOP_RESET_SECONDS).toBe(600);
    expect(crashLoopFailures(0, 0)).toBe(1);
    expect(crashLoopFailures(3, 60)).toBe(4);
    expect(crashLoopFailures(3, 600)).toBe(4); // upstream resets only when more than 2 × 300 s have passed
    expect(crashLoopFailures(3, 600.5)).toBe(1);
  });
});

describe('evictionOrder', () => {
  it('ranks pods over their requests first, then by priority, then by usage above request', () => {
    const pods = [
      { usage: 1 * Gi, request: 2 * Gi, priority: 0 }, // 0: Burstable under its request
      { usage: 3 * Gi, request: 2 * Gi, priority: 0 }, // 1: 1Gi over
      { usage: 0.5 * Gi }, //                             2: BestEffort, 0.5Gi over
      { usage: 2 * Gi }, //                               3: BestEffort, 2Gi over
      { usage: 4 * Gi, request: 1 * Gi, priority: 1000 }, // 4: 3Gi over but high priority
      { usage: 2 * Gi, request: 2 * Gi, priority: -5 }, // 5: Guaranteed at its request, low priority
    ];
    // Exceeding: 1, 2, 3, 4. By priority: {1, 2, 3} (0) before 4 (1000); within priority 0 by
    // usage above request: 3 (2Gi), 1 (1Gi), 2 (0.5Gi). Then the rest: 5 (priority -5) before 0.
    expect(evictionOrder(pods)).toEqual([3, 1, 2, 4, 5, 0]);
  });

  it('always puts every pod over its request before every pod within it, and is a permutation', () => {
    const pod = fc.record({ usage: fc.nat(1000), request: fc.option(fc.nat(1000), { nil: undefined }), priority: fc.option(fc.integer({ min: -10, max: 10 }), { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(pod, { maxLength: 30 }), (pods) => {
        const order = evictionOrder(pods);
        expect([...order].sort((x, y) => x - y)).toEqual([...pods.keys()]);
        const exceeds = order.map((i) => (pods[i]?.usage ?? 0) > (pods[i]?.request ?? 0));
        const firstWithin = exceeds.indexOf(false);
        if (firstWithin >= 0) expect(exceeds.slice(firstWithin).every((e) => !e)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('underMemoryPressure', () => {
  it('is Σ usage > allocatable − threshold, with the 100Mi default', () => {
    expect(DEFAULT_MEMORY_EVICTION_THRESHOLD).toBe(104857600);
    expect(underMemoryPressure(16 * Gi - 100 * 2 ** 20, 16 * Gi)).toBe(false);
    expect(underMemoryPressure(16 * Gi - 100 * 2 ** 20 + 1, 16 * Gi)).toBe(true);
    expect(underMemoryPressure(15 * Gi, 16 * Gi, 2 * Gi)).toBe(true);
  });

  it('memoryEvictionLine is allocatable − threshold, and a node without memory has none', () => {
    expect(memoryEvictionLine(16 * Gi)).toBe(16 * Gi - 100 * 2 ** 20);
    expect(memoryEvictionLine(16 * Gi, 2 * Gi)).toBe(14 * Gi);
    expect(memoryEvictionLine(0)).toBe(Infinity);
    expect(underMemoryPressure(1, 0)).toBe(false);
  });
});

describe('memory profiles', () => {
  const ramp = [{ t: 0, bytes: 100 }, { t: 10, bytes: 200 }, { t: 20, bytes: 50 }];
  it('memoryAt interpolates between points and holds flat outside them', () => {
    expect(memoryAt(256, 99)).toBe(256);
    expect(memoryAt(ramp, -1)).toBe(100);
    expect(memoryAt(ramp, 5)).toBe(150);
    expect(memoryAt(ramp, 10)).toBe(200);
    expect(memoryAt(ramp, 15)).toBe(125);
    expect(memoryAt(ramp, 30)).toBe(50);
    expect(memoryAt([], 3)).toBe(0);
  });

  it('profileSegment gives usage, slope and the next point, right-continuous at a point', () => {
    const seg = { bytes: 0, rate: 0, next: 0 };
    expect(profileSegment(ramp, -1, seg)).toEqual({ bytes: 100, rate: 0, next: 0 });
    expect(profileSegment(ramp, 5, seg)).toEqual({ bytes: 150, rate: 10, next: 10 });
    expect(profileSegment(ramp, 10, seg)).toEqual({ bytes: 200, rate: -15, next: 20 });
    expect(profileSegment(ramp, 25, seg)).toEqual({ bytes: 50, rate: 0, next: Infinity });
    // A point within `reach` counts as reached; the usage is still the one at t.
    expect(profileSegment(ramp, 10 - 1e-12, seg, 1e-9).rate).toBe(-15);
    expect(profileSegment(ramp, 10 - 1e-12, seg, 1e-9).bytes).toBeCloseTo(200, 9);
  });

  it('profileSegment agrees with memoryAt at every time and along its slope', () => {
    const pts = fc.array(fc.record({ dt: fc.integer({ min: 1, max: 10 }), bytes: fc.nat(1000) }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(pts, fc.double({ min: -5, max: 100, noNaN: true }), (raw, x) => {
        let t = 0;
        const profile = raw.map((p) => ({ t: (t += p.dt), bytes: p.bytes }));
        const seg = profileSegment(profile, x, { bytes: 0, rate: 0, next: 0 });
        expect(seg.bytes).toBeCloseTo(memoryAt(profile, x), 9);
        expect(seg.next).toBeGreaterThan(x);
        if (seg.next !== Infinity) expect(seg.bytes + seg.rate * (seg.next - x)).toBeCloseTo(memoryAt(profile, seg.next), 6);
      }),
      { numRuns: 1000 },
    );
  });

  it('firstTimeAbove finds when a limit is crossed', () => {
    expect(firstTimeAbove(ramp, 150)).toBe(5);
    expect(firstTimeAbove(ramp, 150, 12)).toBe(12); // still above at 12
    expect(firstTimeAbove(ramp, 199, 18)).toBe(Infinity);
    expect(firstTimeAbove(ramp, 250)).toBe(Infinity);
    expect(firstTimeAbove(300, 250, 7)).toBe(7);
    expect(firstTimeAbove(100, 250)).toBe(Infinity);
  });

  it('firstTimeAbove agrees with sampling memoryAt', () => {
    const pts = fc.array(fc.record({ dt: fc.integer({ min: 1, max: 10 }), bytes: fc.nat(1000) }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(pts, fc.nat(1000), fc.nat(50), (raw, limit, from) => {
        let t = 0;
        const profile = raw.map((p) => ({ t: (t += p.dt), bytes: p.bytes }));
        const when = firstTimeAbove(profile, limit, from);
        // Sample at 1/8 s steps: nothing above the limit before `when`, something above just after.
        let early = -1;
        for (let s = from; s < Math.min(when, 100) && early < 0; s += 0.125) if (memoryAt(profile, s) > limit + 1e-9) early = s;
        expect(early).toBe(-1);
        if (when !== Infinity) expect(memoryAt(profile, when + 1e-6)).toBeGreaterThan(limit);
      }),
      { numRuns: 1000 },
    );
  });
});
