// Ported from kubernetes/autoscaler cluster-autoscaler/expander/waste/waste_test.go (TestLeastWaste),
// price/price_test.go (TestPriceExpander), mostpods and random tests, plus the chain of expander_factory.go.
import { describe, expect, it } from 'vitest';
import { chooseExpansionOption, randomOption, type ExpansionOption } from '../../src/dynamics/expander.js';
import { leastWasteFilter, wasteScore } from '../../src/dynamics/least-waste-expander.js';
import { mostPodsFilter } from '../../src/dynamics/most-pods-expander.js';
import { linearPrice, nodeUnfitness, preferredNodeCpu, priceFilter, priceScore } from '../../src/dynamics/price-expander.js';
import { createRng } from '../../src/random/streams.js';

const cpuPerPod = 500, memPerPod = 1000 * 2 ** 20;
const opt = (group: string, nodeCpu: number, nodeMemory: number, pods: number, extra: Partial<ExpansionOption> = {}): ExpansionOption =>
  ({ group, nodeCount: 1, podCount: pods, podCpu: pods * cpuPerPod, podMemory: pods * memPerPod, nodeCpu, nodeMemory, ...extra });

describe('leastWasteFilter (upstream TestLeastWaste)', () => {
  const balanced = opt('balanced', 16 * cpuPerPod, 16 * memPerPod, 1);
  const highmem = opt('highmem', 16 * cpuPerPod, 32 * memPerPod, 1);
  const lowcpu = opt('lowcpu', 8 * cpuPerPod, 16 * memPerPod, 1);
  it('one option: that one, with or without pods', () => {
    expect(leastWasteFilter([opt('balanced', 16 * cpuPerPod, 16 * memPerPod, 0)])).toHaveLength(1);
    expect(leastWasteFilter([balanced])).toEqual([balanced]);
  });
  it('prefers the balanced node over the high-memory one, and the low-CPU one over both', () => {
    expect(leastWasteFilter([balanced, highmem])).toEqual([balanced]);
    expect(leastWasteFilter([balanced, highmem, lowcpu])).toEqual([lowcpu]);
    expect(wasteScore(balanced)).toBe(0.9375 + 0.9375);
  });
  it('keeps ties for the random fallback', () => {
    expect(leastWasteFilter([balanced, { ...balanced, group: 'twin' }])).toHaveLength(2);
  });
});

describe('mostPodsFilter and randomOption', () => {
  it('keeps the options that schedule the most pods', () => {
    const a = opt('a', 1000, 1, 3), b = opt('b', 1000, 1, 5), c = opt('c', 1000, 1, 5);
    expect(mostPodsFilter([a, b, c])).toEqual([b, c]);
  });
  it('random picks one option from the seeded stream, the same one for the same seed', () => {
    const os = ['a', 'b', 'c', 'd'];
    expect(randomOption([os[0]], createRng(1, 'x'))).toBe('a');
    const pick = (seed: number) => randomOption(os, createRng(seed, 'autoscaler/expander'));
    expect(pick(7)).toBe(pick(7));
    expect(new Set(Array.from({ length: 40 }, (_, s) => pick(s))).size).toBe(4);
    expect(randomOption([], createRng(1, 'x'))).toBeUndefined();
  });
});

describe('priceFilter (upstream TestPriceExpander)', () => {
  // n1: 1000m, n2 and n3: 4000m; p1 and p2 priced 20 and 10, the stabilisation pod 10.
  const o = (group: string, nodeCount: number, nodeCpu: number, nodePrice: number, podPrice: number, exists = true): ExpansionOption =>
    ({ group, nodeCount, podCount: 2, podCpu: 1500, podMemory: 0, nodeCpu, nodeMemory: 1000, nodePrice, podPrice, exists });
  const best = (options: ExpansionOption[], preferredCpu: number) => priceFilter(options, { preferredCpu, stabilizationPrice: 10 }).map((x) => x.group);
  it('first node group is cheaper', () => {
    expect(best([o('ng1', 2, 1000, 20, 30), o('ng2', 1, 4000, 200, 30)], 2000)).toEqual(['ng1']);
  });
  it('first node group is cheaper, however, the second one is preferred', () => {
    expect(best([o('ng1', 2, 1000, 50, 30), o('ng2', 1, 4000, 200, 30)], 4000)).toEqual(['ng2']);
  });
  it('first node group is cheaper, the second is preferred, but there are lots of nodes to be created', () => {
    expect(best([o('ng1', 80, 1000, 20, 30), o('ng2', 40, 4000, 200, 30)], 4000)).toEqual(['ng1']);
  });
  it('second node group is cheaper', () => {
    expect(best([o('ng1', 2, 1000, 200, 30), o('ng2', 1, 4000, 100, 30)], 2000)).toEqual(['ng2']);
  });
  it('both node groups are equally expensive, but the second accepts two pods', () => {
    expect(best([o('ng1', 2, 1000, 200, 20), o('ng2', 1, 4000, 200, 30)], 2000)).toEqual(['ng2']);
  });
  it('chooses the existing group when a group to be created has the same price, the new one when it is cheaper', () => {
    expect(best([o('ng1', 2, 1000, 200, 20), o('ng2', 1, 4000, 200, 30), o('ng3', 1, 4000, 200, 30, false)], 2000)).toEqual(['ng2']);
    expect(best([o('ng1', 2, 1000, 200, 20), o('ng2', 1, 4000, 200, 30), o('ng3', 1, 4000, 90, 30, false)], 2000)).toEqual(['ng3']);
  });
  it('scores by hand: (20·2 + 10)/(30 + 10) × ((2 − 1)(1 − tanh(1/15)) + 1)', () => {
    expect(priceScore(o('ng1', 2, 1000, 20, 30), { preferredCpu: 2000, stabilizationPrice: 10 })).toBeCloseTo(1.25 * (2 - Math.tanh(1 / 15)), 12);
    expect(priceScore({ ...o('gpu', 1, 4000, 20, 30), nodeHasGpu: true }, { preferredCpu: 4000, stabilizationPrice: 10 })).toBe(1000 * (30 / 40));
  });
  it('prices by the linear model by default and prefers bigger nodes as the cluster grows (preferred.go)', () => {
    expect(linearPrice(4000, 16 * 2 ** 30)).toBeCloseTo(4 * 0.033174 + 16 * 0.004446, 15);
    expect([0, 2, 3, 6, 7, 20, 21, 60, 61, 200, 201].map(preferredNodeCpu)).toEqual([1000, 1000, 2000, 2000, 4000, 4000, 8000, 8000, 16000, 16000, 32000]);
    expect(nodeUnfitness(2000, 4000)).toBe(2);
  });
});

describe('chooseExpansionOption(names, options, rng) (expander_factory.go chain)', () => {
  const a = opt('a', 8000, 16 * memPerPod, 1), b = opt('b', 4000, 16 * memPerPod, 1), c = opt('c', 4000, 16 * memPerPod, 3);
  it('applies the filters in order and stops at one', () => {
    expect(chooseExpansionOption(['least-waste'], [a, b], createRng(1, 'e'))?.group).toBe('b');
    expect(chooseExpansionOption(['most-pods', 'least-waste'], [a, b, c], createRng(1, 'e'))?.group).toBe('c');
  });
  it('breaks remaining ties at random, deterministically per seed', () => {
    const twins = [b, { ...b, group: 'b2' }, { ...b, group: 'b3' }];
    const r1 = chooseExpansionOption(['least-waste'], twins, createRng(3, 'e'))?.group;
    expect(chooseExpansionOption(['least-waste'], twins, createRng(3, 'e'))?.group).toBe(r1);
    expect(twins.map((x) => x.group)).toContain(r1);
  });
});
