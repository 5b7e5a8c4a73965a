/**
 * Dynamics: services and controllers, failures and maintenance, the HPA, the cluster autoscaler, cost
 * and energy, as pure models (docs/dynamics.md). The simulation composes them.
 *
 * @example
 * ```ts
 * import { estimateNodes } from 'podsim/dynamics';
 * // Ten pods of 1 CPU / 1 GiB on new 4-CPU / 16 GiB nodes: the estimator needs 3.
 * const e = estimateNodes([{ request: [1000, 2 ** 30], count: 10 }], { allocatable: [4000, 2 ** 34] });
 * console.log(e.nodes); // 3
 * ```
 * @packageDocumentation
 * @module podsim/dynamics
 */
export { HPA_DEFAULTS, LEGACY_SCALE_UP_LIMIT, resolveHpaOptions, resolveScalingRules, SELECT_MAX, SELECT_MIN, SELECT_DISABLED, POLICY_PODS, POLICY_PERCENT } from './hpa-behavior.js';
export type { HpaScalingPolicy, HpaScalingRules, HpaBehavior, HpaOptions, ResolvedHpaOptions, ResolvedScalingRules } from './hpa-behavior.js';
export { HpaPods, groupHpaPods, POD_PENDING, POD_RUNNING, POD_FAILED, POD_DELETING, READY_NONE, READY_FALSE, READY_TRUE, GROUP_READY, GROUP_UNREADY, GROUP_MISSING, GROUP_IGNORED } from './hpa-pods.js';
export { resourceReplicas, newReplicaCalculation, tolerances, withinTolerance } from './replica-calculator.js';
export type { ReplicaCalculation, Tolerances } from './replica-calculator.js';
export { ScaleEventLog } from './scale-event-log.js';
export { RecommendationLog } from './recommendation-log.js';
export { scaleUpLimit, scaleDownLimit, convertDesiredReplicasWithRules, convertDesiredReplicasWithBehaviorRate } from './scaling-limits.js';
export type { ScalingLimitReason, Normalized } from './scaling-limits.js';
export { HpaController, hpaSpecIssues } from './hpa-controller.js';
export type { HpaSpec, HpaReason } from './hpa-controller.js';

export { AUTOSCALER_DEFAULTS, resolveAutoscalerOptions } from './autoscaler-options.js';
export type { AutoscalerOptions, ResolvedAutoscalerOptions } from './autoscaler-options.js';
export { estimateNodes, podGroupOrder, binpackingNodeLimit } from './binpacking-estimator.js';
export type { EstimatorPodGroup, NodeTemplate, EstimateOptions, Estimate } from './binpacking-estimator.js';
export { chooseExpansionOption, randomOption, EXPANDERS } from './expander.js';
export type { ExpansionOption, ExpanderName } from './expander.js';
export { leastWasteFilter, wasteScore } from './least-waste-expander.js';
export { mostPodsFilter } from './most-pods-expander.js';
export { priceFilter, priceScore, linearPrice, preferredNodeCpu, nodeUnfitness } from './price-expander.js';
export type { PricingModel, PriceContext } from './price-expander.js';
export { nodeUtilization, resourceUtilization } from './node-utilization.js';
export type { NodeUtilization } from './node-utilization.js';
export { podDrainability, DRAIN_SKIP, DRAIN_MOVE } from './drainability.js';
export type { ScaleDownPod, BlockingPodReason, DrainOptions } from './drainability.js';
export { findUnneededNodes } from './find-unneeded-nodes.js';
export type { ScaleDownHost, UnremovableReason, FindUnneededInput, UnneededNodes } from './find-unneeded-nodes.js';
export { ScaleDownTracker } from './scale-down-tracker.js';
export type { NodeGroupSizes } from './scale-down-tracker.js';
export { NodeGroupBackoff } from './node-group-backoff.js';
export { planScaleUp } from './plan-scale-up.js';
export type { ScaleUpGroup, ScaleUpInput, ScaleUpDecision } from './plan-scale-up.js';

export { compileFailureModel, failureSpecIssues, steadyStateAvailability, failureTimeline } from './failure-model.js';
export type { FailureSpec, FailureModel } from './failure-model.js';
export { NODE_LIFECYCLE_DEFAULTS, TAINT_NOT_READY, TAINT_UNREACHABLE, DAEMONSET_TOLERATIONS, nodeNotReadyAt, withDefaultTolerations, noExecuteEvictionDelay } from './node-lifecycle.js';
export { selectHosts, matchesHost, hostSelectorIssues } from './host-selector.js';
export type { HostSelector, SelectorHosts } from './host-selector.js';
export { expandHostEvents, HOST_ACTIONS, OPPOSITE_ACTION } from './scheduled-events.js';
export type { HostAction, HostEventSpec, TimedHostAction } from './scheduled-events.js';
export { pdbStatus, scaledIntOrPercent } from './pdb-status.js';
export type { PdbBounds, PdbStatus } from './pdb-status.js';
export { canEvict, evictPod, EVICTION_RETRY_INTERVAL } from './eviction-api.js';
export type { EvictablePod, EvictionDecision } from './eviction-api.js';
export { replicaSetDiff, podDeletionOrder, RS_POD_PENDING, RS_POD_UNKNOWN, RS_POD_RUNNING } from './replica-set-controller.js';
export type { DeletionCandidates } from './replica-set-controller.js';
export { JobController, jobBackoffRemaining, jobSpecIssues, JOB_BACKOFF } from './job-controller.js';
export type { JobSpec, JobAction } from './job-controller.js';

export { StepIntegral } from './step-integral.js';
export { compilePowerModel, powerSpecIssues } from './power-model.js';
export type { PowerSpec } from './power-model.js';
export { compileCarbonIntensity, carbonIntensityIssues } from './carbon-intensity.js';
export type { CarbonIntensitySpec, CarbonIntensity } from './carbon-intensity.js';
export { HostMeter } from './host-meter.js';
export { compileLoadRate, replicaCpuMillis, availabilityRatio } from './service-load.js';
export { declaredCpuMillis, hostCpuUtilization, meanRateOver } from './declared-usage.js';
export type { LoadRateSpec } from './service-load.js';
export type { CostSummary, EnergySummary, UtilizationBasis } from '../simulation/result.js';

export { dynamicsWorkloadShape, dynamicsHostGroupShape, dynamicsScenarioShape, autoscaleSchema, autoscalerSchema, hostEventSchema, loadRateSchema, crossCheckDynamics, dynamicsIssues } from './schema.js';
export type { DynamicsWorkload, DynamicsHostGroup, DynamicsScenario, DynamicsScenarioView } from './schema.js';

export type { HpaTarget, AutoscalerCluster } from './autoscaler-host.js';
export { hpaFromObject } from './hpa-object.js';
export type { ImportedHpa } from './hpa-object.js';
export { HpaLoop, ReplicaSeries } from './hpa-loop.js';
export type { HpaBinding, HpaScaleEvent } from './hpa-loop.js';
export { ClusterAutoscalerLoop } from './cluster-autoscaler-loop.js';
export type { NodeGroupBinding, ClusterScaleEvent } from './cluster-autoscaler-loop.js';
export type { AutoscalingSummary } from '../simulation/result.js';
export { controlledArrival, isControlled, isJob, addedHostSlots } from './controlled-arrival.js';
export type { ControlledWorkloadView } from './controlled-arrival.js';
export type { WorkloadDynamicsResult } from '../simulation/dynamics/workload-controllers.js';
export type { HostsDynamicsResult } from '../simulation/dynamics/dynamics-driver.js';
export type { HostGroupDynamics } from '../simulation/dynamics/host-fleet.js';
