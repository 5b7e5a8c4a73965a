import { PodsimError } from '../errors.js';
import { DEFAULT_MULTIPOINT, PLUGIN_REGISTRY } from './plugin-registry.js';
import type { TopologySpreadConstraint } from './pod-fields-schema.js';
import {
  defaultPreemptionArgsSchema,
  interPodAffinityArgsSchema,
  nodeResourcesBalancedAllocationArgsSchema,
  nodeResourcesFitArgsSchema,
  podTopologySpreadArgsSchema,
  tetrisAlignmentArgsSchema,
  type ExtensionPoint,
  type KubeProfile,
  type PluginSet,
  type ResourceWeight,
  type ShapePoint,
} from './profile-schema.js';
import { profileIssues } from './validate-kube-config.js';

/** The built-in filter plugins podsim models, in the names kube-scheduler uses (registered plugins may add more). @example `const f: KubeFilterPlugin = 'TaintToleration';` */
export type KubeFilterPlugin = 'NodeUnschedulable' | 'NodeName' | 'TaintToleration' | 'NodeAffinity' | 'NodePorts' | 'NodeResourcesFit' | 'PodTopologySpread' | 'InterPodAffinity';
/** The built-in score plugins podsim models (registered plugins may add more). @example `const s: KubeScorePlugin = 'ImageLocality';` */
export type KubeScorePlugin =
  | 'TaintToleration' | 'NodeAffinity' | 'NodeResourcesFit' | 'PodTopologySpread' | 'InterPodAffinity'
  | 'NodeResourcesBalancedAllocation' | 'ImageLocality' | 'TetrisAlignment';
/** The built-in profiles a profile can start from. @example `const p: KubePreset = 'binpack';` */
export type KubePreset = 'default' | 'tetris' | 'spread' | 'binpack';

/**
 * A profile with the plugin sets expanded the way kube-scheduler's framework expands them
 * (defaults merged with the user's sets, MultiPoint expanded per extension point, weights resolved)
 * and every plugin's args defaulted.
 *
 * @example
 * ```ts
 * const p: ResolvedProfile = resolveProfile({ preset: 'binpack' });
 * p.fit.strategy; // 'MostAllocated'
 * ```
 */
export interface ResolvedProfile {
  /** The profile's scheduler name; pods pick it with `schedulerName`. */
  readonly schedulerName: string;
  /** Filter plugins podsim evaluates, in order (built-in names are `KubeFilterPlugin`s; registered plugins too). */
  readonly filters: readonly string[];
  /** Score plugins podsim evaluates, in order, with weights. */
  readonly scores: ReadonlyArray<{ readonly name: string; readonly weight: number }>;
  /** Whether DefaultPreemption runs at PostFilter. */
  readonly preemption: boolean;
  /** Whether PrioritySort orders the queue; `false` leaves it in arrival order (FIFO). */
  readonly prioritySort: boolean;
  /** Plugins enabled that podsim accepts but does not model (volumes, binding, DRA …); see `kubeProfileWarnings`. */
  readonly unmodelled: readonly string[];
  /** Each configured plugin's `pluginConfig` args, merged over the preset's, by plugin name (what registered plugins receive). */
  readonly pluginArgs: Readonly<Record<string, unknown>>;
  /** percentageOfNodesToScore; 0 means the adaptive default. */
  readonly percentageOfNodesToScore: number;
  /** NodeResourcesFit args. */
  readonly fit: {
    readonly strategy: 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio';
    readonly resources: readonly ResourceWeight[];
    /** RequestedToCapacityRatio shape as configured (scores 0..10). */
    readonly shape: readonly ShapePoint[];
    /** Extended resources the filter does not check. */
    readonly ignoredResources: readonly string[];
    /** Groups (domains before `/`) of extended resources the filter does not check. */
    readonly ignoredResourceGroups: readonly string[];
  };
  /** NodeResourcesBalancedAllocation args. */
  readonly balanced: { readonly resources: readonly ResourceWeight[]; readonly formula: 'classic' | 'withWithoutPod' };
  /** PodTopologySpread args. */
  readonly spread: { readonly defaultingType: 'System' | 'List'; readonly defaultConstraints: readonly TopologySpreadConstraint[] };
  /** InterPodAffinity args. */
  readonly interPodAffinity: { readonly hardPodAffinityWeight: number; readonly ignorePreferredTermsOfExistingPods: boolean };
  /** DefaultPreemption args. */
  readonly defaultPreemption: { readonly minCandidateNodesPercentage: number; readonly minCandidateNodesAbsolute: number };
  /** TetrisAlignment args; `undefined` resources means every dimension, weight 1. */
  readonly tetris: { readonly resources: readonly ResourceWeight[] | undefined };
}

const DEFAULT_RESOURCES: readonly ResourceWeight[] = [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }];

/**
 * The built-in presets, as profile overlays merged onto kube-scheduler's default profile:
 *
 * - `default`: kube-scheduler's default profile, unchanged.
 * - `tetris`: NodeResourcesFit and NodeResourcesBalancedAllocation scoring disabled, TetrisAlignment (weight 1) enabled.
 * - `spread`: NodeResourcesFit (LeastAllocated) at weight 10 instead of 1.
 * - `binpack`: NodeResourcesFit with the MostAllocated strategy (weight 1), everything else default.
 *
 * @example
 * ```ts
 * KUBE_PRESETS.binpack.pluginConfig?.[0]?.name; // 'NodeResourcesFit'
 * ```
 */
export const KUBE_PRESETS: Readonly<Record<KubePreset, KubeProfile>> = {
  default: {},
  tetris: {
    plugins: {
      score: {
        disabled: [{ name: 'NodeResourcesFit' }, { name: 'NodeResourcesBalancedAllocation' }],
        enabled: [{ name: 'TetrisAlignment', weight: 1 }],
      },
    },
  },
  spread: { plugins: { score: { enabled: [{ name: 'NodeResourcesFit', weight: 10 }] } } },
  binpack: { pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'MostAllocated' } } }] },
};

type Ref = { name: string; weight?: number | undefined };

// upstream pkg/scheduler/apis/config/v1/default_plugins.go mergePluginSet: defaults minus the disabled
// ones ('*' drops all), a default re-enabled by the user is replaced in place, other user plugins appended.
function mergePluginSet(defaults: { enabled: Ref[]; disabled: string[] }, custom: PluginSet | undefined): { enabled: Ref[]; disabled: string[] } {
  if (custom === undefined) return defaults;
  const disabled = new Set<string>([...(custom.disabled ?? []).map((d) => d.name), ...defaults.disabled]);
  const customEnabled = custom.enabled ?? [];
  const byName = new Map<string, number>();
  customEnabled.forEach((p, i) => byName.set(p.name, i));
  const replaced = new Set<number>();
  const enabled: Ref[] = [];
  if (!disabled.has('*')) {
    for (const d of defaults.enabled) {
      if (disabled.has(d.name)) continue;
      const i = byName.get(d.name);
      if (i !== undefined) {
        enabled.push(customEnabled[i] as Ref);
        replaced.add(i);
      } else enabled.push(d);
    }
  }
  customEnabled.forEach((p, i) => {
    if (!replaced.has(i)) enabled.push(p);
  });
  return { enabled, disabled: [...disabled] };
}

// upstream pkg/scheduler/framework/runtime/framework.go expandMultiPointPlugins: plugins re-configured
// at the point keep their specific position first, then MultiPoint plugins, then the point's other plugins.
function expand(point: ExtensionPoint, multi: Ref[], specific: { enabled: Ref[]; disabled: string[] }): Ref[] {
  const disabled = new Set(specific.disabled);
  if (disabled.has('*')) return specific.enabled;
  const enabledNames = new Set(specific.enabled.map((p) => p.name));
  const override = new Set<string>();
  const fromMulti: Ref[] = [];
  for (const p of multi) {
    const info = PLUGIN_REGISTRY[p.name];
    if (info === undefined || !info.points.includes(point)) continue;
    if (disabled.has(p.name)) continue;
    if (enabledNames.has(p.name)) {
      override.add(p.name);
      continue;
    }
    if (!fromMulti.some((q) => q.name === p.name)) fromMulti.push(p);
  }
  return [
    ...specific.enabled.filter((p) => override.has(p.name)),
    ...fromMulti,
    ...specific.enabled.filter((p) => !override.has(p.name)),
  ];
}

function layer(base: KubeProfile, top: KubeProfile): KubeProfile {
  const plugins: Record<string, PluginSet> = {};
  const points = new Set<string>([...Object.keys(base.plugins ?? {}), ...Object.keys(top.plugins ?? {})]);
  for (const p of points) {
    const b = (base.plugins as Record<string, PluginSet | undefined> | undefined)?.[p];
    const t = (top.plugins as Record<string, PluginSet | undefined> | undefined)?.[p];
    if (b === undefined) plugins[p] = t as PluginSet;
    else if (t === undefined) plugins[p] = b;
    else {
      const m = mergePluginSet({ enabled: [...(b.enabled ?? [])], disabled: (b.disabled ?? []).map((d) => d.name) }, t);
      plugins[p] = { enabled: m.enabled, disabled: m.disabled.map((name) => ({ name })) };
    }
  }
  const cfg = new Map<string, unknown>();
  for (const c of base.pluginConfig ?? []) cfg.set(c.name, c.args);
  for (const c of top.pluginConfig ?? []) cfg.set(c.name, deepMerge(cfg.get(c.name), c.args));
  const out: Record<string, unknown> = { ...base, ...top, plugins, pluginConfig: [...cfg].map(([name, args]) => ({ name, args })) };
  return out as KubeProfile;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

// Objects merge key by key (the user's value wins); arrays and scalars are replaced.
function deepMerge(base: unknown, top: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(top)) return top === undefined ? base : top;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(top)) out[k] = deepMerge(base[k], v);
  return out;
}

function argsOf(profile: KubeProfile, name: string): unknown {
  return profile.pluginConfig?.find((c) => c.name === name)?.args ?? {};
}

const runs = (name: string, point: ExtensionPoint): boolean => {
  const info = PLUGIN_REGISTRY[name];
  return info !== undefined && info.modelled && info.points.includes(point);
};

/**
 * Options for {@link resolveProfile}.
 *
 * @example
 * ```ts
 * resolveProfile({}, { percentageOfNodesToScore: 50, path: 'scheduler.profiles[0]' });
 * ```
 */
export interface ResolveProfileOptions {
  /**
   * The scheduler-wide percentageOfNodesToScore, used when the profile sets none.
   * @defaultValue 0 (adaptive)
   */
  readonly percentageOfNodesToScore?: number;
  /**
   * Where the profile sits in the scenario, for issue paths.
   * @defaultValue `'profile'`
   */
  readonly path?: string;
}

/**
 * Resolves a profile (or a preset name) into the plugins podsim runs and their args, as kube-scheduler
 * would: default plugins merged with the preset and the user's sets, MultiPoint expanded, weights
 * defaulted to 1. Throws a {@link PodsimError} listing every problem if the profile is invalid.
 *
 * @param profile - A profile, a preset name, or nothing for kube-scheduler's default profile.
 * @example
 * ```ts
 * const p = resolveProfile();
 * p.scores.map((s) => `${s.name}:${s.weight}`);
 * // ['TaintToleration:3', 'NodeAffinity:2', 'NodeResourcesFit:1', 'PodTopologySpread:2',
 * //  'InterPodAffinity:2', 'NodeResourcesBalancedAllocation:1', 'ImageLocality:1']
 * ```
 */
export function resolveProfile(profile: KubeProfile | KubePreset = {}, options: ResolveProfileOptions = {}): ResolvedProfile {
  const user: KubeProfile = typeof profile === 'string' ? { preset: profile } : profile;
  const issues = profileIssues(user, options.path ?? 'profile');
  if (issues.length > 0) throw new PodsimError(issues, 'invalid scheduler profile');
  const merged = layer(KUBE_PRESETS[user.preset ?? 'default'], user);
  const plugins = (merged.plugins ?? {}) as Partial<Record<ExtensionPoint, PluginSet>>;
  const multi = mergePluginSet({ enabled: DEFAULT_MULTIPOINT.map((p) => ({ ...p })), disabled: [] }, plugins.multiPoint).enabled;
  const specific = (p: ExtensionPoint) => mergePluginSet({ enabled: [], disabled: [] }, plugins[p]);

  const weights = new Map<string, number>();
  for (const p of multi) weights.set(p.name, p.weight ?? 0);
  for (const p of plugins.score?.enabled ?? []) weights.set(p.name, p.weight ?? 0);

  const filterList = expand('filter', multi, specific('filter'));
  const scoreList = expand('score', multi, specific('score'));
  const postFilter = expand('postFilter', multi, specific('postFilter'));
  const queueSort = expand('queueSort', multi, specific('queueSort'));
  const all = new Set<string>();
  for (const p of [...filterList, ...scoreList, ...postFilter, ...queueSort, ...multi]) all.add(p.name);
  const unmodelled = [...all].filter((n) => PLUGIN_REGISTRY[n]?.modelled === false);

  const fitArgs = nodeResourcesFitArgsSchema.parse(argsOf(merged, 'NodeResourcesFit'));
  const balArgs = nodeResourcesBalancedAllocationArgsSchema.parse(argsOf(merged, 'NodeResourcesBalancedAllocation'));
  const ptsArgs = podTopologySpreadArgsSchema.parse(argsOf(merged, 'PodTopologySpread'));
  const ipaArgs = interPodAffinityArgsSchema.parse(argsOf(merged, 'InterPodAffinity'));
  const dpArgs = defaultPreemptionArgsSchema.parse(argsOf(merged, 'DefaultPreemption'));
  const tetArgs = tetrisAlignmentArgsSchema.parse(argsOf(merged, 'TetrisAlignment'));

  return {
    schedulerName: merged.schedulerName ?? 'default-scheduler',
    filters: filterList.map((p) => p.name).filter((n) => runs(n, 'filter')),
    scores: scoreList
      .filter((p) => runs(p.name, 'score'))
      .map((p) => ({ name: p.name, weight: (weights.get(p.name) ?? 0) || 1 })),
    preemption: postFilter.some((p) => p.name === 'DefaultPreemption'),
    prioritySort: queueSort.some((p) => p.name === 'PrioritySort'),
    unmodelled,
    pluginArgs: Object.fromEntries((merged.pluginConfig ?? []).map((c) => [c.name, c.args])),
    percentageOfNodesToScore: merged.percentageOfNodesToScore ?? options.percentageOfNodesToScore ?? 0,
    fit: {
      strategy: fitArgs.scoringStrategy?.type ?? 'LeastAllocated',
      resources: fitArgs.scoringStrategy?.resources ?? DEFAULT_RESOURCES,
      shape: fitArgs.scoringStrategy?.requestedToCapacityRatio?.shape ?? [{ utilization: 0, score: 0 }, { utilization: 100, score: 10 }],
      ignoredResources: fitArgs.ignoredResources ?? [],
      ignoredResourceGroups: fitArgs.ignoredResourceGroups ?? [],
    },
    balanced: { resources: balArgs.resources ?? DEFAULT_RESOURCES, formula: balArgs.formula ?? 'classic' },
    spread: { defaultingType: ptsArgs.defaultingType ?? 'System', defaultConstraints: ptsArgs.defaultConstraints ?? [] },
    interPodAffinity: {
      hardPodAffinityWeight: ipaArgs.hardPodAffinityWeight ?? 1,
      ignorePreferredTermsOfExistingPods: ipaArgs.ignorePreferredTermsOfExistingPods ?? false,
    },
    defaultPreemption: {
      minCandidateNodesPercentage: dpArgs.minCandidateNodesPercentage ?? 10,
      minCandidateNodesAbsolute: dpArgs.minCandidateNodesAbsolute ?? 100,
    },
    tetris: { resources: tetArgs.resources },
  };
}
