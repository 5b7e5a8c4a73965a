import type { MachineEventBatch } from '../machine-batch.js';
import type { TaskBatch } from '../task-batch.js';
import type { DeltaReader } from './dictionary-delta.js';

/**
 * Translates a task batch from a worker's dictionary indices to the reading thread's, in place. @internal
 * @example
 * ```ts
 * remapTasks(batch, map);
 * ```
 */
export function remapTasks(b: TaskBatch, map: DeltaReader): void {
  for (let i = 0; i < b.length; i++) {
    b.machine[i] = map.machine(b.machine[i] as number);
    b.job[i] = map.job(b.job[i] as number);
    b.member[i] = map.member(b.member[i] as number);
  }
}

/**
 * Translates a machine-event batch from a worker's dictionary indices to the reading thread's, in place. @internal
 * @example
 * ```ts
 * remapMachines(batch, map);
 * ```
 */
export function remapMachines(b: MachineEventBatch, map: DeltaReader): void {
  for (let i = 0; i < b.length; i++) b.machine[i] = map.machine(b.machine[i] as number);
}

/**
 * Collections carry no indices. @internal
 * @example
 * ```ts
 * remapNothing(batch);
 * ```
 */
export function remapNothing(): void {}
