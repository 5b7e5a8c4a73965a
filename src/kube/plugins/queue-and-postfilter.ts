import type { Issue } from '../../errors.js';
import type { KubePlugin } from '../plugin.js';
import { defaultPreemptionArgsSchema } from '../profile-schema.js';
import { zodIssues } from '../validate-helpers.js';
import { noArgs } from './common.js';

/**
 * PrioritySort (queueSort): the queue order, higher priority first, then earlier arrival
 * (upstream framework/plugins/queuesort/priority_sort.go; see `prioritySortLess`). Disabling it leaves
 * the queue in arrival order (FIFO): `KubeScheduler.queueSortEnabled` is then false and `queueLess`
 * compares arrival times only.
 *
 * @example
 * ```ts
 * resolveProfile({ plugins: { queueSort: { disabled: [{ name: 'PrioritySort' }] } } }).prioritySort; // false
 * ```
 */
export const PrioritySort: KubePlugin = {
  name: 'PrioritySort',
  points: ['queueSort'],
  validateArgs: noArgs('PrioritySort'),
};

function preemptionArgsIssues(args: unknown, path: string): Issue[] {
  const out: Issue[] = [];
  zodIssues(defaultPreemptionArgsSchema.safeParse(args ?? {}), path, out);
  return out;
}

/**
 * DefaultPreemption (postFilter): when no node fits, find nodes where evicting lower-priority pods
 * would make the pod fit, and nominate the best (see `KubeScheduler.preempt`, which runs it when the
 * pod's profile enables it).
 *
 * @example
 * ```ts
 * resolveProfile({ pluginConfig: [{ name: 'DefaultPreemption', args: { minCandidateNodesAbsolute: 10 } }] }).defaultPreemption;
 * ```
 */
export const DefaultPreemption: KubePlugin = {
  name: 'DefaultPreemption',
  points: ['preEnqueue', 'postFilter'],
  validateArgs: preemptionArgsIssues,
};
