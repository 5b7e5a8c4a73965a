import { PodsimError, type Issue } from '../errors.js';
import type { KubePlugin } from './plugin.js';
import { BUILTIN_PLUGINS } from './plugins/index.js';
import { EXTENSION_POINTS, type ExtensionPoint } from './profile-schema.js';

/**
 * What podsim knows about one registered plugin: the extension points it implements and whether
 * podsim models it (plugins about volumes, binding and the like are accepted and do nothing).
 *
 * @example
 * ```ts
 * const info: PluginInfo = PLUGIN_REGISTRY['ImageLocality']!;
 * info.points; // ['score']
 * ```
 */
export interface PluginInfo {
  /** Extension points the plugin implements (MultiPoint enables it at each of them). */
  readonly points: readonly ExtensionPoint[];
  /** Whether podsim models the plugin; `false` means it is accepted and has no effect. */
  readonly modelled: boolean;
  /** Whether the plugin checks `pluginConfig` args. */
  readonly hasArgs?: boolean;
}

const plugins = new Map<string, KubePlugin>();
const infos: Record<string, PluginInfo> = {};

/**
 * The registered plugins by name, as `PluginInfo`: the in-tree kube-scheduler plugins, podsim's
 * `TetrisAlignment`, and every plugin added with `registerKubePlugin` (a live view).
 *
 * @example
 * ```ts
 * Object.keys(PLUGIN_REGISTRY).includes('PodTopologySpread'); // true
 * ```
 */
export const PLUGIN_REGISTRY: Readonly<Record<string, PluginInfo>> = infos;

// The extension points the scheduling cycle calls plugins at (the others are accepted for in-tree plugins).
const RUN_POINTS: readonly ExtensionPoint[] = ['preFilter', 'filter', 'preScore', 'score'];

function add(p: KubePlugin): void {
  plugins.set(p.name, p);
  infos[p.name] = { points: p.points, modelled: p.modelled !== false, hasArgs: p.validateArgs !== undefined };
}

for (const p of BUILTIN_PLUGINS) add(p);

/**
 * Options for {@link registerKubePlugin}.
 *
 * @example
 * ```ts
 * registerKubePlugin(myPlugin, { replace: true });
 * ```
 */
export interface RegisterKubePluginOptions {
  /**
   * Replace a plugin already registered under the same name (never a built-in one).
   * @defaultValue false
   */
  readonly replace?: boolean;
}

/**
 * Registers a plugin by its name, so that profiles (from code, YAML or JSON) can enable it: the
 * out-of-tree extension point, as a kube-scheduler built with an extra plugin. Register before
 * validating or resolving profiles that name it. Registering the same object twice is a no-op.
 * Throws a {@link PodsimError} for a name already taken, a built-in name, an unknown extension point, or
 * a point the scheduling cycle does not call plugins at (only preFilter, filter, preScore and score).
 *
 * @returns A function that unregisters the plugin again.
 * @example
 * ```ts
 * const unregister = registerKubePlugin({
 *   name: 'EmptiestFirst',
 *   points: ['score'],
 *   create: () => ({ score(c, hosts, n, out) { for (let i = 0; i < n; i++) out[i] = Math.max(0, 100 - c.state.nodes.podCount[hosts[i]!]!); } }),
 * });
 * ```
 */
export function registerKubePlugin(plugin: KubePlugin, options: RegisterKubePluginOptions = {}): () => void {
  const issues: Issue[] = [];
  const path = `plugin ${JSON.stringify(plugin.name)}`;
  const existing = plugins.get(plugin.name);
  if (existing === plugin) return () => unregister(plugin);
  if (typeof plugin.name !== 'string' || plugin.name === '' || plugin.name === '*') {
    issues.push({ code: 'invalid_plugin', path: 'name', message: 'a plugin needs a non-empty name other than "*"' });
  } else if (BUILTIN_PLUGINS.some((b) => b.name === plugin.name)) {
    issues.push({ code: 'duplicate_plugin', path, message: `${plugin.name} is a built-in plugin and cannot be replaced` });
  } else if (existing !== undefined && options.replace !== true) {
    issues.push({ code: 'duplicate_plugin', path, message: `a plugin named ${plugin.name} is already registered; pass { replace: true } to replace it` });
  }
  for (const p of plugin.points) {
    if (!(EXTENSION_POINTS as readonly string[]).includes(p) || p === 'multiPoint') issues.push({ code: 'unknown_extension_point', path, message: `${JSON.stringify(p)} is not an extension point; expected one of ${RUN_POINTS.join(', ')}` });
    else if (!RUN_POINTS.includes(p) && plugin.modelled !== false) issues.push({ code: 'unsupported_extension_point', path, message: `podsim runs plugins at ${RUN_POINTS.join(', ')}, not at ${p}` });
  }
  if (plugin.modelled !== false && plugin.create === undefined) issues.push({ code: 'invalid_plugin', path, message: 'a modelled plugin needs create(args, ctx)' });
  if (issues.length > 0) throw new PodsimError(issues, `registerKubePlugin: cannot register ${JSON.stringify(plugin.name)}`);
  add(plugin);
  return () => unregister(plugin);
}

function unregister(plugin: KubePlugin): void {
  if (plugins.get(plugin.name) !== plugin || BUILTIN_PLUGINS.includes(plugin)) return;
  plugins.delete(plugin.name);
  delete infos[plugin.name];
}

/**
 * The plugin registered under a name, or `undefined`.
 *
 * @example
 * ```ts
 * kubePlugin('NodePorts')?.points; // ['preFilter', 'filter']
 * ```
 */
export function kubePlugin(name: string): KubePlugin | undefined {
  return plugins.get(name);
}

/**
 * kube-scheduler's default MultiPoint plugin list and score weights, in order
 * (upstream pkg/scheduler/apis/config/v1/default_plugins.go, getDefaultPlugins).
 *
 * @example
 * ```ts
 * DEFAULT_MULTIPOINT.find((p) => p.name === 'TaintToleration')?.weight; // 3
 * ```
 */
export const DEFAULT_MULTIPOINT: ReadonlyArray<{ readonly name: string; readonly weight?: number }> = [
  { name: 'SchedulingGates' },
  { name: 'PrioritySort' },
  { name: 'NodeUnschedulable' },
  { name: 'NodeName' },
  { name: 'TaintToleration', weight: 3 },
  { name: 'NodeAffinity', weight: 2 },
  { name: 'NodePorts' },
  { name: 'NodeResourcesFit', weight: 1 },
  { name: 'VolumeRestrictions' },
  { name: 'EBSLimits' },
  { name: 'GCEPDLimits' },
  { name: 'NodeVolumeLimits' },
  { name: 'AzureDiskLimits' },
  { name: 'VolumeBinding' },
  { name: 'VolumeZone' },
  { name: 'PodTopologySpread', weight: 2 },
  { name: 'InterPodAffinity', weight: 2 },
  { name: 'DefaultPreemption' },
  { name: 'NodeResourcesBalancedAllocation', weight: 1 },
  { name: 'ImageLocality', weight: 1 },
  { name: 'DefaultBinder' },
];
