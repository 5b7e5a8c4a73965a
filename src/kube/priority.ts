import type { PriorityClass } from './policy-schema.js';

/** Built-in priority classes every cluster has. @example `SYSTEM_PRIORITY_CLASSES['system-node-critical']; // 2000001000` */
export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-cluster-critical': 2000000000,
  'system-node-critical': 2000001000,
};

/** A pod's resolved priority and preemption policy. @example `{ value: 1000, preemptionPolicy: 'Never' }` */
export interface ResolvedPriority {
  readonly value: number;
  /** `PreemptLowerPriority` (the default) or `Never`; `undefined` when neither the pod nor its class says. */
  readonly preemptionPolicy: string | undefined;
}

/** The fields of a pod that decide its priority. @example `{ priorityClassName: 'high' }` */
export interface PriorityFields {
  readonly priority?: number | undefined;
  readonly priorityClassName?: string | undefined;
  readonly preemptionPolicy?: string | undefined;
}

/**
 * Resolves the priority classes of a cluster once, for {@link resolvePriority}.
 *
 * @example
 * ```ts
 * const table = priorityTable([{ name: 'high', value: 1000, globalDefault: true }]);
 * ```
 */
export function priorityTable(classes: readonly PriorityClass[] | undefined): PriorityTable {
  const byName = new Map<string, ResolvedPriority>();
  for (const [name, value] of Object.entries(SYSTEM_PRIORITY_CLASSES)) byName.set(name, { value, preemptionPolicy: undefined });
  let globalDefault: ResolvedPriority | undefined;
  for (const c of classes ?? []) {
    const r = { value: c.value, preemptionPolicy: c.preemptionPolicy };
    byName.set(c.name, r);
    if (c.globalDefault === true) globalDefault = r;
  }
  return { byName, globalDefault };
}

/** Priority classes by name, and the global default. @example `priorityTable(undefined).byName.get('system-node-critical')` */
export interface PriorityTable {
  readonly byName: ReadonlyMap<string, ResolvedPriority>;
  readonly globalDefault: ResolvedPriority | undefined;
}

/**
 * A pod's priority, as the Priority admission plugin resolves it
 * (plugin/pkg/admission/priority/admission.go): the value of its `priorityClassName` (a user class
 * or one of the built-in `system-*` classes); without a class name, its own `priority`, else the
 * global default class's value, else 0. The preemption policy is the pod's own, else its class's.
 * This is the one resolver that the queue, eviction and preemption all use.
 *
 * @example
 * ```ts
 * resolvePriority({ priorityClassName: 'system-node-critical' }, priorityTable([])).value; // 2000001000
 * ```
 */
export function resolvePriority(f: PriorityFields, table: PriorityTable): ResolvedPriority {
  if (f.priorityClassName !== undefined) {
    const c = table.byName.get(f.priorityClassName);
    if (c !== undefined) return { value: c.value, preemptionPolicy: f.preemptionPolicy ?? c.preemptionPolicy };
    // Unknown class: admission would refuse the pod; validation reports it. Fall through to the pod's own value.
  }
  if (f.priority !== undefined) return { value: f.priority, preemptionPolicy: f.preemptionPolicy };
  const d = table.globalDefault;
  if (d !== undefined) return { value: d.value, preemptionPolicy: f.preemptionPolicy ?? d.preemptionPolicy };
  return { value: 0, preemptionPolicy: f.preemptionPolicy };
}
