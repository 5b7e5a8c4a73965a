import { describe, expect, it } from 'vitest';
import { ignoredDimensions, isExtendedResourceName } from '../../src/kube/plugins/node-resources-fit.js';
import type { KubeProfile } from '../../src/kube/profile-schema.js';
import { resolveProfile } from '../../src/kube/resolve-profile.js';
import { only, scoresOf, setup, Gi, Mi } from './fixtures.js';

// upstream pkg/scheduler/framework/plugins/noderesources/fit_test.go: the node has allocatable
// makeAllocatableResources(10, 20, 32, 5, 20, 5): 10m CPU, 20 bytes memory, 32 pods, 5 of
// extendedResourceA ("example.com/aaa"), none of extendedResourceB ("example.com/bbb") or
// kubernetesIOResourceA ("kubernetes.io/something").
const A = 'example.com/aaa', B = 'example.com/bbb', K = 'kubernetes.io/something';
const dims = ['cpu', 'memory', A, B, K];

function node(profile: KubeProfile = {}) {
  return setup([{ capacity: { cpu: 10, memory: 20, [A]: 5 } }], { dims, nodeFieldsByGroup: [{ maxPods: 32 }], profiles: [profile] });
}
const ignoring = (args: Record<string, unknown>): KubeProfile => ({ pluginConfig: [{ name: 'NodeResourcesFit', args }] });

describe('NodeResourcesFit ignoredResources and ignoredResourceGroups (upstream noderesources/fit_test.go)', () => {
  it('"extended resource allocatable enforced for unknown resource": Insufficient example.com/bbb', () => {
    const { s, place } = node();
    place(0, { cpu: 0, memory: 0 });
    expect(s.checkHost(s.addPod({ request: { cpu: 1, memory: 1, [B]: 1 } }), 0)).toEqual([`Insufficient ${B}`]);
  });

  it('"skip checking ignored extended resource": fits with ignoredResources [example.com/bbb], and the pod can be allocated', () => {
    const { s, place, run } = node(ignoring({ ignoredResources: [B] }));
    place(0, { cpu: 0, memory: 0 });
    expect(s.checkHost(s.addPod({ request: { cpu: 1, memory: 1, [B]: 1 } }), 0)).toEqual([]);
    // The scheduler leaves the ignored resource out of its accounting: the demand it allocates holds 0.
    expect(run({ cpu: 1, memory: 1, [B]: 1 })).toBe(0);
  });

  it('"skip checking ignored extended resource via resource groups": example.com is skipped, kubernetes.io/something is not', () => {
    const { s } = node(ignoring({ ignoredResourceGroups: ['example.com'] }));
    expect(s.checkHost(s.addPod({ request: { cpu: 1, memory: 1, [B]: 1, [K]: 1 } }), 0)).toEqual([`Insufficient ${K}`]);
  });

  it('"kubernetes.io resource capacity enforced": a kubernetes.io resource is native and cannot be ignored', () => {
    const { s } = node(ignoring({ ignoredResources: [K] }));
    expect(s.checkHost(s.addPod({ request: { cpu: 1, memory: 1, [K]: 10 } }), 0)).toEqual([`Insufficient ${K}`]);
  });

  it('"skip checking extended resource request with quantity zero": a zero request is not checked', () => {
    const { s, place } = node();
    place(0, { [A]: 5 });
    expect(s.checkHost(s.addPod({ request: { cpu: 1, memory: 1, [A]: 0 } }), 0)).toEqual([]);
    expect(s.checkHost(s.addPod({ request: { cpu: 1, memory: 1, [A]: 1 } }), 0)).toEqual([`Insufficient ${A}`]);
  });

  it('"equal edge case" fits; "one resource memory fits" is Insufficient cpu; "Too many pods" at the pod limit', () => {
    const { s, place } = node();
    place(0, { cpu: 5, memory: 19 });
    expect(s.checkHost(s.addPod({ request: { cpu: 5, memory: 1 } }), 0)).toEqual([]);
    expect(s.checkHost(s.addPod({ request: { cpu: 6, memory: 1 } }), 0)).toEqual(['Insufficient cpu']);
    const tight = setup([{ capacity: { cpu: 10, memory: 20 } }], { nodeFieldsByGroup: [{ maxPods: 1 }] });
    tight.place(0, { cpu: 5, memory: 5 });
    expect(tight.s.checkHost(tight.s.addPod({ request: { cpu: 1, memory: 1 } }), 0)).toEqual(['Too many pods']);
  });

  it('isExtendedResourceName follows v1helper.IsExtendedResourceName', () => {
    expect([A, B, 'nvidia.com/gpu', K, 'subdomain.kubernetes.io/something', 'cpu', 'hugepages-2Mi', 'requests.example.com/x', 'bad name/x'].map(isExtendedResourceName))
      .toEqual([true, true, true, false, false, false, false, false, false]);
    expect(ignoredDimensions(dims, [B], [])).toEqual([3]);
    expect(ignoredDimensions(dims, [], ['example.com'])).toEqual([2, 3]);
    expect(resolveProfile(ignoring({ ignoredResourceGroups: ['example.com'] })).fit.ignoredResourceGroups).toEqual(['example.com']);
  });

  it('validation reports a resource group with a "/"', () => {
    expect(() => resolveProfile(ignoring({ ignoredResourceGroups: ['example.com/x'] }))).toThrow(/without "\/"/);
  });
});

describe('non-zero requests: an explicit "0" is 0, an absent request gets 100m / 200Mi (upstream pkg/scheduler/util/pod_resources.go)', () => {
  it('scores an explicit CPU request of 0 as 0 and an absent one as 100m', () => {
    const { s } = setup([{ capacity: { cpu: 1000, memory: 1 * Gi } }], { profiles: [only('NodeResourcesFit')] });
    // Absent: CPU (1000 − 100) / 1000 = 90, memory 50 → 70. Explicit 0: CPU 100, memory 50 → 75.
    expect(scoresOf(s, s.addPod({ request: { memory: 512 * Mi } })).node1?.raw).toBe(70);
    expect(scoresOf(s, s.addPod({ request: { cpu: 0, memory: 512 * Mi } })).node1?.raw).toBe(75);
    // A dense request cannot tell: 0 is taken as absent unless `requested` says otherwise.
    const dense = Float64Array.of(0, 512 * Mi);
    expect(scoresOf(s, s.addPod({ request: dense })).node1?.raw).toBe(70);
    expect(scoresOf(s, s.addPod({ request: dense, requested: ['cpu', 'memory'] })).node1?.raw).toBe(75);
  });

  it('bound pods with an explicit 0 add 0 to the node, absent ones 100m / 200Mi', () => {
    const a = setup([{ capacity: { cpu: 1000, memory: 1 * Gi } }], { profiles: [only('NodeResourcesFit')] });
    a.place(0, { cpu: 0, memory: 0 });
    // Node CPU 0 + pod 100 → 90; memory 0 + 512Mi → 50.
    expect(scoresOf(a.s, a.s.addPod({ request: { memory: 512 * Mi } })).node1?.raw).toBe(70);
    const b = setup([{ capacity: { cpu: 1000, memory: 1 * Gi } }], { profiles: [only('NodeResourcesFit')] });
    b.place(0, {});
    // Node CPU 100 + pod 100 → 80; memory 200Mi + 512Mi = 712Mi → ⌊(1024 − 712) × 100 / 1024⌋ = 30 → 55.
    expect(scoresOf(b.s, b.s.addPod({ request: { memory: 512 * Mi } })).node1?.raw).toBe(55);
  });
});
