/**
 * The kube-scheduler framework, usable on its own: scheduling profiles and presets, the plugin registry, the
 * scoring formulas exact to upstream, label selectors and topology, preemption, gangs, DRF and explain data.
 *
 * @example
 * ```ts
 * import { ClusterState } from 'podsim/engine';
 * import { scoreHosts } from 'podsim/kube';
 * const cluster = new ClusterState(['cpu', 'memory'], [
 *   { name: 'a', capacity: { cpu: 4000, memory: 2 ** 34 } },
 *   { name: 'b', capacity: { cpu: 4000, memory: 2 ** 34 } },
 * ]);
 * cluster.allocate(0, Float64Array.of(3000, 2 ** 33), 0);
 * const { hosts } = scoreHosts({ request: { cpu: 500, memory: 2 ** 30 } }, cluster);
 * console.log(hosts.map((h) => h.total)); // host b scores higher: it has more room
 * ```
 * @packageDocumentation
 * @module podsim/kube
 */
export { kubePodFieldsSchema, kubePodFieldsShape, labelSelectorSchema, selectorRequirementSchema, nodeSelectorTermSchema, nodeAffinitySchema, podAffinityTermSchema, podAffinitySchema, affinitySchema, tolerationSchema, topologySpreadConstraintSchema, kubeImageSchema } from './pod-fields-schema.js';
export type { KubePodFields, LabelSelector, SelectorRequirement, NodeSelectorTerm, PodAffinityTerm, Affinity, Toleration, TopologySpreadConstraint, KubeImage } from './pod-fields-schema.js';
export { kubeNodeFieldsSchema, kubeNodeFieldsShape, taintSchema } from './node-fields-schema.js';
export type { KubeNodeFields, Taint } from './node-fields-schema.js';
export { priorityClassSchema, podDisruptionBudgetSchema } from './policy-schema.js';
export type { PriorityClass, PodDisruptionBudget } from './policy-schema.js';
export {
  kubeProfileSchema, kubeSchedulerConfigSchema, pluginsSchema, pluginSetSchema, pluginRefSchema, pluginConfigSchema,
  nodeResourcesFitArgsSchema, nodeResourcesBalancedAllocationArgsSchema, podTopologySpreadArgsSchema, interPodAffinityArgsSchema,
  defaultPreemptionArgsSchema, tetrisAlignmentArgsSchema, resourceWeightSchema, shapePointSchema, EXTENSION_POINTS,
} from './profile-schema.js';
export type { KubeProfile, KubeSchedulerConfig, PluginSet, NodeResourcesFitArgs, ResourceWeight, ShapePoint, ExtensionPoint } from './profile-schema.js';
export { validateKubeConfig, profileIssues, HOSTNAME_LABEL } from './validate-kube-config.js';
export { SYSTEM_PRIORITY_CLASSES, priorityTable, resolvePriority } from './priority.js';
export type { PriorityTable, ResolvedPriority, PriorityFields } from './priority.js';
export type { KubeConfigInput } from './validate-kube-config.js';
export { PLUGIN_REGISTRY, DEFAULT_MULTIPOINT } from './plugin-registry.js';
export type { PluginInfo } from './plugin-registry.js';
export { resolveProfile, KUBE_PRESETS } from './resolve-profile.js';
export type { ResolvedProfile, ResolveProfileOptions, KubePreset, KubeFilterPlugin, KubeScorePlugin } from './resolve-profile.js';
export { KubeScheduler, formatFitError } from './kube-scheduler.js';
export type { KubeSchedulerOptions, KubePodSpec, KubeScheduleFailure, KubeExplain, KubeHostExplain, KubePreemption } from './kube-scheduler.js';
export { scoreHosts } from './score-hosts.js';
export type { ScoreHostsOptions } from './score-hosts.js';
export { placeGang } from './place-gang.js';
export type { PlaceGangOptions } from './place-gang.js';
export { prioritySortLess } from './priority-sort.js';
export type { QueuedPod } from './priority-sort.js';
export { DominantResourceFairness } from './dominant-resource-fairness.js';
export type { DrfQueued } from './dominant-resource-fairness.js';
export {
  MAX_NODE_SCORE, DEFAULT_MILLI_CPU_REQUEST, DEFAULT_MEMORY_REQUEST, IMAGE_MIN_THRESHOLD, IMAGE_MAX_CONTAINER_THRESHOLD,
  MIN_FEASIBLE_NODES_TO_FIND, MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND,
  mulDiv, leastRequestedScore, mostRequestedScore, brokenLinear, scaleShape, requestedToCapacityScore, goRound, balancedStd,
  balancedScoreFromStd, balancedScoreWithWithoutPod, scaledImageScore, imageLocalityScore, defaultNormalizeScore,
  topologyNormalizingWeight, scoreForCount, numFeasibleNodesToFind, podBackoffSeconds, calculateNumCandidates,
} from './formulas.js';
export type { FunctionShapePoint } from './formulas.js';
export { compileLabelSelector, matchesLabels, compileNodeSelectorTerm, matchesNodeSelectorTerm, tolerates, findUntoleratedTaint } from './selectors.js';
export type { CompiledLabelSelector, CompiledNodeSelectorTerm, Requirement as CompiledRequirement } from './selectors.js';
export { HostTopology } from './host-topology.js';
