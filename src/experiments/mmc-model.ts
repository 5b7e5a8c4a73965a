import type { Issue } from '../errors.js';
import { parseResources } from '../resources/parse.js';
import type { Scenario } from '../scenario/schema.js';
import { mmc } from '../theory/mmc.js';

/**
 * A scenario seen as an M/M/c queue: one workload with Poisson arrivals and exponential durations,
 * identical containers, and `servers` = the containers all hosts can hold at once.
 *
 * @example
 * ```ts
 * const m: MmcModel = { servers: 10, arrivalRate: 8, serviceRate: 1, request: { cpu: 1000 }, capacity: { cpu: 10000 } };
 * ```
 */
export interface MmcModel {
  readonly servers: number;
  readonly arrivalRate: number;
  readonly serviceRate: number;
  /** One container's request, in podsim's integer units. */
  readonly request: Readonly<Record<string, number>>;
  /** All hosts' capacity together, in the same units. */
  readonly capacity: Readonly<Record<string, number>>;
}

const PLAIN_WORKLOAD = new Set(['name', 'count', 'horizon', 'arrival', 'duration', 'request', 'limit', 'labels']);
const PLAIN_HOST = new Set(['name', 'count', 'capacity', 'labels']);
const QUEUEING_POLICIES = new Set(['first-fit', 'best-fit', 'worst-fit', 'random', 'round-robin']);

/**
 * The M/M/c queue a scenario is, when it is one: a single workload with Poisson arrivals, exponential
 * durations and nothing the performance model or kube-scheduler would add (start-up, images, memory
 * profiles, affinities, back-off), on hosts without taints; a non-kube policy (any free room serves,
 * so the hosts act as c identical servers). Otherwise the reason it is not.
 *
 * @example
 * ```ts
 * mmcModelOf(scenario); // { ok: true, model: { servers: 10, arrivalRate: 8, serviceRate: 1, … } }
 * ```
 */
export function mmcModelOf(scenario: Scenario): { ok: true; model: MmcModel } | { ok: false; reason: string } {
  const ws = scenario.workloads ?? [];
  if (ws.length !== 1) return { ok: false, reason: `it has ${ws.length} workloads, not one` };
  const w = ws[0] as Scenario['workloads'][number];
  const extra = Object.keys(w).filter((k) => !PLAIN_WORKLOAD.has(k));
  if (extra.length > 0) return { ok: false, reason: `workload "${w.name}" sets ${extra.join(', ')}` };
  if (w.arrival?.process !== 'poisson') return { ok: false, reason: `workload "${w.name}" arrives by ${w.arrival?.process ?? 'its controller'}, not poisson` };
  if (w.duration?.distribution !== 'exponential') return { ok: false, reason: `workload "${w.name}" has ${w.duration === undefined ? 'no duration' : `a ${w.duration.distribution} duration`}, not exponential` };
  const policy = scenario.scheduler?.policy ?? 'first-fit';
  if (!QUEUEING_POLICIES.has(policy)) return { ok: false, reason: `policy ${policy} adds kube-scheduler's back-off` };
  const issues: Issue[] = [];
  const request = parseResources(w.request, 'request', issues) ?? {};
  const capacity: Record<string, number> = {};
  let servers = 0;
  for (const h of scenario.hosts ?? []) {
    const extraHost = Object.keys(h).filter((k) => !PLAIN_HOST.has(k));
    if (extraHost.length > 0) return { ok: false, reason: `host group "${h.name}" sets ${extraHost.join(', ')}` };
    const cap = parseResources(h.capacity, 'capacity', issues) ?? {};
    const count = h.count ?? 1;
    let slots = Infinity;
    for (const [d, r] of Object.entries(request)) if (r > 0) slots = Math.min(slots, Math.floor((cap[d] ?? 0) / r));
    if (!Number.isFinite(slots)) return { ok: false, reason: `workload "${w.name}" requests nothing` };
    servers += slots * count;
    for (const [d, c] of Object.entries(cap)) capacity[d] = (capacity[d] ?? 0) + c * count;
  }
  if (issues.length > 0) return { ok: false, reason: issues[0]?.message ?? 'invalid quantities' };
  return { ok: true, model: { servers, arrivalRate: w.arrival.rate as number, serviceRate: 1 / w.duration.mean, request, capacity } };
}

/**
 * A metric of the result, from the M/M/c steady state: `wait.mean`, `wait.p50`/`p90`/`p99` (or any
 * `wait.pNN`), `queue.mean` and `utilization.<resource>`. `Infinity` for waits when the queue is
 * unstable; `undefined` for metrics the model does not give.
 *
 * @example
 * ```ts
 * mmcMetric(model, 'wait.p99'); // 1.62…
 * ```
 */
export function mmcMetric(model: MmcModel, metric: string): number | undefined {
  const { servers, arrivalRate: l, serviceRate: mu } = model;
  const util = /^utilization\.(.+)$/.exec(metric);
  if (util !== undefined && util !== null) {
    const d = util[1] as string;
    const cap = model.capacity[d];
    if (cap === undefined || cap <= 0) return undefined;
    return Math.min(1, ((l / mu) * (model.request[d] ?? 0)) / cap);
  }
  const q = /^wait\.p(\d{1,2}(?:\.\d+)?)$/.exec(metric);
  if (metric !== 'wait.mean' && metric !== 'queue.mean' && q === null) return undefined;
  if (servers < 1 || l / mu >= servers) return Infinity;
  const m = mmc(servers, l, mu);
  if (metric === 'wait.mean') return m.meanWait;
  if (metric === 'queue.mean') return m.meanQueueLength;
  return m.waitQuantile(Number((q as RegExpExecArray)[1]) / 100);
}
