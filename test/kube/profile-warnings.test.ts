import { describe, expect, it } from 'vitest';
import { kubeProfileWarnings } from '../../src/kube/profile-warnings.js';
import { resolveProfile } from '../../src/kube/resolve-profile.js';
import { validateKubeConfig } from '../../src/kube/validate-kube-config.js';
import { Gi, setup } from './fixtures.js';

describe('kubeProfileWarnings(profiles, basePath)', () => {
  it('warns not_modelled, with the path, for an unmodelled plugin a profile enables or configures', () => {
    const w = kubeProfileWarnings([
      {},
      {
        schedulerName: 'x',
        plugins: { filter: { enabled: [{ name: 'VolumeBinding' }, { name: 'NodePorts' }] }, multiPoint: { enabled: [{ name: 'DynamicResources' }] }, bind: { enabled: [{ name: 'DefaultBinder' }] } },
        pluginConfig: [{ name: 'VolumeBinding', args: { bindTimeoutSeconds: 600 } }, { name: 'NodeResourcesFit', args: {} }],
      },
    ], 'scheduler.profiles');
    expect(w.map((i) => [i.code, i.path])).toEqual([
      ['not_modelled', 'scheduler.profiles[1].plugins.filter.enabled[0].name'],
      ['not_modelled', 'scheduler.profiles[1].plugins.bind.enabled[0].name'],
      ['not_modelled', 'scheduler.profiles[1].plugins.multiPoint.enabled[0].name'],
      ['not_modelled', 'scheduler.profiles[1].pluginConfig[0].args'],
    ]);
    expect(w[0]?.message).toBe('VolumeBinding (enabled at filter) is accepted but not modelled: podsim pods have no volumes, so it passes every node');
    expect(w[2]?.message).toContain('no resource claims');
  });

  it('does not warn for the defaults kube-scheduler enables itself, or for modelled plugins', () => {
    expect(kubeProfileWarnings(undefined)).toEqual([]);
    expect(kubeProfileWarnings([{}, { preset: 'binpack' }, { plugins: { filter: { enabled: [{ name: 'NodeName' }] } } }])).toEqual([]);
    expect(resolveProfile().unmodelled).toContain('VolumeBinding'); // still listed on the resolved profile
  });
});

describe('a disabled PrioritySort takes effect', () => {
  const noSort = { plugins: { queueSort: { disabled: [{ name: 'PrioritySort' }] } } };

  it('the queue is FIFO by arrival: queueSortEnabled is false and queueLess ignores priority', () => {
    const { s } = setup([{ capacity: { cpu: 4000, memory: Gi } }], { profiles: [noSort], priorityClasses: [{ name: 'hi', value: 10 }] });
    expect(resolveProfile(noSort).prioritySort).toBe(false);
    expect(s.queueSortEnabled).toBe(false);
    const a = s.addPod({ request: { cpu: 1 }, timestamp: 1 });
    const b = s.addPod({ request: { cpu: 1 }, fields: { priorityClassName: 'hi' }, timestamp: 2 });
    const c = s.addPod({ request: { cpu: 1 }, timestamp: 0 });
    expect([a, b, c].sort((x, y) => (s.queueLess(x, y) ? -1 : s.queueLess(y, x) ? 1 : 0))).toEqual([c, a, b]);
    const sorted = setup([{ capacity: { cpu: 4000, memory: Gi } }]).s;
    expect(sorted.queueSortEnabled).toBe(true);
  });

  it('profiles must agree on the queue sort plugin (one queue serves them all)', () => {
    expect(validateKubeConfig({ profiles: [{}, { schedulerName: 'b', ...noSort }] }).map((i) => [i.code, i.path])).toEqual([['queue_sort_mismatch', 'scheduler.profiles[1].plugins.queueSort']]);
    expect(validateKubeConfig({ profiles: [noSort, { schedulerName: 'b', plugins: { multiPoint: { disabled: [{ name: 'PrioritySort' }] } } }] })).toEqual([]);
  });
});
