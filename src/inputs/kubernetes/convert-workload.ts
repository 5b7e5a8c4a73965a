import { meanOf, type DistributionSpec } from '../../random/distributions.js';
import type { WorkloadSpec } from '../../scenario/schema.js';
import { parseDurationText } from '../duration-text.js';
import { tryCronArrivals } from '../generators/cron.js';
import type { IssueSink } from '../issue.js';
import { DURATION_ANNOTATION, jobWaves, type ConvertContext } from '../parts.js';
import { describeType, isRecord } from '../plain-data.js';
import { checkKeys, readCount, readString, readStringMap, requireRecord } from '../read-helpers.js';
import type { Origin, PathKey } from '../types.js';
import { JOB_TEMPLATE_FIELDS, METADATA_FIELDS, TEMPLATE_FIELDS, WORKLOAD_SPEC_FIELDS } from './known-fields.js';
import { workloadNotModelled } from './not-modelled.js';
import type { ObjectMeta } from './object-meta.js';
import { readPodTemplate } from './read-pod-template.js';

/** The pod fields a workload takes from the pod spec as they are. */
const COPIED = ['image', 'imagePullPolicy', 'readiness', 'restartPolicy', 'labels', 'priorityClassName', 'priority', 'preemptionPolicy', 'schedulerName', 'nodeSelector', 'affinity', 'tolerations', 'topologySpreadConstraints', 'ports'];

function durationFrom(annotations: readonly (readonly [Record<string, string> | undefined, readonly PathKey[]])[], origin: Origin, sink: IssueSink): DistributionSpec | undefined | null {
  for (const [a, rel] of annotations) {
    const raw = a?.[DURATION_ANNOTATION];
    if (raw === undefined) continue;
    const s = parseDurationText(raw);
    if (s === undefined) {
      sink.error(origin, [...rel, DURATION_ANNOTATION], 'invalid_duration', `${JSON.stringify(raw)} is not a duration (use seconds, or Go notation such as "90s", "5m", "1h30m")`);
      return null;
    }
    return { distribution: 'constant', value: s };
  }
  return undefined;
}

function names(kind: string, meta: ObjectMeta): string[] {
  const ns = meta.namespace ?? 'default';
  return [meta.name, `${ns}/${meta.name}`, `${ns}/${kind}/${meta.name}`];
}

/**
 * Converts a workload object (Pod, Deployment, ReplicaSet, ReplicationController, StatefulSet,
 * DaemonSet, Job, CronJob) into a workload: services keep `replicas`, StatefulSets, Pods and
 * DaemonSets arrive at the start, Jobs in waves of `parallelism`, CronJobs at each firing within
 * the horizon. See `docs/inputs.md` for the mapping.
 *
 * @example
 * ```ts
 * convertWorkload('Deployment', deployment, readObjectMeta(deployment, 'Deployment', at, sink)!, origin, ctx);
 * ctx.parts.workloads.length; // 1
 * ```
 */
export function convertWorkload(kind: string, obj: Record<string, unknown>, meta: ObjectMeta, origin: Origin, ctx: ConvertContext): void {
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
    podSpec = requireRecord(obj['spec'], origin, ['spec'], sink, 'spec');
    if (podSpec === undefined) return;
  } else {
    spec = requireRecord(obj['spec'], origin, ['spec'], sink, 'spec');
    if (spec === undefined) return;
    checkKeys(spec, WORKLOAD_SPEC_FIELDS[kind] ?? new Set(), origin, ['spec'], sink, `${kind} spec`);
    let holder = spec;
    let base: PathKey[] = ['spec'];
    if (kind === 'CronJob') {
      const jt = requireRecord(spec['jobTemplate'], origin, ['spec', 'jobTemplate'], sink, 'spec.jobTemplate');
      if (jt === undefined) return;
      checkKeys(jt, JOB_TEMPLATE_FIELDS, origin, ['spec', 'jobTemplate'], sink, 'jobTemplate');
      jobMeta = isRecord(jt['metadata']) ? jt['metadata'] : undefined;
      jobSpec = requireRecord(jt['spec'], origin, ['spec', 'jobTemplate', 'spec'], sink, 'spec.jobTemplate.spec');
      if (jobSpec === undefined) return;
      jobRel = ['spec', 'jobTemplate', 'spec'];
      checkKeys(jobSpec, WORKLOAD_SPEC_FIELDS['Job'] as ReadonlySet<string>, origin, jobRel, sink, 'Job spec');
      holder = jobSpec;
      base = jobRel;
    } else if (kind === 'Job') {
      jobSpec = spec;
    }
    const template = requireRecord(holder['template'], origin, [...base, 'template'], sink, `${base.join('.')}.template`);
    if (template === undefined) return;
    checkKeys(template, TEMPLATE_FIELDS, origin, [...base, 'template'], sink, 'pod template');
    const tm = template['metadata'];
    if (tm !== undefined && tm !== null && !isRecord(tm)) {
      sink.error(origin, [...base, 'template', 'metadata'], 'invalid_type', `expected a mapping, got ${describeType(tm)}`);
      return;
    }
    podMeta = isRecord(tm) ? tm : undefined;
    podSpec = requireRecord(template['spec'], origin, [...base, 'template', 'spec'], sink, 'pod template spec');
    if (podSpec === undefined) return;
    specRel = [...base, 'template', 'spec'];
    metaRel = [...base, 'template', 'metadata'];
    if (podMeta !== undefined) checkKeys(podMeta, METADATA_FIELDS, origin, metaRel, sink, 'pod template metadata');
  }
  workloadNotModelled(kind, spec, jobSpec, jobRel, origin, sink);
  const fields = readPodTemplate(podMeta, podSpec, origin, specRel, metaRel, sink);
  const podAnnotations = kind === 'Pod' || podMeta === undefined ? undefined : readStringMap(podMeta['annotations'], origin, [...metaRel, 'annotations'], sink);
  const jobAnnotations = jobMeta === undefined ? undefined : readStringMap(jobMeta['annotations'], origin, ['spec', 'jobTemplate', 'metadata', 'annotations'], sink);
  const annotated = durationFrom([
    [meta.annotations, ['metadata', 'annotations']],
    [jobAnnotations, ['spec', 'jobTemplate', 'metadata', 'annotations']],
    [podAnnotations, [...metaRel, 'annotations']],
  ], origin, sink);
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
  for (const [k, f] of [['image', 'image'], ['imagePullPolicy', 'imagePullPolicy'], ['readiness', 'readinessProbe'], ['ports', 'ports']] as const) at[k] = [...specRel, 'containers', 0, f];
  ctx.parts.workloads.push({ value: w as unknown as WorkloadSpec, origin: { ...origin, fields: at }, names: names(kind, meta) });
}
