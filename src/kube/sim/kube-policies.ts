import type { PolicyContext, PolicyParts } from '../../scheduling/policy-registry.js';
import { DominantResourceFairness } from '../dominant-resource-fairness.js';
import { DrfOrder } from './drf-order.js';
import { KubeSchedulerAdapter, type KubeOwnerSource } from './kube-adapter.js';
import { KubeQueue } from './kube-queue.js';

import { KUBE_POLICIES } from '../../scheduling/policy-names.js';

/**
 * Options for {@link kubePolicy}.
 *
 * @example
 * ```ts
 * const owners = { current: -1 };
 * const parts = kubePolicy(ctx, 'kube', { owners }); // set owners.current before each submission
 * ```
 */
export interface KubePolicyOptions {
  /** Per-container owners instead of each container's workload (see {@link KubeOwnerSource}). @defaultValue the workload */
  readonly owners?: KubeOwnerSource;
}

/**
 * kube-scheduler for one run: the {@link KubeSchedulerAdapter} over a live {@link KubeScheduler},
 * and its {@link KubeQueue} (PrioritySort unless the profile disables it, or DRF by namespace when the
 * scenario says `queueSort: DRF`; back-off from podInitialBackoffSeconds and podMaxBackoffSeconds;
 * gangs).
 *
 * @example
 * ```ts
 * const { scheduler, queue } = kubePolicy(ctx, 'binpack');
 * // A trace replay: each task's pod owned by its job, read when the task is submitted.
 * const owners = { current: -1 };
 * const parts = kubePolicy(ctx, 'kube', { owners });
 * ```
 */
export function kubePolicy(ctx: PolicyContext, name: string, options: KubePolicyOptions = {}): PolicyParts {
  const owners = options.owners;
  const scheduler = new KubeSchedulerAdapter(ctx, name, owners === undefined ? {} : { owners });
  const s = ctx.scenario, parsed = s.parsed;
  const D = ctx.cluster.D;
  let drf: DrfOrder | undefined;
  if (parsed.scheduler?.queueSort === 'DRF') {
    const demand = new Float64Array(s.workloads.length * D);
    s.workloads.forEach((w, i) => ctx.cluster.demandOf(w.request, demand, i * D));
    const tenants = s.workloads.map((_, i) => parsed.workloads[i]?.namespace ?? 'default');
    const fairness = new DominantResourceFairness(ctx.cluster.totalCapacity, parsed.scheduler.tenants ?? {});
    // Shares are of the cluster's capacity now (Simulation.setHostCapacity changes it).
    ctx.cluster.onCapacity(() => fairness.setTotal(ctx.cluster.totalCapacity));
    drf = new DrfOrder(fairness, tenants, demand, D);
  }
  const queue = new KubeQueue({
    priorities: s.workloads.map((w) => w.priority),
    prioritySort: scheduler.prioritySort,
    initialBackoff: parsed.scheduler?.podInitialBackoffSeconds ?? 1,
    maxBackoff: parsed.scheduler?.podMaxBackoffSeconds ?? 10,
    gangs: s.workloads.map((_, i) => parsed.workloads[i]?.gang ?? 0),
    fifoReturns: s.queue === 'fifo',
    ...(owners === undefined ? {} : { onSubmit: (c: number) => scheduler.noteSubmitted(c) }),
    ...(drf === undefined ? {} : { drf }),
  });
  return { scheduler, queue };
}

/** The registry's factories for the kube policies, by name. @example `KUBE_POLICY_FACTORIES.kube(ctx)` */
export const KUBE_POLICY_FACTORIES: Readonly<Record<string, (ctx: PolicyContext) => PolicyParts>> = Object.fromEntries(
  KUBE_POLICIES.map((name) => [name, (ctx: PolicyContext) => kubePolicy(ctx, name)]),
);
