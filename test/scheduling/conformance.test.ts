import { RandomStreams } from '../../src/random/streams.js';
import { createPolicy, POLICIES } from '../../src/scheduling/create-policy.js';
import { describePolicyConformance } from './conformance.js';

// Every built-in policy passes the same suite; a new policy joins POLICIES and is covered here.
for (const name of POLICIES) describePolicyConformance(name, (seed) => createPolicy(name, new RandomStreams(seed)));
