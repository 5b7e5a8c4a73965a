import type { Issue } from '../errors.js';
import { joinPath } from '../errors.js';

/**
 * Which hosts a scheduled event acts on: by host group, by names, by labels, or several of them (ANDed).
 *
 * @example
 * ```ts
 * const zoneA: HostSelector = { labels: { 'topology.kubernetes.io/zone': 'a' } };
 * ```
 */
export interface HostSelector {
  /** Host group name(s). */
  readonly group?: string | readonly string[] | undefined;
  /** Host names (`<group>-<i>`; a single-host group's name also names its host). */
  readonly names?: readonly string[] | undefined;
  /** Labels the host must carry, all of them (`kubernetes.io/hostname` is the host's name). */
  readonly labels?: Readonly<Record<string, string>> | undefined;
}

/**
 * The hosts a selector is matched against.
 *
 * @example
 * ```ts
 * const v: SelectorHosts = { hostNames: ['a-0'], hostGroup: [0], hostLabels: [{ zone: 'a' }], groupNames: ['a'] };
 * ```
 */
export interface SelectorHosts {
  readonly hostNames: readonly string[];
  readonly hostGroup: ArrayLike<number>;
  readonly hostLabels: ReadonlyArray<Readonly<Record<string, string>>>;
  /** Name of each host group, by group index. */
  readonly groupNames: readonly string[];
}

const HOSTNAME = 'kubernetes.io/hostname';

/**
 * Whether host `h` matches the selector (every field given must match).
 *
 * @example
 * ```ts
 * matchesHost({ group: 'web' }, view, 0);
 * ```
 */
export function matchesHost(sel: HostSelector, view: SelectorHosts, h: number): boolean {
  if (sel.group !== undefined) {
    const g = view.groupNames[view.hostGroup[h] as number];
    if (typeof sel.group === 'string' ? g !== sel.group : !sel.group.includes(g as string)) return false;
  }
  const name = view.hostNames[h] as string;
  if (sel.names !== undefined && !sel.names.includes(name) && !sel.names.includes(view.groupNames[view.hostGroup[h] as number] as string)) return false;
  if (sel.labels !== undefined) {
    const labels = view.hostLabels[h] ?? {};
    for (const [k, v] of Object.entries(sel.labels)) if ((k === HOSTNAME && labels[k] === undefined ? name : labels[k]) !== v) return false;
  }
  return true;
}

/**
 * The hosts a selector picks, in host order.
 *
 * @example
 * ```ts
 * selectHosts({ labels: { 'topology.kubernetes.io/zone': 'a' } }, view); // [0, 1, 4]
 * ```
 */
export function selectHosts(sel: HostSelector, view: SelectorHosts): number[] {
  const out: number[] = [];
  for (let h = 0; h < view.hostNames.length; h++) if (matchesHost(sel, view, h)) out.push(h);
  return out;
}

/**
 * Problems with a selector against the scenario's host groups: empty selector, unknown group or host names.
 * Host names are `<group>-<i>` for i below the group's count.
 *
 * @param sel - The selector.
 * @param path - Its path, for messages.
 * @param groups - Host groups: name and count.
 * @example
 * ```ts
 * hostSelectorIssues({ group: 'db' }, 'events[0].hosts', [{ name: 'web', count: 3 }]);
 * // [{ code: 'unknown_host_group', path: 'events[0].hosts.group', message: 'no host group named "db" (host groups: web)' }]
 * ```
 */
export function hostSelectorIssues(sel: HostSelector, path: string, groups: ReadonlyArray<{ readonly name: string; readonly count?: number | undefined }>): Issue[] {
  const out: Issue[] = [];
  if (sel.group === undefined && sel.names === undefined && sel.labels === undefined) {
    out.push({ code: 'empty_host_selector', path, message: 'must give group, names or labels' });
  }
  const names = new Set(groups.map((g) => g.name));
  const list = groups.map((g) => g.name).join(', ') || 'none';
  const gs = sel.group === undefined ? [] : typeof sel.group === 'string' ? [sel.group] : sel.group;
  gs.forEach((g, i) => {
    if (!names.has(g)) out.push({ code: 'unknown_host_group', path: typeof sel.group === 'string' ? joinPath(path, 'group') : joinPath(joinPath(path, 'group'), i), message: `no host group named ${JSON.stringify(g)} (host groups: ${list})` });
  });
  (sel.names ?? []).forEach((n, i) => {
    if (groups.some((x) => x.name === n && (x.count ?? 1) === 1)) return;
    const m = /^(.*)-(\d+)$/.exec(n);
    const g = m === null ? undefined : groups.find((x) => x.name === m[1]);
    if (g === undefined || Number(m?.[2]) >= (g.count ?? 1)) out.push({ code: 'unknown_host', path: joinPath(joinPath(path, 'names'), i), message: `no host named ${JSON.stringify(n)} (hosts are named <group>-<i>, i from 0; a single-host group's name names its host)` });
  });
  return out;
}
