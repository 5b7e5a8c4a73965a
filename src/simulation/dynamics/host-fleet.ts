import type { Simulator } from '../../engine/simulator.js';
import type { RandomStreams, Rng } from '../../random/streams.js';
import type { CompiledScenario } from '../../scenario/compile.js';
import { HostCondition } from '../../scheduling/host-condition.js';
import { compileFailureModel, type FailureModel } from '../../dynamics/failure-model.js';
import { expandHostEvents, type TimedHostAction } from '../../dynamics/scheduled-events.js';
import { selectHosts, type HostSelector, type SelectorHosts } from '../../dynamics/host-selector.js';
import { canEvict, EVICTION_RETRY_INTERVAL } from '../../dynamics/eviction-api.js';
import { pdbStatus, type PdbStatus } from '../../dynamics/pdb-status.js';
import { compileLabelSelector, matchesLabels } from '../../kube/selectors.js';
import { mayRunOn } from '../../scenario/may-run-on.js';
import { LOST_DRAIN, LOST_FAILURE, LOST_JOB, LOST_REMOVE, type WorkloadControllers } from './workload-controllers.js';

/** A host's state under dynamics. @example `sim.hostState(0) === HOST_UP` */
export const HOST_UP = 0, HOST_DOWN = 1, HOST_ABSENT = 2;

/** @internal What the fleet drives in the simulation. */
export interface FleetCycle {
  setHostCondition(host: number, condition: HostCondition, on: boolean): void;
  remove(slot: number): void;
  submit(workload: number, pinned: number, duration: number): void;
  /** A live container's request in dimension `d` (its own, or its workload's). */
  requestOf(slot: number, d: number): number;
}

/**
 * Per host group: failures and repairs so far, and the hosts up over time as `[time, hosts up]` steps.
 *
 * @example
 * ```ts
 * const g: HostGroupDynamics = { failures: 3, repairs: 3, up: [[0, 4], [3600, 3], [5400, 4]] };
 * ```
 */
export interface HostGroupDynamics {
  readonly failures: number;
  readonly repairs: number;
  readonly up: ReadonlyArray<readonly [number, number]>;
}

/**
 * @internal The hosts' dynamics (issue 12 §2): every host slot is up, down (failed) or absent (not yet
 * added, or removed), and may be cordoned. Slots for `add` events are allocated when the scenario is
 * compiled, so adding a host never reallocates the cluster. Down and absent hosts carry
 * {@link HostCondition.NotReady}, cordoned ones {@link HostCondition.Unschedulable}: the one protocol by
 * which the scheduler learns of them. Random failures come from each host's own stream
 * (`failures/<host>`); scheduled events from the scenario's `events`.
 */
export class HostFleet {
  readonly state: Uint8Array;
  readonly cordoned: Uint8Array;
  /** Containers on each host (slots), from the observation events. */
  readonly slots: Set<number>[];
  /** CPU-seconds of work lost with failed hosts (request × time since placement). */
  lostCpuSeconds = 0;
  private readonly failCount: Int32Array;
  private readonly repairCount: Int32Array;
  private readonly upCount: Int32Array;
  private readonly upSeries: [number, number][][];
  private readonly draining: Uint8Array;
  private readonly view: SelectorHosts;
  private readonly models: (FailureModel | undefined)[];
  private readonly rngs: (Rng | undefined)[];
  private readonly actions: TimedHostAction[];
  private readonly touched: number[][];
  private readonly pdbs: { bounds: { minAvailable?: number | string | undefined; maxUnavailable?: number | string | undefined }; workloads: number[] }[];
  private readonly workloadPdbs: number[][];
  private readonly FAIL: number;
  private readonly REPAIR: number;
  private readonly ACTION: number;
  private readonly DRAIN: number;

  constructor(private readonly sim: Simulator, private readonly s: CompiledScenario, streams: RandomStreams, private readonly cycle: FleetCycle, private readonly ctl: WorkloadControllers) {
    const H = s.hosts.length, G = s.parsed.hosts.length;
    this.state = new Uint8Array(H);
    this.cordoned = new Uint8Array(H);
    this.draining = new Uint8Array(H);
    this.slots = s.hosts.map(() => new Set<number>());
    this.failCount = new Int32Array(G);
    this.repairCount = new Int32Array(G);
    this.upCount = new Int32Array(G);
    this.upSeries = s.parsed.hosts.map(() => []);
    this.view = { hostNames: s.hosts.map((h) => h.name), hostGroup: Int32Array.from(s.hosts, (h) => h.group), hostLabels: s.hosts.map((h) => h.labels), groupNames: s.parsed.hosts.map((g) => g.name) };
    const groupModels = s.parsed.hosts.map((g) => (g.failures === undefined ? undefined : compileFailureModel(g.failures as never)));
    this.models = s.hosts.map((h) => groupModels[h.group]);
    this.rngs = s.hosts.map((h, i) => (this.models[i] === undefined ? undefined : streams.get(`failures/${h.name}`)));
    this.actions = expandHostEvents((s.parsed.events ?? []) as never);
    this.touched = (s.parsed.events ?? []).map(() => []);
    // PodDisruptionBudgets over workloads: same namespace, selector matching the pod labels (absent or
    // empty selects none, as policy/v1).
    this.workloadPdbs = s.workloads.map(() => []);
    this.pdbs = (s.parsed.podDisruptionBudgets ?? []).map((b, i) => {
      const sel = compileLabelSelector(b.selector);
      const empty = sel === null || (sel.pairs.length === 0 && sel.requirements.length === 0);
      const ws: number[] = [];
      s.parsed.workloads.forEach((w, k) => {
        if (!empty && (w.namespace ?? 'default') === (b.namespace ?? 'default') && matchesLabels(sel, w.labels ?? {})) { ws.push(k); (this.workloadPdbs[k] as number[]).push(i); }
      });
      return { bounds: { minAvailable: b.minAvailable, maxUnavailable: b.maxUnavailable }, workloads: ws };
    });
    this.FAIL = sim.on((h) => this.onRandomFail(h));
    this.REPAIR = sim.on((h) => this.onRandomRepair(h));
    this.ACTION = sim.on((i) => this.onAction(i));
    this.DRAIN = sim.on((h) => this.drainStep(h));
  }

  /** Marks absent slots, starts the failure processes and schedules the events (at t = 0). */
  start(): void {
    this.s.hosts.forEach((h, i) => {
      if (h.absent === true) {
        this.state[i] = HOST_ABSENT;
        this.cycle.setHostCondition(i, HostCondition.NotReady, true);
      } else this.upCount[h.group] = (this.upCount[h.group] as number) + 1;
    });
    this.upSeries.forEach((series, g) => series.push([0, this.upCount[g] as number]));
    for (let h = 0; h < this.s.hosts.length; h++) {
      const m = this.models[h];
      if (m !== undefined) this.sim.scheduleAt(m.timeToFailure(this.rngs[h] as Rng), this.FAIL, h);
    }
    this.actions.forEach((a, i) => this.sim.scheduleAt(a.at, this.ACTION, i));
  }

  // ————————————————————————————————————————— the internal API (Simulation delegates here)

  /** Fails host `h`: NotReady at once for the scheduler; its pods (DaemonSets' aside) are lost, and replaced after the grace period and their toleration. */
  fail(h: number): boolean {
    if (this.state[h] !== HOST_UP) return false;
    this.state[h] = HOST_DOWN;
    this.draining[h] = 0;
    const g = this.s.hosts[h]!.group;
    this.failCount[g] = (this.failCount[g] as number) + 1;
    this.setUp(g, -1);
    this.cycle.setHostCondition(h, HostCondition.NotReady, true);
    this.clear(h, LOST_FAILURE, false);
    return true;
  }

  /** Repairs host `h`: it comes back empty (its DaemonSet pods aside) and schedulable unless cordoned. */
  repair(h: number): boolean {
    if (this.state[h] !== HOST_DOWN) return false;
    this.state[h] = HOST_UP;
    const g = this.s.hosts[h]!.group;
    this.repairCount[g] = (this.repairCount[g] as number) + 1;
    this.setUp(g, 1);
    this.cycle.setHostCondition(h, HostCondition.NotReady, false);
    return true;
  }

  cordon(h: number): void {
    this.cordoned[h] = 1;
    this.cycle.setHostCondition(h, HostCondition.Unschedulable, true);
  }

  uncordon(h: number): void {
    this.cordoned[h] = 0;
    this.draining[h] = 0;
    this.cycle.setHostCondition(h, HostCondition.Unschedulable, false);
  }

  /** Cordons host `h`, then evicts its pods through the eviction API (PDBs honoured, retried every 5 s); DaemonSet pods stay. */
  drain(h: number): void {
    this.cordon(h);
    if (this.state[h] !== HOST_UP) return;
    this.draining[h] = 1;
    this.drainStep(h);
  }

  /** Brings up an absent slot of group `g` (by index or name): the host index, or -1 when the group has no slot left. */
  add(group: number | string): number {
    const g = typeof group === 'number' ? group : this.view.groupNames.indexOf(group);
    for (let h = 0; h < this.s.hosts.length; h++) if (this.s.hosts[h]!.group === g && this.state[h] === HOST_ABSENT) { this.addAt(h); return h; }
    return -1;
  }

  /** Removes host `h`: every pod on it (DaemonSets' too) is deleted and replaced elsewhere; the slot becomes absent. */
  remove(h: number): boolean {
    if (this.state[h] === HOST_ABSENT) return false;
    const g = this.s.hosts[h]!.group;
    if (this.state[h] === HOST_UP) this.setUp(g, -1);
    this.state[h] = HOST_ABSENT;
    this.draining[h] = 0;
    this.cycle.setHostCondition(h, HostCondition.NotReady, true);
    this.clear(h, LOST_REMOVE, true);
    return true;
  }

  // ————————————————————————————————————————— internals

  private addAt(h: number): void {
    if (this.state[h] !== HOST_ABSENT) return;
    this.state[h] = HOST_UP;
    this.setUp(this.s.hosts[h]!.group, 1);
    this.cycle.setHostCondition(h, HostCondition.NotReady, false);
    // The DaemonSet controller runs its pods on the new node.
    const host = this.s.hosts[h]!;
    this.s.parsed.workloads.forEach((w, i) => {
      if (w.daemonSet === true && mayRunOn(w, host.labels, host.taints)) this.cycle.submit(i, h, Infinity);
    });
  }

  private setUp(g: number, delta: number): void {
    const n = (this.upCount[g] as number) + delta;
    this.upCount[g] = n;
    const series = this.upSeries[g] as [number, number][];
    const last = series[series.length - 1];
    if (last !== undefined && last[0] === this.sim.now) last[1] = n;
    else series.push([this.sim.now, n]);
  }

  // Deletes the pods on host h (DaemonSet pods too when `daemons`), counting the CPU-seconds they had run.
  private clear(h: number, cause: number, daemons: boolean): void {
    const now = this.sim.now, cpu = this.s.dims.indexOf('cpu');
    for (const slot of [...(this.slots[h] as Set<number>)]) {
      const w = this.workloadOf(slot);
      if (!daemons && this.s.workloads[w]!.daemonHosts !== undefined) { this.ctl.unready(slot, w); continue; }
      if (cause === LOST_FAILURE && cpu >= 0) this.lostCpuSeconds += (this.cycle.requestOf(slot, cpu) / 1000) * (now - this.ctl.placedTime(slot));
      this.ctl.cause = cause;
      this.cycle.remove(slot);
    }
  }

  /** Set by the driver: the workload of a live slot. */
  workloadOf: (slot: number) => number = () => 0;

  private drainStep(h: number): void {
    if (this.draining[h] === 0 || this.state[h] !== HOST_UP) return;
    let blocked = 0;
    for (const slot of [...(this.slots[h] as Set<number>)]) {
      const w = this.workloadOf(slot);
      if (this.s.workloads[w]!.daemonHosts !== undefined) continue;
      const pdbs = this.workloadPdbs[w] as number[];
      const d = canEvict(this.statuses(pdbs), { phase: 'Running', ready: this.ctl.isReady(slot), pdbs: pdbs.map((_, k) => k) });
      if (d.outcome !== 'evicted') { blocked++; continue; }
      this.ctl.cause = LOST_DRAIN;
      this.cycle.remove(slot);
    }
    if (blocked > 0) this.sim.schedule(EVICTION_RETRY_INTERVAL, this.DRAIN, h);
    else this.draining[h] = 0;
  }

  // The budgets' status now (pkg/controller/disruption: pdbStatus), the ones a pod belongs to, in its order.
  private statuses(which: readonly number[]): PdbStatus[] {
    return which.map((i) => {
      const b = this.pdbs[i]!;
      let pods = 0, scale = 0, healthy = 0;
      for (const w of b.workloads) {
        pods += this.ctl.live[w] as number;
        scale += (this.ctl.desired[w] as number) > 0 ? (this.ctl.desired[w] as number) : (this.ctl.live[w] as number);
        healthy += this.ctl.ready[w] as number;
      }
      return pdbStatus(b.bounds, pods, scale, healthy);
    });
  }

  private onRandomFail(h: number): void {
    this.fail(h);
    const m = this.models[h] as FailureModel;
    this.sim.schedule(m.timeToRepair(this.rngs[h] as Rng), this.REPAIR, h);
  }

  private onRandomRepair(h: number): void {
    this.repair(h);
    const m = this.models[h] as FailureModel;
    this.sim.schedule(m.timeToFailure(this.rngs[h] as Rng), this.FAIL, h);
  }

  private onAction(i: number): void {
    const a = this.actions[i] as TimedHostAction;
    const e = (this.s.parsed.events ?? [])[a.event] as { hosts: HostSelector; count?: number };
    const touched = this.touched[a.event] as number[];
    // An undo acts on the hosts the event itself touched (those an add brought up, a remove took away).
    const hosts = a.undo ? touched : a.action === 'add' ? [] : selectHosts(e.hosts, this.view);
    if (a.action === 'add' && !a.undo) {
      for (let k = 0; k < (e.count ?? 1); k++) {
        const h = this.add(e.hosts.group as string);
        if (h >= 0) touched.push(h);
      }
      return;
    }
    for (const h of hosts) {
      switch (a.action) {
        case 'fail': if (this.fail(h) && !a.undo) touched.push(h); break;
        case 'repair': this.repair(h); if (!a.undo) touched.push(h); break;
        case 'drain': this.drain(h); if (!a.undo) touched.push(h); break;
        case 'cordon': this.cordon(h); if (!a.undo) touched.push(h); break;
        case 'uncordon': this.uncordon(h); if (!a.undo) touched.push(h); break;
        case 'remove': if (this.remove(h) && !a.undo) touched.push(h); break;
        case 'add': this.addAt(h); break;
      }
    }
  }

  /** `result.hosts` additions: failures per group and in all, hosts up over time, lost CPU-seconds. */
  result(): { failures: number; lostCpuSeconds: number; groups: Record<string, HostGroupDynamics> } {
    const groups: Record<string, HostGroupDynamics> = {};
    let failures = 0;
    this.view.groupNames.forEach((name, g) => {
      failures += this.failCount[g] as number;
      groups[name] = { failures: this.failCount[g] as number, repairs: this.repairCount[g] as number, up: (this.upSeries[g] as [number, number][]).map(([t, n]) => [t, n] as const) };
    });
    return { failures, lostCpuSeconds: this.lostCpuSeconds, groups };
  }
}

export { LOST_JOB };
