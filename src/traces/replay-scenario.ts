import type { Scenario, WorkloadSpec, HostGroupSpec } from '../scenario/schema.js';
import { planHosts } from './plan-hosts.js';
import { addedMachines, recordedDrop } from './recorded-placement.js';
import { SlotTable } from './slot-table.js';
import type { ReplayPlan } from './trace-to-scenario.js';

/**
 * Options for {@link replayScenario}.
 *
 * @example
 * ```ts
 * const options: ReplayScenarioOptions = { seed: 7, scheduler: { policy: 'best-fit' } };
 * ```
 */
export interface ReplayScenarioOptions {
  /** Seed for the run (ties and random policies). @defaultValue 1 */
  readonly seed?: number | string;
  /** The scheduler section, for `reschedule` plans. @defaultValue first-fit */
  readonly scheduler?: Scenario['scheduler'];
  /** Hosts to use when the plan has no machines (a trace read without its machine table). @defaultValue none: the plan must have machines */
  readonly hosts?: readonly HostGroupSpec[];
  /** Stop the run at this time. @defaultValue when the last task ends */
  readonly until?: number;
}

/**
 * Turns a trace's {@link ReplayPlan} into a scenario for `simulate()`.
 *
 * - Each machine the trace adds becomes a host named by its id, with the capacity of its first
 *   addition, for the whole run. Later additions, removals and capacity updates are not modelled
 *   here; `plan.warnings` counts them (`not_modelled`).
 * - Tasks with the same request become one workload with explicit arrivals and one run time per
 *   arrival. A task that never started in the trace (still pending when the window ended) has no
 *   known run time: it goes to a workload without run times, so once placed it runs until the
 *   simulation ends, like a long-running service.
 * - In `reschedule` mode tasks arrive at their submit time and podsim's scheduler places them.
 * - In `recorded` mode tasks arrive at their recorded start, pinned to their recorded machine. That
 *   is the trace's own placement, a baseline to compare policies against. A task whose recorded
 *   machine is full at that moment waits, and shows up as wait time. Tasks without a recorded start
 *   or machine are left out, counted by reason in `plan.dropped` and `plan.warnings`.
 *
 * Each workload's arrays are made once, at their final size and in order (the plan is sorted).
 *
 * @example
 * ```ts
 * const plan = await traceToScenario(readTrace({ format: 'google2011', dir }, { shape }), { mode: 'reschedule' });
 * const result = simulate(replayScenario(plan, { scheduler: { policy: 'best-fit' } }));
 * ```
 */
export function replayScenario(plan: ReplayPlan, options: ReplayScenarioOptions = {}): Scenario {
  const { tasks, dictionary } = plan;
  const { hosts } = planHosts(plan);
  const recorded = plan.mode === 'recorded';
  const added = recorded ? addedMachines(plan.machines) : undefined;

  // Pass 1: the group of each task (by request, and whether its run time is known), and group sizes.
  const groupOf = new Int32Array(tasks.length).fill(-1);
  const groups = new SlotTable(1024);
  const sizes: number[] = [];
  const firsts: number[] = [];
  for (let i = 0; i < tasks.length; i++) {
    if (recorded && recordedDrop(tasks, i, added) !== undefined) continue;
    const open = Number.isNaN(tasks.duration[i]) ? 1 : 0;
    const a = (tasks.cpu[i] as number) * 2 + open;
    const b = tasks.memory[i] as number;
    let g = groups.get(a, b);
    if (g < 0) {
      g = sizes.length;
      groups.set(a, b, g);
      sizes.push(0);
      firsts.push(i);
    }
    groupOf[i] = g;
    sizes[g]!++;
  }
  // Pass 2: fill each group's arrays in plan order (sorted by arrival).
  const times = sizes.map((n) => new Array<number>(n));
  const durations = sizes.map((n, g) => (Number.isNaN(tasks.duration[firsts[g] as number]) ? undefined : new Array<number>(n)));
  const pins = recorded ? sizes.map((n) => new Array<string>(n)) : undefined;
  const fill = new Int32Array(sizes.length);
  for (let i = 0; i < tasks.length; i++) {
    const g = groupOf[i] as number;
    if (g < 0) continue;
    const k = fill[g]!++;
    (times[g] as number[])[k] = recorded ? (tasks.start[i] as number) : (tasks.submit[i] as number);
    const d = durations[g];
    if (d !== undefined) d[k] = tasks.duration[i] as number;
    if (pins !== undefined) (pins[g] as string[])[k] = dictionary.machines.name(tasks.machine[i] as number);
  }
  const workloads: WorkloadSpec[] = sizes.map((_, g) => {
    const first = firsts[g] as number;
    const cpu = tasks.cpu[first] as number;
    const memory = tasks.memory[first] as number;
    const d = durations[g];
    return {
      name: `trace-${cpu}m-${memory}B${d === undefined ? '-open' : ''}`,
      arrival: { process: 'explicit', times: times[g] as number[], ...(d === undefined ? {} : { durations: d }), ...(pins === undefined ? {} : { hosts: pins[g] as string[] }) },
      request: { cpu: `${cpu}m`, memory },
    };
  });
  return {
    seed: options.seed ?? 1,
    hosts: hosts.length > 0 ? hosts : [...(options.hosts ?? [])],
    workloads,
    ...(options.scheduler === undefined ? {} : { scheduler: options.scheduler }),
    ...(options.until === undefined ? {} : { until: options.until }),
  };
}
