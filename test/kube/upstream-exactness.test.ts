import { describe, expect, it } from 'vitest';
import { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST, nonZeroRequest, podBackoffSeconds } from '../../src/kube/formulas.js';
import type { KubePodFields } from '../../src/kube/pod-fields-schema.js';
import { compileNodeSelectorTerm, labelKeyError, labelValueError, matchesNodeSelectorTerm } from '../../src/kube/selectors.js';
import { validateKubeConfig } from '../../src/kube/validate-kube-config.js';
import { Gi, setup } from './fixtures.js';

describe('podBackoffSeconds (upstream pkg/scheduler/backend/queue/backoff_queue_test.go, TestBackoffQueue_calculateBackoffDuration)', () => {
  it('"no backoff": a pod with 0 attempts is not backed off', () => {
    expect(podBackoffSeconds(0)).toBe(0);
    expect(podBackoffSeconds(0, 1, 32)).toBe(0);
  });
  it('"normal": 16 attempts from 1 doubling are capped at 32', () => {
    expect(podBackoffSeconds(16, 1, 32)).toBe(32);
    expect(podBackoffSeconds(1, 1, 32)).toBe(1);
  });
  it('"overflow_32bit": 32 attempts reach the max without overflowing', () => {
    expect(podBackoffSeconds(32, 1, 2 ** 31 - 1)).toBe(2 ** 31 - 1);
  });
});

describe('nonZeroRequest (upstream pkg/scheduler/util/pod_resources_test.go, TestGetNonZeroRequest)', () => {
  const cases: Array<[string, { cpu?: number; memory?: number }, number, number]> = [
    ['cpu_and_memory_not_found', {}, DEFAULT_MILLI_CPU_REQUEST, DEFAULT_MEMORY_REQUEST],
    ['only_cpu_exist', { cpu: 200 }, 200, DEFAULT_MEMORY_REQUEST],
    ['only_memory_exist', { memory: 400 * 2 ** 20 }, DEFAULT_MILLI_CPU_REQUEST, 400 * 2 ** 20],
    ['cpu_memory_exist', { cpu: 200, memory: 400 * 2 ** 20 }, 200, 400 * 2 ** 20],
    // GetNonzeroRequestForResource: "override if un-set, but not if explicitly set to zero".
    ['cpu_and_memory_explicitly_zero', { cpu: 0, memory: 0 }, 0, 0],
  ];
  for (const [name, req, cpu, mem] of cases) {
    it(`${name}: ${cpu}m, ${mem} bytes`, () => {
      expect(nonZeroRequest('cpu', req.cpu ?? 0, req.cpu !== undefined)).toBe(cpu);
      expect(nonZeroRequest('memory', req.memory ?? 0, req.memory !== undefined)).toBe(mem);
    });
  }
});

describe('node affinity terms kube-scheduler cannot parse match no node (upstream component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity_test.go)', () => {
  const hosts = [
    { name: 'host_1', capacity: { cpu: 4000, memory: Gi }, labels: { label_1: 'label_1_val', zone: 'a' } },
    { name: 'host_2', capacity: { cpu: 4000, memory: Gi }, labels: { zone: 'a b' } },
  ];
  const req = (...terms: NonNullable<NonNullable<NonNullable<KubePodFields['affinity']>['nodeAffinity']>['requiredDuringSchedulingIgnoredDuringExecution']>['nodeSelectorTerms']): KubePodFields => ({
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } },
  });
  const feasible = (f: KubePodFields) => {
    const { s } = setup(hosts);
    return s.scoreHosts(s.addPod({ request: { cpu: 100 }, fields: f })).hosts.filter((h) => h.feasible).map((h) => h.name);
  };

  it('"invalid field selector and label selector": the invalid terms match nothing, a valid one still matches', () => {
    const invalidField = { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['host_1', 'host_2'] }] };
    const valid = { matchExpressions: [{ key: 'label_1', operator: 'In', values: ['label_1_val'] }], matchFields: [{ key: 'metadata.name', operator: 'In', values: ['host_1'] }] };
    const invalidKey = { matchExpressions: [{ key: 'invalid key', operator: 'In', values: ['label_value'] }] };
    expect(feasible(req(invalidField))).toEqual([]);
    expect(feasible(req(invalidKey))).toEqual([]);
    expect(feasible(req(invalidField, valid, invalidKey))).toEqual(['host_1']);
  });

  it('a term with an invalid label value matches no node, even one labelled with that very string', () => {
    expect(feasible(req({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a b'] }] }))).toEqual([]);
    // NotIn would match host_1 (zone a) if the term parsed; it does not.
    expect(feasible(req({ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a b'] }] }))).toEqual([]);
    expect(feasible(req({ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['b'] }] }))).toEqual(['host_1', 'host_2']);
  });

  it('"first and third term match": preferred terms score by summed weight; an invalid preferred term scores nothing', () => {
    const t = compileNodeSelectorTerm({ matchExpressions: [{ key: 'label_1', operator: 'In', values: ['label_1_val'] }] });
    expect(matchesNodeSelectorTerm(t, { label_1: 'label_1_val' }, 'host_1')).toBe(true);
    expect(compileNodeSelectorTerm({ matchExpressions: [{ key: 'foo', operator: 'Exists', values: ['bar', 'baz'] }] }).invalid).toBe(true);
    expect(compileNodeSelectorTerm({ matchExpressions: [{ key: 'foo', operator: 'Gt', values: ['1'] }] }).invalid).toBe(false);
    expect(compileNodeSelectorTerm({ matchExpressions: [{ key: 'foo', operator: 'Gt', values: ['+1'] }] }).invalid).toBe(true);
  });

  it('validateKubeConfig reports the invalid label value and the invalid key with their paths', () => {
    const T = 'workloads[0].affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms';
    const issues = validateKubeConfig({ pods: [{ path: 'workloads[0]', fields: req({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'a b'] }] }, { matchExpressions: [{ key: 'invalid key', operator: 'Exists' }] }) }] });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['invalid_label_value', `${T}[0].matchExpressions[0].values[1]`],
      ['invalid_key', `${T}[1].matchExpressions[0].key`],
    ]);
    expect(issues[0]?.message).toContain('matches no node');
  });

  it('labelKeyError and labelValueError follow apimachinery validation', () => {
    expect(labelKeyError('topology.kubernetes.io/zone')).toBeUndefined();
    expect(labelKeyError('invalid key')).toMatch(/name part/);
    expect(labelKeyError('UPPER.example/x')).toMatch(/prefix/);
    expect(labelKeyError('a'.repeat(64))).toMatch(/63/);
    expect(labelValueError('')).toBeUndefined();
    expect(labelValueError('ssd-1.a_b')).toBeUndefined();
    expect(labelValueError('-x')).toBeDefined();
    expect(labelValueError('x'.repeat(64))).toBeDefined();
  });
});
