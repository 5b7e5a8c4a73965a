/**
 * What PrioritySort compares: a pod's priority and when it entered the queue.
 *
 * @example
 * ```ts
 * const item: QueuedPod = { priority: 1000, timestamp: 12.5 };
 * ```
 */
export interface QueuedPod {
  readonly priority: number;
  readonly timestamp: number;
}

/**
 * kube-scheduler's PrioritySort `Less`: higher priority first, then earlier timestamp (FIFO)
 * (upstream framework/plugins/queuesort/priority_sort.go).
 *
 * @example
 * ```ts
 * queue.sort((a, b) => (prioritySortLess(a, b) ? -1 : prioritySortLess(b, a) ? 1 : 0));
 * ```
 */
export function prioritySortLess(a: QueuedPod, b: QueuedPod): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  return a.timestamp < b.timestamp;
}
