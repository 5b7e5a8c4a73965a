import { afterEach, describe, expect, it } from 'vitest';
import { PodsimError } from '../../src/errors.js';
import { SCORE_SKIP, type KubePlugin } from '../../src/kube/plugin.js';
import { kubePlugin, PLUGIN_REGISTRY, registerKubePlugin } from '../../src/kube/plugin-registry.js';
import { resolveProfile } from '../../src/kube/resolve-profile.js';
import { validateKubeConfig } from '../../src/kube/validate-kube-config.js';
import { Gi, setup } from './fixtures.js';

const hosts = [
  { name: 'a', capacity: { cpu: 4000, memory: Gi }, labels: { tier: 'gold' } },
  { name: 'b', capacity: { cpu: 4000, memory: Gi }, labels: { tier: 'silver' } },
  { name: 'c', capacity: { cpu: 4000, memory: Gi } },
];

const cleanup: Array<() => void> = [];
afterEach(() => {
  while (cleanup.length > 0) cleanup.pop()!();
});
const register = (p: KubePlugin, replace = false) => cleanup.push(registerKubePlugin(p, { replace }));

describe('registerKubePlugin: the out-of-tree extension point', () => {
  it('a registered filter plugin runs in the cycle, with its reasons in the FitError and in scoreHosts', () => {
    register({
      name: 'OnlyTier',
      points: ['filter'],
      create: (args) => {
        const tier = (args as { tier: string }).tier;
        return {
          filter: (c, h) => (c.state.topo.labels[h]!['tier'] === tier ? 0 : 1),
          reasons: () => [`node(s) are not ${tier}`],
        };
      },
    });
    const { s, run } = setup(hosts, { profiles: [{ plugins: { filter: { enabled: [{ name: 'OnlyTier' }] } }, pluginConfig: [{ name: 'OnlyTier', args: { tier: 'silver' } }] }] });
    expect(run({ cpu: 100 })).toBe(1);
    // Filters run in profile order, registered ones after the defaults: host b fails NodeResourcesFit first.
    const big = s.addPod({ request: { cpu: 3950 } });
    expect(s.schedule(big)).toBe(-1);
    expect(s.lastFailure?.message).toBe('0/3 nodes are available: 1 Insufficient cpu, 2 node(s) are not silver.');
    expect(s.scoreHosts(s.addPod({ request: { cpu: 100 } })).hosts[0]?.rejections).toEqual([{ plugin: 'OnlyTier', reasons: ['node(s) are not silver'] }]);
  });

  it('a registered score plugin is weighted like the built-ins; SCORE_SKIP adds nothing', () => {
    let skip = false;
    register({
      name: 'Gold',
      points: ['score'],
      create: () => ({
        score(c, hs, n, out) {
          if (skip) return SCORE_SKIP;
          for (let i = 0; i < n; i++) out[i] = c.state.topo.labels[hs[i]!]!['tier'] === 'gold' ? 100 : 0;
          return undefined;
        },
      }),
    });
    const { s } = setup(hosts, { profiles: [{ plugins: { score: { enabled: [{ name: 'Gold', weight: 7 }] } } }] });
    const e = s.scoreHosts(s.addPod({ request: { cpu: 100 } }));
    expect(e.best).toBe(0);
    expect(e.hosts[0]?.scores.at(-1)).toEqual({ plugin: 'Gold', weight: 7, raw: 100, normalized: 100, skipped: false });
    skip = true;
    expect(s.scoreHosts(s.addPod({ request: { cpu: 100 } })).hosts[0]?.scores.at(-1)?.skipped).toBe(true);
  });

  it('a score outside 0..100 from a registered plugin is an invalid_score error, as the framework reports', () => {
    register({ name: 'Wild', points: ['score'], create: () => ({ score(_c, _h, n, out) { out.fill(250, 0, n); } }) });
    const { s } = setup(hosts, { profiles: [{ plugins: { score: { enabled: [{ name: 'Wild' }] } } }] });
    try {
      s.schedule(s.addPod({ request: { cpu: 100 } }));
      expect.unreachable();
    } catch (e) {
      expect((e as PodsimError).issues[0]).toMatchObject({ code: 'invalid_score', path: 'plugins.score.Wild' });
    }
  });

  it('profile validation accepts registered names, checks their args, and keeps did-you-mean for unknown ones', () => {
    register({
      name: 'PreferRack',
      points: ['score'],
      validateArgs: (args, path) => ((args as { rack?: unknown } | undefined)?.rack === undefined ? [{ code: 'invalid_args', path, message: 'needs rack' }] : []),
      create: () => ({ score() {} }),
    });
    expect(validateKubeConfig({ profiles: [{ plugins: { score: { enabled: [{ name: 'PreferRack' }] } }, pluginConfig: [{ name: 'PreferRack', args: { rack: 'r1' } }] }] })).toEqual([]);
    expect(validateKubeConfig({ profiles: [{ pluginConfig: [{ name: 'PreferRack', args: {} }] }] }).map((i) => [i.code, i.path])).toEqual([['invalid_args', 'scheduler.profiles[0].pluginConfig[0].args']]);
    expect(validateKubeConfig({ profiles: [{ plugins: { score: { enabled: [{ name: 'PreferRak' }] } } }] })[0]?.message).toBe('"PreferRak" is not a known scheduler plugin; did you mean "PreferRack"?');
    expect(validateKubeConfig({ profiles: [{ plugins: { filter: { enabled: [{ name: 'PreferRack' }] } } }] })[0]?.code).toBe('plugin_extension_mismatch');
    expect(resolveProfile({ plugins: { multiPoint: { enabled: [{ name: 'PreferRack', weight: 4 }] } } }).scores.at(-1)).toEqual({ name: 'PreferRack', weight: 4 });
    expect(resolveProfile({ pluginConfig: [{ name: 'PreferRack', args: { rack: 'r2' } }] }).pluginArgs['PreferRack']).toEqual({ rack: 'r2' });
  });

  it('refuses built-in and taken names, unknown and unsupported extension points, and a modelled plugin without create', () => {
    const codes = (p: KubePlugin) => {
      try {
        registerKubePlugin(p);
        return [];
      } catch (e) {
        return (e as PodsimError).issues.map((i) => i.code);
      }
    };
    expect(codes({ name: 'NodeResourcesFit', points: ['score'], create: () => ({}) })).toEqual(['duplicate_plugin']);
    expect(codes({ name: 'X1', points: ['permit'], create: () => ({}) })).toEqual(['unsupported_extension_point']);
    expect(codes({ name: 'X2', points: ['nope' as 'score'], create: () => ({}) })).toEqual(['unknown_extension_point']);
    expect(codes({ name: 'X3', points: ['score'] })).toEqual(['invalid_plugin']);
    register({ name: 'Taken', points: ['score'], create: () => ({}) });
    expect(codes({ name: 'Taken', points: ['score'], create: () => ({}) })).toEqual(['duplicate_plugin']);
    const again: KubePlugin = { name: 'Taken', points: ['score'], create: () => ({}) };
    register(again, true);
    expect(kubePlugin('Taken')).toBe(again);
  });

  it('unregistering removes the name from the registry', () => {
    const off = registerKubePlugin({ name: 'Ephemeral', points: ['score'], create: () => ({}) });
    expect(PLUGIN_REGISTRY['Ephemeral']?.modelled).toBe(true);
    off();
    expect(PLUGIN_REGISTRY['Ephemeral']).toBeUndefined();
    expect(validateKubeConfig({ profiles: [{ plugins: { score: { enabled: [{ name: 'Ephemeral' }] } } }] })[0]?.code).toBe('unknown_plugin');
  });
});
