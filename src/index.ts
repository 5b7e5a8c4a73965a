/**
 * podsim: simulate how containers are placed onto hosts and how they perform there.
 *
 * @example
 * ```ts
 * import { simulate } from 'podsim';
 * const r = simulate({ hosts: [...], workloads: [...] });
 * ```
 * @packageDocumentation
 */
export { simulate, Simulation } from './simulation/index.js';
export type {
  SimulationOptions, SimulationRunOptions, SimulationResult, ContainerCounts, TimeSeries,
  SimulationEvent, SimulationEventKind, SimulationListener, ClusterSnapshot, HostSnapshot, ContainerSnapshot, ContainerUsage,
} from './simulation/index.js';

export { validateScenario, parseScenario } from './scenario/validate.js';
export type { ValidationResult, ParsedScenario } from './scenario/validate.js';
export { compileScenario } from './scenario/compile.js';
export type { CompiledScenario, CompiledHost, CompiledWorkload, CompiledArrival } from './scenario/compile.js';
export { scenarioSchema } from './scenario/schema.js';
export type { Scenario, HostGroupSpec, WorkloadSpec, ArrivalSpec, SchedulerSpec, PolicyName } from './scenario/schema.js';

export { PodsimError, formatIssue } from './errors.js';
export type { Issue } from './errors.js';

export {
  KNOWN_DIMENSIONS, unitOf, isValidDimensionName,
  tryParseQuantity, parseQuantity, formatQuantity,
  add, subtract, sum, available, fits, compare, equals, dominantShare, isNegative,
  parseResources,
} from './resources/index.js';
export type { ResourceUnit, KnownDimension, QuantityInput, QuantityResult, ResourceVector, ResourceSpec } from './resources/index.js';

export { EventQueue, Simulator, SimEvent } from './engine/index.js';
export type { EventHandle, EventHandler, RunOptions, ProcessBody, Yieldable } from './engine/index.js';

export { createRng, RandomStreams, compileDistribution, checkDistribution, meanOf, DISTRIBUTIONS } from './random/index.js';
export type { Rng, DistributionSpec, Sampler } from './random/index.js';

export { ClusterState } from './cluster/cluster-state.js';

export {
  firstFit, bestFit, worstFit, randomFit, roundRobin, remainingAfter, createPolicy, POLICIES,
  SchedulingDecision, HostCondition, FifoQueue, SkipQueue, registerPolicy, unregisterPolicy, policyNames,
} from './scheduling/index.js';
export type {
  PlacementPolicy, PlacementRequest, HostView, Scheduler, SchedulerExplanation, HostExplanation,
  PendingQueue, QueueContext, PolicyContext, PolicyParts, PolicyFactory,
} from './scheduling/index.js';

export { CompensatedSum, Welford, SampleStore, SampleTable, quantileSorted } from './metrics/index.js';
export type { DistributionSummary } from './metrics/index.js';

// The performance model's pure building blocks: CFS shares, max-min network sharing, layer caches, QoS, eviction order.
export * from './performance/index.js';
// Trace replay: Google 2011/2019 and Alibaba 2018 readers, generator, replay plans.
export * from './traces/index.js';
// Scenario files, Kubernetes manifests, Compose files and workload generators.
export * from './inputs/index.js';
export * from './report/index.js';
// The kube-scheduler framework: profiles, plugins, preemption and explain data, usable on its own.
export {
  KubeScheduler, scoreHosts, placeGang, prioritySortLess, DominantResourceFairness, resolveProfile, KUBE_PRESETS,
  validateKubeConfig, PLUGIN_REGISTRY, DEFAULT_MULTIPOINT, podBackoffSeconds, numFeasibleNodesToFind, formatFitError,
  leastRequestedScore, mostRequestedScore, requestedToCapacityScore, brokenLinear, balancedStd, balancedScoreFromStd,
  balancedScoreWithWithoutPod, imageLocalityScore, defaultNormalizeScore,
  kubePodFieldsSchema, kubeNodeFieldsSchema, kubeProfileSchema, kubeSchedulerConfigSchema, priorityClassSchema, podDisruptionBudgetSchema,
} from './kube/index.js';
export type {
  KubeSchedulerOptions, KubePodSpec, KubeScheduleFailure, KubeExplain, KubeHostExplain, KubePreemption, KubeProfile,
  KubeSchedulerConfig, KubePreset, ResolvedProfile, KubePodFields, KubeNodeFields, PriorityClass, PodDisruptionBudget,
  Affinity, Toleration, Taint, TopologySpreadConstraint, LabelSelector,
} from './kube/index.js';
export type { PerformanceSummary, ExplainRecord } from './simulation/result.js';
// The offline packer: the fewest (or cheapest) hosts that hold a set of containers.
export * from './packing/index.js';
