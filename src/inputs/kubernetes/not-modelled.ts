// What a Kubernetes object can ask for that podsim reads but does not simulate. Each such field gets a
// `not_modelled` warning at its own path and line, saying what happens instead; docs/inputs.md lists
// them. Fields with no bearing on placement or timing (env, command, securityContext, probes'
// commands, serviceAccountName, …) are not listed: simulating them would change nothing.
import { NOT_MODELLED } from '../../scenario/warnings.js';
import type { IssueSink } from '../issue.js';
import { isRecord } from '../plain-data.js';
import type { Origin, PathKey } from '../types.js';

const present = (v: unknown) => v !== undefined && v !== null && v !== false && !(Array.isArray(v) && v.length === 0);

const VOLUME_BINDING = 'volume binding is not modelled (VolumeBinding, VolumeZone, VolumeRestrictions): the pod may go to any node that fits its requests';

/** Pod spec fields, relative to the pod spec: when present, what happens instead. */
const POD_FIELDS: readonly (readonly [string, string])[] = [
  ['activeDeadlineSeconds', 'activeDeadlineSeconds is not modelled: the pod is not stopped when the deadline passes'],
  ['schedulingGates', 'schedulingGates are not modelled: the pod is scheduled at once, as if no gate held it'],
  ['runtimeClassName', 'runtimeClassName is not modelled: the RuntimeClass\'s overhead and node selector are not applied (write spec.overhead to count an overhead)'],
  ['readinessGates', 'readinessGates are not modelled: the pod is ready when its readiness probe passes'],
  ['resourceClaims', 'dynamic resource allocation is not modelled: the claimed devices are neither counted nor checked'],
  ['terminationGracePeriodSeconds', 'terminationGracePeriodSeconds is not modelled: an evicted or preempted pod stops at once'],
];

/** Container fields, relative to one container. */
const CONTAINER_FIELDS: readonly (readonly [string, string])[] = [
  ['startupProbe', 'startupProbe is not modelled: readiness probing starts without waiting for it'],
  ['lifecycle', 'lifecycle hooks are not modelled: postStart and preStop take no time'],
];

/**
 * Warns about the pod spec fields podsim does not simulate: deadlines, scheduling and readiness
 * gates, runtime classes, dynamic resource claims, graceful
 * termination, volumes that need binding, startup probes, lifecycle hooks, and the images and
 * probes of any container but the first (the image and readiness models read the first container).
 *
 * @param spec - The PodSpec.
 * @param origin - The object it belongs to.
 * @param rel - The PodSpec's path inside the object.
 * @param sink - Receives the warnings.
 * @example
 * ```ts
 * podNotModelled({ activeDeadlineSeconds: 60, containers: [{ name: 'a' }] }, origin, ['spec'], sink);
 * // sink.warnings: not_modelled at spec.activeDeadlineSeconds
 * ```
 */
export function podNotModelled(spec: Readonly<Record<string, unknown>>, origin: Origin, rel: readonly PathKey[], sink: IssueSink): void {
  for (const [k, message] of POD_FIELDS) if (present(spec[k])) sink.warn(origin, [...rel, k], NOT_MODELLED, message);
  const volumes = spec['volumes'];
  if (Array.isArray(volumes)) {
    volumes.forEach((v, i) => {
      if (!isRecord(v)) return;
      for (const k of ['persistentVolumeClaim', 'ephemeral']) if (present(v[k])) sink.warn(origin, [...rel, 'volumes', i, k], NOT_MODELLED, VOLUME_BINDING);
    });
  }
  for (const key of ['containers', 'initContainers']) {
    const list = spec[key];
    if (!Array.isArray(list)) continue;
    list.forEach((c, i) => {
      if (!isRecord(c)) return;
      const at = [...rel, key, i];
      for (const [k, message] of CONTAINER_FIELDS) if (present(c[k])) sink.warn(origin, [...at, k], NOT_MODELLED, message);
      const resources = c['resources'];
      if (isRecord(resources) && present(resources['claims'])) sink.warn(origin, [...at, 'resources', 'claims'], NOT_MODELLED, 'dynamic resource allocation is not modelled: the claimed devices are neither counted nor checked');
      const first = key === 'containers' && i === 0;
      if (!first && present(c['image'])) sink.warn(origin, [...at, 'image'], NOT_MODELLED, 'only the first container\'s image is pulled: the image model reads one image per pod');
      if (!first && present(c['readinessProbe'])) sink.warn(origin, [...at, 'readinessProbe'], NOT_MODELLED, 'only the first container\'s readiness probe is read');
      const probe = c['readinessProbe'];
      if (first && isRecord(probe) && typeof probe['successThreshold'] === 'number' && probe['successThreshold'] > 1) {
        sink.warn(origin, [...at, 'readinessProbe', 'successThreshold'], NOT_MODELLED, 'successThreshold is not modelled: the container is ready at the first probe that succeeds');
      }
    });
  }
}

const JOB_FAILURE_FIELDS = ['backoffLimit', 'backoffLimitPerIndex', 'maxFailedIndexes', 'podFailurePolicy', 'podReplacementPolicy', 'successPolicy'];

/**
 * Warns about the workload spec fields podsim does not simulate: a StatefulSet's ordered start and
 * its volume claims, a Job's deadline and failure handling, a CronJob's concurrency policy.
 *
 * @param kind - The object's kind.
 * @param spec - Its spec.
 * @param jobSpec - The Job spec (a Job's own, or a CronJob's `jobTemplate.spec`), if any.
 * @param jobRel - The Job spec's path inside the object.
 * @param origin - The object.
 * @param sink - Receives the warnings.
 * @example
 * ```ts
 * workloadNotModelled('StatefulSet', { replicas: 3, template }, undefined, [], origin, sink);
 * // not_modelled at spec: pods start together, not one after another (OrderedReady)
 * ```
 */
export function workloadNotModelled(kind: string, spec: Readonly<Record<string, unknown>> | undefined, jobSpec: Readonly<Record<string, unknown>> | undefined, jobRel: readonly PathKey[], origin: Origin, sink: IssueSink): void {
  if (spec === undefined) return;
  if (kind === 'StatefulSet') {
    const policy = spec['podManagementPolicy'];
    if (policy !== 'Parallel') {
      sink.warn(origin, policy === undefined || policy === null ? ['spec'] : ['spec', 'podManagementPolicy'], NOT_MODELLED,
        'OrderedReady (the default podManagementPolicy) is not modelled: the StatefulSet\'s pods arrive together, as with Parallel, not each after the previous one is ready');
    }
    if (present(spec['volumeClaimTemplates'])) sink.warn(origin, ['spec', 'volumeClaimTemplates'], NOT_MODELLED, VOLUME_BINDING);
  }
  if (kind === 'CronJob') {
    const policy = spec['concurrencyPolicy'];
    if (policy === 'Forbid' || policy === 'Replace') {
      sink.warn(origin, ['spec', 'concurrencyPolicy'], NOT_MODELLED, `concurrencyPolicy ${policy} is not modelled: every scheduled run starts, even while the previous one is running (as with Allow)`);
    }
  }
  if (jobSpec !== undefined) {
    if (present(jobSpec['activeDeadlineSeconds'])) sink.warn(origin, [...jobRel, 'activeDeadlineSeconds'], NOT_MODELLED, 'activeDeadlineSeconds is not modelled: the Job is not stopped when the deadline passes');
    for (const k of JOB_FAILURE_FIELDS) {
      if (present(jobSpec[k])) sink.warn(origin, [...jobRel, k], NOT_MODELLED, `${k} is not modelled: a failed pod of a Job is not replaced or retried`);
    }
  }
}

/**
 * Warns about the Node fields podsim does not simulate: the images a node already holds, and
 * conditions that make Kubernetes taint it (not Ready, memory, disk or PID pressure, network unavailable).
 *
 * @param status - The Node's status, if a mapping.
 * @param origin - The Node.
 * @param sink - Receives the warnings.
 * @example
 * ```ts
 * nodeNotModelled({ images: [{ names: ['nginx:1.27'], sizeBytes: 7e7 }] }, origin, sink);
 * // not_modelled at status.images
 * ```
 */
export function nodeNotModelled(status: Readonly<Record<string, unknown>>, origin: Origin, sink: IssueSink): void {
  if (present(status['images'])) {
    sink.warn(origin, ['status', 'images'], NOT_MODELLED, 'status.images is not read: the node starts with no images (list them under the host group\'s images or prePulled in a scenario file)');
  }
  const conditions = status['conditions'];
  if (!Array.isArray(conditions)) return;
  conditions.forEach((c, i) => {
    if (!isRecord(c)) return;
    const bad = c['type'] === 'Ready' ? c['status'] !== 'True' : c['status'] === 'True';
    if (bad && typeof c['type'] === 'string') {
      sink.warn(origin, ['status', 'conditions', i], NOT_MODELLED, `the condition ${c['type']}=${String(c['status'])} is not modelled: the node takes pods as a healthy one would (Kubernetes would taint it)`);
    }
  });
}

/**
 * Kinds that change where pods go or what they request in a real cluster, which podsim reads and does
 * not simulate: each object gets its own warning (other kinds it does not simulate are listed together
 * in one `ignored_kinds` notice).
 *
 * @example
 * ```ts
 * NOT_MODELLED_KINDS['LimitRange']; // 'a LimitRange is not modelled: …'
 * ```
 */
export const NOT_MODELLED_KINDS: Readonly<Record<string, string>> = {
  LimitRange: 'a LimitRange is not modelled: containers without requests or limits get no defaults from it, and its bounds are not checked',
  ResourceQuota: 'a ResourceQuota is not modelled: pods are admitted beyond the quota',
  RuntimeClass: 'a RuntimeClass is not modelled: its overhead and scheduling constraints are not applied to the pods that name it',
  VerticalPodAutoscaler: 'a VerticalPodAutoscaler is not modelled: the pods keep the requests written in their templates',
};
