import type { ExtensionPoint } from './profile-schema.js';

/**
 * What podsim knows about one kube-scheduler plugin: the extension points it implements and whether
 * podsim models it (plugins about volumes, ports, binding and the like are accepted and do nothing).
 *
 * @example
 * ```ts
 * const info: PluginInfo = PLUGIN_REGISTRY['ImageLocality'];
 * info.points; // ['score']
 * ```
 */
export interface PluginInfo {
  /** Extension points the plugin implements (MultiPoint enables it at each of them). */
  readonly points: readonly ExtensionPoint[];
  /** Whether podsim models the plugin; `false` means it is accepted and has no effect. */
  readonly modelled: boolean;
  /** Whether the plugin takes `pluginConfig` args podsim reads. */
  readonly hasArgs?: boolean;
}

/**
 * The plugins podsim recognises, by name: the in-tree kube-scheduler plugins and podsim's
 * `TetrisAlignment` score plugin.
 *
 * @example
 * ```ts
 * Object.keys(PLUGIN_REGISTRY).includes('PodTopologySpread'); // true
 * ```
 */
export const PLUGIN_REGISTRY: Readonly<Record<string, PluginInfo>> = {
  SchedulingGates: { points: ['preEnqueue'], modelled: false },
  PrioritySort: { points: ['queueSort'], modelled: true },
  NodeUnschedulable: { points: ['filter'], modelled: true },
  NodeName: { points: ['filter'], modelled: false },
  TaintToleration: { points: ['filter', 'preScore', 'score'], modelled: true },
  NodeAffinity: { points: ['preFilter', 'filter', 'preScore', 'score'], modelled: true, hasArgs: false },
  NodePorts: { points: ['preFilter', 'filter'], modelled: false },
  NodeResourcesFit: { points: ['preFilter', 'filter', 'preScore', 'score'], modelled: true, hasArgs: true },
  VolumeRestrictions: { points: ['preFilter', 'filter'], modelled: false },
  EBSLimits: { points: ['filter'], modelled: false },
  GCEPDLimits: { points: ['filter'], modelled: false },
  NodeVolumeLimits: { points: ['filter'], modelled: false },
  AzureDiskLimits: { points: ['filter'], modelled: false },
  VolumeBinding: { points: ['preFilter', 'filter', 'reserve', 'preBind', 'preScore', 'score'], modelled: false },
  VolumeZone: { points: ['preFilter', 'filter'], modelled: false },
  PodTopologySpread: { points: ['preFilter', 'filter', 'preScore', 'score'], modelled: true, hasArgs: true },
  InterPodAffinity: { points: ['preFilter', 'filter', 'preScore', 'score'], modelled: true, hasArgs: true },
  DefaultPreemption: { points: ['preEnqueue', 'postFilter'], modelled: true, hasArgs: true },
  NodeResourcesBalancedAllocation: { points: ['preScore', 'score'], modelled: true, hasArgs: true },
  ImageLocality: { points: ['score'], modelled: true },
  DefaultBinder: { points: ['bind'], modelled: false },
  DynamicResources: { points: ['preEnqueue', 'preFilter', 'filter', 'postFilter', 'reserve', 'preBind'], modelled: false },
  TetrisAlignment: { points: ['score'], modelled: true, hasArgs: true },
};

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
