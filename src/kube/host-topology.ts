import { HOSTNAME_LABEL } from './labels.js';

/**
 * Node labels interned by topology key: for each key used by a constraint or affinity term, every
 * host's domain (the label's value) as a small integer, `-1` where the host lacks the label. Every
 * host implicitly carries `kubernetes.io/hostname` = its name, as kubelet sets it.
 *
 * @example
 * ```ts
 * const topo = new HostTopology([{ zone: 'a' }, { zone: 'b' }], ['n0', 'n1']);
 * const k = topo.keyId('zone');
 * topo.domainOf[k]?.[1]; // 1
 * ```
 */
export class HostTopology {
  /** Number of hosts. */
  readonly H: number;
  /** Each host's labels, including the implicit hostname label. */
  readonly labels: ReadonlyArray<Readonly<Record<string, string>>>;
  /** Host names. */
  readonly names: readonly string[];
  /** Interned keys, by id. */
  readonly keys: string[] = [];
  /** Per key id: each host's domain id, or -1. */
  readonly domainOf: Int32Array[] = [];
  /** Per key id: the label value of each domain id. */
  readonly domainNames: string[][] = [];
  /** Per key id: how many hosts have the key. */
  readonly hostsWithKey: number[] = [];
  private readonly ids = new Map<string, number>();

  constructor(groupLabels: ReadonlyArray<Readonly<Record<string, string>>>, names: readonly string[]) {
    this.H = names.length;
    this.names = names;
    this.labels = names.map((n, h) => {
      const l = groupLabels[h] ?? {};
      return Object.prototype.hasOwnProperty.call(l, HOSTNAME_LABEL) ? l : { ...l, [HOSTNAME_LABEL]: n };
    });
  }

  /** The id of a topology key, interning it (and laying out its domains) on first use. */
  keyId(key: string): number {
    let id = this.ids.get(key);
    if (id !== undefined) return id;
    id = this.keys.length;
    this.ids.set(key, id);
    this.keys.push(key);
    const dom = new Int32Array(this.H);
    const names: string[] = [];
    const byValue = new Map<string, number>();
    let have = 0;
    for (let h = 0; h < this.H; h++) {
      const v = (this.labels[h] as Record<string, string>)[key];
      if (v === undefined || !Object.prototype.hasOwnProperty.call(this.labels[h], key)) {
        dom[h] = -1;
        continue;
      }
      have++;
      let d = byValue.get(v);
      if (d === undefined) {
        d = names.length;
        byValue.set(v, d);
        names.push(v);
      }
      dom[h] = d;
    }
    this.domainOf.push(dom);
    this.domainNames.push(names);
    this.hostsWithKey.push(have);
    return id;
  }

  /** Number of domains of a key. */
  domainCount(keyId: number): number {
    return (this.domainNames[keyId] as string[]).length;
  }

  /** Whether every host has the key. */
  allHave(keyId: number): boolean {
    return this.hostsWithKey[keyId] === this.H;
  }
}
