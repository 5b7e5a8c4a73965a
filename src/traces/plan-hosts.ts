import type { HostGroupSpec } from '../scenario/schema.js';
import { MachineEventKind } from './machine-batch.js';
import type { ReplayPlan } from './trace-to-scenario.js';

/**
 * The hosts of a replay: each machine the plan's events add becomes a host group of one, named by
 * its id, with the capacity of its first addition and its labels, in the order first added (so host
 * index = position here). `hostOf[machine]` is that host index, −1 for a machine never added.
 * The one rule `replayScenario` and `replaySimulation` share.
 * @internal
 * @example
 * ```ts
 * const { hosts, hostOf } = planHosts(plan);
 * ```
 */
export function planHosts(plan: Pick<ReplayPlan, 'machines' | 'dictionary'>): { hosts: HostGroupSpec[]; hostOf: Int32Array } {
  const { machines, dictionary } = plan;
  const hosts: HostGroupSpec[] = [];
  const hostOf = new Int32Array(dictionary.machines.size).fill(-1);
  for (let i = 0; i < machines.length; i++) {
    const m = machines.machine[i] as number;
    if (machines.kind[i] !== MachineEventKind.Add || hostOf[m] !== -1) continue;
    hostOf[m] = hosts.length;
    const labels = dictionary.machineLabels[m];
    hosts.push({ name: dictionary.machines.name(m), capacity: { cpu: `${machines.cpu[i] as number}m`, memory: machines.memory[i] as number }, ...(labels === undefined ? {} : { labels: { ...labels } }) });
  }
  return { hosts, hostOf };
}
