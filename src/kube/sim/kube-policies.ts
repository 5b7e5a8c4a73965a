import type { PolicyContext, PolicyParts } from '../../scheduling/policy-registry.js';
import { DominantResourceFairness } from '../dominant-resource-fairness.js';
import { DrfOrder } from './drf-order.js';
import { KubeSchedulerAdapter } from './kube-adapter.js';
import { KubeQueue } from './kube-queue.js';

import { KUBE_POLICIES } from '../../scheduling/policy-names.js';

/**
 * kube-scheduler for one run: the {@link KubeSchedulerAdapter} over a live {@link KubeScheduler},
 * and its {@link KubeQueue} (PrioritySort unless the profile disables it, or DRF by namespace when the
 * scenario says `queueSort: DRF`; back-off from podInitialBackoffSeconds and podMaxBackoffSeconds;
 * gangs).
 *
 * @example
 * ```ts
 * const { scheduler, queue } = kubePolicy(ctx, 'binpack');
 * ```
 */
export function kubePolicy(ctx: PolicyContext, name: string): PolicyParts {
  const scheduler = new KubeSchedulerAdapter(ctx, name);
  const s = ctx.scenario, parsed = s.parsed;
  const D = ctx.cluster.D;
  let drf: DrfOrder | undefined;
  if (parsed.scheduler?.queueSort === 'DRF') {
    const demand = new Float64Array(s.workloads.length * D);
    s.workloads.forEach((w, i) => ctx.cluster.demandOf(w.request, demand, i * D));
    const tenants = s.workloads.map((_, i) => parsed.workloads[i]?.namespace ?? 'default');
    drf = new DrfOrder(new DominantResourceFairness(ctx.cluster.totalCapacity, parsed.scheduler.tenants ?? {}), tenants, demand, D);
  }
  const queue = new KubeQueue({
    priorities: s.workloads.map((w) => w.priority),
    prioritySort: scheduler.prioritySort,
    initialBackoff: parsed.scheduler?.podInitialBackoffSeconds ?? 1,
    maxBackoff: parsed.scheduler?.podMaxBackoffSeconds ?? 10,
    gangs: s.workloads.map((_, i) => parsed.workloads[i]?.gang ?? 0),
    fifoReturns: s.queue === 'fifo',
    ...(drf === undefined ? {} : { drf }),
  });
  return { scheduler, queue };
}

/** The registry's factories for the kube policies, by name. @example `KUBE_POLICY_FACTORIES.kube(ctx)` */
export const KUBE_POLICY_FACTORIES: Readonly<Record<string, (ctx: PolicyContext) => PolicyParts>> = Object.fromEntries(
  KUBE_POLICIES.map((name) => [name, (ctx: PolicyContext) => kubePolicy(ctx, name)]),
);
