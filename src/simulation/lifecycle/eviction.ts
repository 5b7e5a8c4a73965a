import type { Simulator } from '../../engine/simulator.js';
import type { EventHandle } from '../../engine/event-queue.js';
import type { CompiledScenario, CompiledWorkload } from '../../scenario/compile.js';
import { evictionOrder } from '../../performance/eviction-order.js';
import { L_HOST, L_STRIDE, Phase, type ContainerTable } from './container-table.js';
import { setHostEvent } from './host-event.js';
import type { MemoryModel } from './memory.js';

/**
 * @internal Kubelet memory-pressure eviction. When a host's memory in use tops its eviction line,
 * its running containers are ranked by {@link evictionOrder} (the kubelet's `rankMemoryPressure`
 * in `pkg/kubelet/eviction/helpers.go`: first those whose usage exceeds their request, then by
 * priority, lower first, then by usage above request) and evicted in that order until the host
 * is under the line again. The host is then under memory pressure: tainted
 * node.kubernetes.io/memory-pressure:NoSchedule until the transition period has passed since the
 * threshold was last met, so that an evicted container is not simply placed back on it.
 */
export class Eviction {
  /** Containers evicted so far. */
  evictions = 0;
  /** Set by the simulation: host `h` came under memory pressure (`true`) or left it. */
  onPressure: (h: number, on: boolean) => void = () => {};
  /** Called to evict a container: it stops and ends as evicted. */
  evict: (slot: number) => void = () => {};

  private readonly underPressure: Uint8Array;
  private readonly pressureEnd: EventHandle[];
  private readonly END: number;

  constructor(
    private readonly sim: Simulator,
    private readonly table: ContainerTable,
    private readonly memory: MemoryModel,
    private readonly s: CompiledScenario,
  ) {
    const H = memory.members.length;
    this.underPressure = new Uint8Array(H);
    this.pressureEnd = new Array<EventHandle>(H).fill(-1);
    this.END = sim.on((h) => this.onPressureEnd(h));
    memory.checkPressure = (h) => this.check(h);
  }

  /** Checks host `h` and evicts while it is under pressure. */
  check(h: number): void {
    const memory = this.memory;
    if (!memory.overLine(h)) {
      memory.scheduleLine(h);
      return;
    }
    this.pressure(h);
    const now = this.sim.now;
    // In slot order, so that ties rank as they always have (evicting changes the list, too).
    const victims = (memory.members[h] as number[]).slice().sort((a, b) => a - b);
    const order = evictionOrder(victims.map((c) => {
      const wl = this.s.workloads[this.table.workload(c)] as CompiledWorkload;
      return { usage: memory.usageAt(c, now), request: wl.request.memory ?? 0, priority: wl.priority };
    }));
    for (const k of order) {
      if (!memory.overLine(h)) break;
      const v = victims[k] as number;
      // An eviction frees room, and a container placed in that room may itself check (and evict).
      const p = this.table.phase[v] as number;
      if (p < Phase.Readying || p > Phase.Transferring || this.table.st[v * L_STRIDE + L_HOST] !== h) continue;
      this.evictions++;
      this.evict(v);
    }
    memory.scheduleLine(h);
  }

  private pressure(h: number): void {
    if (this.underPressure[h] === 0) {
      this.underPressure[h] = 1;
      this.onPressure(h, true);
    }
    const until = this.sim.now + (this.s.hosts[h]?.pressureTransition ?? 0);
    setHostEvent(this.sim, this.pressureEnd, h, until, this.END);
  }

  private onPressureEnd(h: number): void {
    this.pressureEnd[h] = -1;
    this.underPressure[h] = 0;
    this.onPressure(h, false);
  }
}
