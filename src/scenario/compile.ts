import { PodsimError } from '../errors.js';
import { compileDistribution, type Sampler } from '../random/distributions.js';
import { parseResources } from '../resources/parse.js';
import type { ResourceVector } from '../resources/vector.js';
import type { Issue } from '../errors.js';
import type { ParsedScenario } from './validate.js';
import { parseScenario } from './validate.js';
import type { PolicyName } from './schema.js';

/** A host after expanding its group. @example `{ name: 'node-0', group: 0, capacity: { cpu: 4000 }, labels: {} }` */
export interface CompiledHost {
  readonly name: string;
  readonly group: number;
  readonly capacity: ResourceVector;
  readonly labels: Readonly<Record<string, string>>;
}

/** An arrival process ready to draw from. @example `{ kind: 'poisson', rate: 8 }` */
export type CompiledArrival =
  | { readonly kind: 'poisson'; readonly rate: number }
  | { readonly kind: 'interval'; readonly every: number; readonly start: number }
  | { readonly kind: 'explicit'; readonly times: readonly number[] };

/** A workload with its quantities parsed and its distributions compiled. @example `compiled.workloads[0].count` */
export interface CompiledWorkload {
  readonly name: string;
  readonly index: number;
  /** Containers to submit in all (`Infinity` when unbounded). */
  readonly count: number;
  /** Last time an arrival may happen (`Infinity` when unbounded). */
  readonly horizon: number;
  readonly arrival: CompiledArrival;
  /** Draws a run time; `undefined` for services that run until the end. */
  readonly duration: Sampler | undefined;
  readonly request: ResourceVector;
  readonly limit: ResourceVector | undefined;
}

/**
 * A validated scenario in the form the engine runs: quantities as exact integers, hosts expanded,
 * distributions compiled, the dimension list fixed (`cpu` and `memory` first).
 *
 * @example
 * ```ts
 * const c = compileScenario(scenario);
 * c.hosts.length; // Σ count over host groups
 * ```
 */
export interface CompiledScenario {
  readonly seed: number | string;
  readonly until: number;
  readonly dims: readonly string[];
  readonly hosts: readonly CompiledHost[];
  readonly workloads: readonly CompiledWorkload[];
  readonly policy: PolicyName;
  readonly queue: 'fifo' | 'skip';
  /** Seconds between time-series samples, or 0 for none. */
  readonly sampleInterval: number;
}

function must<T>(v: T | undefined, issues: Issue[]): T {
  if (v === undefined && issues.length === 0) throw new Error('internal: a validated quantity failed to parse');
  return v as T;
}

/**
 * Validates a scenario and compiles it. Throws a {@link PodsimError} listing every problem.
 *
 * @example
 * ```ts
 * const compiled = compileScenario({ hosts: [...], workloads: [...] });
 * ```
 */
export function compileScenario(input: unknown): CompiledScenario {
  const s: ParsedScenario = parseScenario(input);
  const issues: Issue[] = [];
  const dims: string[] = ['cpu', 'memory'];
  const addDims = (v: ResourceVector) => { for (const k of Object.keys(v)) if (!dims.includes(k)) dims.push(k); };
  const hosts: CompiledHost[] = [];
  s.hosts.forEach((g, gi) => {
    const capacity = must(parseResources(g.capacity, `hosts[${gi}].capacity`, issues), issues);
    addDims(capacity);
    const n = g.count ?? 1;
    for (let i = 0; i < n; i++) hosts.push({ name: `${g.name}-${i}`, group: gi, capacity, labels: g.labels ?? {} });
  });
  const workloads: CompiledWorkload[] = s.workloads.map((w, wi) => {
    const request = must(parseResources(w.request, `workloads[${wi}].request`, issues), issues);
    const limit = w.limit === undefined ? undefined : must(parseResources(w.limit, `workloads[${wi}].limit`, issues), issues);
    addDims(request);
    const a = w.arrival;
    const arrival: CompiledArrival =
      a.process === 'poisson' ? { kind: 'poisson', rate: a.rate }
      : a.process === 'interval' ? { kind: 'interval', every: a.every, start: a.start ?? 0 }
      : { kind: 'explicit', times: a.times };
    return {
      name: w.name,
      index: wi,
      count: w.count ?? (a.process === 'explicit' ? a.times.length : Infinity),
      horizon: w.horizon ?? Infinity,
      arrival,
      duration: w.duration === undefined ? undefined : compileDistribution(w.duration),
      request,
      limit,
    };
  });
  if (issues.length > 0) throw new PodsimError(issues, 'invalid scenario');
  return {
    seed: s.seed ?? 1,
    until: s.until ?? Infinity,
    dims,
    hosts,
    workloads,
    policy: s.scheduler?.policy ?? 'first-fit',
    queue: s.scheduler?.queue ?? 'fifo',
    sampleInterval: s.timeseries?.interval ?? 0,
  };
}
