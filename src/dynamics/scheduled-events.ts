import type { HostSelector } from './host-selector.js';

/** The scheduled event actions. @example `const a: HostAction = 'drain';` */
export type HostAction = 'fail' | 'repair' | 'drain' | 'cordon' | 'uncordon' | 'add' | 'remove';

/** Every action, in the documented order. @example `HOST_ACTIONS.includes('drain')` */
export const HOST_ACTIONS: readonly HostAction[] = ['fail', 'repair', 'drain', 'cordon', 'uncordon', 'add', 'remove'];

/**
 * What undoes an action when an event has a `duration`: fail ↔ repair, cordon ↔ uncordon, drain → uncordon,
 * add ↔ remove (the hosts the event added).
 *
 * @example
 * ```ts
 * OPPOSITE_ACTION.drain; // 'uncordon'
 * ```
 */
export const OPPOSITE_ACTION: Readonly<Record<HostAction, HostAction>> = Object.freeze({
  fail: 'repair', repair: 'fail', drain: 'uncordon', cordon: 'uncordon', uncordon: 'cordon', add: 'remove', remove: 'add',
});

/**
 * A scheduled event as scenarios write it.
 *
 * @example
 * ```ts
 * const e: HostEventSpec = { at: 3600, action: 'fail', hosts: { labels: { 'topology.kubernetes.io/zone': 'a' } }, duration: 1800 };
 * ```
 */
export interface HostEventSpec {
  /** Seconds. */
  readonly at: number;
  readonly action: HostAction;
  readonly hosts: HostSelector;
  /** Seconds after which the opposite action runs on the same hosts. @defaultValue none */
  readonly duration?: number | undefined;
  /** For `add`: how many hosts of the selected group. @defaultValue 1 */
  readonly count?: number | undefined;
}

/**
 * One entry of the expanded timeline: the action, and which written event (and whether its undoing) it is.
 *
 * @example
 * ```ts
 * const t: TimedHostAction = { at: 5400, action: 'repair', event: 0, undo: true };
 * ```
 */
export interface TimedHostAction {
  readonly at: number;
  readonly action: HostAction;
  /** Index of the event in the scenario's `events`. */
  readonly event: number;
  /** True for the opposite action a `duration` schedules. */
  readonly undo: boolean;
}

/**
 * The scenario's events with their undoing actions, in time order; equal times keep the order written,
 * an event before the undoing of another at the same time. Deterministic: no randomness, stable sort.
 *
 * @example
 * ```ts
 * expandHostEvents([{ at: 10, action: 'fail', hosts: { names: ['a-0'] }, duration: 5 }]);
 * // [{ at: 10, action: 'fail', event: 0, undo: false }, { at: 15, action: 'repair', event: 0, undo: true }]
 * ```
 */
export function expandHostEvents(events: readonly HostEventSpec[]): TimedHostAction[] {
  const out: TimedHostAction[] = [];
  events.forEach((e, i) => {
    out.push({ at: e.at, action: e.action, event: i, undo: false });
    if (e.duration !== undefined) out.push({ at: e.at + e.duration, action: OPPOSITE_ACTION[e.action], event: i, undo: true });
  });
  return out.sort((a, b) => a.at - b.at || Number(a.undo) - Number(b.undo) || a.event - b.event);
}
