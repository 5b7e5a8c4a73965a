import { KUBE_POLICIES, POLICIES } from '../scheduling/policy-names.js';

/**
 * The placement policy names a scenario may give: the classic ones, then the kube-scheduler ones,
 * from the lists the simulation itself uses.
 *
 * @example
 * ```ts
 * policyNames(); // ['first-fit', 'best-fit', 'worst-fit', 'random', 'round-robin', 'kube', 'tetris', 'spread', 'binpack']
 * ```
 */
export function policyNames(): string[] {
  return [...POLICIES, ...KUBE_POLICIES];
}
