import type { Issue } from '../errors.js';
import { joinPath } from '../errors.js';

// The issue-12 fields the simulation does not drive yet, each with what is ignored. An entry goes when
// its model is wired (one line per field, so the helpers wiring them each remove their own).
const WORKLOAD_FIELDS: Readonly<Record<string, string>> = {
  load: 'offered load is not modelled yet: the replicas use no CPU beyond what their work or duration gives',
  cpuPerRequest: 'cpuPerRequest is not modelled yet (it goes with load)',
  autoscale: 'horizontal autoscaling is not modelled yet: the service keeps its replicas',
};
const HOST_FIELDS: Readonly<Record<string, string>> = {
  price: 'cost is not modelled yet: no result.cost',
  power: 'power is not modelled yet: no result.energy',
};
const SCENARIO_FIELDS: Readonly<Record<string, string>> = {
  autoscaler: 'the cluster autoscaler is not modelled yet: host groups keep their size',
  carbon: 'carbon is not modelled yet: no result.energy.co2kg',
};

/** What {@link dynamicsWarnings} reads. @example `{ hosts: [{ price: 1 }], workloads: [] }` */
export interface DynamicsWarningsView {
  readonly hosts: ReadonlyArray<object>;
  readonly workloads: ReadonlyArray<object>;
}

/**
 * `not_modelled` warnings for the dynamics fields a scenario gives that the simulation does not drive yet.
 *
 * @example
 * ```ts
 * dynamicsWarnings({ hosts: [{ name: 'n', price: 0.5 }], workloads: [] });
 * // [{ code: 'not_modelled', path: 'hosts[0].price', message: 'cost is not modelled yet: no result.cost' }]
 * ```
 */
export function dynamicsWarnings(s: DynamicsWarningsView): Issue[] {
  const out: Issue[] = [];
  const scan = (o: object, fields: Readonly<Record<string, string>>, base: string) => {
    for (const [k, message] of Object.entries(fields)) {
      if ((o as Record<string, unknown>)[k] !== undefined) out.push({ code: 'not_modelled', path: base === '' ? k : joinPath(base, k), message });
    }
  };
  s.hosts.forEach((h, i) => scan(h, HOST_FIELDS, joinPath('hosts', i)));
  s.workloads.forEach((w, i) => scan(w, WORKLOAD_FIELDS, joinPath('workloads', i)));
  scan(s, SCENARIO_FIELDS, '');
  return out;
}
