import type { ExpanderName } from './expander.js';

/**
 * The cluster autoscaler's settings podsim models, named after its flags (camelCase), in seconds where the
 * flag takes a duration. Defaults are upstream's (kubernetes/autoscaler cluster-autoscaler/FAQ.md "What are
 * the parameters to CA?" and config/autoscaling_options.go).
 *
 * @example
 * ```ts
 * const o: AutoscalerOptions = { scanInterval: 10, expander: ['least-waste'], scaleDownUnneededTime: 300 };
 * ```
 */
export interface AutoscalerOptions {
  /** `--scan-interval`: seconds between autoscaler loops. @defaultValue 10 */
  readonly scanInterval?: number | undefined;
  /** `--expander`: the expanders, applied in order. @defaultValue ['least-waste'] */
  readonly expander?: readonly ExpanderName[] | undefined;
  /** `--max-nodes-total`: most nodes in all autoscaled groups together; 0 = no limit. @defaultValue 0 */
  readonly maxNodesTotal?: number | undefined;
  /** `--max-nodes-per-scaleup`: most nodes one scale-up adds. @defaultValue 1000 */
  readonly maxNodesPerScaleUp?: number | undefined;
  /** `--max-node-provision-time`: seconds a requested node may take to register before the scale-up counts as failed. @defaultValue 900 */
  readonly maxNodeProvisionTime?: number | undefined;
  /** `--new-pod-scale-up-delay`: pods younger than this are not considered for scale-up. @defaultValue 0 */
  readonly newPodScaleUpDelay?: number | undefined;
  /** `--scale-down-enabled`. @defaultValue true */
  readonly scaleDownEnabled?: boolean | undefined;
  /** `--scale-down-utilization-threshold`: a node below this requested fraction (the larger of CPU and memory) may go. @defaultValue 0.5 */
  readonly scaleDownUtilizationThreshold?: number | undefined;
  /** `--scale-down-gpu-utilization-threshold`: the same, for GPU nodes, on GPUs only. @defaultValue 0.5 */
  readonly scaleDownGpuUtilizationThreshold?: number | undefined;
  /** `--scale-down-unneeded-time`: seconds a node must stay unneeded before it is removed. @defaultValue 600 */
  readonly scaleDownUnneededTime?: number | undefined;
  /** `--scale-down-unready-time`: the same for an unready node. @defaultValue 1200 */
  readonly scaleDownUnreadyTime?: number | undefined;
  /** `--scale-down-unready-enabled`. @defaultValue true */
  readonly scaleDownUnreadyEnabled?: boolean | undefined;
  /** `--scale-down-delay-after-add`: seconds after a scale-up before scale-down resumes. @defaultValue 600 */
  readonly scaleDownDelayAfterAdd?: number | undefined;
  /** `--scale-down-delay-after-delete`: seconds after a node deletion before scale-down resumes. @defaultValue 0 */
  readonly scaleDownDelayAfterDelete?: number | undefined;
  /** `--scale-down-delay-after-failure`: seconds after a failed scale-down before it resumes. @defaultValue 180 */
  readonly scaleDownDelayAfterFailure?: number | undefined;
  /** `--max-scale-down-parallelism`: most nodes (empty or drained) deleted at once. @defaultValue 10 */
  readonly maxScaleDownParallelism?: number | undefined;
  /** `--max-drain-parallelism`: most non-empty nodes drained at once. @defaultValue 1 */
  readonly maxDrainParallelism?: number | undefined;
  /** `--ignore-daemonsets-utilization`: leave DaemonSet pods out of the utilisation. @defaultValue false */
  readonly ignoreDaemonSetsUtilization?: boolean | undefined;
  /** `--ignore-mirror-pods-utilization`: leave static (mirror) pods out of the utilisation. @defaultValue false */
  readonly ignoreMirrorPodsUtilization?: boolean | undefined;
  /** `--skip-nodes-with-local-storage`: pods with local storage (emptyDir, hostPath) block their node's removal. @defaultValue true */
  readonly skipNodesWithLocalStorage?: boolean | undefined;
  /** `--skip-nodes-with-system-pods`: kube-system pods without a PDB block their node's removal. @defaultValue true */
  readonly skipNodesWithSystemPods?: boolean | undefined;
  /** `--skip-nodes-with-custom-controller-pods`: pods owned by other controllers than ReplicaSet, ReplicationController, Job or StatefulSet block. @defaultValue true */
  readonly skipNodesWithCustomControllerPods?: boolean | undefined;
  /** `--initial-node-group-backoff-duration`: seconds a group is skipped after its first failed scale-up. @defaultValue 300 */
  readonly initialNodeGroupBackoffDuration?: number | undefined;
  /** `--max-node-group-backoff-duration`: the back-off doubles up to this. @defaultValue 1800 */
  readonly maxNodeGroupBackoffDuration?: number | undefined;
  /** `--node-group-backoff-reset-timeout`: seconds after the last failure when the back-off starts over. @defaultValue 10800 */
  readonly nodeGroupBackoffResetTimeout?: number | undefined;
  /** `--max-graceful-termination-sec`: most seconds a drained pod is given to terminate. @defaultValue 600 */
  readonly maxGracefulTerminationSec?: number | undefined;
}

/** {@link AutoscalerOptions} with every default applied. @example `AUTOSCALER_DEFAULTS.scanInterval; // 10` */
export type ResolvedAutoscalerOptions = { readonly [K in keyof AutoscalerOptions]-?: Exclude<AutoscalerOptions[K], undefined> };

/**
 * The cluster autoscaler's defaults.
 *
 * @example
 * ```ts
 * AUTOSCALER_DEFAULTS.scaleDownUtilizationThreshold; // 0.5
 * ```
 */
export const AUTOSCALER_DEFAULTS: ResolvedAutoscalerOptions = Object.freeze({
  scanInterval: 10,
  expander: Object.freeze(['least-waste']) as readonly ExpanderName[],
  maxNodesTotal: 0,
  maxNodesPerScaleUp: 1000,
  maxNodeProvisionTime: 900,
  newPodScaleUpDelay: 0,
  scaleDownEnabled: true,
  scaleDownUtilizationThreshold: 0.5,
  scaleDownGpuUtilizationThreshold: 0.5,
  scaleDownUnneededTime: 600,
  scaleDownUnreadyTime: 1200,
  scaleDownUnreadyEnabled: true,
  scaleDownDelayAfterAdd: 600,
  scaleDownDelayAfterDelete: 0,
  scaleDownDelayAfterFailure: 180,
  maxScaleDownParallelism: 10,
  maxDrainParallelism: 1,
  ignoreDaemonSetsUtilization: false,
  ignoreMirrorPodsUtilization: false,
  skipNodesWithLocalStorage: true,
  skipNodesWithSystemPods: true,
  skipNodesWithCustomControllerPods: true,
  initialNodeGroupBackoffDuration: 300,
  maxNodeGroupBackoffDuration: 1800,
  nodeGroupBackoffResetTimeout: 10800,
  maxGracefulTerminationSec: 600,
});

/**
 * Applies the defaults to {@link AutoscalerOptions} (fields left out, or undefined, take upstream's value).
 *
 * @example
 * ```ts
 * resolveAutoscalerOptions({ scaleDownUnneededTime: 120 }).scaleDownDelayAfterAdd; // 600
 * ```
 */
export function resolveAutoscalerOptions(o: AutoscalerOptions | undefined): ResolvedAutoscalerOptions {
  const out: Record<string, unknown> = { ...AUTOSCALER_DEFAULTS };
  if (o !== undefined) for (const [k, v] of Object.entries(o)) if (v !== undefined && k in out) out[k] = v;
  return out as ResolvedAutoscalerOptions;
}
