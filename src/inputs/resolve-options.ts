import type { Issue } from '../errors.js';
import { checkDistribution, meanOf, type DistributionSpec } from '../random/distributions.js';
import type { IssueSink } from './issue.js';
import { makeIssue } from './issue.js';
import { DEFAULT_HORIZON, DEFAULT_JOB_DURATION, type ConvertedParts, type ResolvedImportOptions } from './parts.js';
import type { ImportOptions, Origin } from './types.js';

/**
 * Applies defaults to {@link ImportOptions} and checks them, reporting problems as issues at
 * `options.<name>`. The cron horizon defaults to the scenario's `until` when one is given.
 *
 * @param options - The caller's options.
 * @param until - The scenario's `until`, if any scenario file set it.
 * @param sink - Receives problems.
 * @example
 * ```ts
 * const r = resolveImportOptions({}, 3600, new IssueSink());
 * r?.horizon; // 3600
 * ```
 */
export function resolveImportOptions(options: ImportOptions, until: unknown, sink: IssueSink): ResolvedImportOptions | undefined {
  const before = sink.issues.length;
  const o: Origin = { path: ['options'] };
  const horizon = options.horizon ?? (typeof until === 'number' && Number.isFinite(until) && until > 0 ? until : DEFAULT_HORIZON);
  if (typeof horizon !== 'number' || !Number.isFinite(horizon) || horizon <= 0) sink.error(o, ['horizon'], 'invalid_value', `must be a finite number of seconds greater than 0, got ${String(horizon)}`);
  const maxArrivals = options.maxArrivals ?? 1_000_000;
  if (!Number.isInteger(maxArrivals) || maxArrivals < 1) sink.error(o, ['maxArrivals'], 'invalid_value', `must be a whole number of at least 1, got ${String(maxArrivals)}`);
  const jobDuration: DistributionSpec = options.jobDuration ?? DEFAULT_JOB_DURATION;
  if (options.jobDuration !== undefined) {
    const issues: Issue[] = [];
    checkDistribution(options.jobDuration, 'options.jobDuration', issues);
    sink.issues.push(...issues);
    if (issues.length === 0 && !Number.isFinite(meanOf(jobDuration))) sink.error(o, ['jobDuration'], 'invalid_value', 'must have a finite mean (job waves are spaced by it)');
  }
  const scale = options.scale ?? 1;
  if (typeof scale !== 'number' || !Number.isInteger(scale) || scale < 1) sink.error(o, ['scale'], 'invalid_value', `must be a whole number of at least 1, got ${String(scale)}`);
  const start = options.start ?? '1970-01-01T00:00:00Z';
  if (!Number.isFinite(new Date(start).getTime())) sink.error(o, ['start'], 'invalid_value', `${JSON.stringify(start)} is not a valid date`);
  if (sink.issues.length > before) return undefined;
  return { horizon, maxArrivals, jobDuration, jobDurationIsDefault: options.jobDuration === undefined, start, requestsFromLimits: options.requestsFromLimits === true, scale };
}

function summarize(names: readonly string[], max = 5): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/**
 * Adds one notice per kind of thing ignored or assumed while converting: ignored kinds (all in
 * one notice), jobs given the default duration, Compose services without reservations, and
 * namespaces used without a Namespace object.
 *
 * @example
 * ```ts
 * addNotices(parts, workloads, sink);
 * ```
 */
export function addNotices(parts: ConvertedParts, workloads: readonly unknown[], sink: IssueSink, jobDuration: DistributionSpec = DEFAULT_JOB_DURATION): void {
  if (parts.ignored.size > 0) {
    const total = [...parts.ignored.values()].reduce((s, l) => s + l.length, 0);
    const byKind = [...parts.ignored.entries()].map(([k, names]) => `${k} ×${names.length} (${summarize(names, 3)})`).join('; ');
    sink.warnings.push(makeIssue('ignored_kinds', '', `ignored ${total} object${total === 1 ? '' : 's'} of kinds podsim does not simulate: ${byKind}`));
  }
  if (parts.defaultDuration.length > 0) {
    const d = jobDuration.distribution === 'constant' ? `${jobDuration.value} s each` : 'the default duration';
    sink.warnings.push(makeIssue('default_duration', '', `no podsim.io/duration annotation (or x-podsim-duration) on ${summarize(parts.defaultDuration)}: their pods run ${d} (set options.jobDuration to change this)`));
  }
  if (parts.noReservations.length > 0) {
    sink.warnings.push(makeIssue('no_reservations', '', `Compose services without deploy.resources.reservations request nothing, so their requests are 0 and every figure about them is 0 (reservations become requests; limits stay limits): ${summarize(parts.noReservations, 10)}; to take requests from limits, set requestsFromLimits (on the command line, --requests-from-limits)`));
  }
  if (parts.requestsFromLimits.length > 0) {
    sink.warnings.push(makeIssue('requests_from_limits', '', `requests taken from limits (requestsFromLimits) for Compose services that reserve nothing: ${summarize(parts.requestsFromLimits, 10)}`));
  }
  const declared = new Set(parts.namespaces.map((n) => n.value.name));
  if (declared.size > 0) {
    const missing = new Set<string>();
    for (const w of workloads) {
      const ns = w !== null && typeof w === 'object' ? (w as { namespace?: unknown }).namespace : undefined;
      if (typeof ns === 'string' && !declared.has(ns) && ns !== 'default' && !ns.startsWith('kube-')) missing.add(ns);
    }
    if (missing.size > 0) sink.warnings.push(makeIssue('undeclared_namespace', '', `workloads use namespaces with no Namespace object among the inputs: ${[...missing].join(', ')}`));
  }
}
