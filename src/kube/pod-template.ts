import type { CountTable } from './count-table.js';
import type { HostTopology } from './host-topology.js';
import { hostPortOf, type HostPort } from './host-ports.js';
import { HOSTNAME_LABEL } from './labels.js';
import type { KubePodFields, PodAffinityTerm, TopologySpreadConstraint } from './pod-fields-schema.js';
import type { ResolvedProfile } from './resolve-profile.js';
import { clauseMatches, type MatchClause, type PodIdentity, type SelectorIndex } from './selector-index.js';
import { compileLabelSelector, withLabelKeys } from './selectors.js';
import type { StaticClass } from './static-class.js';
import { resolvePriority, type PriorityTable } from './priority.js';

export { normalizedImageName, parseImage } from './images.js';

/**
 * A compiled topology spread constraint (internal to the scheduler).
 * @internal
 * @example
 * ```ts
 * t.hard[0]?.maxSkew; // 1
 * ```
 */
export interface SpreadConstraint {
  readonly keyId: number;
  readonly isHostname: boolean;
  readonly maxSkew: number;
  readonly minDomains: number;
  /** The pods it counts; `null` for a default constraint, which counts the pods of the pod's own owner (`KubeCycle.ownerSel`). */
  readonly sel: SelectorIndex | null;
  readonly selfMatch: boolean;
  readonly honorAffinity: boolean;
  readonly honorTaints: boolean;
  /** For a DoNotSchedule constraint: which nodes count for it, as a key (its key, policies and the pod's other constraint keys). */
  readonly modeKey: string;
}

/**
 * A compiled pod affinity term of the pod being scheduled (internal).
 * @internal
 * @example
 * ```ts
 * t.reqAnti[0]?.sel.domainCounts(t.reqAnti[0].keyId);
 * ```
 */
export interface AffinityTerm {
  readonly keyId: number;
  readonly weight: number;
  readonly clause: MatchClause;
  readonly sel: SelectorIndex;
}

/**
 * Kinds of affinity terms carried by bound pods: required affinity, required anti-affinity, preferred
 * affinity, preferred anti-affinity.
 * @internal
 * @example
 * ```ts
 * if (term.kind === REQ_ANTI) { … }
 * ```
 */
export const REQ_AFF = 0, REQ_ANTI = 1, PREF_AFF = 2, PREF_ANTI = 3;

/**
 * An affinity term carried by bound pods, with how many of them sit in each domain (internal). Equal
 * terms of different templates are one object: their pods add to the same counts.
 * @internal
 * @example
 * ```ts
 * term.counts.get(domain); // bound pods carrying the term in that domain
 * ```
 */
export interface CarriedTerm {
  readonly id: number;
  readonly kind: number;
  readonly weight: number;
  readonly clause: MatchClause;
  readonly keyId: number;
  readonly counts: CountTable;
  total: number;
}

/**
 * A pod's scheduling fields compiled once for all pods that share them (internal). What is matched
 * against node fields alone (node selector and affinity, tolerations, node name, images) lives in the
 * shared {@link StaticClass}, with its per-host caches; nothing here is sized by the number of hosts.
 * @internal
 * @example
 * ```ts
 * const t = compileTemplate(0, fields, 'web', 0, ctx);
 * ```
 */
export interface PodTemplate {
  readonly id: number;
  readonly profile: number;
  readonly identity: PodIdentity;
  readonly priority: number;
  readonly preemptNever: boolean;
  /** The node-facing fields, shared with every template that has the same ones. */
  readonly cls: StaticClass;
  /** Host ports the pod takes (NodePorts). */
  readonly hostPorts: readonly HostPort[];
  readonly hard: readonly SpreadConstraint[];
  readonly soft: readonly SpreadConstraint[];
  /**
   * Whether `hard` and `soft` are the profile's default constraints, which select the pods of the
   * pod's owner: they apply only to a pod that has an owner (upstream DefaultSelector is empty for a
   * bare pod), and count that owner's pods.
   */
  readonly ownerSpread: boolean;
  readonly softRequireAll: boolean;
  readonly reqAff: readonly AffinityTerm[];
  readonly reqAnti: readonly AffinityTerm[];
  readonly prefAff: readonly AffinityTerm[];
  readonly prefAnti: readonly AffinityTerm[];
  readonly allAffSel: SelectorIndex | null;
  readonly selfMatchesAllAff: boolean;
  readonly carried: CarriedTerm[];
  readonly pdbs: number[];
  readonly members: number[];
  /** Selector indexes this template's pods satisfy. */
  readonly matched: number[];
  /** Per carried term id: -1 unknown, 0 no, 1 the template's pods match it. */
  termMatch: Int8Array;
  /** The score cache's memo of the template's last request (see ScoreCache). */
  memo: unknown;
}

/**
 * What compiling a template needs from the scheduler (internal).
 * @internal
 * @example
 * ```ts
 * compileTemplate(id, fields, profileIndex, ctx);
 * ```
 */
export interface TemplateContext {
  readonly topo: HostTopology;
  readonly profiles: readonly ResolvedProfile[];
  /** The cluster's priority classes, for {@link resolvePriority}. */
  readonly priorities: PriorityTable;
  internSelector(clauses: readonly MatchClause[]): SelectorIndex;
  /** The carried term with these properties, shared by every template that carries it. */
  carriedTerm(kind: number, weight: number, clause: MatchClause, keyId: number): CarriedTerm;
  /** The static class of a pod's node-facing fields. */
  classOf(fields: KubePodFields): StaticClass;
  pdbMatches(identity: PodIdentity): number[];
}

function termClause(t: PodAffinityTerm, ownNamespace: string, labels: Readonly<Record<string, string>>): MatchClause {
  const listed = t.namespaces ?? [];
  const nsSel = t.namespaceSelector === undefined ? null : compileLabelSelector(t.namespaceSelector);
  const anyNamespace = nsSel !== null && nsSel.pairs.length === 0 && nsSel.requirements.length === 0;
  let selector = compileLabelSelector(t.labelSelector);
  selector = withLabelKeys(selector, t.matchLabelKeys, labels, false);
  selector = withLabelKeys(selector, t.mismatchLabelKeys, labels, true);
  return {
    namespaces: new Set(listed.length === 0 && nsSel === null ? [ownNamespace] : listed),
    namespaceSelector: anyNamespace ? null : nsSel,
    anyNamespace,
    selector,
  };
}

/**
 * Compiles a pod's scheduling fields for one profile (internal). The template does not depend on the
 * pod's owner: default spreading constraints count the pods of each pod's own owner, resolved per pod
 * (`KubeCycle.ownerSel`), so that pods alike in their fields share one template whatever their owner.
 * @internal
 * @example
 * ```ts
 * const t = compileTemplate(0, { labels: { app: 'web' } }, 0, ctx);
 * ```
 */
export function compileTemplate(id: number, fields: KubePodFields | undefined, profileIndex: number, ctx: TemplateContext): PodTemplate {
  const f: KubePodFields = fields ?? {};
  const profile = ctx.profiles[profileIndex] as ResolvedProfile;
  const namespace = f.namespace ?? 'default';
  const labels = f.labels ?? {};
  const identity: PodIdentity = { namespace, labels };
  const topo = ctx.topo;

  const { value: priority, preemptionPolicy: policy } = resolvePriority(f, ctx.priorities);

  // Topology spread: the pod's own constraints, or the profile's defaults when it has none
  // (upstream podtopologyspread/common.go buildDefaultConstraints and plugin.go: system defaults are
  // hostname maxSkew 3 and zone maxSkew 5, ScheduleAnyway, with the selector of helper/spread.go
  // DefaultSelector, the pods of the same controller; none for a pod without one).
  const own = f.topologySpreadConstraints ?? [];
  let constraints: TopologySpreadConstraint[];
  let ownerBased = false;
  if (own.length > 0) constraints = [...own];
  else {
    ownerBased = true;
    constraints = profile.spread.defaultingType === 'System'
      ? [
          { maxSkew: 3, topologyKey: HOSTNAME_LABEL, whenUnsatisfiable: 'ScheduleAnyway' },
          { maxSkew: 5, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' },
        ]
      : [...profile.spread.defaultConstraints];
  }
  const compileSpread = (c: TopologySpreadConstraint): SpreadConstraint => {
    let sel: SelectorIndex | null = null;
    // The owner's selector matches the pod itself (a controller's selector selects its pods).
    let selfMatch = true;
    if (!ownerBased) {
      const ls = withLabelKeys(compileLabelSelector(c.labelSelector), c.matchLabelKeys, labels, false);
      const clause: MatchClause = { namespaces: new Set([namespace]), namespaceSelector: null, anyNamespace: false, selector: ls };
      sel = ctx.internSelector([clause]);
      selfMatch = clauseMatches(clause, identity);
    }
    return {
      keyId: topo.keyId(c.topologyKey),
      isHostname: c.topologyKey === HOSTNAME_LABEL,
      maxSkew: c.maxSkew,
      minDomains: c.minDomains ?? 1,
      sel,
      selfMatch,
      honorAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
      honorTaints: (c.nodeTaintsPolicy ?? 'Ignore') === 'Honor',
      modeKey: '',
    };
  };
  const hardKeys = constraints.filter((c) => c.whenUnsatisfiable === 'DoNotSchedule').map((c) => topo.keyId(c.topologyKey)).join(',');
  const hard = constraints.filter((c) => c.whenUnsatisfiable === 'DoNotSchedule').map((c) => {
    const x = compileSpread(c);
    return { ...x, modeKey: `${x.honorAffinity ? 1 : 0}${x.honorTaints ? 1 : 0}|${x.keyId}|${hardKeys}` };
  });
  const soft = constraints.filter((c) => c.whenUnsatisfiable === 'ScheduleAnyway').map(compileSpread);
  // Only non-system-default constraints require nodes to carry every topology key (scoring.go PreScore).
  const softRequireAll = own.length > 0 || profile.spread.defaultingType !== 'System';

  const mkTerm = (t: PodAffinityTerm, weight: number): AffinityTerm => {
    const clause = termClause(t, namespace, labels);
    return { keyId: topo.keyId(t.topologyKey), weight, clause, sel: ctx.internSelector([clause]) };
  };
  const pa = f.affinity?.podAffinity;
  const pan = f.affinity?.podAntiAffinity;
  const reqAff = (pa?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => mkTerm(t, 1));
  const reqAnti = (pan?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => mkTerm(t, 1));
  const prefAff = (pa?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => mkTerm(t.podAffinityTerm, t.weight));
  const prefAnti = (pan?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => mkTerm(t.podAffinityTerm, t.weight));
  const allAffSel = reqAff.length === 0 ? null : ctx.internSelector(reqAff.map((t) => t.clause));
  const selfMatchesAllAff = reqAff.length > 0 && reqAff.every((t) => clauseMatches(t.clause, identity));

  // The terms other pods see once this template's pods are bound.
  const carried: CarriedTerm[] = [];
  for (const t of reqAff) carried.push(ctx.carriedTerm(REQ_AFF, 1, t.clause, t.keyId));
  for (const t of reqAnti) carried.push(ctx.carriedTerm(REQ_ANTI, 1, t.clause, t.keyId));
  for (const t of prefAff) carried.push(ctx.carriedTerm(PREF_AFF, t.weight, t.clause, t.keyId));
  for (const t of prefAnti) carried.push(ctx.carriedTerm(PREF_ANTI, t.weight, t.clause, t.keyId));
  const hostPorts: HostPort[] = [];
  for (const p of f.ports ?? []) {
    const hp = hostPortOf(p);
    if (hp !== undefined) hostPorts.push(hp);
  }

  return {
    id,
    profile: profileIndex,
    identity,
    priority,
    preemptNever: policy === 'Never',
    cls: ctx.classOf(f),
    hostPorts,
    hard,
    soft,
    ownerSpread: ownerBased && constraints.length > 0,
    softRequireAll,
    reqAff,
    reqAnti,
    prefAff,
    prefAnti,
    allAffSel,
    selfMatchesAllAff,
    carried,
    pdbs: ctx.pdbMatches(identity),
    members: [],
    matched: [],
    termMatch: new Int8Array(0),
    memo: undefined,
  };
}
