import { meanOf, type DistributionSpec } from '../../random/distributions.js';
import { HOSTNAME_LABEL } from '../../kube/validate-kube-config.js';
import { tryParseQuantity } from '../../resources/quantity.js';
import type { HostGroupSpec, WorkloadSpec } from '../../scenario/schema.js';
import { suggest } from '../did-you-mean.js';
import { parseDurationText } from '../duration-text.js';
import { tryCronArrivals } from '../generators/cron.js';
import type { IssueSink } from '../issue.js';
import { DURATION_ANNOTATION, jobWaves, type ConvertedParts, type ResolvedImportOptions } from '../parts.js';
import { describeType, isRecord } from '../plain-data.js';
import { checkKeys, readCount, readRecordList, readString, readStringMap } from '../read-helpers.js';
import { readResourceList, toResourceSpec } from '../resource-spec.js';
import type { Origin, PathKey, PodDisruptionBudgetSpec, PriorityClassSpec } from '../types.js';
import {
  CONTAINER_FIELDS, HPA_SPEC_FIELDS, PDB_SPEC_FIELDS, JOB_TEMPLATE_FIELDS, KNOWN_IGNORED_KINDS, METADATA_FIELDS, NODE_SPEC_FIELDS,
  NODE_STATUS_FIELDS, OBJECT_FIELDS, POD_SPEC_FIELDS, PRIORITY_CLASS_FIELDS, SUPPORTED_KINDS, TAINT_FIELDS,
  TEMPLATE_FIELDS, WORKLOAD_SPEC_FIELDS,
} from './known-fields.js';
import { NOT_MODELLED_KINDS, nodeNotModelled, podNotModelled, workloadNotModelled } from './not-modelled.js';
import { podResources } from './pod-resources.js';

/**
 * One Kubernetes object to convert, with where it sits in its file.
 *
 * @example
 * ```ts
 * const input: KubeObjectInput = { data: { apiVersion: 'v1', kind: 'Pod', ... }, origin: { file: 'a.yaml', path: [] } };
 * ```
 */
export interface KubeObjectInput {
  readonly data: unknown;
  readonly origin: Origin;
}

const TAINT_EFFECTS = new Set(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);
const KIND_CANDIDATES = [...SUPPORTED_KINDS, ...KNOWN_IGNORED_KINDS];

interface Meta {
  readonly name: string;
  readonly namespace: string | undefined;
  readonly labels: Record<string, string> | undefined;
  readonly annotations: Record<string, string> | undefined;
}

type Ctx = { readonly sink: IssueSink; readonly options: ResolvedImportOptions; readonly parts: ConvertedParts };

/**
 * Converts Kubernetes objects (already parsed, `List`s included) into scenario parts, reporting
 * every problem with its file, line and path. See `docs/inputs.md` for the mapping.
 *
 * @param objects - The objects, each with its origin.
 * @param options - Resolved import options.
 * @param sink - Receives problems and notices.
 * @param parts - Receives the converted parts.
 * @example
 * ```ts
 * const sink = new IssueSink(); const parts = newParts();
 * convertKubernetes([{ data: deployment, origin: { path: [] } }], options, sink, parts);
 * ```
 */
export function convertKubernetes(objects: readonly KubeObjectInput[], options: ResolvedImportOptions, sink: IssueSink, parts: ConvertedParts): void {
  const ctx: Ctx = { sink, options, parts };
  for (const o of objects) convertObject(o.data, o.origin, ctx, 0);
}

function convertObject(obj: unknown, at: Origin, ctx: Ctx, depth: number): void {
  const { sink } = ctx;
  if (!isRecord(obj)) {
    sink.error(at, [], 'invalid_type', `expected a Kubernetes object (a mapping with apiVersion and kind), got ${describeType(obj)}`);
    return;
  }
  const kind = obj['kind'];
  const apiVersion = obj['apiVersion'];
  if (typeof kind !== 'string' || kind === '') {
    sink.error(at, kind === undefined ? [] : ['kind'], 'missing_kind', kind === undefined ? 'has no kind' : `kind must be a non-empty string, got ${describeType(kind)}`);
    return;
  }
  if (typeof apiVersion !== 'string' || apiVersion === '') {
    sink.error(at, apiVersion === undefined ? [] : ['apiVersion'], 'missing_api_version', apiVersion === undefined ? `${kind} has no apiVersion` : `apiVersion must be a non-empty string, got ${describeType(apiVersion)}`);
    return;
  }
  if (kind === 'List' || (kind.endsWith('List') && Array.isArray(obj['items']))) {
    const items = obj['items'];
    if (items === undefined || items === null) return;
    if (!Array.isArray(items)) {
      sink.error(at, ['items'], 'invalid_type', `expected a list of objects, got ${describeType(items)}`);
      return;
    }
    if (depth > 8) {
      sink.error(at, ['items'], 'too_deep', 'Lists nest more than 8 levels deep');
      return;
    }
    items.forEach((item, i) => convertObject(item, { ...at, path: [...at.path, 'items', i] }, ctx, depth + 1));
    return;
  }
  const supported = (SUPPORTED_KINDS as readonly string[]).includes(kind);
  if (!supported) {
    const hint = KNOWN_IGNORED_KINDS.has(kind) ? undefined : suggest(kind, KIND_CANDIDATES);
    if (hint !== undefined) {
      sink.error(at, ['kind'], 'unknown_kind', `unknown kind ${JSON.stringify(kind)}; did you mean ${JSON.stringify(hint)}?`);
      return;
    }
    const name = isRecord(obj['metadata']) && typeof obj['metadata']['name'] === 'string' ? obj['metadata']['name'] : '(unnamed)';
    const notModelled = NOT_MODELLED_KINDS[kind];
    if (notModelled !== undefined) {
      sink.warn({ ...at, label: `${kind} ${JSON.stringify(name)}` }, [], 'not_modelled', notModelled);
      return;
    }
    const list = ctx.parts.ignored.get(kind) ?? [];
    list.push(name);
    ctx.parts.ignored.set(kind, list);
    return;
  }
  const meta = readMeta(obj, kind, at, ctx);
  if (meta === undefined) return;
  const origin: Origin = { ...at, label: `${kind} ${JSON.stringify(meta.name)}` };
  checkKeys(obj, kind === 'PriorityClass' ? PRIORITY_CLASS_FIELDS : OBJECT_FIELDS, origin, [], sink, kind);
  switch (kind) {
    case 'Node': convertNode(obj, meta, origin, ctx); break;
    case 'PriorityClass': convertPriorityClass(obj, meta, origin, ctx); break;
    case 'Namespace': ctx.parts.namespaces.push({ value: meta.labels === undefined ? { name: meta.name } : { name: meta.name, labels: meta.labels }, origin, names: [meta.name] }); break;
    case 'PodDisruptionBudget': convertPdb(obj, meta, origin, ctx); break;
    case 'HorizontalPodAutoscaler': convertHpa(obj, meta, origin, ctx); break;
    default: convertWorkload(kind, obj, meta, origin, ctx);
  }
}

function readMeta(obj: Record<string, unknown>, kind: string, at: Origin, ctx: Ctx): Meta | undefined {
  const { sink } = ctx;
  const m = obj['metadata'];
  if (!isRecord(m)) {
    sink.error(at, m === undefined ? [] : ['metadata'], 'missing_metadata', m === undefined ? `${kind} has no metadata (it needs at least a name)` : `metadata must be a mapping, got ${describeType(m)}`);
    return undefined;
  }
  const before = sink.issues.length;
  const origin: Origin = { ...at, label: kind };
  checkKeys(m, METADATA_FIELDS, origin, ['metadata'], sink, 'metadata');
  let name = readString(m['name'], origin, ['metadata', 'name'], sink);
  if (name === undefined || name === '') {
    const gen = readString(m['generateName'], origin, ['metadata', 'generateName'], sink);
    if (gen !== undefined && gen !== '') name = `${gen}0`;
  }
  if (name === undefined || name === '') {
    if (sink.issues.length === before) sink.error(origin, ['metadata'], 'missing_name', `${kind} has no metadata.name`);
    return undefined;
  }
  const namespace = readString(m['namespace'], origin, ['metadata', 'namespace'], sink);
  const labels = readStringMap(m['labels'], origin, ['metadata', 'labels'], sink);
  const annotations = readStringMap(m['annotations'], origin, ['metadata', 'annotations'], sink);
  if (sink.issues.length > before) return undefined;
  return { name, namespace: namespace === '' ? undefined : namespace, labels, annotations };
}

function requireRecord(v: unknown, origin: Origin, rel: readonly PathKey[], ctx: Ctx, what: string): Record<string, unknown> | undefined {
  if (isRecord(v)) return v;
  ctx.sink.error(origin, rel, v === undefined || v === null ? 'missing_field' : 'invalid_type', v === undefined || v === null ? `has no ${what}` : `${what} must be a mapping, got ${describeType(v)}`);
  return undefined;
}

function durationFrom(annotations: readonly (readonly [Record<string, string> | undefined, readonly PathKey[]])[], origin: Origin, ctx: Ctx): DistributionSpec | undefined | null {
  for (const [a, rel] of annotations) {
    const raw = a?.[DURATION_ANNOTATION];
    if (raw === undefined) continue;
    const s = parseDurationText(raw);
    if (s === undefined) {
      ctx.sink.error(origin, [...rel, DURATION_ANNOTATION], 'invalid_duration', `${JSON.stringify(raw)} is not a duration (use seconds, or Go notation such as "90s", "5m", "1h30m")`);
      return null;
    }
    return { distribution: 'constant', value: s };
  }
  return undefined;
}

/** Reads a pod template (or a Pod's own metadata and spec) into workload fields. */
function readPod(tmeta: Record<string, unknown> | undefined, spec: Record<string, unknown>, origin: Origin, rel: readonly PathKey[], metaRel: readonly PathKey[], ctx: Ctx): Record<string, unknown> | undefined {
  const { sink } = ctx;
  const before = sink.issues.length;
  checkKeys(spec, POD_SPEC_FIELDS, origin, rel, sink, 'pod spec');
  podNotModelled(spec, origin, rel, sink);
  const containers = spec['containers'];
  if (!Array.isArray(containers) || containers.length === 0) {
    sink.error(origin, containers === undefined ? rel : [...rel, 'containers'], 'missing_containers', containers === undefined ? 'the pod spec has no containers' : Array.isArray(containers) ? 'the pod spec lists no containers' : `containers must be a list, got ${describeType(containers)}`);
    return undefined;
  }
  const initContainers = spec['initContainers'];
  if (initContainers !== undefined && initContainers !== null && !Array.isArray(initContainers)) {
    sink.error(origin, [...rel, 'initContainers'], 'invalid_type', `initContainers must be a list, got ${describeType(initContainers)}`);
  }
  let image: string | undefined;
  let first: Record<string, unknown> | undefined;
  const checkContainers = (list: unknown, key: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((c, i) => {
      if (!isRecord(c)) {
        sink.error(origin, [...rel, key, i], 'invalid_type', `expected a container (a mapping), got ${describeType(c)}`);
        return;
      }
      checkKeys(c, CONTAINER_FIELDS, origin, [...rel, key, i], sink, 'container');
      readString(c['name'], origin, [...rel, key, i, 'name'], sink);
      const img = readString(c['image'], origin, [...rel, key, i, 'image'], sink);
      if (key === 'containers' && i === 0) {
        image = img;
        first = c;
      }
    });
  };
  checkContainers(containers, 'containers');
  checkContainers(initContainers, 'initContainers');
  const res = podResources(spec, origin, rel, sink);
  const labels = tmeta === undefined ? undefined : readStringMap(tmeta['labels'], origin, [...metaRel, 'labels'], sink);
  const nodeSelector = readStringMap(spec['nodeSelector'], origin, [...rel, 'nodeSelector'], sink);
  const nodeName = readString(spec['nodeName'], origin, [...rel, 'nodeName'], sink);
  const affinity = spec['affinity'];
  if (affinity !== undefined && affinity !== null && !isRecord(affinity)) sink.error(origin, [...rel, 'affinity'], 'invalid_type', `expected a mapping, got ${describeType(affinity)}`);
  const tolerations = readRecordList(spec['tolerations'], origin, [...rel, 'tolerations'], sink);
  const tsc = readRecordList(spec['topologySpreadConstraints'], origin, [...rel, 'topologySpreadConstraints'], sink);
  const priorityClassName = readString(spec['priorityClassName'], origin, [...rel, 'priorityClassName'], sink);
  const schedulerName = readString(spec['schedulerName'], origin, [...rel, 'schedulerName'], sink);
  const preemptionPolicy = spec['preemptionPolicy'];
  if (preemptionPolicy !== undefined && preemptionPolicy !== null && preemptionPolicy !== 'PreemptLowerPriority' && preemptionPolicy !== 'Never') {
    sink.error(origin, [...rel, 'preemptionPolicy'], 'invalid_value', `must be PreemptLowerPriority or Never, got ${describeType(preemptionPolicy)}`);
  }
  const priority = spec['priority'];
  if (priority !== undefined && priority !== null && !(typeof priority === 'number' && Number.isInteger(priority))) {
    sink.error(origin, [...rel, 'priority'], 'invalid_type', `expected a whole number, got ${describeType(priority)}`);
  }
  const restartPolicy = spec['restartPolicy'];
  if (restartPolicy !== undefined && restartPolicy !== null && !RESTART_POLICIES.has(restartPolicy as string)) {
    sink.error(origin, [...rel, 'restartPolicy'], 'invalid_value', `must be Always, OnFailure or Never, got ${describeType(restartPolicy)}`);
  }
  const pullPolicy = first?.['imagePullPolicy'];
  if (pullPolicy !== undefined && pullPolicy !== null && !PULL_POLICIES.has(pullPolicy as string)) {
    sink.error(origin, [...rel, 'containers', 0, 'imagePullPolicy'], 'invalid_value', `must be IfNotPresent, Always or Never, got ${describeType(pullPolicy)}`);
  }
  const readiness = readReadiness(first?.['readinessProbe'], origin, [...rel, 'containers', 0, 'readinessProbe'], sink);
  if (sink.issues.length > before || res === undefined) return undefined;
  const f: Record<string, unknown> = { request: toResourceSpec(res.request) };
  if (typeof restartPolicy === 'string') f['restartPolicy'] = restartPolicy;
  if (typeof pullPolicy === 'string') f['imagePullPolicy'] = pullPolicy;
  if (readiness !== undefined) f['readiness'] = readiness;
  if (res.limit.size > 0) f['limit'] = toResourceSpec(res.limit);
  if (image !== undefined) f['image'] = image;
  if (labels !== undefined) f['labels'] = labels;
  if (priorityClassName !== undefined) f['priorityClassName'] = priorityClassName;
  if (typeof priority === 'number') f['priority'] = priority;
  if (typeof preemptionPolicy === 'string') f['preemptionPolicy'] = preemptionPolicy;
  if (schedulerName !== undefined && schedulerName !== '') f['schedulerName'] = schedulerName;
  const selector = { ...(nodeSelector ?? {}) };
  if (nodeName !== undefined && nodeName !== '') selector[HOSTNAME_LABEL] = nodeName;
  if (Object.keys(selector).length > 0) f['nodeSelector'] = selector;
  if (isRecord(affinity)) f['affinity'] = affinity;
  if (tolerations !== undefined) f['tolerations'] = tolerations;
  if (tsc !== undefined) f['topologySpreadConstraints'] = tsc;
  return f;
}

const RESTART_POLICIES = new Set(['Always', 'OnFailure', 'Never']);
/** The pod fields a workload takes from the pod spec as they are. */
const COPIED = ['image', 'imagePullPolicy', 'readiness', 'restartPolicy', 'labels', 'priorityClassName', 'priority', 'preemptionPolicy', 'schedulerName', 'nodeSelector', 'affinity', 'tolerations', 'topologySpreadConstraints'];
const PULL_POLICIES = new Set(['IfNotPresent', 'Always', 'Never']);

/** The first container's readiness probe timing: initialDelaySeconds and periodSeconds. */
function readReadiness(v: unknown, origin: Origin, rel: readonly PathKey[], sink: IssueSink): Record<string, number> | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isRecord(v)) {
    sink.error(origin, rel, 'invalid_type', `expected a probe (a mapping), got ${describeType(v)}`);
    return undefined;
  }
  const out: Record<string, number> = {};
  const delay = readCount(v['initialDelaySeconds'], origin, [...rel, 'initialDelaySeconds'], sink, 0, 0, 1e9);
  const period = readCount(v['periodSeconds'], origin, [...rel, 'periodSeconds'], sink, 10, 1, 1e9);
  if (delay === undefined || period === undefined) return undefined;
  out['initialDelaySeconds'] = delay;
  out['periodSeconds'] = period;
  return out;
}

function names(kind: string, meta: Meta): string[] {
  const ns = meta.namespace ?? 'default';
  return [meta.name, `${ns}/${meta.name}`, `${ns}/${kind}/${meta.name}`];
}

function convertWorkload(kind: string, obj: Record<string, unknown>, meta: Meta, origin: Origin, ctx: Ctx): void {
  const { sink, options } = ctx;
  const before = sink.issues.length;
  let podMeta: Record<string, unknown> | undefined;
  let podSpec: Record<string, unknown> | undefined;
  let specRel: PathKey[] = ['spec'];
  let metaRel: PathKey[] = ['metadata'];
  let spec: Record<string, unknown> | undefined;
  let jobSpec: Record<string, unknown> | undefined;
  let jobMeta: Record<string, unknown> | undefined;
  let jobRel: PathKey[] = ['spec'];
  if (kind === 'Pod') {
    podMeta = obj['metadata'] as Record<string, unknown>;
    podSpec = requireRecord(obj['spec'], origin, ['spec'], ctx, 'spec');
    if (podSpec === undefined) return;
  } else {
    spec = requireRecord(obj['spec'], origin, ['spec'], ctx, 'spec');
    if (spec === undefined) return;
    checkKeys(spec, WORKLOAD_SPEC_FIELDS[kind] ?? new Set(), origin, ['spec'], sink, `${kind} spec`);
    let holder = spec;
    let base: PathKey[] = ['spec'];
    if (kind === 'CronJob') {
      const jt = requireRecord(spec['jobTemplate'], origin, ['spec', 'jobTemplate'], ctx, 'spec.jobTemplate');
      if (jt === undefined) return;
      checkKeys(jt, JOB_TEMPLATE_FIELDS, origin, ['spec', 'jobTemplate'], sink, 'jobTemplate');
      jobMeta = isRecord(jt['metadata']) ? jt['metadata'] : undefined;
      jobSpec = requireRecord(jt['spec'], origin, ['spec', 'jobTemplate', 'spec'], ctx, 'spec.jobTemplate.spec');
      if (jobSpec === undefined) return;
      jobRel = ['spec', 'jobTemplate', 'spec'];
      checkKeys(jobSpec, WORKLOAD_SPEC_FIELDS['Job'] as ReadonlySet<string>, origin, jobRel, sink, 'Job spec');
      holder = jobSpec;
      base = jobRel;
    } else if (kind === 'Job') {
      jobSpec = spec;
    }
    const template = requireRecord(holder['template'], origin, [...base, 'template'], ctx, `${base.join('.')}.template`);
    if (template === undefined) return;
    checkKeys(template, TEMPLATE_FIELDS, origin, [...base, 'template'], sink, 'pod template');
    const tm = template['metadata'];
    if (tm !== undefined && tm !== null && !isRecord(tm)) {
      sink.error(origin, [...base, 'template', 'metadata'], 'invalid_type', `expected a mapping, got ${describeType(tm)}`);
      return;
    }
    podMeta = isRecord(tm) ? tm : undefined;
    podSpec = requireRecord(template['spec'], origin, [...base, 'template', 'spec'], ctx, 'pod template spec');
    if (podSpec === undefined) return;
    specRel = [...base, 'template', 'spec'];
    metaRel = [...base, 'template', 'metadata'];
    if (podMeta !== undefined) checkKeys(podMeta, METADATA_FIELDS, origin, metaRel, sink, 'pod template metadata');
  }
  workloadNotModelled(kind, spec, jobSpec, jobRel, origin, sink);
  const fields = readPod(podMeta, podSpec, origin, specRel, metaRel, ctx);
  const podAnnotations = kind === 'Pod' || podMeta === undefined ? undefined : readStringMap(podMeta['annotations'], origin, [...metaRel, 'annotations'], sink);
  const jobAnnotations = jobMeta === undefined ? undefined : readStringMap(jobMeta['annotations'], origin, ['spec', 'jobTemplate', 'metadata', 'annotations'], sink);
  const annotated = durationFrom([
    [meta.annotations, ['metadata', 'annotations']],
    [jobAnnotations, ['spec', 'jobTemplate', 'metadata', 'annotations']],
    [podAnnotations, [...metaRel, 'annotations']],
  ], origin, ctx);
  if (fields === undefined || annotated === null || sink.issues.length > before) return;

  const max = options.maxArrivals;
  let times: number[] = [];
  let duration: DistributionSpec | undefined = annotated;
  let daemonSet = false;
  // Deployments, ReplicaSets and ReplicationControllers are services: their controller keeps `replicas`
  // (issue 12; StatefulSets still arrive once per replica).
  let serviceReplicas: number | undefined;
  switch (kind) {
    case 'Deployment': case 'ReplicaSet': case 'ReplicationController': case 'StatefulSet': {
      const replicas = readCount(spec?.['replicas'], origin, ['spec', 'replicas'], sink, 1, 0, max);
      if (replicas === undefined) return;
      if (kind === 'StatefulSet') times = new Array<number>(replicas).fill(0);
      else serviceReplicas = replicas;
      break;
    }
    case 'DaemonSet': daemonSet = true; times = [0]; break;
    case 'Pod': times = [0]; break;
    case 'Job': case 'CronJob': {
      const js = jobSpec as Record<string, unknown>;
      const parallelism = readCount(js['parallelism'], origin, [...jobRel, 'parallelism'], sink, 1, 0, max);
      const rawCompletions = js['completions'];
      const completions = readCount(rawCompletions, origin, [...jobRel, 'completions'], sink, js['parallelism'] !== undefined && js['parallelism'] !== null ? (parallelism ?? 1) : 1, 0, max);
      if (parallelism === undefined || completions === undefined) return;
      if (duration === undefined) {
        duration = options.jobDuration;
        if (options.jobDurationIsDefault) ctx.parts.defaultDuration.push(origin.label ?? meta.name);
      }
      const mean = meanOf(duration);
      const suspended = (kind === 'CronJob' ? spec?.['suspend'] : js['suspend']) === true;
      if (suspended) {
        sink.warn(origin, kind === 'CronJob' ? ['spec', 'suspend'] : [...jobRel, 'suspend'], 'suspended', 'is suspended: no pods arrive');
        break;
      }
      if (parallelism === 0) {
        sink.warn(origin, [...jobRel, 'parallelism'], 'suspended', 'has parallelism 0: no pods arrive');
        break;
      }
      if (kind === 'Job') {
        times = jobWaves(completions, parallelism, 0, Number.isFinite(mean) ? mean : 0);
        break;
      }
      const schedule = spec?.['schedule'];
      if (typeof schedule !== 'string') {
        sink.error(origin, schedule === undefined ? ['spec'] : ['spec', 'schedule'], 'invalid_schedule', schedule === undefined ? 'has no spec.schedule' : `schedule must be a string, got ${describeType(schedule)}`);
        return;
      }
      const timeZone = readString(spec?.['timeZone'], origin, ['spec', 'timeZone'], sink);
      const fires = tryCronArrivals(schedule, { horizon: options.horizon, start: options.start, timeZone, maxArrivals: max });
      if (!fires.ok) {
        sink.error(origin, ['spec', 'schedule'], 'invalid_schedule', `${JSON.stringify(schedule)} is not a valid schedule: ${fires.reason}`);
        return;
      }
      if (fires.times.length * completions > max) {
        sink.error(origin, ['spec', 'schedule'], 'too_many_arrivals', `gives ${fires.times.length} runs of ${completions} pods over ${options.horizon} s, more than ${max} arrivals; shorten the horizon`);
        return;
      }
      for (const t of fires.times) for (const x of jobWaves(completions, parallelism, t, Number.isFinite(mean) ? mean : 0)) times.push(x);
      times.sort((a, b) => a - b);
      break;
    }
  }
  const w: Record<string, unknown> = serviceReplicas === undefined ? { name: meta.name, arrival: { process: 'explicit', times } } : { name: meta.name, replicas: serviceReplicas };
  if (duration !== undefined) w['duration'] = duration;
  w['request'] = fields['request'];
  for (const k of ['limit']) if (fields[k] !== undefined) w[k] = fields[k];
  if (daemonSet) w['daemonSet'] = true;
  if (meta.namespace !== undefined) w['namespace'] = meta.namespace;
  for (const k of COPIED) if (fields[k] !== undefined) w[k] = fields[k];
  // Where each field copied as it was sits in the object, so that issues about it name its line.
  const at: Record<string, readonly PathKey[]> = { namespace: ['metadata', 'namespace'], labels: [...metaRel, 'labels'] };
  for (const k of ['restartPolicy', 'priorityClassName', 'priority', 'preemptionPolicy', 'schedulerName', 'nodeSelector', 'affinity', 'tolerations', 'topologySpreadConstraints']) at[k] = [...specRel, k];
  for (const [k, f] of [['image', 'image'], ['imagePullPolicy', 'imagePullPolicy'], ['readiness', 'readinessProbe']] as const) at[k] = [...specRel, 'containers', 0, f];
  ctx.parts.workloads.push({ value: w as unknown as WorkloadSpec, origin: { ...origin, fields: at }, names: names(kind, meta) });
}

function convertNode(obj: Record<string, unknown>, meta: Meta, origin: Origin, ctx: Ctx): void {
  const { sink } = ctx;
  const before = sink.issues.length;
  const spec = obj['spec'];
  if (spec !== undefined && spec !== null && !isRecord(spec)) sink.error(origin, ['spec'], 'invalid_type', `spec must be a mapping, got ${describeType(spec)}`);
  const status = obj['status'];
  if (!isRecord(status)) {
    sink.error(origin, status === undefined ? [] : ['status'], 'missing_capacity', status === undefined ? 'has no status.allocatable or status.capacity: podsim needs them to size the host' : `status must be a mapping, got ${describeType(status)}`);
    return;
  }
  checkKeys(status, NODE_STATUS_FIELDS, origin, ['status'], sink, 'Node status');
  nodeNotModelled(status, origin, sink);
  const key = status['allocatable'] !== undefined && status['allocatable'] !== null ? 'allocatable' : status['capacity'] !== undefined && status['capacity'] !== null ? 'capacity' : undefined;
  if (key === undefined) {
    sink.error(origin, ['status'], 'missing_capacity', 'has no status.allocatable or status.capacity: podsim needs them to size the host');
    return;
  }
  if (key === 'capacity') sink.warn(origin, ['status', 'capacity'], 'capacity_used', 'has no status.allocatable; its status.capacity is used as the allocatable capacity');
  const raw = status[key];
  let maxPods: number | undefined;
  let resources: Record<string, unknown> = {};
  if (isRecord(raw)) {
    resources = { ...raw };
    if ('pods' in resources) {
      const r = tryParseQuantity(resources['pods'], 'pods');
      if (!r.ok) sink.error(origin, ['status', key, 'pods'], 'invalid_quantity', `${JSON.stringify(resources['pods'])} is not a valid pod count: ${r.reason}`);
      else maxPods = r.value;
      delete resources['pods'];
    }
  }
  const capacity = readResourceList(isRecord(raw) ? resources : raw, origin, ['status', key], sink);
  const s = isRecord(spec) ? spec : {};
  if (isRecord(spec)) checkKeys(spec, NODE_SPEC_FIELDS, origin, ['spec'], sink, 'Node spec');
  const unschedulable = s['unschedulable'];
  if (unschedulable !== undefined && unschedulable !== null && typeof unschedulable !== 'boolean') sink.error(origin, ['spec', 'unschedulable'], 'invalid_type', `expected true or false, got ${describeType(unschedulable)}`);
  const taintsRaw = readRecordList(s['taints'], origin, ['spec', 'taints'], sink);
  const taints: { key: string; value?: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }[] = [];
  taintsRaw?.forEach((t, i) => {
    checkKeys(t, TAINT_FIELDS, origin, ['spec', 'taints', i], sink, 'taint');
    const k = readString(t['key'], origin, ['spec', 'taints', i, 'key'], sink);
    const v = readString(t['value'], origin, ['spec', 'taints', i, 'value'], sink);
    const e = t['effect'];
    if (k === undefined) sink.error(origin, ['spec', 'taints', i], 'missing_field', 'the taint has no key');
    if (typeof e !== 'string' || !TAINT_EFFECTS.has(e)) sink.error(origin, ['spec', 'taints', i, 'effect'], 'invalid_value', `effect must be NoSchedule, PreferNoSchedule or NoExecute, got ${describeType(e)}`);
    else if (k !== undefined) taints.push(v === undefined ? { key: k, effect: e as 'NoSchedule' } : { key: k, value: v, effect: e as 'NoSchedule' });
  });
  if (sink.issues.length > before || capacity === undefined) return;
  const host: Record<string, unknown> = { name: meta.name, capacity: toResourceSpec(capacity) };
  host['labels'] = { ...(meta.labels ?? {}) };
  if (!(HOSTNAME_LABEL in (host['labels'] as Record<string, string>))) (host['labels'] as Record<string, string>)[HOSTNAME_LABEL] = meta.name;
  if (taints.length > 0) host['taints'] = taints;
  if (unschedulable === true) host['unschedulable'] = true;
  if (maxPods !== undefined) host['maxPods'] = maxPods;
  ctx.parts.hosts.push({ value: host as unknown as HostGroupSpec, origin, names: [meta.name, `node/${meta.name}`] });
}

function convertPriorityClass(obj: Record<string, unknown>, meta: Meta, origin: Origin, ctx: Ctx): void {
  const { sink } = ctx;
  const before = sink.issues.length;
  const value = obj['value'];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < -2147483648 || value > 2000000000) {
    sink.error(origin, value === undefined ? [] : ['value'], 'invalid_value', value === undefined ? 'has no value' : `value must be a whole number between -2147483648 and 2000000000, got ${describeType(value)}`);
  }
  const globalDefault = obj['globalDefault'];
  if (globalDefault !== undefined && globalDefault !== null && typeof globalDefault !== 'boolean') sink.error(origin, ['globalDefault'], 'invalid_type', `expected true or false, got ${describeType(globalDefault)}`);
  const policy = obj['preemptionPolicy'];
  if (policy !== undefined && policy !== null && policy !== 'PreemptLowerPriority' && policy !== 'Never') sink.error(origin, ['preemptionPolicy'], 'invalid_value', `must be PreemptLowerPriority or Never, got ${describeType(policy)}`);
  const description = readString(obj['description'], origin, ['description'], sink);
  if (sink.issues.length > before) return;
  const pc: Record<string, unknown> = { name: meta.name, value };
  if (typeof globalDefault === 'boolean') pc['globalDefault'] = globalDefault;
  if (typeof policy === 'string') pc['preemptionPolicy'] = policy;
  if (description !== undefined) pc['description'] = description;
  ctx.parts.priorityClasses.push({ value: pc as unknown as PriorityClassSpec, origin, names: [meta.name] });
}

function convertHpa(obj: Record<string, unknown>, meta: Meta, origin: Origin, ctx: Ctx): void {
  const { sink } = ctx;
  const before = sink.issues.length;
  const spec = requireRecord(obj['spec'], origin, ['spec'], ctx, 'spec');
  if (spec === undefined) return;
  checkKeys(spec, HPA_SPEC_FIELDS, origin, ['spec'], sink, 'HorizontalPodAutoscaler spec');
  const ref = requireRecord(spec['scaleTargetRef'], origin, ['spec', 'scaleTargetRef'], ctx, 'spec.scaleTargetRef');
  if (ref !== undefined) {
    if (typeof ref['kind'] !== 'string') sink.error(origin, ['spec', 'scaleTargetRef', 'kind'], 'missing_field', 'scaleTargetRef needs a kind');
    if (typeof ref['name'] !== 'string') sink.error(origin, ['spec', 'scaleTargetRef', 'name'], 'missing_field', 'scaleTargetRef needs a name');
  }
  const maxReplicas = readCount(spec['maxReplicas'], origin, ['spec', 'maxReplicas'], sink, -1, 1, ctx.options.maxArrivals);
  if (maxReplicas === -1) sink.error(origin, ['spec'], 'missing_field', 'has no spec.maxReplicas');
  readCount(spec['minReplicas'], origin, ['spec', 'minReplicas'], sink, 1, 0, ctx.options.maxArrivals);
  if (sink.issues.length > before) return;
  const metadata: Record<string, unknown> = { name: meta.name };
  if (meta.namespace !== undefined) metadata['namespace'] = meta.namespace;
  if (meta.labels !== undefined) metadata['labels'] = meta.labels;
  ctx.parts.horizontalPodAutoscalers.push({ value: { apiVersion: obj['apiVersion'], kind: 'HorizontalPodAutoscaler', metadata, spec }, origin, names: [meta.name] });
}

/** A count or a percentage (`"50%"`), as PodDisruptionBudget's minAvailable and maxUnavailable take. */
function readIntOrPercent(v: unknown, origin: Origin, rel: readonly PathKey[], sink: IssueSink): number | string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  if (typeof v === 'string' && /^\d+%$/.test(v)) return v;
  sink.error(origin, rel, 'invalid_value', `expected a whole number of pods or a percentage such as "50%", got ${describeType(v)}`);
  return undefined;
}

function convertPdb(obj: Record<string, unknown>, meta: Meta, origin: Origin, ctx: Ctx): void {
  const { sink } = ctx;
  const before = sink.issues.length;
  const spec = requireRecord(obj['spec'], origin, ['spec'], ctx, 'spec');
  if (spec === undefined) return;
  checkKeys(spec, PDB_SPEC_FIELDS, origin, ['spec'], sink, 'PodDisruptionBudget spec');
  const selector = spec['selector'];
  if (selector !== undefined && selector !== null && !isRecord(selector)) sink.error(origin, ['spec', 'selector'], 'invalid_type', `selector must be a mapping, got ${describeType(selector)}`);
  const minAvailable = readIntOrPercent(spec['minAvailable'], origin, ['spec', 'minAvailable'], sink);
  const maxUnavailable = readIntOrPercent(spec['maxUnavailable'], origin, ['spec', 'maxUnavailable'], sink);
  if (minAvailable !== undefined && maxUnavailable !== undefined) sink.error(origin, ['spec'], 'invalid_value', 'give minAvailable or maxUnavailable, not both');
  if (spec['unhealthyPodEvictionPolicy'] !== undefined && spec['unhealthyPodEvictionPolicy'] !== null) {
    sink.warn(origin, ['spec', 'unhealthyPodEvictionPolicy'], 'not_modelled', 'unhealthyPodEvictionPolicy is not modelled: podsim\'s pods are never unhealthy');
  }
  if (sink.issues.length > before) return;
  const b: Record<string, unknown> = { name: meta.name };
  if (meta.namespace !== undefined) b['namespace'] = meta.namespace;
  if (isRecord(selector)) b['selector'] = selector;
  if (minAvailable !== undefined) b['minAvailable'] = minAvailable;
  if (maxUnavailable !== undefined) b['maxUnavailable'] = maxUnavailable;
  ctx.parts.podDisruptionBudgets.push({ value: b as unknown as PodDisruptionBudgetSpec, origin: { ...origin, fields: { selector: ['spec', 'selector'], minAvailable: ['spec', 'minAvailable'], maxUnavailable: ['spec', 'maxUnavailable'] } }, names: [meta.name] });
}
