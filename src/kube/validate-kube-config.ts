import { SYSTEM_PRIORITY_CLASSES } from './priority.js';
import { joinPath, type Issue } from '../errors.js';
import { tryParseQuantity } from '../resources/quantity.js';
import { hostPortOf } from './host-ports.js';
import type { KubeNodeFields } from './node-fields-schema.js';
import { HOSTNAME_LABEL } from './labels.js';
import { kubePlugin, PLUGIN_REGISTRY } from './plugin-registry.js';
import type { KubePodFields, PodAffinityTerm, SelectorRequirement } from './pod-fields-schema.js';
import type { PodDisruptionBudget, PriorityClass } from './policy-schema.js';
import { EXTENSION_POINTS, type KubeProfile, type PluginSet } from './profile-schema.js';

export { HOSTNAME_LABEL } from './labels.js';
import { didYouMean } from '../inputs/did-you-mean.js';
import { labelSelectorIssues, requirementIssues, spreadIssues, topologyKeyIssues } from './validate-helpers.js';


interface PodContext {
  readonly hostKeys: ReadonlySet<string> | undefined;
  readonly priorityClasses: ReadonlyMap<string, number>;
  readonly schedulerNames: ReadonlySet<string>;
}

function affinityTermIssues(t: PodAffinityTerm, path: string, ctx: PodContext, out: Issue[]): void {
  labelSelectorIssues(t.labelSelector, joinPath(path, 'labelSelector'), out);
  labelSelectorIssues(t.namespaceSelector, joinPath(path, 'namespaceSelector'), out);
  topologyKeyIssues(t.topologyKey, joinPath(path, 'topologyKey'), ctx, out);
}

function podIssues(f: KubePodFields, path: string, ctx: PodContext, out: Issue[]): void {
  const na = f.affinity?.nodeAffinity;
  if (na !== undefined) {
    const base = joinPath(joinPath(path, 'affinity'), 'nodeAffinity');
    const req = na.requiredDuringSchedulingIgnoredDuringExecution;
    if (req !== undefined) {
      const tp = joinPath(joinPath(base, 'requiredDuringSchedulingIgnoredDuringExecution'), 'nodeSelectorTerms');
      if (req.nodeSelectorTerms.length === 0) out.push({ code: 'invalid_affinity', path: tp, message: 'must have at least one node selector term' });
      req.nodeSelectorTerms.forEach((t, i) => {
        const p = joinPath(tp, i);
        (t.matchExpressions ?? []).forEach((r, j) => requirementIssues(r, joinPath(joinPath(p, 'matchExpressions'), j), true, out));
        (t.matchFields ?? []).forEach((r, j) => fieldIssues(r, joinPath(joinPath(p, 'matchFields'), j), out));
      });
    }
    (na.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => {
      const p = joinPath(joinPath(joinPath(base, 'preferredDuringSchedulingIgnoredDuringExecution'), i), 'preference');
      (t.preference.matchExpressions ?? []).forEach((r, j) => requirementIssues(r, joinPath(joinPath(p, 'matchExpressions'), j), true, out));
      (t.preference.matchFields ?? []).forEach((r, j) => fieldIssues(r, joinPath(joinPath(p, 'matchFields'), j), out));
    });
  }
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    const a = f.affinity?.[kind];
    if (a === undefined) continue;
    const base = joinPath(joinPath(path, 'affinity'), kind);
    (a.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) =>
      affinityTermIssues(t, joinPath(joinPath(base, 'requiredDuringSchedulingIgnoredDuringExecution'), i), ctx, out));
    (a.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) =>
      affinityTermIssues(t.podAffinityTerm, joinPath(joinPath(joinPath(base, 'preferredDuringSchedulingIgnoredDuringExecution'), i), 'podAffinityTerm'), ctx, out));
  }
  (f.tolerations ?? []).forEach((t, i) => {
    const p = joinPath(joinPath(path, 'tolerations'), i);
    if (t.operator === 'Exists' && t.value !== undefined && t.value !== '') {
      out.push({ code: 'invalid_toleration', path: joinPath(p, 'value'), message: 'must be empty when operator is Exists' });
    }
    if ((t.key === undefined || t.key === '') && t.operator !== 'Exists') {
      out.push({ code: 'invalid_toleration', path: joinPath(p, 'operator'), message: 'must be Exists when key is empty' });
    }
  });
  spreadIssues(f.topologySpreadConstraints ?? [], joinPath(path, 'topologySpreadConstraints'), ctx, out, false);
  if (f.priorityClassName !== undefined) {
    const v = ctx.priorityClasses.get(f.priorityClassName) ?? SYSTEM_PRIORITY_CLASSES[f.priorityClassName];
    if (v === undefined) {
      const hint = didYouMean(f.priorityClassName, [...ctx.priorityClasses.keys()]);
      out.push({ code: 'unknown_priority_class', path: joinPath(path, 'priorityClassName'), message: `no priority class named ${JSON.stringify(f.priorityClassName)}${hint}` });
    } else if (f.priority !== undefined && f.priority !== v) {
      out.push({ code: 'priority_mismatch', path: joinPath(path, 'priority'), message: `is ${f.priority} but priority class ${JSON.stringify(f.priorityClassName)} has value ${v}` });
    }
  }
  const sn = f.schedulerName ?? 'default-scheduler';
  if (!ctx.schedulerNames.has(sn)) {
    out.push({ code: 'unknown_scheduler', path: joinPath(path, 'schedulerName'), message: `no profile has schedulerName ${JSON.stringify(sn)}; profiles: ${[...ctx.schedulerNames].join(', ')}` });
  }
  imageIssues(f.images, joinPath(path, 'images'), out);
  portIssues(f.ports, joinPath(path, 'ports'), out);
}

// upstream pkg/apis/core/validation AccumulateUniqueHostPorts: a pod may not take one host port twice.
function portIssues(ports: KubePodFields['ports'], path: string, out: Issue[]): void {
  const seen = new Map<string, number>();
  (ports ?? []).forEach((p, i) => {
    const hp = hostPortOf(p);
    if (hp === undefined) return;
    const prev = seen.get(hp.key);
    if (prev !== undefined) out.push({ code: 'duplicate_host_port', path: joinPath(joinPath(path, i), 'hostPort'), message: `${hp.protocol} host port ${hp.port} on ${hp.ip} is already taken by ports[${prev}]` });
    else seen.set(hp.key, i);
  });
}

function fieldIssues(r: SelectorRequirement, path: string, out: Issue[]): void {
  if (r.key !== 'metadata.name') out.push({ code: 'invalid_key', path: joinPath(path, 'key'), message: `${JSON.stringify(r.key)} is not supported in matchFields; only metadata.name is` });
  if (r.operator !== 'In' && r.operator !== 'NotIn') {
    out.push({ code: 'bad_operator', path: joinPath(path, 'operator'), message: `${JSON.stringify(r.operator)} is not valid in matchFields; expected In or NotIn` });
  } else if ((r.values ?? []).length !== 1) {
    out.push({ code: 'invalid_values', path: joinPath(path, 'values'), message: 'must have exactly one value in matchFields' });
  }
}

function imageIssues(images: KubePodFields['images'], path: string, out: Issue[]): void {
  (images ?? []).forEach((img, i) => {
    if (typeof img === 'string' || img.size === undefined) return;
    const r = tryParseQuantity(img.size, 'memory');
    if (!r.ok) out.push({ code: 'invalid_quantity', path: joinPath(joinPath(path, i), 'size'), message: `${JSON.stringify(img.size)} is not a valid image size: ${r.reason}` });
  });
}

function pluginSetIssues(set: PluginSet, point: string, path: string, out: Issue[]): void {
  const names = Object.keys(PLUGIN_REGISTRY);
  const check = (name: string, p: string, allowStar: boolean): boolean => {
    if (name === '*') {
      if (!allowStar) out.push({ code: 'invalid_plugin', path: p, message: '"*" can only be used in disabled' });
      return false;
    }
    const info = PLUGIN_REGISTRY[name];
    if (info === undefined) {
      const hint = didYouMean(name, names);
      out.push({ code: 'unknown_plugin', path: p, message: `${JSON.stringify(name)} is not a known scheduler plugin${hint}` });
      return false;
    }
    if (point !== 'multiPoint' && !info.points.includes(point as never)) {
      out.push({ code: 'plugin_extension_mismatch', path: p, message: `${name} does not implement the ${point} extension point (it implements ${info.points.join(', ')})` });
    }
    return true;
  };
  const seen = new Set<string>();
  (set.enabled ?? []).forEach((e, i) => {
    const p = joinPath(joinPath(path, 'enabled'), i);
    check(e.name, joinPath(p, 'name'), false);
    if (seen.has(e.name)) out.push({ code: 'duplicate_plugin', path: joinPath(p, 'name'), message: `${e.name} is enabled twice` });
    seen.add(e.name);
    if (e.weight !== undefined && (e.weight < 0 || e.weight > 100)) {
      out.push({ code: 'weight_out_of_range', path: joinPath(p, 'weight'), message: `is ${e.weight}; score plugin weights must be in [1, 100] (0 means the default)` });
    }
  });
  (set.disabled ?? []).forEach((d, i) => check(d.name, joinPath(joinPath(joinPath(path, 'disabled'), i), 'name'), true));
}

/**
 * Semantic checks of one profile that need nothing but the profile: plugin names (with "did you
 * mean"), weights, and each plugin's args. Used by {@link validateKubeConfig} and `resolveProfile`.
 *
 * @example
 * ```ts
 * profileIssues({ plugins: { score: { enabled: [{ name: 'ImageLocalty' }] } } }, 'profiles[0]');
 * // [{ code: 'unknown_plugin', path: 'profiles[0].plugins.score.enabled[0].name', … did you mean "ImageLocality"? }]
 * ```
 */
export function profileIssues(profile: KubeProfile, path: string, hostKeys?: ReadonlySet<string>): Issue[] {
  const out: Issue[] = [];
  const plugins = (profile.plugins ?? {}) as Record<string, PluginSet | undefined>;
  for (const point of EXTENSION_POINTS) {
    const set = plugins[point];
    if (set !== undefined) pluginSetIssues(set, point, joinPath(joinPath(path, 'plugins'), point), out);
  }
  const seen = new Map<string, number>();
  (profile.pluginConfig ?? []).forEach((c, i) => {
    const p = joinPath(joinPath(path, 'pluginConfig'), i);
    const info = PLUGIN_REGISTRY[c.name];
    if (info === undefined) {
      const hint = didYouMean(c.name, Object.keys(PLUGIN_REGISTRY));
      out.push({ code: 'unknown_plugin', path: joinPath(p, 'name'), message: `${JSON.stringify(c.name)} is not a known scheduler plugin${hint}` });
      return;
    }
    const prev = seen.get(c.name);
    if (prev !== undefined) out.push({ code: 'duplicate_plugin_config', path: joinPath(p, 'name'), message: `${c.name} is configured twice (also pluginConfig[${prev}])` });
    seen.set(c.name, i);
    const ap = joinPath(p, 'args');
    const plugin = kubePlugin(c.name);
    if (plugin?.validateArgs !== undefined) out.push(...plugin.validateArgs(c.args, ap, { hostKeys }));
  });
  return out;
}

/**
 * Everything {@link validateKubeConfig} checks, with where each part sits in the scenario.
 *
 * @example
 * ```ts
 * const input: KubeConfigInput = {
 *   profiles: scenario.scheduler?.profiles,
 *   pods: scenario.workloads.map((w, i) => ({ path: `workloads[${i}]`, fields: w })),
 *   hostGroups: scenario.hosts.map((h, i) => ({ path: `hosts[${i}]`, labels: h.labels, fields: h })),
 * };
 * ```
 */
export interface KubeConfigInput {
  /** Scheduling profiles. @defaultValue none: only `default-scheduler` exists */
  readonly profiles?: readonly KubeProfile[] | undefined;
  /** Priority classes. @defaultValue none (the system classes always exist) */
  readonly priorityClasses?: readonly PriorityClass[] | undefined;
  /** Pod disruption budgets. @defaultValue none */
  readonly podDisruptionBudgets?: readonly PodDisruptionBudget[] | undefined;
  /** Pods' scheduling fields, each with the path of the object that holds them (`workloads[2]`). @defaultValue none */
  readonly pods?: ReadonlyArray<{ readonly path: string; readonly fields: KubePodFields }> | undefined;
  /** Host groups: their labels (for topology keys) and kube fields. @defaultValue none: topology keys are not checked */
  readonly hostGroups?: ReadonlyArray<{ readonly path?: string; readonly labels?: Readonly<Record<string, string>> | undefined; readonly fields?: KubeNodeFields | undefined }> | undefined;
  /**
   * Paths of the lists in the scenario.
   * @defaultValue `{ profiles: 'scheduler.profiles', priorityClasses: 'priorityClasses', podDisruptionBudgets: 'podDisruptionBudgets' }`
   */
  readonly paths?: { readonly profiles?: string; readonly priorityClasses?: string; readonly podDisruptionBudgets?: string };
}

const PERCENT = /^(\d+)%$/;

// The queue sort plugins a profile enables (PrioritySort unless disabled), as a key.
function queueSortOf(p: KubeProfile): string {
  const plugins = p.plugins ?? {};
  const disabled = new Set([...(plugins.queueSort?.disabled ?? []), ...(plugins.multiPoint?.disabled ?? [])].map((d) => d.name));
  const names = disabled.has('*') || disabled.has('PrioritySort') ? [] : ['PrioritySort'];
  for (const e of [...(plugins.multiPoint?.enabled ?? []), ...(plugins.queueSort?.enabled ?? [])]) {
    if (PLUGIN_REGISTRY[e.name]?.points.includes('queueSort') === true && !names.includes(e.name)) names.push(e.name);
  }
  return names.join(',');
}

/**
 * Semantic checks of the kube scheduling configuration that a schema cannot express, returning every
 * problem as an {@link Issue} with its path: unknown plugins (with "did you mean"), score weights outside
 * 1..100 (0 means the default), malformed affinity terms (bad operator, Gt/Lt without exactly one integer,
 * In/NotIn without values, Exists with values), topology keys no host has, RequestedToCapacityRatio shapes
 * that are not increasing in utilisation or fall outside utilisation 0..100 and score 0..10, unknown
 * priority classes and scheduler names, and malformed priority classes and disruption budgets.
 * Run it after the zod schemas have parsed the input.
 *
 * @example
 * ```ts
 * const issues = validateKubeConfig({
 *   profiles: [{ plugins: { score: { enabled: [{ name: 'NodeResourcesFit', weight: 500 }] } } }],
 *   pods: [{ path: 'workloads[0]', fields: { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }] } }],
 *   hostGroups: [{ path: 'hosts[0]', labels: { 'topology.kubernetes.io/zone': 'a' } }],
 * });
 * // weight_out_of_range at scheduler.profiles[0].plugins.score.enabled[0].weight,
 * // unknown_topology_key at workloads[0].topologySpreadConstraints[0].topologyKey
 * ```
 */
export function validateKubeConfig(input: KubeConfigInput): Issue[] {
  const out: Issue[] = [];
  const paths = { profiles: 'scheduler.profiles', priorityClasses: 'priorityClasses', podDisruptionBudgets: 'podDisruptionBudgets', ...input.paths };
  let hostKeys: Set<string> | undefined;
  if (input.hostGroups !== undefined) {
    hostKeys = new Set([HOSTNAME_LABEL]);
    for (const g of input.hostGroups) for (const k of Object.keys(g.labels ?? {})) hostKeys.add(k);
  }
  const profiles = input.profiles ?? [];
  const schedulerNames = new Set<string>();
  profiles.forEach((p, i) => {
    const pp = joinPath(paths.profiles, i);
    out.push(...profileIssues(p, pp, hostKeys));
    const name = p.schedulerName ?? 'default-scheduler';
    if (schedulerNames.has(name)) out.push({ code: 'duplicate_scheduler_name', path: joinPath(pp, 'schedulerName'), message: `another profile is already named ${JSON.stringify(name)}` });
    schedulerNames.add(name);
  });
  if (profiles.length === 0) schedulerNames.add('default-scheduler');
  // upstream apis/config/validation: every profile must use the same queue sort plugin.
  const sorts = profiles.map((p) => queueSortOf(p));
  sorts.forEach((q, i) => {
    if (i > 0 && q !== sorts[0]) out.push({ code: 'queue_sort_mismatch', path: joinPath(joinPath(joinPath(paths.profiles, i), 'plugins'), 'queueSort'), message: `uses queue sort ${q === '' ? '(none)' : q} but ${joinPath(paths.profiles, 0)} uses ${sorts[0] === '' ? '(none)' : sorts[0]}; all profiles share one queue, so they must use the same queue sort plugin` });
  });

  const classes = new Map<string, number>();
  let globalDefault: number | undefined;
  (input.priorityClasses ?? []).forEach((c, i) => {
    const p = joinPath(paths.priorityClasses, i);
    if (classes.has(c.name)) out.push({ code: 'duplicate_priority_class', path: joinPath(p, 'name'), message: `another priority class is already named ${JSON.stringify(c.name)}` });
    if (c.name.startsWith('system-') && SYSTEM_PRIORITY_CLASSES[c.name] === undefined) {
      out.push({ code: 'reserved_name', path: joinPath(p, 'name'), message: 'names starting with "system-" are reserved for the built-in classes' });
    }
    if (c.value > 1_000_000_000 && SYSTEM_PRIORITY_CLASSES[c.name] === undefined) {
      out.push({ code: 'priority_out_of_range', path: joinPath(p, 'value'), message: `is ${c.value}; user priority classes may be at most 1000000000` });
    }
    if (c.globalDefault === true) {
      if (globalDefault !== undefined) out.push({ code: 'duplicate_global_default', path: joinPath(p, 'globalDefault'), message: `priorityClasses[${globalDefault}] is already the global default` });
      else globalDefault = i;
    }
    classes.set(c.name, c.value);
  });

  (input.podDisruptionBudgets ?? []).forEach((b, i) => {
    const p = joinPath(paths.podDisruptionBudgets, i);
    if ((b.minAvailable === undefined) === (b.maxUnavailable === undefined)) {
      out.push({ code: 'invalid_pdb', path: p, message: 'must set exactly one of minAvailable and maxUnavailable' });
    }
    for (const k of ['minAvailable', 'maxUnavailable'] as const) {
      const v = b[k];
      if (typeof v === 'string') {
        const m = PERCENT.exec(v);
        if (m === null || Number(m[1]) > 100) out.push({ code: 'invalid_pdb', path: joinPath(p, k), message: `${JSON.stringify(v)} is neither a count nor a percentage from "0%" to "100%"` });
      }
    }
    labelSelectorIssues(b.selector, joinPath(p, 'selector'), out);
  });

  const ctx: PodContext = { hostKeys, priorityClasses: classes, schedulerNames };
  for (const pod of input.pods ?? []) podIssues(pod.fields, pod.path, ctx, out);
  (input.hostGroups ?? []).forEach((g, i) => {
    const p = g.path ?? joinPath('hosts', i);
    imageIssues(g.fields?.images, joinPath(p, 'images'), out);
    const seen = new Set<string>();
    (g.fields?.taints ?? []).forEach((t, j) => {
      const k = `${t.key}\u0000${t.effect}`;
      if (seen.has(k)) out.push({ code: 'duplicate_taint', path: joinPath(joinPath(p, 'taints'), j), message: `taint ${t.key}:${t.effect} is listed twice` });
      seen.add(k);
    });
  });
  return out;
}
