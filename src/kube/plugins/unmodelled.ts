import type { KubePlugin } from '../plugin.js';
import type { ExtensionPoint } from '../profile-schema.js';

const unmodelled = (name: string, points: readonly ExtensionPoint[]): KubePlugin => ({ name, points, modelled: false });

/**
 * In-tree kube-scheduler plugins podsim accepts in profiles but does not model: volumes, binding,
 * scheduling gates and dynamic resources. podsim's pods have no volumes, claims or gates, so these
 * plugins would pass every node; a profile that names one gets a `not_modelled` warning
 * (`kubeProfileWarnings`).
 *
 * @example
 * ```ts
 * UNMODELLED_PLUGINS.map((p) => p.name).includes('VolumeBinding'); // true
 * ```
 */
export const UNMODELLED_PLUGINS: readonly KubePlugin[] = [
  unmodelled('SchedulingGates', ['preEnqueue']),
  unmodelled('VolumeRestrictions', ['preFilter', 'filter']),
  unmodelled('EBSLimits', ['filter']),
  unmodelled('GCEPDLimits', ['filter']),
  unmodelled('NodeVolumeLimits', ['filter']),
  unmodelled('AzureDiskLimits', ['filter']),
  unmodelled('VolumeBinding', ['preFilter', 'filter', 'reserve', 'preBind', 'preScore', 'score']),
  unmodelled('VolumeZone', ['preFilter', 'filter']),
  unmodelled('DefaultBinder', ['bind']),
  unmodelled('DynamicResources', ['preEnqueue', 'preFilter', 'filter', 'postFilter', 'reserve', 'preBind']),
];
