import { PodsimError } from '../errors.js';
import { CountTable } from './count-table.js';
import type { HostTopology } from './host-topology.js';
import type { KubePodFields } from './pod-fields-schema.js';
import type { PodTable } from './pod-table.js';
import { compileTemplate, REQ_ANTI, type CarriedTerm, type PodTemplate, type TemplateContext } from './pod-template.js';
import type { PodDisruptionBudget } from './policy-schema.js';
import type { PriorityTable } from './priority.js';
import type { ResolvedProfile } from './resolve-profile.js';
import { clauseKey, SelectorIndex, type MatchClause, type PodIdentity } from './selector-index.js';
import { compileLabelSelector, matchesLabels, requiredLabelPair, type CompiledLabelSelector } from './selectors.js';
import { StaticClass } from './static-class.js';
import { grown } from '../util/grown.js';

/**
 * A pod disruption budget, compiled, with the live counts preemption reads (internal).
 * @internal
 * @example
 * ```ts
 * pdb.healthy - pdb.expected;
 * ```
 */
export interface CompiledPdb {
  readonly namespace: string;
  readonly selector: CompiledLabelSelector | null;
  readonly min: number | string | undefined;
  readonly maxUnavailable: number | string | undefined;
  /** Bound pods the budget selects. */
  healthy: number;
  /** Registered pods the budget selects. */
  expected: number;
}

/**
 * Everything the scheduler interns: pod templates (one per distinct fields: what kube reads of a pod
 * besides its request and owner), selector indexes (one per distinct label matcher), carried affinity
 * terms (one per distinct term), static classes (one per distinct node-facing fields), and the owners
 * of live pods, each with the counts of its bound pods that default spreading reads. Templates and
 * selectors are bucketed by label pair, so that a new template is matched only against the selectors
 * that could select it and a new selector only against the templates it could select (selectors that
 * name no single label, such as `{}`, are checked against all). Pods of different owners or request
 * shapes share a template, so neither costs a template, a selector or a score-cache entry; an owner
 * costs a few sparse counters while it has pods, and is forgotten with its last pod.
 *
 * @example
 * ```ts
 * const t = store.templateFor({ labels: { app: 'web' } });
 * store.templates[t.id] === t; // true
 * ```
 */
export class TemplateStore {
  /** Templates by id. */
  readonly templates: PodTemplate[] = [];
  /** Selector indexes by id. */
  readonly selectors: SelectorIndex[] = [];
  /** Carried terms by id. */
  readonly carried: CarriedTerm[] = [];
  /** The carried required anti-affinity terms. */
  readonly carriedAnti: CarriedTerm[] = [];
  /** The carried terms that score (required affinity, preferred affinity and anti-affinity). */
  readonly carriedScore: CarriedTerm[] = [];
  /** How many carried scoring terms have bound pods. */
  activeCarriedScore = 0;
  /** Pod disruption budgets. */
  readonly pdbs: CompiledPdb[];

  /**
   * Per owner id: the counts of the owner's bound pods (per host, and per domain as asked), while the
   * owner has registered pods; `undefined` for a free id. Ids are reused once freed.
   */
  readonly owners: Array<SelectorIndex | undefined> = [];
  /** Per owner id: its registered pods. */
  private ownerPods = new Int32Array(64);
  private readonly ownerKey: Array<string | number> = [];
  private readonly ownerNs: Array<Map<string | number, number>> = [];
  private readonly freeOwners: number[] = [];
  private readonly spareOwners: SelectorIndex[] = [];
  private readonly ownerIds = new Map<string, Map<string | number, number>>();
  private readonly byFields = new WeakMap<object, PodTemplate>();
  private readonly byText = new Map<string, PodTemplate>();
  private readonly selByKey = new Map<string, SelectorIndex>();
  private readonly carriedByKey = new Map<string, CarriedTerm>();
  private readonly classes = new Map<string, StaticClass>();
  private readonly tplBucket = new Map<string, PodTemplate[]>();
  private readonly selBucket = new Map<string, SelectorIndex[]>();
  private readonly selGeneric: SelectorIndex[] = [];
  private readonly ctx: TemplateContext;

  constructor(
    private readonly topo: HostTopology,
    profiles: readonly ResolvedProfile[],
    private readonly profileByName: ReadonlyMap<string, number>,
    priorities: PriorityTable,
    budgets: readonly PodDisruptionBudget[],
    private readonly pods: PodTable,
  ) {
    this.pdbs = budgets.map((b) => {
      const sel = compileLabelSelector(b.selector);
      return {
        namespace: b.namespace ?? 'default',
        selector: sel !== null && sel.pairs.length === 0 && sel.requirements.length === 0 ? null : sel,
        min: b.minAvailable,
        maxUnavailable: b.maxUnavailable,
        healthy: 0,
        expected: 0,
      };
    });
    this.ctx = {
      topo,
      profiles,
      priorities,
      internSelector: (clauses) => this.internSelector(clauses),
      carriedTerm: (kind, weight, clause, keyId) => this.carriedTerm(kind, weight, clause, keyId),
      classOf: (f) => this.classOf(f),
      pdbMatches: (id) => this.pdbMatches(id),
    };
  }

  /** The template of a pod's fields, compiling it on first use (the same `fields` object is a cheap lookup). */
  templateFor(fields: KubePodFields | undefined): PodTemplate {
    if (fields !== undefined) {
      const t = this.byFields.get(fields);
      if (t !== undefined) return t;
    }
    const text = fields === undefined ? '' : JSON.stringify(fields);
    let t = this.byText.get(text);
    if (t === undefined) {
      const sn = fields?.schedulerName ?? 'default-scheduler';
      const profile = this.profileByName.get(sn);
      if (profile === undefined) {
        throw new PodsimError([{ code: 'unknown_scheduler', path: 'schedulerName', message: `no profile has schedulerName ${JSON.stringify(sn)}; profiles: ${[...this.profileByName.keys()].join(', ')}` }]);
      }
      t = compileTemplate(this.templates.length, fields, profile, this.ctx);
      for (const s of this.selectorCandidates(t.identity)) if (s.matches(t.identity)) t.matched.push(s.id);
      this.templates.push(t);
      this.byText.set(text, t);
      for (const k of templateKeys(t.identity)) bucket(this.tplBucket, k).push(t);
    }
    if (fields !== undefined) this.byFields.set(fields, t);
    return t;
  }

  /**
   * The id of an owner (a controller: pods of one owner in one namespace are what default spreading
   * selects, upstream helper/spread.go DefaultSelector), counting one more registered pod of it; new
   * owners get a fresh (or freed) id and empty counts. Pair with {@link TemplateStore.releaseOwner}.
   */
  ownerOf(namespace: string, owner: string | number): number {
    let ns = this.ownerIds.get(namespace);
    if (ns === undefined) this.ownerIds.set(namespace, (ns = new Map()));
    let id = ns.get(owner);
    if (id === undefined) {
      id = this.freeOwners.pop() ?? this.owners.length;
      if (id === this.owners.length) this.owners.push(undefined);
      if (id >= this.ownerPods.length) this.ownerPods = grown(this.ownerPods, this.ownerPods.length * 2);
      const spare = this.spareOwners.pop();
      if (spare !== undefined) spare.clear();
      this.owners[id] = spare ?? new SelectorIndex(-1, [], '', this.topo);
      this.ownerPods[id] = 0;
      this.ownerKey[id] = owner;
      this.ownerNs[id] = ns;
      ns.set(owner, id);
    }
    this.ownerPods[id] = (this.ownerPods[id] as number) + 1;
    return id;
  }

  /** One registered pod of an owner fewer; with the last, the owner and its counts are forgotten (the pods must be unbound first). */
  releaseOwner(id: number): void {
    const left = (this.ownerPods[id] as number) - 1;
    this.ownerPods[id] = left;
    if (left > 0) return;
    (this.ownerNs[id] as Map<string | number, number>).delete(this.ownerKey[id] as string | number);
    // Small (sparse) counters are kept for the next owner; a big owner's dense ones are let go.
    const sel = this.owners[id] as SelectorIndex;
    if (sel.hosts.dense === null && this.spareOwners.length < 4096) this.spareOwners.push(sel);
    this.owners[id] = undefined;
    this.freeOwners.push(id);
  }

  /** Owners with registered pods now. */
  get liveOwners(): number {
    return this.owners.length - this.freeOwners.length;
  }

  /** The selector index of a matcher (clauses ANDed), creating it and counting the bound pods it selects on first use. */
  internSelector(clauses: readonly MatchClause[]): SelectorIndex {
    const key = clauses.map(clauseKey).sort().join('&');
    let s = this.selByKey.get(key);
    if (s !== undefined) return s;
    s = new SelectorIndex(this.selectors.length, clauses, key, this.topo);
    this.selectors.push(s);
    this.selByKey.set(key, s);
    const k = selectorKey(clauses);
    if (k === NEVER) return s;
    let candidates: readonly PodTemplate[];
    if (k === undefined) {
      this.selGeneric.push(s);
      candidates = this.templates;
    } else {
      bucket(this.selBucket, k).push(s);
      candidates = this.tplBucket.get(k) ?? [];
    }
    for (const t of candidates) {
      if (!s.matches(t.identity)) continue;
      t.matched.push(s.id);
      for (const p of t.members) {
        const h = this.pods.host[p] as number;
        if (h >= 0) s.add(h, 1);
      }
    }
    return s;
  }

  private *selectorCandidates(id: PodIdentity): Iterable<SelectorIndex> {
    for (const k of templateKeys(id)) {
      const b = this.selBucket.get(k);
      if (b !== undefined) yield* b;
    }
    yield* this.selGeneric;
  }

  private carriedTerm(kind: number, weight: number, clause: MatchClause, keyId: number): CarriedTerm {
    const key = `${kind}|${weight}|${keyId}|${clauseKey(clause)}`;
    let t = this.carriedByKey.get(key);
    if (t !== undefined) return t;
    t = { id: this.carried.length, kind, weight, clause, keyId, counts: new CountTable(this.topo.domainCount(keyId)), total: 0 };
    this.carried.push(t);
    this.carriedByKey.set(key, t);
    if (kind === REQ_ANTI) this.carriedAnti.push(t);
    else this.carriedScore.push(t);
    return t;
  }

  private classOf(f: KubePodFields): StaticClass {
    const key = StaticClass.keyOf(f);
    let c = this.classes.get(key);
    if (c === undefined) this.classes.set(key, (c = new StaticClass(key, f)));
    return c;
  }

  private pdbMatches(id: PodIdentity): number[] {
    const out: number[] = [];
    this.pdbs.forEach((b, i) => {
      if (b.selector !== null && b.namespace === id.namespace && Object.keys(id.labels).length > 0 && matchesLabels(b.selector, id.labels)) out.push(i);
    });
    return out;
  }
}

const NEVER = '\u0000never';

function bucket<T>(m: Map<string, T[]>, k: string): T[] {
  let b = m.get(k);
  if (b === undefined) m.set(k, (b = []));
  return b;
}

// The buckets a pod identity is filed under: each of its labels.
function templateKeys(id: PodIdentity): string[] {
  const out: string[] = [];
  for (const k in id.labels) out.push(`l\u0000${k}\u0000${id.labels[k] as string}`);
  return out;
}

// The one bucket a selector is filed under: a key every pod it selects is filed under (a matchLabels
// pair, or a single-valued In), NEVER if it selects nothing, undefined if none exists.
function selectorKey(clauses: readonly MatchClause[]): string | undefined {
  for (const c of clauses) {
    const s = c.selector;
    if (s === null) return NEVER;
    const pair = requiredLabelPair(s);
    if (pair !== undefined) return `l\u0000${pair[0]}\u0000${pair[1]}`;
  }
  return undefined;
}
