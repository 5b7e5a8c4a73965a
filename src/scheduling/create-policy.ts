import type { RandomStreams } from '../random/streams.js';
import type { PolicyName } from '../scenario/schema.js';
import { bestFit, firstFit, randomFit, roundRobin, worstFit } from './policies.js';
import type { PlacementPolicy } from './policy.js';

/** Every built-in policy name. @example `POLICIES.includes('best-fit') // true` */
export const POLICIES: readonly ClassicPolicyName[] = ['first-fit', 'best-fit', 'worst-fit', 'random', 'round-robin'];

/** The kube-scheduler-based policies: the framework with a profile, or with a preset profile. @example `KUBE_POLICIES.includes('binpack') // true` */
export const KUBE_POLICIES: readonly PolicyName[] = ['kube', 'tetris', 'spread', 'binpack'];

/** The classic bin-packing policies. @example `const p: ClassicPolicyName = 'best-fit';` */
export type ClassicPolicyName = 'first-fit' | 'best-fit' | 'worst-fit' | 'random' | 'round-robin';

/**
 * Makes a built-in policy by name. The random policy draws from the stream `policy/random`.
 *
 * @example
 * ```ts
 * const p = createPolicy('best-fit', new RandomStreams(1));
 * ```
 */
export function createPolicy(name: ClassicPolicyName, streams: RandomStreams): PlacementPolicy {
  switch (name) {
    case 'first-fit': return firstFit();
    case 'best-fit': return bestFit();
    case 'worst-fit': return worstFit();
    case 'random': return randomFit(streams.get('policy/random'));
    case 'round-robin': return roundRobin();
  }
}
