import { HOSTNAME_LABEL } from '../../kube/validate-kube-config.js';
import type { IssueSink } from '../issue.js';
import { describeType, isRecord } from '../plain-data.js';
import { checkKeys, readCount, readOneOf, readRecordList, readString, readStringMap } from '../read-helpers.js';
import { toResourceSpec } from '../resource-spec.js';
import type { Origin, PathKey } from '../types.js';
import { containerPorts } from './container-ports.js';
import { CONTAINER_FIELDS, POD_SPEC_FIELDS, PREEMPTION_POLICIES } from './known-fields.js';
import { podNotModelled } from './not-modelled.js';
import { podResources } from './pod-resources.js';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'] as const;
const PULL_POLICIES = ['IfNotPresent', 'Always', 'Never'] as const;

/**
 * Reads a pod template (or a Pod's own metadata and spec) into workload fields: requests and
 * limits, image, labels, scheduling fields, readiness and ports. Returns undefined, with the
 * problems reported, when any is wrong.
 *
 * @example
 * ```ts
 * const fields = readPodTemplate(template.metadata, template.spec, origin, ['spec', 'template', 'spec'], ['spec', 'template', 'metadata'], sink);
 * fields?.['request']; // { cpu: '500m', memory: '1Gi' }
 * ```
 */
export function readPodTemplate(tmeta: Record<string, unknown> | undefined, spec: Record<string, unknown>, origin: Origin, rel: readonly PathKey[], metaRel: readonly PathKey[], sink: IssueSink): Record<string, unknown> | undefined {
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
  const preemptionPolicy = readOneOf(spec['preemptionPolicy'], PREEMPTION_POLICIES, origin, [...rel, 'preemptionPolicy'], sink);
  const priority = spec['priority'];
  if (priority !== undefined && priority !== null && !(typeof priority === 'number' && Number.isInteger(priority))) {
    sink.error(origin, [...rel, 'priority'], 'invalid_type', `expected a whole number, got ${describeType(priority)}`);
  }
  const restartPolicy = readOneOf(spec['restartPolicy'], RESTART_POLICIES, origin, [...rel, 'restartPolicy'], sink);
  const pullPolicy = readOneOf(first?.['imagePullPolicy'], PULL_POLICIES, origin, [...rel, 'containers', 0, 'imagePullPolicy'], sink);
  const readiness = readReadiness(first?.['readinessProbe'], origin, [...rel, 'containers', 0, 'readinessProbe'], sink);
  const ports = containerPorts(containers, spec['hostNetwork'] === true, origin, rel, sink);
  if (sink.issues.length > before || res === undefined) return undefined;
  const f: Record<string, unknown> = { request: toResourceSpec(res.request) };
  if (restartPolicy !== undefined) f['restartPolicy'] = restartPolicy;
  if (pullPolicy !== undefined) f['imagePullPolicy'] = pullPolicy;
  if (readiness !== undefined) f['readiness'] = readiness;
  if (res.limit.size > 0) f['limit'] = toResourceSpec(res.limit);
  if (image !== undefined) f['image'] = image;
  if (labels !== undefined) f['labels'] = labels;
  if (priorityClassName !== undefined) f['priorityClassName'] = priorityClassName;
  if (typeof priority === 'number') f['priority'] = priority;
  if (preemptionPolicy !== undefined) f['preemptionPolicy'] = preemptionPolicy;
  if (schedulerName !== undefined && schedulerName !== '') f['schedulerName'] = schedulerName;
  const selector = { ...(nodeSelector ?? {}) };
  if (nodeName !== undefined && nodeName !== '') selector[HOSTNAME_LABEL] = nodeName;
  if (Object.keys(selector).length > 0) f['nodeSelector'] = selector;
  if (isRecord(affinity)) f['affinity'] = affinity;
  if (tolerations !== undefined) f['tolerations'] = tolerations;
  if (tsc !== undefined) f['topologySpreadConstraints'] = tsc;
  if (ports.length > 0) f['ports'] = ports;
  return f;
}

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
