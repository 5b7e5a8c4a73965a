import { convertCompose } from './compose/convert-compose.js';
import { IssueSink } from './issue.js';
import { convertKubernetes } from './kubernetes/convert-kubernetes.js';
import { newParts, type ConvertedParts } from './parts.js';
import { checkPlainData } from './plain-data.js';
import { makeIssue } from './issue.js';
import { pathToString } from '../errors.js';
import { addNotices, resolveImportOptions } from './resolve-options.js';
import type { ImportOptions, ImportResult } from './types.js';

function finish(parts: ConvertedParts, sink: IssueSink): ImportResult {
  addNotices(parts, parts.workloads.map((w) => w.value), sink);
  const ok = sink.issues.length === 0;
  return {
    hosts: ok ? parts.hosts.map((h) => h.value) : [],
    workloads: ok ? parts.workloads.map((w) => w.value) : [],
    priorityClasses: ok ? parts.priorityClasses.map((p) => p.value) : [],
    horizontalPodAutoscalers: ok ? parts.horizontalPodAutoscalers.map((a) => a.value) : [],
    podDisruptionBudgets: ok ? parts.podDisruptionBudgets.map((b) => b.value) : [],
    namespaces: ok ? parts.namespaces.map((n) => n.value) : [],
    issues: sink.issues,
    warnings: sink.warnings,
  };
}

function safe(data: unknown, sink: IssueSink): boolean {
  const problems = checkPlainData(data);
  for (const p of problems) sink.issues.push(makeIssue(p.code, pathToString(p.path), p.message));
  return problems.length === 0;
}

/**
 * Converts Kubernetes objects already in memory (parsed manifests, `kubectl get -o json` output,
 * `List`s included) into scenario parts. Problems are returned, not thrown; when there are any,
 * the parts are empty (nothing is half-read). Paths in issues start at each object (`[2].spec.replicas`
 * for the third object of an array).
 *
 * @param objects - One object or a list of them.
 * @param options - Horizon for CronJobs, job durations and limits.
 * @example
 * ```ts
 * const r = importKubernetes([{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 2, template: { spec: { containers: [{ name: 'web', image: 'nginx' }] } } } }]);
 * r.workloads[0].arrival; // { process: 'explicit', times: [0, 0] }
 * ```
 */
export function importKubernetes(objects: unknown, options: ImportOptions = {}): ImportResult {
  const sink = new IssueSink();
  const parts = newParts();
  const resolved = resolveImportOptions(options, undefined, sink);
  if (resolved === undefined || !safe(objects, sink)) return finish(parts, sink);
  const list = Array.isArray(objects) ? objects.map((data, i) => ({ data, origin: { path: [i] } })) : [{ data: objects, origin: { path: [] } }];
  convertKubernetes(list, resolved, sink, parts);
  return finish(parts, sink);
}

/**
 * Converts a Compose file already in memory into workloads (one per service). Reservations
 * become requests and limits become limits. Problems are returned, not thrown; when there are
 * any, the parts are empty.
 *
 * @param data - The parsed Compose file.
 * @param options - Job durations and limits.
 * @example
 * ```ts
 * importCompose({ services: { db: { image: 'postgres', deploy: { resources: { reservations: { memory: '1.5G' } } } } } })
 *   .workloads[0].request; // { memory: 1610612736 }
 * ```
 */
export function importCompose(data: unknown, options: ImportOptions = {}): ImportResult {
  const sink = new IssueSink();
  const parts = newParts();
  const resolved = resolveImportOptions(options, undefined, sink);
  if (resolved === undefined || !safe(data, sink)) return finish(parts, sink);
  convertCompose(data, { path: [] }, resolved, sink, parts);
  return finish(parts, sink);
}
