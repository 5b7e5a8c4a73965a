import type { ExpansionOption } from './expander.js';

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
  let best = -1;
  let out: ExpansionOption[] = [];
  for (const o of options) {
    if (o.podCount > best) { best = o.podCount; out = [o]; } else if (o.podCount === best) out.push(o);
  }
  return out;
}
