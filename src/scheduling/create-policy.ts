import type { RandomStreams } from '../random/streams.js';
import { bestFit, firstFit, randomFit, roundRobin, worstFit } from './policies.js';
import type { Scheduler } from './scheduler.js';
import type { ClassicPolicyName } from './policy-names.js';

export { POLICIES } from './policy-names.js';
export type { ClassicPolicyName } from './policy-names.js';

/**
 * Makes a classic policy by name. The random policy draws from the stream `policy/random`.
 *
 * @example
 * ```ts
 * const p = createPolicy('best-fit', new RandomStreams(1));
 * ```
 */
export function createPolicy(name: ClassicPolicyName, streams: RandomStreams): Scheduler {
  switch (name) {
    case 'first-fit': return firstFit();
    case 'best-fit': return bestFit();
    case 'worst-fit': return worstFit();
    case 'random': return randomFit(streams.get('policy/random'));
    case 'round-robin': return roundRobin();
  }
}
