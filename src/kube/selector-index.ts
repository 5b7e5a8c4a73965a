import type { HostTopology } from './host-topology.js';
import { CountTable } from './count-table.js';
import { matchesLabels, type CompiledLabelSelector } from './selectors.js';

const NS_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * One clause of a pod matcher: which namespaces (a list, plus those whose implicit
 * `kubernetes.io/metadata.name` label a namespace selector selects; `null` list and selector means any
 * namespace) and which pods there (a label selector). The pods of one owner, which default spreading
 * selects, are counted apart, per owner (see `TemplateStore.ownerOf`).
 *
 * @example
 * ```ts
 * const c: MatchClause = { namespaces: new Set(['default']), namespaceSelector: null, anyNamespace: false, selector: compileLabelSelector({ matchLabels: { app: 'web' } }) };
 * ```
 */
export interface MatchClause {
  readonly namespaces: ReadonlySet<string>;
  readonly namespaceSelector: CompiledLabelSelector | null;
  readonly anyNamespace: boolean;
  readonly selector: CompiledLabelSelector | null;
}

/**
 * What a matcher needs to know of a pod.
 *
 * @example
 * ```ts
 * const p: PodIdentity = { namespace: 'default', labels: { app: 'web' } };
 * ```
 */
export interface PodIdentity {
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * Whether a pod satisfies a clause.
 *
 * @example
 * ```ts
 * clauseMatches(c, { namespace: 'default', labels: { app: 'web' } });
 * ```
 */
export function clauseMatches(c: MatchClause, pod: PodIdentity): boolean {
  if (!c.anyNamespace && !c.namespaces.has(pod.namespace)) {
    if (c.namespaceSelector === null || !matchesLabels(c.namespaceSelector, { [NS_NAME_LABEL]: pod.namespace })) return false;
  }
  return matchesLabels(c.selector, pod.labels);
}

/**
 * A canonical text key for a clause, equal for clauses that select the same pods.
 *
 * @example
 * ```ts
 * clauseKey(c); // 'ns:default|sel:app=web|'
 * ```
 */
export function clauseKey(c: MatchClause): string {
  const ns = c.anyNamespace ? '*' : [...c.namespaces].sort().join(',');
  const nss = c.namespaceSelector === null ? '' : c.namespaceSelector.key;
  const who = c.selector === null ? 'none' : `sel:${c.selector.key}`;
  return `ns:${ns}|nss:${nss}|${who}`;
}

/**
 * Counts of the bound pods that satisfy every clause of a matcher: per host, and per domain of each
 * topology key asked for, kept up to date incrementally as pods are bound and unbound. The counts are
 * {@link CountTable}s, sparse while few hosts hold matching pods, so a cluster with tens of thousands of
 * selectors does not hold an array over every host for each.
 *
 * @example
 * ```ts
 * const idx = new SelectorIndex(0, [clause], 'key', topo);
 * idx.add(3, 1);
 * idx.domainCounts(topo.keyId('zone')).get(0);
 * ```
 */
export class SelectorIndex {
  /** Matching pods per host. */
  readonly hosts: CountTable;
  /** Matching pods in all. */
  total = 0;
  private readonly byKey: Array<CountTable | undefined> = [];
  private readonly keyTotal: number[] = [];
  private readonly builtKeys: number[] = [];

  constructor(
    /** The index's id. */
    readonly id: number,
    /** Clauses, ANDed. */
    readonly clauses: readonly MatchClause[],
    /** The canonical key. */
    readonly key: string,
    private readonly topo: HostTopology,
  ) {
    this.hosts = new CountTable(topo.H);
  }

  /** Whether a pod satisfies every clause. */
  matches(pod: PodIdentity): boolean {
    for (const c of this.clauses) if (!clauseMatches(c, pod)) return false;
    return true;
  }

  /** Adds `delta` matching pods on host `h`. */
  add(h: number, delta: number): void {
    this.hosts.add(h, delta);
    this.total += delta;
    const keys = this.builtKeys;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as number;
      const d = (this.topo.domainOf[k] as Int32Array)[h] as number;
      if (d >= 0) {
        (this.byKey[k] as CountTable).add(d, delta);
        this.keyTotal[k] = (this.keyTotal[k] as number) + delta;
      }
    }
  }

  /** Sets every count to 0 (the per-domain tables built so far stay built), keeping the storage. */
  clear(): void {
    this.hosts.clear();
    this.total = 0;
    for (const k of this.builtKeys) {
      (this.byKey[k] as CountTable).clear();
      this.keyTotal[k] = 0;
    }
  }

  /** Matching pods per domain of a key (built on first use, then maintained). */
  domainCounts(keyId: number): CountTable {
    let t = this.byKey[keyId];
    if (t === undefined) {
      const dom = this.topo.domainOf[keyId] as Int32Array;
      t = new CountTable(this.topo.domainCount(keyId));
      let total = 0;
      const hc = this.hosts;
      if (hc.dense !== null) {
        const a = hc.dense;
        for (let h = 0; h < a.length; h++) {
          const c = a[h] as number;
          const d = dom[h] as number;
          if (c !== 0 && d >= 0) {
            t.add(d, c);
            total += c;
          }
        }
      } else {
        const keys = hc.keys, vals = hc.vals;
        for (let i = 0; i < keys.length; i++) {
          const h = keys[i] as number;
          const c = vals[i] as number;
          if (h < 0 || c === 0) continue;
          const d = dom[h] as number;
          if (d >= 0) {
            t.add(d, c);
            total += c;
          }
        }
      }
      this.byKey[keyId] = t;
      this.keyTotal[keyId] = total;
      this.builtKeys.push(keyId);
    }
    return t;
  }

  /** Matching pods on hosts that have the key. */
  keyTotalOf(keyId: number): number {
    this.domainCounts(keyId);
    return this.keyTotal[keyId] as number;
  }
}
