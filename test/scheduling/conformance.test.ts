import { builtinPolicyNames, policyFactory } from '../../src/scheduling/policy-registry.js';
import { KUBE_POLICIES } from '../../src/scheduling/policy-names.js';
import { describeSchedulerConformance } from './conformance.js';

// Every built-in policy passes the same suite, kube-scheduler's presets included (fewer random runs:
// each of its decisions filters and scores every host); a new policy joins the registry and is covered here.
for (const name of builtinPolicyNames()) {
  const kube = KUBE_POLICIES.includes(name);
  describeSchedulerConformance(name, policyFactory(name)!, kube ? { runs: 200, selects: 300 } : {});
}
