import type { Issue } from '../errors.js';
import { MachineEventKind, type MachineEventBatch } from './machine-batch.js';
import type { TaskBatch } from './task-batch.js';
import { bump } from './trace-report.js';

/**
 * Which machines the events ever add (by machine index); undefined when there are no machine
 * events (the hosts then come from elsewhere and are not checked). @internal
 * @example
 * ```ts
 * const added = addedMachines(plan.machines);
 * ```
 */
export function addedMachines(machines: MachineEventBatch): Uint8Array | undefined {
  if (machines.length === 0) return undefined;
  let max = -1;
  for (let i = 0; i < machines.length; i++) max = Math.max(max, machines.machine[i] as number);
  const added = new Uint8Array(max + 1);
  for (let i = 0; i < machines.length; i++) if (machines.kind[i] === MachineEventKind.Add) added[machines.machine[i] as number] = 1;
  return added;
}

/**
 * Why a task cannot be replayed on its recorded placement, or undefined when it can: `neverStarted`
 * (no recorded start), `noRecordedMachine` (started without a machine), `unknownMachine` (its
 * machine is never added by the machine events). The one rule that {@link replayScenario} applies
 * and {@link traceToScenario} counts.
 * @internal
 * @example
 * ```ts
 * const why = recordedDrop(plan.tasks, i, addedMachines(plan.machines));
 * ```
 */
export function recordedDrop(tasks: TaskBatch, i: number, added: Uint8Array | undefined): 'neverStarted' | 'noRecordedMachine' | 'unknownMachine' | undefined {
  if (Number.isNaN(tasks.start[i])) return 'neverStarted';
  const m = tasks.machine[i] as number;
  if (m < 0) return 'noRecordedMachine';
  if (added !== undefined && added[m] !== 1) return 'unknownMachine';
  return undefined;
}

/**
 * Counts the tasks a recorded replay leaves out, by {@link recordedDrop} reason. @internal
 * @example
 * ```ts
 * recordedCounts(plan.tasks, plan.machines); // { noRecordedMachine: 371 }
 * ```
 */
export function recordedCounts(tasks: TaskBatch, machines: MachineEventBatch): Record<string, number> {
  const added = addedMachines(machines);
  const counts: Record<string, number> = {};
  for (let i = 0; i < tasks.length; i++) {
    const why = recordedDrop(tasks, i, added);
    if (why !== undefined) bump(counts, why);
  }
  return counts;
}

const DROP_TEXT: Readonly<Record<string, string>> = {
  neverStarted: 'the trace never started them inside the window',
  noRecordedMachine: 'the trace recorded no machine for them',
  unknownMachine: 'their recorded machine is not among the machine events',
};

/**
 * The warnings of a plan: machine events that {@link replayScenario} cannot apply (every machine
 * becomes a host for the whole run with the capacity it was first added with), and the tasks a
 * recorded replay leaves out. @internal
 * @example
 * ```ts
 * replayWarnings('recorded', plan.machines, { noRecordedMachine: 371 });
 * ```
 */
export function replayWarnings(mode: 'reschedule' | 'recorded', machines: MachineEventBatch, dropped: Readonly<Record<string, number>>): Issue[] {
  const warnings: Issue[] = [];
  let adds = 0;
  let removes = 0;
  let updates = 0;
  for (let i = 0; i < machines.length; i++) {
    const kind = machines.kind[i];
    if (kind === MachineEventKind.Remove) removes++;
    else if (kind === MachineEventKind.Update) updates++;
    else if ((machines.time[i] as number) > 0) adds++;
  }
  if (adds + removes + updates > 0) {
    const parts = [adds > 0 ? `${adds} later additions` : '', removes > 0 ? `${removes} removals` : '', updates > 0 ? `${updates} capacity updates` : ''].filter((p) => p !== '');
    warnings.push({
      code: 'not_modelled',
      path: 'machines',
      message: `${adds + removes + updates} machine events after time 0 (${parts.join(', ')}) are not modelled by replayScenario: every machine is a host for the whole run, with the capacity it was first added with`,
    });
  }
  if (mode === 'recorded') {
    for (const [why, n] of Object.entries(dropped)) {
      warnings.push({ code: 'dropped_tasks', path: 'tasks', message: `${n} task(s) are not replayed in recorded mode (${why}): ${DROP_TEXT[why] ?? why}` });
    }
  }
  return warnings;
}
