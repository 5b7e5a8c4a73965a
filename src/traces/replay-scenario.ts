import type { Scenario, WorkloadSpec, HostGroupSpec } from '../scenario/schema.js';
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
 * - Each machine added in the trace becomes a host named by its id. Later removals and updates are
 *   not modelled.
 * - Tasks with the same request become one workload with explicit arrivals and one run time per
 *   arrival. A task still pending at the trace's end has no run time, so it runs until the simulation ends.
 * - In `reschedule` mode tasks arrive at their submit time and podsim's scheduler places them.
 * - In `recorded` mode tasks arrive at their recorded start, pinned to their recorded machine. That
 *   is the trace's own placement, a baseline to compare policies against. A task whose recorded
 *   machine is full at that moment waits, and shows up as wait time.
 *
 * @example
 * ```ts
 * const plan = await traceToScenario(readTrace({ format: 'google2011', dir }, { shape }), { mode: 'reschedule' });
 * const result = simulate(replayScenario(plan, { scheduler: { policy: 'best-fit' } }));
 * ```
 */
export function replayScenario(plan: ReplayPlan, options: ReplayScenarioOptions = {}): Scenario {
  const seen = new Set<string>();
  const hosts: HostGroupSpec[] = [];
  for (const m of plan.machines) {
    if (m.event !== 'add' || seen.has(m.id)) continue;
    seen.add(m.id);
    hosts.push({ name: m.id, capacity: { cpu: `${m.capacity.cpu}m`, memory: m.capacity.memory }, ...(m.labels === undefined ? {} : { labels: m.labels }) });
  }
  const recorded = plan.mode === 'recorded';
  type Group = { times: number[]; durations: number[]; pins: string[]; cpu: number; memory: number; open: Set<number> };
  const groups = new Map<string, Group>();
  for (const t of plan.tasks) {
    if (recorded && (t.start === undefined || t.machine === undefined || !seen.has(t.machine))) continue;
    const key = `${t.request.cpu}/${t.request.memory}`;
    let g = groups.get(key);
    if (g === undefined) {
      g = { times: [], durations: [], pins: [], cpu: t.request.cpu, memory: t.request.memory, open: new Set() };
      groups.set(key, g);
    }
    const at = recorded ? (t.start as number) : t.submit;
    if (t.duration === undefined) g.open.add(g.times.length);
    g.times.push(at);
    g.durations.push(t.duration ?? 0);
    if (recorded) g.pins.push(t.machine as string);
  }
  let end = 0;
  for (const g of groups.values()) g.times.forEach((t, i) => { end = Math.max(end, t + (g.durations[i] as number)); });
  const workloads: WorkloadSpec[] = [];
  for (const g of groups.values()) {
    // Recorded starts of different machines interleave; keep each workload's times in order.
    const order = g.times.map((_, i) => i).sort((a, b) => (g.times[a] as number) - (g.times[b] as number) || a - b);
    const times = order.map((i) => g.times[i] as number);
    const durations = order.map((i) => (g.open.has(i) ? Math.max(0, end - (g.times[i] as number)) : (g.durations[i] as number)));
    workloads.push({
      name: `trace-${g.cpu}m-${g.memory}B`,
      arrival: { process: 'explicit', times, durations, ...(recorded ? { hosts: order.map((i) => g.pins[i] as string) } : {}) },
      request: { cpu: `${g.cpu}m`, memory: g.memory },
    });
  }
  return {
    seed: options.seed ?? 1,
    hosts: hosts.length > 0 ? hosts : [...(options.hosts ?? [])],
    workloads,
    ...(options.scheduler === undefined ? {} : { scheduler: options.scheduler }),
    ...(options.until === undefined ? {} : { until: options.until }),
  };
}
