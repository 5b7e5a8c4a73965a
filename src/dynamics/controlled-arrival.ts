import type { ArrivalSpec } from '../scenario/schema.js';
import { JobController } from './job-controller.js';

/** What {@link controlledArrival} reads of a workload. @example `{ replicas: 3 }` */
export interface ControlledWorkloadView {
  readonly arrival?: ArrivalSpec | undefined;
  readonly replicas?: number | undefined;
  readonly completions?: number | null | undefined;
  readonly parallelism?: number | undefined;
  readonly backoffLimit?: number | undefined;
}

/** Whether a workload's pods are made by a controller: a service (`replicas`) or a Job. @example `isControlled({ replicas: 2 }) // true` */
export function isControlled(w: ControlledWorkloadView): boolean {
  return w.replicas !== undefined || isJob(w);
}

/** Whether a workload is a Job (`completions`, `parallelism` or `backoffLimit` given). @example `isJob({ parallelism: 2 }) // true` */
export function isJob(w: ControlledWorkloadView): boolean {
  return w.completions !== undefined || w.parallelism !== undefined || w.backoffLimit !== undefined;
}

/**
 * The pods a controller creates at t = 0, as an explicit arrival: `replicas` pods for a service, and
 * `min(completions, parallelism)` for a Job (its first sync, {@link JobController}). A workload with its
 * own `arrival` keeps it.
 *
 * @example
 * ```ts
 * controlledArrival({ replicas: 3 }); // { process: 'explicit', times: [0, 0, 0] }
 * ```
 */
export function controlledArrival(w: ControlledWorkloadView): ArrivalSpec {
  if (w.arrival !== undefined) return w.arrival;
  let n = 0;
  if (w.replicas !== undefined) n = w.replicas;
  else if (isJob(w)) n = new JobController({ completions: w.completions, parallelism: w.parallelism, backoffLimit: w.backoffLimit }).sync(0, 0).create;
  return { process: 'explicit', times: new Array<number>(n).fill(0) };
}

/**
 * Host slots to allocate beyond a group's `count`, absent at the start, for hosts the scenario adds later:
 * the `count` of its `add` events. (The cluster autoscaler adds its `max − count` here when it is wired.)
 *
 * @example
 * ```ts
 * addedHostSlots({ events: [{ at: 60, action: 'add', hosts: { group: 'pool' }, count: 2 }] }, 'pool'); // 2
 * ```
 */
export function addedHostSlots(s: { readonly events?: ReadonlyArray<{ readonly action: string; readonly hosts: { readonly group?: string | readonly string[] | undefined }; readonly count?: number | undefined }> | undefined }, group: string): number {
  let n = 0;
  for (const e of s.events ?? []) if (e.action === 'add' && e.hosts.group === group) n += e.count ?? 1;
  return n;
}
