import type { IssueSink } from '../issue.js';
import { didYouMean } from '../did-you-mean.js';
import { isRecord, describeType } from '../plain-data.js';
import { addInto, maxInto, readResourceList, type ExactResources } from '../resource-spec.js';
import type { Origin, PathKey } from '../types.js';
import { RESOURCES_FIELDS } from './known-fields.js';

/**
 * A pod's effective request and limit, exact, by resource name. A resource is in `limit` only
 * when every container limits it (otherwise the pod as a whole is unlimited there).
 *
 * @example
 * ```ts
 * const r: PodResources = { request: new Map([['cpu', 300]]), limit: new Map() };
 * ```
 */
export interface PodResources {
  readonly request: ExactResources;
  readonly limit: ExactResources;
}

interface ContainerResources { req: ExactResources; lim: ExactResources }

function readContainer(c: Record<string, unknown>, origin: Origin, rel: readonly PathKey[], sink: IssueSink): ContainerResources | undefined {
  const res = c['resources'];
  if (res === undefined || res === null) return { req: new Map(), lim: new Map() };
  if (!isRecord(res)) {
    sink.error(origin, [...rel, 'resources'], 'invalid_type', `expected a mapping with requests and limits, got ${describeType(res)}`);
    return undefined;
  }
  let ok = true;
  for (const k of Object.keys(res)) {
    if (!RESOURCES_FIELDS.has(k)) {
      const hint = didYouMean(k, RESOURCES_FIELDS);
      if (hint !== '') { sink.error(origin, [...rel, 'resources', k], 'unknown_field', `unknown field ${JSON.stringify(k)}${hint}`); ok = false; }
      else sink.warn(origin, [...rel, 'resources', k], 'unknown_field', `unknown field ${JSON.stringify(k)} ignored`);
    }
  }
  const req = readResourceList(res['requests'], origin, [...rel, 'resources', 'requests'], sink);
  const lim = readResourceList(res['limits'], origin, [...rel, 'resources', 'limits'], sink);
  if (req === undefined || lim === undefined || !ok) return undefined;
  // Kubernetes: a limit without a request makes the request equal to the limit.
  for (const [k, v] of lim) if (!req.has(k)) req.set(k, v);
  for (const [k, v] of lim) {
    const r = req.get(k) as number;
    if (r > v) {
      sink.error(origin, [...rel, 'resources', 'requests', k], 'request_above_limit', `the request ${JSON.stringify((res['requests'] as Record<string, unknown>)[k])} is above the limit ${JSON.stringify((res['limits'] as Record<string, unknown>)[k])}`);
      return undefined;
    }
  }
  return { req, lim };
}

/**
 * Computes a pod's request and limit with Kubernetes' rule, per resource:
 * `max(Σ app containers + Σ sidecars, max over init containers of (init + sidecars started before it)) + overhead`,
 * where sidecars are init containers with `restartPolicy: Always`. A container's missing request
 * defaults to its limit. Pod-level `spec.resources` (Kubernetes 1.32+) replaces the container
 * aggregate for the resources it names. Limits follow the same rule, and a resource gets a pod
 * limit only when every container sets one.
 *
 * @param spec - The PodSpec.
 * @param origin - Where the PodSpec's object came from.
 * @param rel - The PodSpec's path inside that object.
 * @param sink - Receives problems.
 * @example
 * ```ts
 * const r = podResources({ containers: [{ name: 'a', resources: { requests: { cpu: '100m' } } }] }, origin, ['spec'], sink);
 * r?.request.get('cpu'); // 100
 * ```
 */
export function podResources(spec: Record<string, unknown>, origin: Origin, rel: readonly PathKey[], sink: IssueSink): PodResources | undefined {
  const containers = Array.isArray(spec['containers']) ? (spec['containers'] as unknown[]) : [];
  const inits = Array.isArray(spec['initContainers']) ? (spec['initContainers'] as unknown[]) : [];
  let ok = true;
  const app: ContainerResources[] = [];
  containers.forEach((c, i) => {
    if (!isRecord(c)) return; // reported by the caller
    const r = readContainer(c, origin, [...rel, 'containers', i], sink);
    if (r === undefined) ok = false;
    else app.push(r);
  });
  const init: { r: ContainerResources; sidecar: boolean }[] = [];
  inits.forEach((c, i) => {
    if (!isRecord(c)) return;
    const r = readContainer(c, origin, [...rel, 'initContainers', i], sink);
    if (r === undefined) ok = false;
    else init.push({ r, sidecar: c['restartPolicy'] === 'Always' });
  });
  const overhead = readResourceList(spec['overhead'], origin, [...rel, 'overhead'], sink);
  let podReq: ExactResources = new Map(), podLim: ExactResources = new Map();
  const podLevel = spec['resources'];
  if (podLevel !== undefined && podLevel !== null) {
    if (!isRecord(podLevel)) {
      sink.error(origin, [...rel, 'resources'], 'invalid_type', `expected a mapping with requests and limits, got ${describeType(podLevel)}`);
      ok = false;
    } else {
      const r = readContainer({ resources: podLevel }, origin, rel, sink);
      if (r === undefined) ok = false;
      else { podReq = r.req; podLim = r.lim; }
    }
  }
  if (!ok || overhead === undefined) return undefined;

  const aggregate = (pick: (c: ContainerResources) => ExactResources): ExactResources => {
    const total: ExactResources = new Map();
    for (const c of app) addInto(total, pick(c));
    const sidecars: ExactResources = new Map();
    const initMax: ExactResources = new Map();
    for (const { r, sidecar } of init) {
      const own = pick(r);
      let effective: ExactResources;
      if (sidecar) {
        addInto(total, own);
        addInto(sidecars, own);
        effective = new Map(sidecars);
      } else {
        effective = new Map(own);
        addInto(effective, sidecars);
      }
      maxInto(initMax, effective);
    }
    maxInto(total, initMax);
    return total;
  };

  const request = aggregate((c) => c.req);
  for (const [k, v] of podReq) request.set(k, v);
  addInto(request, overhead);

  const limit = aggregate((c) => c.lim);
  const all = [...app, ...init.map((x) => x.r)];
  for (const k of [...limit.keys()]) if (!all.every((c) => c.lim.has(k))) limit.delete(k);
  for (const [k, v] of podLim) limit.set(k, v);
  for (const [k, v] of overhead) if (limit.has(k)) limit.set(k, (limit.get(k) ?? 0) + v);
  return { request, limit };
}
