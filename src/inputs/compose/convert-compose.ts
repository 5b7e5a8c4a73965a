import type { DistributionSpec } from '../../random/distributions.js';
import { isValidDimensionName } from '../../resources/dimensions.js';
import type { WorkloadSpec } from '../../scenario/schema.js';
import { parseDurationText } from '../duration-text.js';
import type { IssueSink } from '../issue.js';
import { hostModePorts } from './host-ports.js';
import type { ConvertContext, ConvertedParts, ResolvedImportOptions } from '../parts.js';
import { describeType, isRecord } from '../plain-data.js';
import { checkKeys, readCount, readString } from '../read-helpers.js';
import { toResourceSpec, type ExactResources } from '../resource-spec.js';
import type { Origin, PathKey } from '../types.js';
import { NOT_MODELLED } from '../../scenario/warnings.js';
import { parseComposeBytes, parseComposeCpus } from './compose-units.js';
import { composeNotModelled } from './not-modelled.js';

const set = (...n: string[]): ReadonlySet<string> => new Set(n);

const TOP_FIELDS = set('version', 'name', 'services', 'networks', 'volumes', 'secrets', 'configs', 'include', 'models');
const SERVICE_FIELDS = set(
  'annotations', 'attach', 'build', 'blkio_config', 'cpu_count', 'cpu_percent', 'cpu_shares', 'cpu_period', 'cpu_quota',
  'cpu_rt_runtime', 'cpu_rt_period', 'cpus', 'cpuset', 'cap_add', 'cap_drop', 'cgroup', 'cgroup_parent', 'command',
  'configs', 'container_name', 'credential_spec', 'depends_on', 'deploy', 'develop', 'device_cgroup_rules', 'devices',
  'dns', 'dns_opt', 'dns_search', 'domainname', 'driver_opts', 'entrypoint', 'env_file', 'environment', 'expose',
  'extends', 'external_links', 'extra_hosts', 'gpus', 'group_add', 'healthcheck', 'hostname', 'image', 'init', 'ipc',
  'isolation', 'labels', 'label_file', 'links', 'logging', 'mac_address', 'mem_limit', 'mem_reservation',
  'mem_swappiness', 'memswap_limit', 'models', 'network_mode', 'networks', 'oom_kill_disable', 'oom_score_adj', 'pid',
  'pids_limit', 'platform', 'ports', 'post_start', 'pre_stop', 'privileged', 'profiles', 'provider', 'pull_policy',
  'pull_refresh_after', 'read_only', 'restart', 'runtime', 'scale', 'secrets', 'security_opt', 'shm_size', 'stdin_open',
  'stop_grace_period', 'stop_signal', 'storage_opt', 'sysctls', 'tmpfs', 'tty', 'ulimits', 'use_api_socket', 'user',
  'userns_mode', 'uts', 'volumes', 'volumes_from', 'working_dir',
);
const DEPLOY_FIELDS = set('mode', 'endpoint_mode', 'replicas', 'labels', 'rollback_config', 'update_config', 'resources', 'restart_policy', 'placement');
const RESOURCES_FIELDS = set('limits', 'reservations');
const LIMITS_FIELDS = set('cpus', 'memory', 'pids');
const RESERVATIONS_FIELDS = set('cpus', 'memory', 'generic_resources', 'devices');
const DEVICE_FIELDS = set('capabilities', 'count', 'device_ids', 'driver', 'options');
const PLACEMENT_FIELDS = set('constraints', 'preferences', 'max_replicas_per_node');
const MODES = new Set(['replicated', 'global', 'replicated-job', 'global-job']);
/** The service extension field that sets how long a service's containers run (seconds or "5m"). @example `services: { migrate: { image: 'm', 'x-podsim-duration': '45s' } }` */
export const COMPOSE_DURATION_FIELD = 'x-podsim-duration';

/**
 * Whether parsed data looks like a Compose file: a mapping with a `services` mapping.
 *
 * @example
 * ```ts
 * isComposeData({ services: { web: { image: 'nginx' } } }); // true
 * ```
 */
export function isComposeData(data: unknown): boolean {
  return isRecord(data) && 'services' in data;
}

/**
 * Converts a Compose file (the compose specification, including Swarm `deploy` sections) into
 * workloads: one per service. Reservations become requests and limits become limits; see
 * `docs/inputs.md` for the full mapping.
 *
 * @param data - The parsed Compose file.
 * @param origin - Where it came from (its path is the document root).
 * @param options - Resolved import options.
 * @param sink - Receives problems and notices.
 * @param parts - Receives the workloads.
 * @example
 * ```ts
 * convertCompose({ services: { web: { image: 'nginx', deploy: { replicas: 2 } } } }, { path: [] }, options, sink, parts);
 * ```
 */
export function convertCompose(data: unknown, origin: Origin, options: ResolvedImportOptions, sink: IssueSink, parts: ConvertedParts): void {
  const ctx: ConvertContext = { sink, options, parts };
  if (!isRecord(data)) {
    sink.error(origin, [], 'invalid_type', `expected a Compose file (a mapping with services), got ${describeType(data)}`);
    return;
  }
  checkKeys(data, TOP_FIELDS, origin, [], sink, 'the Compose file');
  const project = typeof data['name'] === 'string' ? data['name'] : undefined;
  const services = data['services'];
  if (!isRecord(services)) {
    sink.error(origin, ['services'], 'invalid_type', `services must be a mapping of service names to services, got ${describeType(services)}`);
    return;
  }
  for (const key of ['include', 'extends']) {
    if (data[key] !== undefined) sink.warn(origin, [key], 'not_followed', `${key} is not followed; only this file's services are read`);
  }
  for (const [name, svc] of Object.entries(services)) convertService(name, svc, project, origin, ctx);
}

function bytes(v: unknown, origin: Origin, rel: readonly PathKey[], ctx: ConvertContext): number | undefined | null {
  if (v === undefined || v === null) return undefined;
  const r = parseComposeBytes(v);
  if (r.ok) return r.value;
  ctx.sink.error(origin, rel, 'invalid_quantity', `${JSON.stringify(v)} is not a valid byte value: ${r.reason}`);
  return null;
}

function cpus(v: unknown, origin: Origin, rel: readonly PathKey[], ctx: ConvertContext): number | undefined | null {
  if (v === undefined || v === null) return undefined;
  const r = parseComposeCpus(v);
  if (r.ok) return r.value;
  ctx.sink.error(origin, rel, 'invalid_quantity', `${JSON.stringify(v)} is not a valid number of CPUs: ${r.reason}`);
  return null;
}

function record(v: unknown, origin: Origin, rel: readonly PathKey[], ctx: ConvertContext, fields: ReadonlySet<string>, what: string): Record<string, unknown> | undefined | null {
  if (v === undefined || v === null) return undefined;
  if (!isRecord(v)) {
    ctx.sink.error(origin, rel, 'invalid_type', `${what} must be a mapping, got ${describeType(v)}`);
    return null;
  }
  checkKeys(v, fields, origin, rel, ctx.sink, what);
  return v;
}

function readLabels(v: unknown, origin: Origin, rel: readonly PathKey[], ctx: ConvertContext): Record<string, string> | undefined {
  if (v === undefined || v === null) return undefined;
  const out: Record<string, string> = {};
  if (Array.isArray(v)) {
    v.forEach((item, i) => {
      if (typeof item !== 'string') { ctx.sink.error(origin, [...rel, i], 'invalid_type', `expected "key=value", got ${describeType(item)}`); return; }
      const eq = item.indexOf('=');
      out[eq < 0 ? item : item.slice(0, eq)] = eq < 0 ? '' : item.slice(eq + 1);
    });
    return out;
  }
  if (!isRecord(v)) {
    ctx.sink.error(origin, rel, 'invalid_type', `expected a mapping or a list of "key=value", got ${describeType(v)}`);
    return undefined;
  }
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'string') out[k] = x;
    else if (x === null) out[k] = '';
    else if (typeof x === 'number' || typeof x === 'boolean') out[k] = String(x);
    else ctx.sink.error(origin, [...rel, k], 'invalid_type', `expected a string, got ${describeType(x)}`);
  }
  return out;
}

function convertService(name: string, svc: unknown, project: string | undefined, file: Origin, ctx: ConvertContext): void {
  const { sink, options } = ctx;
  const origin: Origin = { ...file, path: [...file.path, 'services', name], label: `service ${JSON.stringify(name)}` };
  if (!isRecord(svc)) {
    sink.error(origin, [], 'invalid_type', `expected a service (a mapping), got ${describeType(svc)}`);
    return;
  }
  const before = sink.issues.length;
  checkKeys(svc, SERVICE_FIELDS, origin, [], sink, 'the service');
  composeNotModelled(svc, origin, sink);
  const image = readString(svc['image'], origin, ['image'], sink);
  const deploy = record(svc['deploy'], origin, ['deploy'], ctx, DEPLOY_FIELDS, 'deploy');
  const d = deploy ?? {};
  const resources = record(d['resources'], origin, ['deploy', 'resources'], ctx, RESOURCES_FIELDS, 'deploy.resources');
  const r = resources ?? {};
  const limits = record(r['limits'], origin, ['deploy', 'resources', 'limits'], ctx, LIMITS_FIELDS, 'limits');
  const reservations = record(r['reservations'], origin, ['deploy', 'resources', 'reservations'], ctx, RESERVATIONS_FIELDS, 'reservations');
  const lim = limits ?? {}, res = reservations ?? {};
  const L = ['deploy', 'resources', 'limits'], R = ['deploy', 'resources', 'reservations'];

  const request: ExactResources = new Map();
  const limit: ExactResources = new Map();
  const put = (m: ExactResources, k: string, v: number | undefined | null) => { if (typeof v === 'number') m.set(k, v); };
  put(limit, 'cpu', cpus(lim['cpus'], origin, [...L, 'cpus'], ctx) ?? cpus(svc['cpus'], origin, ['cpus'], ctx));
  put(limit, 'memory', bytes(lim['memory'], origin, [...L, 'memory'], ctx) ?? bytes(svc['mem_limit'], origin, ['mem_limit'], ctx));
  put(request, 'cpu', cpus(res['cpus'], origin, [...R, 'cpus'], ctx));
  put(request, 'memory', bytes(res['memory'], origin, [...R, 'memory'], ctx) ?? bytes(svc['mem_reservation'], origin, ['mem_reservation'], ctx));
  readDevices(res['devices'], origin, [...R, 'devices'], ctx, request);
  readGenericResources(res['generic_resources'], origin, [...R, 'generic_resources'], ctx, request);
  if (svc['gpus'] !== undefined) sink.warn(origin, ['gpus'], NOT_MODELLED, 'gpus is not read; use deploy.resources.reservations.devices with capabilities [gpu] and a count');

  const mode = d['mode'] ?? 'replicated';
  if (typeof mode !== 'string' || !MODES.has(mode)) sink.error(origin, ['deploy', 'mode'], 'invalid_value', `mode must be replicated, global, replicated-job or global-job, got ${describeType(mode)}`);
  const replicas = readCount(d['replicas'] ?? svc['scale'], origin, d['replicas'] !== undefined ? ['deploy', 'replicas'] : ['scale'], sink, 1, 0, options.maxArrivals);
  const labels = readLabels(svc['labels'], origin, ['labels'], ctx);
  const restartPolicy = readRestart(svc, d, origin, ctx);
  const pullPolicy = readPullPolicy(svc['pull_policy'], origin, ctx);
  const nodeSelector = readPlacement(d['placement'], origin, ctx);
  let duration: DistributionSpec | undefined;
  const rawDuration = svc[COMPOSE_DURATION_FIELD];
  if (rawDuration !== undefined) {
    const s = parseDurationText(rawDuration);
    if (s === undefined) sink.error(origin, [COMPOSE_DURATION_FIELD], 'invalid_duration', `${JSON.stringify(rawDuration)} is not a duration (use seconds, or "90s", "5m", "1h30m")`);
    else duration = { distribution: 'constant', value: s };
  }
  if (sink.issues.length > before || replicas === undefined) return;

  const job = mode === 'replicated-job' || mode === 'global-job';
  if (job && duration === undefined) {
    duration = options.jobDuration;
    if (options.jobDurationIsDefault) ctx.parts.defaultDuration.push(origin.label ?? name);
  }
  if (reservations === undefined && svc['mem_reservation'] === undefined) {
    if (options.requestsFromLimits && limit.size > 0) {
      for (const [k, v] of limit) if (!request.has(k)) request.set(k, v);
      ctx.parts.requestsFromLimits.push(name);
    } else ctx.parts.noReservations.push(name);
  }
  const global = mode === 'global' || mode === 'global-job';
  const w: Record<string, unknown> = { name, arrival: { process: 'explicit', times: global ? [0] : new Array<number>(replicas).fill(0) } };
  if (duration !== undefined) w['duration'] = duration;
  w['request'] = toResourceSpec(request);
  if (limit.size > 0) w['limit'] = toResourceSpec(limit);
  if (global) w['daemonSet'] = true;
  if (image !== undefined) w['image'] = image;
  if (pullPolicy !== undefined) w['imagePullPolicy'] = pullPolicy;
  if (restartPolicy !== undefined) w['restartPolicy'] = restartPolicy;
  if (labels !== undefined) w['labels'] = labels;
  if (nodeSelector !== undefined) w['nodeSelector'] = nodeSelector;
  const ports = hostModePorts(svc['ports']);
  if (ports.length > 0) w['ports'] = ports;
  const alt = project === undefined ? [] : [`${project}/${name}`];
  ctx.parts.workloads.push({ value: w as unknown as WorkloadSpec, origin, names: [name, ...alt, `${file.file ?? 'compose'}/${name}`] });
}

function readDevices(v: unknown, origin: Origin, rel: readonly PathKey[], ctx: ConvertContext, request: ExactResources): void {
  if (v === undefined || v === null) return;
  if (!Array.isArray(v)) {
    ctx.sink.error(origin, rel, 'invalid_type', `devices must be a list, got ${describeType(v)}`);
    return;
  }
  v.forEach((dev, i) => {
    if (!isRecord(dev)) { ctx.sink.error(origin, [...rel, i], 'invalid_type', `expected a device (a mapping), got ${describeType(dev)}`); return; }
    checkKeys(dev, DEVICE_FIELDS, origin, [...rel, i], ctx.sink, 'device');
    const caps = dev['capabilities'];
    if (!Array.isArray(caps) || !caps.every((c) => typeof c === 'string')) {
      ctx.sink.error(origin, [...rel, i, 'capabilities'], 'invalid_type', 'capabilities must be a list of strings, such as [gpu]');
      return;
    }
    if (!caps.includes('gpu')) {
      ctx.sink.warn(origin, [...rel, i], NOT_MODELLED, `a device with capabilities [${caps.join(', ')}] is not a GPU: it is not modelled, and ignored`);
      return;
    }
    let n: number | undefined;
    const count = dev['count'];
    const ids = dev['device_ids'];
    if (Array.isArray(ids)) n = ids.length;
    else if (count === 'all' || (count === undefined && ids === undefined)) {
      ctx.sink.warn(origin, [...rel, i, 'count'], 'gpu_all', 'asks for all GPUs of the host; podsim reserves 1 GPU (write a count to reserve more)');
      n = 1;
    } else n = readCount(count, origin, [...rel, i, 'count'], ctx.sink, 1, 0, 1_000_000);
    if (n !== undefined) request.set('gpu', (request.get('gpu') ?? 0) + n);
  });
}

function readGenericResources(v: unknown, origin: Origin, rel: readonly PathKey[], ctx: ConvertContext, request: ExactResources): void {
  if (v === undefined || v === null) return;
  if (!Array.isArray(v)) {
    ctx.sink.error(origin, rel, 'invalid_type', `generic_resources must be a list, got ${describeType(v)}`);
    return;
  }
  v.forEach((g, i) => {
    const spec = isRecord(g) ? g['discrete_resource_spec'] : undefined;
    if (!isRecord(spec)) { ctx.sink.warn(origin, [...rel, i], NOT_MODELLED, 'only discrete_resource_spec generic resources are modelled; this one is ignored'); return; }
    const kind = spec['kind'];
    if (typeof kind !== 'string' || !isValidDimensionName(kind)) { ctx.sink.error(origin, [...rel, i, 'discrete_resource_spec', 'kind'], 'invalid_resource_name', `${JSON.stringify(kind)} is not a valid resource name`); return; }
    const n = readCount(spec['value'], origin, [...rel, i, 'discrete_resource_spec', 'value'], ctx.sink, 1, 0, Number.MAX_SAFE_INTEGER);
    if (n !== undefined) request.set(kind, (request.get(kind) ?? 0) + n);
  });
}

function readPlacement(v: unknown, origin: Origin, ctx: ConvertContext): Record<string, string> | undefined {
  const p = record(v, origin, ['deploy', 'placement'], ctx, PLACEMENT_FIELDS, 'placement');
  if (p === undefined || p === null) return undefined;
  for (const k of ['max_replicas_per_node', 'preferences']) {
    if (p[k] !== undefined && p[k] !== null) ctx.sink.warn(origin, ['deploy', 'placement', k], NOT_MODELLED, `placement.${k} is not modelled; ignored`);
  }
  const constraints = p['constraints'];
  if (constraints === undefined || constraints === null) return undefined;
  if (!Array.isArray(constraints)) {
    ctx.sink.error(origin, ['deploy', 'placement', 'constraints'], 'invalid_type', `constraints must be a list, got ${describeType(constraints)}`);
    return undefined;
  }
  const selector: Record<string, string> = {};
  const ignored: string[] = [];
  constraints.forEach((c, i) => {
    if (typeof c !== 'string') { ctx.sink.error(origin, ['deploy', 'placement', 'constraints', i], 'invalid_type', `expected a constraint string, got ${describeType(c)}`); return; }
    const m = /^\s*node\.labels\.([^\s=!]+)\s*==\s*(\S*)\s*$/.exec(c);
    if (m !== null) selector[m[1] as string] = m[2] as string;
    else ignored.push(c);
  });
  if (ignored.length > 0) {
    ctx.sink.warn(origin, ['deploy', 'placement', 'constraints'], NOT_MODELLED, `placement constraints ${ignored.map((c) => JSON.stringify(c)).join(', ')} are not modelled and ignored; only "node.labels.<key> == <value>" becomes a nodeSelector`);
  }
  return Object.keys(selector).length > 0 ? selector : undefined;
}

const RESTART_CONDITIONS: Readonly<Record<string, 'Never' | 'OnFailure' | 'Always'>> = { none: 'Never', 'on-failure': 'OnFailure', any: 'Always' };

/**
 * The restart policy: Swarm's `deploy.restart_policy.condition` (none, on-failure, any), else
 * Compose's `restart` (no, on-failure[:N], always, unless-stopped), as Kubernetes names them.
 */
function readRestart(svc: Record<string, unknown>, deploy: Record<string, unknown>, origin: Origin, ctx: ConvertContext): 'Never' | 'OnFailure' | 'Always' | undefined {
  const rp = deploy['restart_policy'];
  if (rp !== undefined && rp !== null) {
    if (!isRecord(rp)) {
      ctx.sink.error(origin, ['deploy', 'restart_policy'], 'invalid_type', `restart_policy must be a mapping, got ${describeType(rp)}`);
      return undefined;
    }
    const c = rp['condition'];
    if (c === undefined || c === null) return undefined;
    const p = typeof c === 'string' ? RESTART_CONDITIONS[c] : undefined;
    if (p === undefined) ctx.sink.error(origin, ['deploy', 'restart_policy', 'condition'], 'invalid_value', `condition must be none, on-failure or any, got ${describeType(c)}`);
    return p;
  }
  const r = svc['restart'];
  if (r === undefined || r === null) return undefined;
  if (r === 'no' || r === false) return 'Never';
  if (r === 'always' || r === 'unless-stopped') return 'Always';
  if (typeof r === 'string' && /^on-failure(:\d+)?$/.test(r)) {
    if (r.includes(':')) ctx.sink.warn(origin, ['restart'], NOT_MODELLED, `the retry limit of ${JSON.stringify(r)} is not modelled: a container restarts after every failure`);
    return 'OnFailure';
  }
  ctx.sink.error(origin, ['restart'], 'invalid_value', `restart must be no, always, on-failure[:N] or unless-stopped, got ${describeType(r)}`);
  return undefined;
}

const PULL_POLICIES: Readonly<Record<string, 'Always' | 'Never' | 'IfNotPresent'>> = { always: 'Always', never: 'Never', missing: 'IfNotPresent', if_not_present: 'IfNotPresent' };

/** `pull_policy` as Kubernetes names it; `build`, `daily`, `weekly` and `every_<duration>` are not modelled. */
function readPullPolicy(v: unknown, origin: Origin, ctx: ConvertContext): 'Always' | 'Never' | 'IfNotPresent' | undefined {
  if (v === undefined || v === null) return undefined;
  const p = typeof v === 'string' ? PULL_POLICIES[v] : undefined;
  if (p !== undefined) return p;
  if (typeof v === 'string' && /^(build|daily|weekly|every_\w+)$/.test(v)) {
    ctx.sink.warn(origin, ['pull_policy'], NOT_MODELLED, `pull_policy ${v} is not modelled: the image is pulled if it is not present (IfNotPresent)`);
    return undefined;
  }
  ctx.sink.error(origin, ['pull_policy'], 'invalid_value', `pull_policy must be always, never, missing, build, daily, weekly or every_<duration>, got ${describeType(v)}`);
  return undefined;
}

