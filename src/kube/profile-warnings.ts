import { joinPath, type Issue } from '../errors.js';
import { PLUGIN_REGISTRY } from './plugin-registry.js';
import { EXTENSION_POINTS, type KubeProfile, type PluginSet } from './profile-schema.js';

const WHY: Readonly<Record<string, string>> = {
  SchedulingGates: 'podsim pods have no scheduling gates, so it never holds a pod back',
  DefaultBinder: 'podsim binds a pod the moment it is placed',
  DynamicResources: 'podsim pods have no resource claims (DRA), so it passes every node',
};
const VOLUMES = 'podsim pods have no volumes, so it passes every node';

/**
 * `not_modelled` warnings for what a profile enables or configures that podsim accepts but does not
 * model: plugins about volumes, binding, scheduling gates and dynamic resources, named in a plugin set's
 * `enabled` list (at any extension point, MultiPoint included) or given args in `pluginConfig`. The
 * defaults kube-scheduler enables on its own (VolumeBinding and the like) are not reported: with no
 * volumes, gates or claims they pass every node, exactly as in a cluster. Issues carry the path of the
 * entry that names the plugin, so the scenario layer can report them with the file's other warnings.
 *
 * @param basePath - Where the profiles list sits in the scenario. @defaultValue `'scheduler.profiles'`
 * @example
 * ```ts
 * kubeProfileWarnings([{ plugins: { filter: { enabled: [{ name: 'VolumeBinding' }] } } }]);
 * // [{ code: 'not_modelled', path: 'scheduler.profiles[0].plugins.filter.enabled[0].name', message: 'VolumeBinding is accepted but not modelled: …' }]
 * ```
 */
export function kubeProfileWarnings(profiles: readonly KubeProfile[] | undefined, basePath = 'scheduler.profiles'): Issue[] {
  const out: Issue[] = [];
  const warn = (name: string, path: string, what: string): void => {
    const info = PLUGIN_REGISTRY[name];
    if (info === undefined || info.modelled) return;
    out.push({ code: 'not_modelled', path, message: `${name} ${what} is accepted but not modelled: ${WHY[name] ?? VOLUMES}` });
  };
  (profiles ?? []).forEach((p, i) => {
    const base = joinPath(basePath, i);
    const plugins = (p.plugins ?? {}) as Partial<Record<string, PluginSet>>;
    for (const point of EXTENSION_POINTS) {
      (plugins[point]?.enabled ?? []).forEach((e, j) => warn(e.name, joinPath(joinPath(joinPath(joinPath(joinPath(base, 'plugins'), point), 'enabled'), j), 'name'), `(enabled at ${point})`));
    }
    (p.pluginConfig ?? []).forEach((c, k) => {
      if (c.args !== undefined) warn(c.name, joinPath(joinPath(joinPath(base, 'pluginConfig'), k), 'args'), 'args');
    });
  });
  return out;
}
