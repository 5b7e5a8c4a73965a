import { machineRecord, taskRecord, type ReplayPlan, type TraceMachine, type TraceTask } from '../../src/traces/index.js';

/** The plan's tasks as objects, in plan order (tests only: the plan itself holds columns). */
export function planTasks(plan: ReplayPlan): TraceTask[] {
  return Array.from({ length: plan.tasks.length }, (_, i) => taskRecord(plan.tasks, i, plan.dictionary));
}

/** The plan's machine events as objects. */
export function planMachines(plan: ReplayPlan): TraceMachine[] {
  return Array.from({ length: plan.machines.length }, (_, i) => machineRecord(plan.machines, i, plan.dictionary));
}
