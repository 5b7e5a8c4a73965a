import type { z } from 'zod';
import { SYSTEM_PRIORITY_CLASSES } from './priority.js';
import { joinPath, pathToString, type Issue } from '../errors.js';
import { tryParseQuantity } from '../resources/quantity.js';
import { didYouMean } from '../inputs/did-you-mean.js';
import type { KubeNodeFields } from './node-fields-schema.js';
import { PLUGIN_REGISTRY } from './plugin-registry.js';
import type { KubePodFields, LabelSelector, PodAffinityTerm, SelectorRequirement, TopologySpreadConstraint } from './pod-fields-schema.js';
import type { PodDisruptionBudget, PriorityClass } from './policy-schema.js';
import {
  defaultPreemptionArgsSchema,
  EXTENSION_POINTS,
  interPodAffinityArgsSchema,
  nodeResourcesBalancedAllocationArgsSchema,
  nodeResourcesFitArgsSchema,
  podTopologySpreadArgsSchema,
  tetrisAlignmentArgsSchema,
  type KubeProfile,
  type PluginSet,
  type ResourceWeight,
} from './profile-schema.js';

/**
 * The label kube-scheduler treats as the node's own name; every podsim host has it implicitly.
 *
 * @example
 * ```ts
 * const term = { topologyKey: HOSTNAME_LABEL, labelSelector: { matchLabels: { app: 'web' } } };
 * ```
 */
export const HOSTNAME_LABEL = 'kubernetes.io/hostname';


const NODE_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];
const LABEL_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

function zodIssues(result: z.ZodSafeParseResult<unknown>, path: string, out: Issue[]): void {
  if (result.success) return;
  for (const i of result.error.issues) {
    let p = path;
    const rest = pathToString(i.path);
    if (rest !== '') p = path === '' ? rest : rest.startsWith('[') ? `${path}${rest}` : `${path}.${rest}`;
    out.push({ code: i.code === 'unrecognized_keys' ? 'unknown_key' : 'invalid_args', path: p, message: i.message });
  }
}

function requirementIssues(r: SelectorRequirement, path: string, node: boolean, out: Issue[]): void {
  const ops = node ? NODE_OPERATORS : LABEL_OPERATORS;
  if (r.key === '') out.push({ code: 'invalid_key', path: joinPath(path, 'key'), message: 'must not be empty' });
  if (!ops.includes(r.operator)) {
    out.push({ code: 'bad_operator', path: joinPath(path, 'operator'), message: `${JSON.stringify(r.operator)} is not a valid operator here; expected one of ${ops.join(', ')}` });
    return;
  }
  const values = r.values ?? [];
  const vpath = joinPath(path, 'values');
  if ((r.operator === 'In' || r.operator === 'NotIn') && values.length === 0) {
    out.push({ code: 'invalid_values', path: vpath, message: `must have at least one value for ${r.operator}` });
  } else if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && values.length > 0) {
    out.push({ code: 'invalid_values', path: vpath, message: `must be empty for ${r.operator}` });
  } else if (r.operator === 'Gt' || r.operator === 'Lt') {
    if (values.length !== 1) out.push({ code: 'invalid_values', path: vpath, message: `must have exactly one value for ${r.operator}, got ${values.length}` });
    else if (!/^[+-]?\d+$/.test(values[0] as string)) out.push({ code: 'invalid_values', path: joinPath(vpath, 0), message: `${JSON.stringify(values[0])} is not an integer; ${r.operator} compares integers` });
  }
}

function labelSelectorIssues(s: LabelSelector | undefined, path: string, out: Issue[]): void {
  (s?.matchExpressions ?? []).forEach((r, i) => requirementIssues(r, joinPath(joinPath(path, 'matchExpressions'), i), false, out));
}

interface PodContext {
  readonly hostKeys: ReadonlySet<string> | undefined;
  readonly priorityClasses: ReadonlyMap<string, number>;
  readonly schedulerNames: ReadonlySet<string>;
}

function topologyKeyIssues(key: string, path: string, ctx: { readonly hostKeys: ReadonlySet<string> | undefined }, out: Issue[]): void {
  if (key === '') {
    out.push({ code: 'invalid_topology_key', path, message: 'must not be empty' });
    return;
  }
  if (ctx.hostKeys !== undefined && !ctx.hostKeys.has(key)) {
    const hint = didYouMean(key, ctx.hostKeys);
    out.push({
      code: 'unknown_topology_key',
      path,
      message: `no host has the label ${JSON.stringify(key)}${hint}`,
    });
  }
}

function affinityTermIssues(t: PodAffinityTerm, path: string, ctx: PodContext, out: Issue[]): void {
  labelSelectorIssues(t.labelSelector, joinPath(path, 'labelSelector'), out);
  labelSelectorIssues(t.namespaceSelector, joinPath(path, 'namespaceSelector'), out);
  topologyKeyIssues(t.topologyKey, joinPath(path, 'topologyKey'), ctx, out);
}

function spreadIssues(list: readonly TopologySpreadConstraint[], path: string, ctx: { readonly hostKeys: ReadonlySet<string> | undefined }, out: Issue[], isDefault: boolean): void {
  const seen = new Map<string, number>();
  list.forEach((c, i) => {
    const p = joinPath(path, i);
    topologyKeyIssues(c.topologyKey, joinPath(p, 'topologyKey'), ctx, out);
    labelSelectorIssues(c.labelSelector, joinPath(p, 'labelSelector'), out);
    if (c.minDomains !== undefined && c.whenUnsatisfiable !== 'DoNotSchedule') {
      out.push({ code: 'invalid_min_domains', path: joinPath(p, 'minDomains'), message: 'can only be set when whenUnsatisfiable is DoNotSchedule' });
    }
    if (isDefault && c.labelSelector !== undefined) {
      out.push({ code: 'forbidden', path: joinPath(p, 'labelSelector'), message: 'must not be set in default constraints: the selector comes from the pod\'s owner' });
    }
    const k = `${c.topologyKey}\u0000${c.whenUnsatisfiable}`;
    const prev = seen.get(k);
    if (prev !== undefined) out.push({ code: 'duplicate_constraint', path: p, message: `duplicates ${path}[${prev}] (same topologyKey and whenUnsatisfiable)` });
    else seen.set(k, i);
  });
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

function weightIssues(resources: readonly ResourceWeight[] | undefined, path: string, out: Issue[], exactlyOne = false): void {
  const seen = new Set<string>();
  (resources ?? []).forEach((r, i) => {
    const p = joinPath(path, i);
    if (exactlyOne ? r.weight !== 1 : r.weight < 1 || r.weight > 100) {
      out.push({ code: 'weight_out_of_range', path: joinPath(p, 'weight'), message: exactlyOne ? `is ${r.weight}; resource weights of this plugin must be 1` : `is ${r.weight}; resource weights must be in [1, 100]` });
    }
    if (seen.has(r.name)) out.push({ code: 'duplicate_resource', path: joinPath(p, 'name'), message: `${JSON.stringify(r.name)} is listed twice` });
    seen.add(r.name);
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
    const args = c.args ?? {};
    switch (c.name) {
      case 'NodeResourcesFit': {
        const r = nodeResourcesFitArgsSchema.safeParse(args);
        zodIssues(r, ap, out);
        if (!r.success) break;
        const ss = r.data.scoringStrategy;
        const sp = joinPath(ap, 'scoringStrategy');
        weightIssues(ss?.resources, joinPath(sp, 'resources'), out);
        if (ss?.type === 'RequestedToCapacityRatio') {
          const shape = ss.requestedToCapacityRatio?.shape;
          const shp = joinPath(joinPath(sp, 'requestedToCapacityRatio'), 'shape');
          if (shape === undefined || shape.length === 0) out.push({ code: 'invalid_shape', path: shp, message: 'must have at least one point for RequestedToCapacityRatio' });
          const pts = shape ?? [];
          pts.forEach((pt, k) => {
            const pp = joinPath(shp, k);
            if (pt.utilization < 0 || pt.utilization > 100) out.push({ code: 'invalid_shape', path: joinPath(pp, 'utilization'), message: `is ${pt.utilization}; utilization must be in [0, 100]` });
            else if (k > 0 && pt.utilization <= (pts[k - 1]?.utilization ?? -1)) {
              out.push({ code: 'invalid_shape', path: joinPath(pp, 'utilization'), message: `is ${pt.utilization}, not above the previous point's ${pts[k - 1]?.utilization}; utilization must increase` });
            }
            if (pt.score < 0 || pt.score > 10) out.push({ code: 'invalid_shape', path: joinPath(pp, 'score'), message: `is ${pt.score}; score must be in [0, 10]` });
          });
        }
        break;
      }
      case 'NodeResourcesBalancedAllocation': {
        const r = nodeResourcesBalancedAllocationArgsSchema.safeParse(args);
        zodIssues(r, ap, out);
        if (r.success) weightIssues(r.data.resources, joinPath(ap, 'resources'), out, true);
        break;
      }
      case 'PodTopologySpread': {
        const r = podTopologySpreadArgsSchema.safeParse(args);
        zodIssues(r, ap, out);
        if (!r.success) break;
        const dc = r.data.defaultConstraints ?? [];
        if ((r.data.defaultingType ?? 'System') === 'System' && dc.length > 0) {
          out.push({ code: 'forbidden', path: joinPath(ap, 'defaultConstraints'), message: 'must be empty when defaultingType is System' });
        }
        spreadIssues(dc, joinPath(ap, 'defaultConstraints'), { hostKeys }, out, true);
        break;
      }
      case 'InterPodAffinity': {
        const r = interPodAffinityArgsSchema.safeParse(args);
        zodIssues(r, ap, out);
        const w = r.success ? r.data.hardPodAffinityWeight : undefined;
        if (w !== undefined && (w < 0 || w > 100)) out.push({ code: 'weight_out_of_range', path: joinPath(ap, 'hardPodAffinityWeight'), message: `is ${w}; must be in [0, 100]` });
        break;
      }
      case 'DefaultPreemption':
        zodIssues(defaultPreemptionArgsSchema.safeParse(args), ap, out);
        break;
      case 'TetrisAlignment': {
        const r = tetrisAlignmentArgsSchema.safeParse(args);
        zodIssues(r, ap, out);
        if (r.success) weightIssues(r.data.resources, joinPath(ap, 'resources'), out);
        break;
      }
      default:
        if (info.modelled && c.args !== undefined) out.push({ code: 'unsupported_args', path: ap, message: `podsim does not model args for ${c.name}` });
    }
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
