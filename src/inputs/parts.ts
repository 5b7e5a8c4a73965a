import type { DistributionSpec } from '../random/distributions.js';
import type { HostGroupSpec, WorkloadSpec } from '../scenario/schema.js';
import type { IssueSink } from './issue.js';
import type { NamespaceSpec, Origin, PodDisruptionBudgetSpec, PriorityClassSpec } from './types.js';

/**
 * A scenario part read from an input, with where it came from and the names it would like
 * (tried in order when merging, so that names stay unique).
 *
 * @example
 * ```ts
 * const w: Imported<WorkloadSpec> = { value: spec, origin, names: ['web', 'shop/web'] };
 * ```
 */
export interface Imported<T> {
  readonly value: T;
  readonly origin: Origin;
  readonly names: readonly string[];
}

/**
 * Everything converted from manifests or Compose files, before merging.
 *
 * @example
 * ```ts
 * const parts = newParts();
 * parts.workloads.push(item);
 * ```
 */
export interface ConvertedParts {
  readonly hosts: Imported<HostGroupSpec>[];
  readonly workloads: Imported<WorkloadSpec>[];
  readonly priorityClasses: Imported<PriorityClassSpec>[];
  readonly horizontalPodAutoscalers: Imported<Record<string, unknown>>[];
  readonly podDisruptionBudgets: Imported<PodDisruptionBudgetSpec>[];
  readonly namespaces: Imported<NamespaceSpec>[];
  /** Ignored objects: kind → names. */
  readonly ignored: Map<string, string[]>;
  /** Jobs that got the default duration: their labels. */
  readonly defaultDuration: string[];
  /** Compose services with no reservations: their names. */
  readonly noReservations: string[];
  /** Compose services whose requests were taken from their limits (requestsFromLimits). */
  readonly requestsFromLimits: string[];
}

/**
 * What a converter (Kubernetes objects, Compose files) works with: where problems go, the resolved
 * options, and the parts it fills.
 *
 * @example
 * ```ts
 * const ctx: ConvertContext = { sink: new IssueSink(), options, parts: newParts() };
 * ```
 */
export interface ConvertContext {
  readonly sink: IssueSink;
  readonly options: ResolvedImportOptions;
  readonly parts: ConvertedParts;
}

/** An empty {@link ConvertedParts}. @example `const parts = newParts();` */
export function newParts(): ConvertedParts {
  return { hosts: [], workloads: [], priorityClasses: [], horizontalPodAutoscalers: [], podDisruptionBudgets: [], namespaces: [], ignored: new Map(), defaultDuration: [], noReservations: [], requestsFromLimits: [] };
}

/**
 * Import options with their defaults filled in.
 *
 * @example
 * ```ts
 * const o: ResolvedImportOptions = { horizon: 86400, jobDuration: { distribution: 'constant', value: 60 }, jobDurationIsDefault: true, start: 0, maxArrivals: 1e6 };
 * ```
 */
export interface ResolvedImportOptions {
  readonly horizon: number;
  readonly jobDuration: DistributionSpec;
  readonly jobDurationIsDefault: boolean;
  readonly start: string | number | Date;
  readonly maxArrivals: number;
  readonly requestsFromLimits: boolean;
  readonly scale: number;
}

/** The duration jobs get when nothing says how long they run. @example `DEFAULT_JOB_DURATION; // { distribution: 'constant', value: 60 }` */
export const DEFAULT_JOB_DURATION: DistributionSpec = { distribution: 'constant', value: 60 };

/** The horizon for cron schedules when neither the options nor the scenario give one: one day. @example `DEFAULT_HORIZON; // 86400` */
export const DEFAULT_HORIZON = 86_400;

/** The annotation that sets how long a Kubernetes object's pods run, in seconds or Go notation ("5m"). @example `metadata: { annotations: { 'podsim.io/duration': '5m' } }` */
export const DURATION_ANNOTATION = 'podsim.io/duration';

/**
 * Explicit arrival times for a batch of `completions` tasks run `parallelism` at a time: waves of
 * `parallelism` tasks starting at `start`, `start + meanDuration`, `start + 2·meanDuration`, …
 * Exact when every task takes `meanDuration`; with random durations it approximates the limit.
 *
 * @example
 * ```ts
 * jobWaves(5, 2, 0, 60); // [0, 0, 60, 60, 120]
 * ```
 */
export function jobWaves(completions: number, parallelism: number, start: number, meanDuration: number): number[] {
  const p = Math.max(1, parallelism);
  const out: number[] = [];
  for (let done = 0, k = 0; done < completions; k++) {
    const n = Math.min(p, completions - done);
    const t = start + k * meanDuration;
    for (let i = 0; i < n; i++) out.push(t);
    done += n;
  }
  return out;
}
