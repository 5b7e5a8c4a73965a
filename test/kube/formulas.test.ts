import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  balancedScoreFromStd, balancedScoreOfTwo, fitScoreOfTwo, balancedScoreWithWithoutPod, balancedStd, brokenLinear, calculateNumCandidates, defaultNormalizeScore,
  goRound, imageLocalityScore, leastRequestedScore, mostRequestedScore, mulDiv, numFeasibleNodesToFind, podBackoffSeconds,
  requestedToCapacityScore, scaledImageScore, scaleShape, scoreForCount, topologyNormalizingWeight,
} from '../../src/kube/formulas.js';
import { prioritySortLess } from '../../src/kube/priority-sort.js';

const MB = 1024 * 1024;

describe('Kubernetes scoring formulas', () => {
  it('mulDiv is exact integer floor division, like Go int64 arithmetic', () => {
    fc.assert(fc.property(fc.nat(2 ** 40), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 2 ** 45 }), (a, b, c) => {
      expect(mulDiv(a, b, c)).toBe(Number((BigInt(a) * BigInt(b)) / BigInt(c)));
    }));
    // Quotients just below an integer, and products near 2^53, where a float division is most at risk.
    fc.assert(fc.property(fc.integer({ min: 4, max: 2 ** 45 }), fc.integer({ min: 1, max: 127 }), fc.integer({ min: 1, max: 3 }), (c, q, d) => {
      expect(mulDiv(q * c - d, 1, c)).toBe(q - 1);
      expect(mulDiv(q * c - d, 100, c)).toBe(Number((BigInt(q * c - d) * 100n) / BigInt(c)));
    }), { numRuns: 2000 });
    fc.assert(fc.property(fc.nat(2 ** 52), fc.integer({ min: 1, max: 2 ** 52 }), (a, c) => {
      expect(mulDiv(a, 1, c)).toBe(Number(BigInt(a) / BigInt(c)));
      expect(mulDiv(a, 3, c)).toBe(Number((BigInt(a) * 3n) / BigInt(c)));
    }), { numRuns: 2000 });
  });

  it('leastRequestedScore and mostRequestedScore follow least_allocated_test.go / most_allocated.go', () => {
    // least_allocated_test.go "nothing scheduled, resources requested, differently sized nodes":
    // CPU ((4000 - 3000) * 100) / 4000 = 25, memory ((10000 - 5000) * 100) / 10000 = 50.
    expect(leastRequestedScore(3000, 4000)).toBe(25);
    expect(leastRequestedScore(5000, 10000)).toBe(50);
    expect(leastRequestedScore(3000, 6000)).toBe(50);
    expect(leastRequestedScore(6000, 4000)).toBe(0); // requested > capacity
    expect(leastRequestedScore(1, 0)).toBe(0);
    expect(mostRequestedScore(3000, 4000)).toBe(75);
    expect(mostRequestedScore(6000, 4000)).toBe(100); // clamped to capacity
    expect(mostRequestedScore(1, 0)).toBe(0);
  });

  it('brokenLinear truncates toward zero like Go (requested_to_capacity_ratio_test.go TestBrokenLinearFunction)', () => {
    const a = [{ utilization: 10, score: 1 }, { utilization: 90, score: 9 }];
    const cases: Array<[number, number]> = [[-10, 1], [0, 1], [9, 1], [10, 1], [15, 1], [19, 1], [20, 2], [89, 8], [90, 9], [99, 9], [100, 9], [110, 9]];
    for (const [p, want] of cases) expect(brokenLinear(a, p)).toBe(want);
    const b = [{ utilization: 0, score: 2 }, { utilization: 40, score: 10 }, { utilization: 100, score: 0 }];
    for (const [p, want] of [[-10, 2], [0, 2], [20, 6], [30, 8], [40, 10], [70, 5], [100, 0], [110, 0]] as const) expect(brokenLinear(b, p)).toBe(want);
    // A falling segment: 10 + trunc(-10 * 10 / 60) = 10 - 1 = 9 (floor would give 8).
    expect(brokenLinear(b, 50)).toBe(9);
  });

  it('requestedToCapacityScore scales the 0..10 shape to 0..100 (TestResourceBinPackingSingleExtended)', () => {
    const shape = scaleShape([{ utilization: 0, score: 0 }, { utilization: 100, score: 1 }]);
    expect(requestedToCapacityScore(2, 8, shape)).toBe(2); // 25 % → 2.5 → 2
    expect(requestedToCapacityScore(2, 4, shape)).toBe(5);
    expect(requestedToCapacityScore(4, 4, shape)).toBe(10);
    expect(requestedToCapacityScore(9, 4, shape)).toBe(10); // above capacity counts as full
  });

  it('balanced allocation: classic std formula and the with/without-pod formula (balanced_allocation_test.go)', () => {
    // "nothing scheduled, resources requested, differently sized nodes": fractions 0.75 and 0.5 → 87.
    expect(balancedScoreFromStd(balancedStd([0.75, 0.5], 2))).toBe(87);
    expect(balancedScoreFromStd(balancedStd([0.5, 0.5], 2))).toBe(100);
    // "include scalar resource on a node …": three fractions → 70 and 65.
    expect(balancedScoreFromStd(balancedStd([3000 / 3500, 5000 / 40000, 4 / 8], 3))).toBe(70);
    expect(balancedScoreFromStd(balancedStd([3000 / 3500, 5000 / 40000, 1 / 8], 3))).toBe(65);
    expect(balancedStd([0.3], 1)).toBe(0);
    // kubernetes PR #135573: 50 + (50 + withPod − withoutPod) / 2.
    expect(balancedScoreWithWithoutPod(87, 100)).toBe(68);
    expect(balancedScoreWithWithoutPod(100, 100)).toBe(75);
    expect(balancedScoreWithWithoutPod(100, 50)).toBe(100);
    expect(balancedScoreWithWithoutPod(50, 100)).toBe(50);
  });

  it('image locality thresholds (image_locality_test.go cases)', () => {
    // "two images spread on two nodes, prefer the larger image one": 40MB/2 < 23MB → 0; 250MB/2 → 5.
    expect(imageLocalityScore(scaledImageScore(40 * MB, 1, 2), 2)).toBe(0);
    expect(imageLocalityScore(scaledImageScore(250 * MB, 1, 2), 2)).toBe(5);
    // "two images on one node, prefer this node": (40MB + 300MB)/2 → 7.
    expect(imageLocalityScore(scaledImageScore(40 * MB, 1, 2) + scaledImageScore(300 * MB, 1, 2), 2)).toBe(7);
    // max threshold: 1000MB per container.
    expect(imageLocalityScore(4000 * MB, 2)).toBe(100);
  });

  it('DefaultNormalizeScore maps [0, max] onto [0, 100], reversed when asked (helper/normalize_score.go)', () => {
    const s = new Float64Array([1, 2, 4]);
    defaultNormalizeScore(s, 3, 100, false);
    expect([...s]).toEqual([25, 50, 100]);
    const r = new Float64Array([0, 1, 2]);
    defaultNormalizeScore(r, 3, 100, true);
    expect([...r]).toEqual([100, 50, 0]);
    const z = new Float64Array([0, 0]);
    defaultNormalizeScore(z, 2, 100, true);
    expect([...z]).toEqual([100, 100]);
  });

  it('topology spread weights are ln(size + 2) plus maxSkew − 1', () => {
    expect(topologyNormalizingWeight(2)).toBeCloseTo(Math.log(4), 12);
    expect(scoreForCount(2, 1, Math.log(4))).toBeCloseTo(2 * Math.log(4), 12);
    expect(scoreForCount(0, 3, 1.5)).toBe(2);
  });

  it('numFeasibleNodesToFind follows schedule_one.go', () => {
    expect(numFeasibleNodesToFind(50, 0)).toBe(50);
    expect(numFeasibleNodesToFind(100, 0)).toBe(100); // 50 % of 100 < 100 → 100
    expect(numFeasibleNodesToFind(1000, 0)).toBe(420); // 50 − 8 = 42 %
    expect(numFeasibleNodesToFind(5000, 0)).toBe(500); // 50 − 40 = 10 %
    expect(numFeasibleNodesToFind(10000, 0)).toBe(500); // floor 5 %
    expect(numFeasibleNodesToFind(5000, 100)).toBe(5000);
    expect(numFeasibleNodesToFind(5000, 1)).toBe(100);
  });

  it('back-off doubles from 1 s to at most 10 s', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map((a) => podBackoffSeconds(a))).toEqual([1, 2, 4, 8, 10, 10, 10]);
    expect(podBackoffSeconds(3, 2, 60)).toBe(8);
  });

  it('preemption candidate count: 10 % of potential nodes, at least 100, at most all', () => {
    expect(calculateNumCandidates(5000, 10, 100)).toBe(500);
    expect(calculateNumCandidates(300, 10, 100)).toBe(100);
    expect(calculateNumCandidates(40, 10, 100)).toBe(40);
  });

  it('goRound rounds halves away from zero like Go math.Round', () => {
    expect(goRound(37.5)).toBe(38);
    expect(goRound(2.4999)).toBe(2);
    expect(goRound(-2.5)).toBe(-3);
  });

  it('PrioritySort orders by priority, then FIFO', () => {
    const q = [{ priority: 0, timestamp: 1 }, { priority: 10, timestamp: 5 }, { priority: 10, timestamp: 2 }];
    q.sort((a, b) => (prioritySortLess(a, b) ? -1 : prioritySortLess(b, a) ? 1 : 0));
    expect(q).toEqual([{ priority: 10, timestamp: 2 }, { priority: 10, timestamp: 5 }, { priority: 0, timestamp: 1 }]);
  });
});

describe('two-resource score steps', () => {
  it('balancedScoreOfTwo and fitScoreOfTwo equal the general formulas', () => {
    const cap = fc.integer({ min: 1, max: 1e12 }), used = fc.integer({ min: 0, max: 2e12 }), wt = fc.integer({ min: 1, max: 100 });
    fc.assert(fc.property(used, cap, used, cap, wt, wt, (q0, a0, q1, a1, w0, w1) => {
      const f = [Math.min(1, q0 / a0), Math.min(1, q1 / a1)];
      expect(balancedScoreOfTwo(q0, a0, q1, a1)).toBe(balancedScoreFromStd(balancedStd(f, 2)));
      for (const s of [leastRequestedScore, mostRequestedScore]) {
        expect(fitScoreOfTwo(s, q0, a0, w0, q1, a1, w1, w0 + w1)).toBe(Math.floor((s(q0, a0) * w0 + s(q1, a1) * w1) / (w0 + w1)));
      }
    }));
    expect(balancedScoreOfTwo(3000, 4000, 1024, 2048)).toBe(87);
    expect(fitScoreOfTwo(leastRequestedScore, 3000, 4000, 1, 1024, 2048, 1, 2)).toBe(37);
  });
});
