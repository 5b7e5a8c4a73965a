import type { ClusterState } from '../cluster/cluster-state.js';
import type { Simulator } from '../engine/simulator.js';
import type { AutoscalerCluster, HpaTarget } from '../dynamics/autoscaler-host.js';
import type { EstimatorPodGroup } from '../dynamics/binpacking-estimator.js';
import type { ScaleDownPod } from '../dynamics/drainability.js';
import { POD_PENDING, POD_RUNNING, READY_FALSE, READY_NONE, READY_TRUE, type HpaPods } from '../dynamics/hpa-pods.js';
import { podDeletionOrder, RS_POD_PENDING, RS_POD_RUNNING } from '../dynamics/replica-set-controller.js';
import type { CompiledScenario } from '../scenario/compile.js';
import type { PendingQueue } from '../scheduling/pending-queue.js';
import { ContainerState, I_HOST, I_PINNED, I_REQUEST, I_STATE, I_STRIDE, I_WORKLOAD, N_SINCE, N_STRIDE, N_SUBMIT, type ContainerTable } from './container-table.js';
import type { DynamicsDriver } from './dynamics/dynamics-driver.js';
import { HOST_ABSENT, HOST_UP } from './dynamics/host-fleet.js';
import { LOST_SCALE_DOWN } from './dynamics/workload-controllers.js';
import type { SchedulingCycle } from './scheduling-cycle.js';
import type { RandomStreams } from '../random/streams.js';
import { Autoscaling } from '../dynamics/autoscaling.js';
import type { SimulationListener } from './observation.js';

/**
 * The window of a pod's CPU sample as the HPA reads it from the resource metrics API: metrics-server
 * reports a rate over the kubelet's last two scrapes (`--metric-resolution` 15 s), so up to 30 s.
 */
const METRIC_WINDOW = 30;

/** What the adapters read in the running simulation. @internal */
export interface AutoscalingParts {
  readonly sim: Simulator;
  readonly scenario: CompiledScenario;
  readonly cluster: ClusterState;
  readonly table: () => ContainerTable;
  readonly queue: PendingQueue;
  readonly cycle: SchedulingCycle;
  readonly dyn: DynamicsDriver;
  /** Per workload and dimension, the request (`demand[w * D + d]`). */
  readonly demand: Float64Array;
  /** A container's CPU use now, millicores (NaN when nothing gives it). */
  readonly cpuUsage: (slot: number) => number;
  /** Cost and energy books, told when the autoscaler adds or removes a host. */
  readonly meters?: { hostAdded(h: number, t: number): void; hostRemoved(h: number, t: number): void } | undefined;
}

/**
 * @internal The simulation as the autoscalers see it ({@link HpaTarget} and {@link AutoscalerCluster}):
 * services' replicas through the dynamics' ReplicaSet controllers, hosts through the host fleet. A scale-down
 * deletes the surplus in the ReplicaSet's order (`podDeletionOrder`): pods still pending are deleted as soon
 * as the scheduler would place them (podsim's queues have no withdrawal), and are no longer counted as
 * unschedulable or as the service's pods meanwhile.
 */
export class SimulationAutoscalingHost implements HpaTarget, AutoscalerCluster {
  /** Per workload: pending pods a scale-down has deleted (each removed when placed). */
  private readonly owed: Int32Array;
  private readonly REMOVE: number;
  private readonly D: number;
  private readonly allocatableViews: Float64Array[] = [];
  private readonly daemon: Uint8Array;
  private readonly jobLike: Uint8Array;

  constructor(private readonly p: AutoscalingParts) {
    const W = p.scenario.workloads.length;
    this.owed = new Int32Array(W);
    this.D = p.cluster.D;
    this.REMOVE = p.sim.on((slot) => {
      const ints = p.table().ints;
      if ((ints[slot * I_STRIDE + I_STATE] as number) < ContainerState.Placed) return;
      p.dyn.controllers.cause = LOST_SCALE_DOWN;
      p.cycle.remove(slot);
    });
    this.slotsOf = p.scenario.parsed.workloads.map((w) => (w.replicas !== undefined ? [] : undefined as never));
    this.daemon = Uint8Array.from(p.scenario.workloads, (w) => (w.daemonHosts !== undefined ? 1 : 0));
    this.jobLike = Uint8Array.from(p.scenario.parsed.workloads, (w) => (w.completions !== undefined || w.parallelism !== undefined || w.backoffLimit !== undefined ? 1 : 0));
  }

  /** Per service: its live containers (slots; removal swaps the last one in). */
  private readonly slotsOf: number[][];
  /** Per slot: its index in its service's list (-1 when in none). */
  private slotPos = new Int32Array(1024).fill(-1);

  private addSlot(w: number, slot: number): void {
    const list = this.slotsOf[w] as number[];
    if (slot >= this.slotPos.length) { const b = new Int32Array(2 * slot + 2).fill(-1); b.set(this.slotPos); this.slotPos = b; }
    this.slotPos[slot] = list.length;
    list.push(slot);
  }

  private removeSlot(w: number, slot: number): void {
    const list = this.slotsOf[w] as number[], i = this.slotPos[slot] as number;
    if (i < 0 || list[i] !== slot) return;
    const last = list.pop() as number;
    if (last !== slot) { list[i] = last; this.slotPos[last] = i; }
    this.slotPos[slot] = -1;
  }

  /** The observation listener: keeps each service's live slots; an owed pod is deleted the moment it is placed. */
  readonly listener = (kind: string, slot: number, w: number): void => {
    if (this.slotsOf[w] === undefined) return;
    if (kind === 'submitted') { this.addSlot(w, slot); return; }
    if (kind === 'finished' || kind === 'failed' || kind === 'lost' || kind === 'rejected') { this.removeSlot(w, slot); return; }
    if (kind !== 'placed' || (this.owed[w] as number) === 0) return;
    this.owed[w] = (this.owed[w] as number) - 1;
    this.p.sim.schedule(0, this.REMOVE, slot);
  };

  // ————————————————————————————— HpaTarget

  replicas(w: number): number {
    return this.p.dyn.controllers.desired[w] as number;
  }

  readyReplicas(w: number): number {
    return this.p.dyn.controllers.ready[w] as number;
  }

  setReplicas(w: number, n: number): void {
    const ctl = this.p.dyn.controllers;
    ctl.setDesired(w, n);
    const active = (ctl.live[w] as number) - (this.owed[w] as number);
    if (n > active) {
      // Pods owed for deletion are taken back first, then new ones created (manageReplicas).
      const back = Math.min(n - active, this.owed[w] as number);
      this.owed[w] = (this.owed[w] as number) - back;
      ctl.createReplicas(w, n - active - back);
      return;
    }
    if (n < active) this.deleteReplicas(w, active - n);
  }

  private deleteReplicas(w: number, k: number): void {
    const t = this.p.table(), ints = t.ints, nums = t.nums, now = this.p.sim.now, ctl = this.p.dyn.controllers;
    const slots = [...(this.slotsOf[w] as number[])];
    const n = slots.length;
    const host = new Int32Array(n), phase = new Uint8Array(n), ready = new Uint8Array(n);
    const readyTime = new Float64Array(n), created = new Float64Array(n), restarts = new Int32Array(n);
    slots.forEach((s, i) => {
      const st = ints[s * I_STRIDE + I_STATE] as number;
      const placed = st >= ContainerState.Placed;
      host[i] = placed ? (ints[s * I_STRIDE + I_HOST] as number) : -1;
      phase[i] = placed ? RS_POD_RUNNING : RS_POD_PENDING;
      ready[i] = ctl.isReady(s) ? 1 : 0;
      readyTime[i] = ready[i] === 1 ? (nums[s * N_STRIDE + N_SINCE] as number) : NaN;
      created[i] = nums[s * N_STRIDE + N_SUBMIT] as number;
    });
    const order = podDeletionOrder({ n, host, phase, ready, readyTime, created, restarts }, now);
    let owedHere = this.owed[w] as number;
    for (let i = 0; i < n && k > 0; i++) {
      const j = order[i] as number;
      if ((host[j] as number) < 0) {
        // A pending pod: the first `owed` of them are already deleted.
        if (owedHere > 0) { owedHere--; continue; }
        this.owed[w] = (this.owed[w] as number) + 1;
      } else {
        ctl.cause = LOST_SCALE_DOWN;
        this.p.cycle.remove(slots[j] as number);
      }
      k--;
    }
  }

  observePods(w: number, now: number, out: HpaPods): void {
    out.clear();
    const t = this.p.table(), ints = t.ints, nums = t.nums, ctl = this.p.dyn.controllers, fleet = this.p.dyn.fleet;
    const cycle = this.p.cycle;
    let skipPending = this.owed[w] as number;
    const list = this.slotsOf[w] as number[];
    for (let k = 0; k < list.length; k++) {
      const s = list[k] as number;
      const st = ints[s * I_STRIDE + I_STATE] as number;
      const request = cycle.requestOf(s, 0); // its CPU request (the first dimension)
      if (st < ContainerState.Placed) {
        if (skipPending > 0) { skipPending--; continue; }
        out.push(POD_PENDING, READY_NONE, NaN, NaN, NaN, NaN, NaN, request);
        continue;
      }
      const placed = ctl.placedTime(s);
      if (fleet.state[ints[s * I_STRIDE + I_HOST] as number] !== HOST_UP) {
        // Its node is NotReady: no metrics, and (once the node lifecycle controller marks it) not Ready.
        out.push(POD_RUNNING, READY_FALSE, placed, placed, NaN, now, METRIC_WINDOW, request);
        continue;
      }
      if (ctl.isReady(s)) {
        out.push(POD_RUNNING, READY_TRUE, placed, nums[s * N_STRIDE + N_SINCE] as number, this.p.cpuUsage(s), now, METRIC_WINDOW, request);
      } else {
        const u = this.p.cpuUsage(s);
        out.push(POD_RUNNING, READY_FALSE, placed, placed, Number.isNaN(u) ? 0 : u, now, METRIC_WINDOW, request);
      }
    }
  }

  // ————————————————————————————— AutoscalerCluster

  get hostCount(): number {
    return this.p.cluster.hostCount;
  }

  get version(): number {
    return this.p.cycle.changeCount + this.moves;
  }

  exists(h: number): boolean {
    return this.p.dyn.fleet.state[h] !== HOST_ABSENT;
  }

  ready(h: number): boolean {
    return this.p.dyn.fleet.state[h] === HOST_UP;
  }

  hostGroup(h: number): number {
    return this.p.cluster.hostGroup[h] as number;
  }

  allocatable(h: number): ArrayLike<number> {
    let v = this.allocatableViews[h];
    if (v === undefined) v = this.allocatableViews[h] = this.p.cluster.capacity.subarray(h * this.D, h * this.D + this.D);
    return v;
  }

  boundPods(): readonly ScaleDownPod[] {
    const out: ScaleDownPod[] = [];
    const t = this.p.table(), ints = t.ints, parsed = this.p.scenario.parsed.workloads, cycle = this.p.cycle;
    const fleet = this.p.dyn.fleet;
    for (let h = 0; h < fleet.slots.length; h++) {
      if (fleet.state[h] === HOST_ABSENT) continue;
      for (const s of fleet.slots[h] as Set<number>) {
        const w = ints[s * I_STRIDE + I_WORKLOAD] as number;
        const controller = this.daemon[w] === 1 ? 'DaemonSet' : (parsed[w]?.replicas !== undefined ? 'ReplicaSet' : this.jobLike[w] === 1 ? 'Job' : 'none');
        out.push({ host: h, request: cycle.requestView(s), controller });
      }
    }
    return out;
  }

  unschedulable(since: number): readonly EstimatorPodGroup[] {
    const q = this.p.queue, t = this.p.table(), ints = t.ints, nums = t.nums, D = this.D;
    const counts = new Map<number, number>();
    // Containers submitted with their own request (an arrival source's `submitWith`), grouped by request, in queue order.
    const own = new Map<string, EstimatorPodGroup & { count: number }>();
    const W = this.p.scenario.workloads.length;
    for (let i = 0; i < q.length; i++) {
      const s = q.at(i);
      if ((ints[s * I_STRIDE + I_PINNED] as number) >= 0 || (nums[s * N_STRIDE + N_SUBMIT] as number) > since) continue;
      if ((ints[s * I_STRIDE + I_REQUEST] as number) >= W * D) {
        const request = Float64Array.from(this.p.cycle.requestView(s));
        const key = request.join(',');
        const g = own.get(key);
        if (g === undefined) own.set(key, { request, count: 1 });
        else g.count++;
        continue;
      }
      const w = ints[s * I_STRIDE + I_WORKLOAD] as number;
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    const out: EstimatorPodGroup[] = [];
    for (const [w, n] of [...counts].sort((a, b) => a[0] - b[0])) {
      const count = n - (this.owed[w] as number);
      if (count > 0) out.push({ request: this.p.demand.subarray(w * D, w * D + D), count });
    }
    for (const g of own.values()) out.push(g);
    return out;
  }

  addHost(group: number): number {
    const h = this.p.dyn.fleet.add(group);
    this.moves++;
    if (h >= 0) this.p.meters?.hostAdded(h, this.p.sim.now);
    return h;
  }

  removeHost(h: number): boolean {
    this.moves++;
    if (!this.p.dyn.fleet.remove(h)) return false;
    this.p.meters?.hostRemoved(h, this.p.sim.now);
    return true;
  }

  /** Hosts added or removed here (removing a failed host changes no condition, so the cycle's count misses it). */
  private moves = 0;

  /** Set by the simulation: a timer (the autoscalers' own event kind). */
  at: (t: number, fn: () => void) => void = () => {};
}

/**
 * @internal Builds the run's autoscalers (HPA syncs, cluster autoscaler scans, replica and host series)
 * over the simulation, or returns undefined when the scenario has no service, HPA or node group.
 */
export function attachAutoscaling(p: AutoscalingParts, streams: RandomStreams, observe: (l: SimulationListener) => void, sampleBackground: () => number): Autoscaling | undefined {
  const host = new SimulationAutoscalingHost(p);
  const s = p.scenario;
  const a = Autoscaling.create(p.sim, s.parsed as never, s.dims, streams, s.until, host, s.parsed.autoscaler === undefined ? undefined : host);
  if (a === undefined) return undefined;
  host.at = (t, fn) => a.at(t, fn);
  // A node group's slots beyond its starting size are absent until the autoscaler adds them: not paid for.
  if (p.meters !== undefined && a.clusterAutoscaler !== undefined) {
    const groups = new Set(a.clusterAutoscaler.groups.map((g) => g.hostGroup));
    for (let h = 0; h < host.hostCount; h++) if (!host.exists(h) && groups.has(host.hostGroup(h))) p.meters.hostRemoved(h, 0);
  }
  a.otherBackground = sampleBackground;
  observe((e) => host.listener(e.kind, e.container, e.workload));
  return a;
}
