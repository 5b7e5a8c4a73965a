import { PodsimError } from '../errors.js';
import type { KubePluginInstance, KubeState } from './plugin.js';
import { kubePlugin } from './plugin-registry.js';
import type { ResolvedProfile } from './resolve-profile.js';

/**
 * A filter plugin enabled in a profile (internal).
 * @internal
 * @example
 * ```ts
 * fw.filters[0]?.name; // 'NodeUnschedulable'
 * ```
 */
export interface FilterSlot {
  readonly name: string;
  readonly inst: KubePluginInstance;
  /** Its bit in the static class bits, or 0 for a filter that runs per host. */
  readonly staticBit: number;
}

/**
 * A score plugin enabled in a profile (internal).
 * @internal
 * @example
 * ```ts
 * fw.scores[0]?.weight; // 3
 * ```
 */
export interface ScoreSlot {
  readonly name: string;
  readonly inst: KubePluginInstance;
  readonly weight: number;
  /** Built-in plugins are trusted to score within 0..100; registered ones are checked. */
  readonly trusted: boolean;
  /** The index of a later slot this plugin scores along with it (`pairAdd`), or −1. */
  pair: number;
  /** Whether an earlier slot scores this one along with it (when the scores are not recorded). */
  paired: boolean;
}

/**
 * One profile's plugins, made once: kube-scheduler's framework for a profile (upstream
 * pkg/scheduler/framework/runtime/framework.go). A plugin enabled at several points is one instance.
 * @internal
 * @example
 * ```ts
 * const fw = buildFramework(profile, 0, state, ids);
 * fw.staticMask; // the static filter bits the profile's filters test
 * ```
 */
export interface ProfileFramework {
  readonly profile: ResolvedProfile;
  readonly index: number;
  readonly filters: readonly FilterSlot[];
  /** The OR of the static filters' bits. */
  readonly staticMask: number;
  readonly scores: readonly ScoreSlot[];
  /** Dimensions left out of the scheduler's accounting for this profile's pods (NodeResourcesFit's ignored resources). */
  readonly untracked: readonly number[];
}

/**
 * Makes a profile's plugins from the registry. `nextId` hands out an id per instance (for score cache keys).
 * Throws a {@link PodsimError} when a profile names a plugin that is no longer registered, or whose
 * instance lacks the method of a point it is enabled at (so the cycle may call `filter` and `score` unchecked).
 * @internal
 * @example
 * ```ts
 * let id = 0;
 * const fw = buildFramework(resolveProfile(), 0, state, () => id++);
 * ```
 */
export function buildFramework(profile: ResolvedProfile, index: number, state: KubeState, nextId: () => number, builtin: (name: string) => boolean): ProfileFramework {
  const instances = new Map<string, KubePluginInstance>();
  const instance = (name: string): KubePluginInstance => {
    let inst = instances.get(name);
    if (inst !== undefined) return inst;
    const plugin = kubePlugin(name);
    if (plugin?.create === undefined) {
      throw new PodsimError([{ code: 'unknown_plugin', path: `profiles[${index}]`, message: `${JSON.stringify(name)} is not a registered plugin podsim can run; register it with registerKubePlugin before creating the scheduler` }]);
    }
    inst = plugin.create(profile.pluginArgs[name], { state, profile, profileIndex: index, id: nextId() });
    instances.set(name, inst);
    return inst;
  };
  const missing = (name: string, point: string): never => {
    throw new PodsimError([{ code: 'invalid_plugin', path: `profiles[${index}]`, message: `plugin ${name} is enabled at ${point} but its instance has no ${point}() method` }]);
  };
  const filters = profile.filters.map((name): FilterSlot => {
    const inst = instance(name);
    if (inst.filter === undefined) missing(name, 'filter');
    return { name, inst, staticBit: inst.staticBit ?? 0 };
  });
  const scores = profile.scores.map((s): ScoreSlot => {
    const inst = instance(s.name);
    if (inst.score === undefined) missing(s.name, 'score');
    return { name: s.name, inst, weight: s.weight, trusted: builtin(s.name), pair: -1, paired: false };
  });
  // Plugins that score together (NodeResourcesFit with BalancedAllocation): one pass over the hosts.
  for (let k = 0; k < scores.length; k++) {
    const a = scores[k] as ScoreSlot;
    if (a.paired || a.inst.pairAdd === undefined || a.inst.scoreAdd === undefined) continue;
    for (let j = k + 1; j < scores.length; j++) {
      const b = scores[j] as ScoreSlot;
      if (b.paired || b.pair >= 0 || b.inst === a.inst || b.inst.scoreAdd === undefined || a.inst.pairsWith?.(b.inst) !== true) continue;
      a.pair = j;
      b.paired = true;
      break;
    }
  }
  let staticMask = 0;
  for (const f of filters) staticMask |= f.staticBit;
  const untracked = new Set<number>();
  for (const inst of instances.values()) for (const d of (inst as { untrackedDims?: readonly number[] }).untrackedDims ?? []) untracked.add(d);
  return { profile, index, filters, staticMask, scores, untracked: [...untracked].sort((a, b) => a - b) };
}
