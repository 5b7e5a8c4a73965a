import type { ExpansionOption } from './expander.js';
import { keepLowest } from './keep-best.js';

/**
 * The `most-pods` filter (cluster-autoscaler expander/mostpods/mostpods.go): the options that schedule the
 * most pods.
 *
 * @example
 * ```ts
 * mostPodsFilter([{ …, podCount: 3 }, { …, podCount: 5 }]); // the second
 * ```
 */
export function mostPodsFilter(options: readonly ExpansionOption[]): ExpansionOption[] {
  return keepLowest(options, (o) => -o.podCount);
}
