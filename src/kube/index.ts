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
export { kubePodFieldsSchema, kubePodFieldsShape, containerPortSchema, labelSelectorSchema, selectorRequirementSchema, nodeSelectorTermSchema, nodeAffinitySchema, podAffinityTermSchema, podAffinitySchema, affinitySchema, tolerationSchema, topologySpreadConstraintSchema, kubeImageSchema } from './pod-fields-schema.js';
export type { KubePodFields, ContainerPort, LabelSelector, SelectorRequirement, NodeSelectorTerm, PodAffinityTerm, Affinity, Toleration, TopologySpreadConstraint, KubeImage } from './pod-fields-schema.js';
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
export { PLUGIN_REGISTRY, DEFAULT_MULTIPOINT, registerKubePlugin, kubePlugin } from './plugin-registry.js';
export type { PluginInfo, RegisterKubePluginOptions } from './plugin-registry.js';
export { FILTER_PASS, SCORE_SKIP, SCORE_OK, SCORE_UNIFORM, SCORE_SPARSE } from './plugin.js';
export type { KubePlugin, KubePluginInstance, KubePluginContext, KubeArgsContext, KubeCycle, KubeState } from './plugin.js';
export {
  BUILTIN_PLUGINS, NodeResourcesBalancedAllocation, ImageLocality, InterPodAffinity, NodeAffinity, NodeName, NodePorts, NodeResourcesFit,
  NodeUnschedulable, PodTopologySpread, DefaultPreemption, PrioritySort, TaintToleration, TetrisAlignment, UNMODELLED_PLUGINS,
} from './plugins/index.js';
export { isExtendedResourceName, ignoredDimensions } from './plugins/node-resources-fit.js';
export { kubeProfileWarnings } from './profile-warnings.js';
export { hostPortOf, UsedHostPorts, BIND_ALL_HOST_IP } from './host-ports.js';
export type { HostPort } from './host-ports.js';
export { NodeTable, DEFAULT_MAX_PODS, R_ROOM, R_NZ_CPU, R_NZ_MEM, R_CAP } from './node-table.js';
export { PodTable } from './pod-table.js';
export { CountTable, ViewPool, IntStack } from './count-table.js';
export { StaticClass, B_UNSCHED, B_TAINT, B_AFFINITY, B_NODENAME } from './static-class.js';
export type { StaticRule } from './static-class.js';
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
  topologyNormalizingWeight, scoreForCount, numFeasibleNodesToFind, podBackoffSeconds, calculateNumCandidates, nonZeroRequest,
} from './formulas.js';
export type { FunctionShapePoint } from './formulas.js';
export { compileLabelSelector, matchesLabels, compileNodeSelectorTerm, matchesNodeSelectorTerm, tolerates, findUntoleratedTaint, labelKeyError, labelValueError, nodeRequirementInvalid } from './selectors.js';
export type { CompiledLabelSelector, CompiledNodeSelectorTerm, Requirement as CompiledRequirement } from './selectors.js';
export { HostTopology } from './host-topology.js';
export type { PodTemplate, SpreadConstraint, AffinityTerm, CarriedTerm } from './pod-template.js';
export type { TemplateStore, CompiledPdb } from './template-store.js';
export type { ScoreCache, BatchScorer } from './score-cache.js';
export type { SelectorIndex, MatchClause, PodIdentity } from './selector-index.js';
