import { z } from 'zod';
import { topologySpreadConstraintSchema } from './pod-fields-schema.js';

/**
 * One plugin in a plugin set's `enabled` list: a name and, for score plugins, a weight
 * (1 to 100; 0 or absent means the default).
 *
 * @example
 * ```ts
 * pluginRefSchema.parse({ name: 'NodeResourcesFit', weight: 2 });
 * ```
 */
export const pluginRefSchema = z.strictObject({ name: z.string(), weight: z.number().int().optional() });

/**
 * A plugin set of one extension point: plugins `enabled` (in order) and `disabled` (`'*'` disables all defaults).
 *
 * @example
 * ```ts
 * pluginSetSchema.parse({ enabled: [{ name: 'ImageLocality', weight: 3 }], disabled: [{ name: 'NodeResourcesBalancedAllocation' }] });
 * ```
 */
export const pluginSetSchema = z.strictObject({
  enabled: z.array(pluginRefSchema).optional(),
  disabled: z.array(z.strictObject({ name: z.string() })).optional(),
});

/**
 * The extension points of a profile's `plugins`, as in `KubeSchedulerConfiguration`.
 *
 * @example
 * ```ts
 * EXTENSION_POINTS.includes('score'); // true
 * ```
 */
export const EXTENSION_POINTS = [
  'preEnqueue', 'queueSort', 'preFilter', 'filter', 'postFilter', 'preScore', 'score',
  'reserve', 'permit', 'preBind', 'bind', 'postBind', 'multiPoint',
] as const;

/**
 * An extension point name.
 *
 * @example
 * ```ts
 * const p: ExtensionPoint = 'score';
 * ```
 */
export type ExtensionPoint = (typeof EXTENSION_POINTS)[number];

/**
 * A profile's `plugins`: one {@link pluginSetSchema} per extension point.
 *
 * @example
 * ```ts
 * pluginsSchema.parse({ score: { disabled: [{ name: '*' }], enabled: [{ name: 'NodeResourcesFit' }] } });
 * ```
 */
export const pluginsSchema = z.strictObject(
  Object.fromEntries(EXTENSION_POINTS.map((p) => [p, pluginSetSchema.optional()])) as Record<ExtensionPoint, z.ZodOptional<typeof pluginSetSchema>>,
);

/**
 * One resource and its weight in a scoring strategy.
 *
 * @example
 * ```ts
 * resourceWeightSchema.parse({ name: 'cpu', weight: 1 });
 * ```
 */
export const resourceWeightSchema = z.strictObject({ name: z.string(), weight: z.number().int() });

/**
 * A point of a RequestedToCapacityRatio shape: utilisation 0..100 (increasing) to score 0..10.
 *
 * @example
 * ```ts
 * shapePointSchema.parse({ utilization: 100, score: 10 });
 * ```
 */
export const shapePointSchema = z.strictObject({ utilization: z.number().int(), score: z.number().int() });

/**
 * `NodeResourcesFitArgs`: ignored resources and the scoring strategy.
 *
 * @example
 * ```ts
 * nodeResourcesFitArgsSchema.parse({ scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'cpu', weight: 1 }] } });
 * ```
 */
export const nodeResourcesFitArgsSchema = z.strictObject({
  ignoredResources: z.array(z.string()).optional(),
  ignoredResourceGroups: z.array(z.string()).optional(),
  scoringStrategy: z
    .strictObject({
      type: z.enum(['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio']).optional().meta({ description: 'Default LeastAllocated.' }),
      resources: z.array(resourceWeightSchema).optional().meta({ description: 'Default cpu and memory, weight 1 each.' }),
      requestedToCapacityRatio: z.strictObject({ shape: z.array(shapePointSchema) }).optional(),
    })
    .optional(),
});

/**
 * `NodeResourcesBalancedAllocationArgs`, plus podsim's `formula` selector: `classic` (Kubernetes up
 * to 1.35: score = (1 − std of utilisation fractions) × 100) or `withWithoutPod` (kubernetes PR #135573:
 * 50 + (50 + score with the pod − score without it) / 2).
 *
 * @example
 * ```ts
 * nodeResourcesBalancedAllocationArgsSchema.parse({ resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }], formula: 'classic' });
 * ```
 */
export const nodeResourcesBalancedAllocationArgsSchema = z.strictObject({
  resources: z.array(resourceWeightSchema).optional(),
  formula: z.enum(['classic', 'withWithoutPod']).optional().meta({ description: 'Default classic.' }),
});

/**
 * `PodTopologySpreadArgs`: cluster default constraints and how they are defaulted.
 *
 * @example
 * ```ts
 * podTopologySpreadArgsSchema.parse({ defaultingType: 'List', defaultConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' }] });
 * ```
 */
export const podTopologySpreadArgsSchema = z.strictObject({
  defaultConstraints: z.array(topologySpreadConstraintSchema).optional(),
  defaultingType: z.enum(['System', 'List']).optional().meta({ description: 'Default System.' }),
});

/**
 * `InterPodAffinityArgs`.
 *
 * @example
 * ```ts
 * interPodAffinityArgsSchema.parse({ hardPodAffinityWeight: 1 });
 * ```
 */
export const interPodAffinityArgsSchema = z.strictObject({
  hardPodAffinityWeight: z.number().int().optional().meta({ description: '0..100. Default 1.' }),
  ignorePreferredTermsOfExistingPods: z.boolean().optional(),
});

/**
 * `DefaultPreemptionArgs`.
 *
 * @example
 * ```ts
 * defaultPreemptionArgsSchema.parse({ minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100 });
 * ```
 */
export const defaultPreemptionArgsSchema = z.strictObject({
  minCandidateNodesPercentage: z.number().int().min(0).max(100).optional(),
  minCandidateNodesAbsolute: z.number().int().min(0).optional(),
});

/**
 * `TetrisAlignment` (podsim's own score plugin) args: the resources whose alignment is scored.
 *
 * @example
 * ```ts
 * tetrisAlignmentArgsSchema.parse({ resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] });
 * ```
 */
export const tetrisAlignmentArgsSchema = z.strictObject({
  resources: z.array(resourceWeightSchema).optional().meta({ description: 'Default: every dimension the cluster tracks, weight 1.' }),
});

/**
 * One `pluginConfig` entry: a plugin name and its args (checked against that plugin's args schema
 * by `validateKubeConfig`).
 *
 * @example
 * ```ts
 * pluginConfigSchema.parse({ name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'MostAllocated' } } });
 * ```
 */
export const pluginConfigSchema = z.strictObject({ name: z.string(), args: z.unknown().optional() });

/**
 * A scheduling profile shaped like one entry of `KubeSchedulerConfiguration.profiles`, plus podsim's
 * `preset`, the profile the plugins and pluginConfig are merged onto (`default` is kube-scheduler's
 * default profile; see docs/scheduling-kube.md for `tetris`, `spread`, `binpack`).
 *
 * @example
 * ```ts
 * kubeProfileSchema.parse({
 *   schedulerName: 'bin-packer',
 *   pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'MostAllocated' } } }],
 * });
 * ```
 */
export const kubeProfileSchema = z.strictObject({
  schedulerName: z.string().min(1).optional().meta({ description: 'Default "default-scheduler".' }),
  preset: z.enum(['default', 'tetris', 'spread', 'binpack']).optional().meta({ description: 'The profile this one is merged onto. Default "default".' }),
  plugins: pluginsSchema.optional(),
  pluginConfig: z.array(pluginConfigSchema).optional(),
  percentageOfNodesToScore: z.number().int().min(0).max(100).optional().meta({ description: '0 or absent: the adaptive default (50 − nodes/125, at least 5%).' }),
});

/**
 * The scheduler section of a scenario: profiles and the global knobs of `KubeSchedulerConfiguration`.
 *
 * @example
 * ```ts
 * kubeSchedulerConfigSchema.parse({ profiles: [{ schedulerName: 'default-scheduler' }], podMaxBackoffSeconds: 10 });
 * ```
 */
export const kubeSchedulerConfigSchema = z.strictObject({
  profiles: z.array(kubeProfileSchema).optional(),
  percentageOfNodesToScore: z.number().int().min(0).max(100).optional(),
  podInitialBackoffSeconds: z.number().int().min(1).optional().meta({ description: 'Default 1.' }),
  podMaxBackoffSeconds: z.number().int().min(1).optional().meta({ description: 'Default 10.' }),
});

/** A profile as parsed. @example `const p: KubeProfile = { schedulerName: 'default-scheduler' };` */
export type KubeProfile = z.infer<typeof kubeProfileSchema>;
/** A plugin set. @example `const s: PluginSet = { disabled: [{ name: '*' }] };` */
export type PluginSet = z.infer<typeof pluginSetSchema>;
/** The scheduler section. @example `const c: KubeSchedulerConfig = { profiles: [] };` */
export type KubeSchedulerConfig = z.infer<typeof kubeSchedulerConfigSchema>;
/** NodeResourcesFit args. @example `const a: NodeResourcesFitArgs = { scoringStrategy: { type: 'LeastAllocated' } };` */
export type NodeResourcesFitArgs = z.infer<typeof nodeResourcesFitArgsSchema>;
/** A resource weight. @example `const r: ResourceWeight = { name: 'cpu', weight: 1 };` */
export type ResourceWeight = z.infer<typeof resourceWeightSchema>;
/** A shape point. @example `const p: ShapePoint = { utilization: 0, score: 0 };` */
export type ShapePoint = z.infer<typeof shapePointSchema>;
