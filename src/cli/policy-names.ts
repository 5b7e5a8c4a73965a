import { policyNames as registered } from '../scheduling/policy-registry.js';

/**
 * The placement policy names a scenario may give, from the policy registry, so that the CLI's help
 * lists every policy the simulation knows (the built-in ones and any registered).
 *
 * @example
 * ```ts
 * policyNames(); // ['first-fit', 'best-fit', 'worst-fit', 'random', 'round-robin', 'kube', 'tetris', 'spread', 'binpack']
 * ```
 */
export function policyNames(): string[] {
  return registered();
}
