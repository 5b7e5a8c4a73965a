import type { ClusterState } from '../cluster/cluster-state.js';
import { compileCarbonIntensity, type CarbonIntensitySpec } from '../dynamics/carbon-intensity.js';
import { declaredCpuMillis, hostCpuUtilization, meanRateOver } from '../dynamics/declared-usage.js';
import { HostMeter } from '../dynamics/host-meter.js';
import { compilePowerModel, type PowerSpec } from '../dynamics/power-model.js';
import { compileLoadRate, replicaCpuMillis, type LoadRateSpec } from '../dynamics/service-load.js';
import type { Simulator } from '../engine/simulator.js';
import { HostCondition } from '../scheduling/host-condition.js';
import type { RateModel } from '../inputs/generators/rates.js';
import { compileDistribution, type DistributionSpec, type Sampler } from '../random/distributions.js';
import type { RandomStreams, Rng } from '../random/streams.js';
import type { CompiledScenario } from '../scenario/compile.js';
import { grown } from '../util/grown.js';
import type { SimulationEvent } from './observation.js';
import type { CostSummary, EnergySummary, SimulationResult, UtilizationBasis } from './result.js';

// How a workload's CPU counts on its host: its request (no usage declared), a declared fraction of its
// request, or its share of the service's offered load.
const K_REQUEST = 0, K_FRACTION = 1, K_LOAD = 2;

/**
 * Seconds between re-evaluations of a time-varying load: between two, each replica is held at the load's
 * mean over the step (from the rate's exact integral), so the CPU-seconds served are exact.
 */
export const LOAD_STEP = 60;

// The scenario fields this module reads, as a view: the dynamics fields arrive in the scenario schema
// from src/dynamics/schema.ts.
interface WorkloadView {
  readonly usage?: { readonly cpu?: number | DistributionSpec | undefined } | undefined;
  readonly load?: { readonly rate: LoadRateSpec } | undefined;
  readonly cpuPerRequest?: number | undefined;
}
interface HostGroupView {
  readonly name: string;
  readonly price?: number | undefined;
  readonly power?: PowerSpec | undefined;
}
interface ScenarioView {
  readonly hosts: readonly HostGroupView[];
  readonly workloads: readonly WorkloadView[];
  readonly carbon?: { readonly intensity: CarbonIntensitySpec } | undefined;
}

const view = (s: CompiledScenario): ScenarioView => s.parsed as unknown as ScenarioView;

/**
 * @internal The books of usage, cost and energy: which CPU each container uses (declared `usage.cpu`, its
 * share of a service's `load` × `cpuPerRequest`, or its request when it declares none), summed per host;
 * each host's power from its group's power model at that utilisation, and its price, integrated exactly
 * ({@link HostMeter}) per host slot over the time it exists. Attached only to scenarios that declare usage,
 * load, a price or a power model ({@link UsageBooks.needed}); it hears of containers through the
 * simulation's observation events, so the scheduling cycle has no branch for it.
 *
 * Hosts that come and go (failures, scheduled additions and removals, the cluster autoscaler) tell it
 * through {@link UsageBooks.hostAdded}, {@link UsageBooks.hostRemoved} and {@link UsageBooks.hostPowered}.
 *
 * @example
 * ```ts
 * const books = new UsageBooks(sim, cluster, scenario, streams);
 * run.observe((e) => books.onEvent(e));
 * ```
 */
export class UsageBooks {
  /** What host utilisation (for power) is made of. */
  readonly basis: UtilizationBasis;
  private readonly kind: Uint8Array;
  private readonly request: Float64Array;
  private readonly limit: Float64Array;
  private readonly fraction: (Sampler | number | undefined)[];
  private readonly rng: (Rng | undefined)[];
  private readonly rate: (RateModel | undefined)[];
  private readonly constantRate: Float64Array;
  private readonly cpr: Float64Array;
  // Per workload: its ready replicas (slots), their count, and the millicores each uses now (load).
  private readonly readyList: Int32Array<ArrayBuffer>[];
  private readonly readyCount: Int32Array;
  private readonly each: Float64Array;
  private readonly rateNow: Float64Array;
  // Per container slot: its host (-1 off), the CPU it counts there, its declared fraction, ready (0/1), and its index in the ready list.
  private slotHost: Int32Array<ArrayBuffer>;
  private slotCpu: Float64Array<ArrayBuffer>;
  private slotFrac: Float64Array<ArrayBuffer>;
  private slotReady: Uint8Array<ArrayBuffer>;
  private slotPos: Int32Array<ArrayBuffer>;
  private slotWl: Int32Array<ArrayBuffer>;
  // Per slot: its container's CPU request (millicores), read at placement.
  private slotReq: Float64Array<ArrayBuffer>;
  /**
   * A placed container's CPU request, millicores: the simulation sets it to the container's own
   * (`submitWith`) or its workload's. @defaultValue its workload's
   */
  cpuRequestOf: (slot: number, workload: number) => number = (_slot, w) => this.request[w] as number;
  // Per host: CPU counted, millicores; present (exists) and powered.
  private used: Float64Array<ArrayBuffer>;
  private present: Uint8Array<ArrayBuffer>;
  private powered: Uint8Array<ArrayBuffer>;
  private hostGroup: Int32Array<ArrayBuffer>;
  private readonly price: Float64Array;
  private readonly priced: readonly boolean[];
  // Per workload: Σ CPU its ready containers use by declaration, and how many are ready.
  private readonly wlUse: Float64Array;
  private readonly wlReady: Int32Array;
  // Per workload: Σ CPU requests of its ready containers (a container's own request where it has one).
  private readonly wlReadyRequest: Float64Array;
  private readonly power: (((u: number) => number) | undefined)[];
  readonly hasCost: boolean;
  readonly hasPower: boolean;
  readonly declaresUsage: boolean;
  private readonly costMeter: HostMeter;
  private readonly powerMeter: HostMeter;
  // Σ declared CPU in use (usage or load, not requests) and its integral.
  private declared = 0;
  private declaredArea = 0;
  private declaredT = 0;
  private readonly groups: readonly string[];
  private readonly TICK: number;

  /** Whether the scenario declares anything these books account: usage.cpu, load, a price or a power model. @example `UsageBooks.needed(compiled)` */
  static needed(s: CompiledScenario): boolean {
    const v = view(s);
    return v.workloads.some((w) => w.usage?.cpu !== undefined || w.load !== undefined) || v.hosts.some((h) => h.price !== undefined || h.power !== undefined);
  }

  /**
   * @param hostState - A host's state when its NotReady condition changes (the host dynamics: `up`, `down`
   * for a failed host, `absent` for a slot not added yet or removed); its meters follow it.
   */
  constructor(
    private readonly sim: Simulator,
    private readonly cluster: ClusterState,
    s: CompiledScenario,
    streams: RandomStreams,
    private readonly hostState: (h: number) => 'up' | 'down' | 'absent' = () => 'up',
  ) {
    const v = view(s);
    const W = s.workloads.length, H = cluster.hostCount;
    this.kind = new Uint8Array(W);
    this.request = new Float64Array(W);
    this.limit = new Float64Array(W);
    this.fraction = new Array(W).fill(undefined);
    this.rng = new Array(W).fill(undefined);
    this.rate = new Array(W).fill(undefined);
    this.constantRate = new Float64Array(W);
    this.cpr = new Float64Array(W);
    this.readyList = [];
    this.readyCount = new Int32Array(W);
    this.each = new Float64Array(W);
    this.rateNow = new Float64Array(W);
    let timeVarying = false;
    s.workloads.forEach((w, i) => {
      const wv = v.workloads[i] as WorkloadView;
      this.request[i] = w.request.cpu ?? 0;
      this.limit[i] = w.limit?.cpu ?? Infinity;
      this.readyList.push(new Int32Array(4));
      if (wv.load !== undefined) {
        this.kind[i] = K_LOAD;
        const spec = wv.load.rate;
        this.cpr[i] = wv.cpuPerRequest ?? 0;
        if (typeof spec === 'number') this.rateNow[i] = this.constantRate[i] = spec;
        else {
          const m = compileLoadRate(spec);
          this.rate[i] = m;
          this.rateNow[i] = m.rate(0);
          timeVarying = true;
        }
      } else if (wv.usage?.cpu !== undefined) {
        this.kind[i] = K_FRACTION;
        const c = wv.usage.cpu;
        if (typeof c === 'number') this.fraction[i] = c;
        else {
          this.fraction[i] = compileDistribution(c);
          this.rng[i] = streams.get(`usage/${w.name}`);
        }
      }
    });
    const kinds = new Set(this.kind);
    this.declaresUsage = kinds.has(K_FRACTION) || kinds.has(K_LOAD);
    this.basis = !this.declaresUsage ? 'requests' : kinds.has(K_REQUEST) ? 'usage and requests' : 'usage';
    this.groups = v.hosts.map((h) => h.name);
    this.price = Float64Array.from(v.hosts, (h) => h.price ?? 0);
    this.priced = v.hosts.map((h) => h.price !== undefined);
    this.wlUse = new Float64Array(W);
    this.wlReady = new Int32Array(W);
    this.wlReadyRequest = new Float64Array(W);
    this.power = v.hosts.map((h) => (h.power === undefined ? undefined : compilePowerModel(h.power)));
    this.hasCost = v.hosts.some((h) => h.price !== undefined);
    this.hasPower = v.hosts.some((h) => h.power !== undefined);
    this.costMeter = new HostMeter(H);
    this.powerMeter = new HostMeter(H, v.carbon === undefined ? undefined : compileCarbonIntensity(v.carbon.intensity));
    this.hostGroup = Int32Array.from(s.hosts, (h) => h.group);
    this.used = new Float64Array(Math.max(1, H));
    this.present = new Uint8Array(Math.max(1, H));
    this.powered = new Uint8Array(Math.max(1, H));
    const n = 1024;
    this.slotHost = new Int32Array(n).fill(-1);
    this.slotCpu = new Float64Array(n);
    this.slotFrac = new Float64Array(n);
    this.slotReady = new Uint8Array(n);
    this.slotPos = new Int32Array(n);
    this.slotWl = new Int32Array(n);
    this.slotReq = new Float64Array(n);
    // Slots kept for hosts added later are absent until they are.
    for (let h = 0; h < H; h++) if (s.hosts[h]?.absent !== true) this.hostAdded(h, 0);
    this.TICK = sim.on((k) => this.onTick(k));
    // A time-varying load is re-evaluated every LOAD_STEP seconds up to `until` (a run without `until`
    // holds the load at its rate when replicas change: a tick must not keep such a run alive).
    if (timeVarying && s.until !== Infinity) sim.scheduleAt(0, this.TICK, 0);
    this.until = s.until;
  }

  private readonly until: number;

  // ———————————————————————————————————————— hosts

  // A host failed, was repaired, added or removed (each sets or clears NotReady): its meters follow its state.
  private hostChanged(h: number, t: number): void {
    const state = this.hostState(h);
    this.ensureHost(h);
    if (state === 'absent') {
      if (this.present[h] === 1) this.hostRemoved(h, t);
    } else {
      if (this.present[h] === 0) this.hostAdded(h, t);
      if ((this.powered[h] === 1) !== (state === 'up')) this.hostPowered(h, t, state === 'up');
    }
  }

  /** Host `h` exists from `t` on (its price and power run): every initial host at 0; hosts added later when they are. */
  hostAdded(h: number, t: number, group = this.hostGroup[h] ?? 0): void {
    this.ensureHost(h);
    this.hostGroup[h] = group;
    this.present[h] = 1;
    this.powered[h] = 1;
    this.costMeter.set(h, t, this.price[group] ?? 0);
    this.updatePower(h, t);
  }

  /** Host `h` no longer exists from `t` on: its price and power stop (a removed or scaled-down host). */
  hostRemoved(h: number, t: number): void {
    this.ensureHost(h);
    this.present[h] = 0;
    this.costMeter.set(h, t, 0);
    this.updatePower(h, t);
  }

  /** Host `h` draws power (`on`) or none (a failed host, still paid for) from `t` on. */
  hostPowered(h: number, t: number, on: boolean): void {
    this.ensureHost(h);
    this.powered[h] = on ? 1 : 0;
    this.updatePower(h, t);
  }

  private ensureHost(h: number): void {
    if (h < this.used.length) return;
    const n = Math.max(h + 1, 2 * this.used.length);
    this.used = grown(this.used, n);
    this.present = grown(this.present, n);
    this.powered = grown(this.powered, n);
    this.hostGroup = grown(this.hostGroup, n);
  }

  /** The power host `h` draws now, watts. */
  wattsOf(h: number): number {
    return this.powerMeter.rateOf(h);
  }

  private updatePower(h: number, t: number): void {
    if (!this.hasPower) return;
    const model = this.power[this.hostGroup[h] as number];
    const cap = this.cluster.capacity[h * this.cluster.D] as number;
    const w = model === undefined || this.present[h] === 0 || this.powered[h] === 0 ? 0 : model(hostCpuUtilization(this.used[h] as number, cap));
    this.powerMeter.set(h, t, w);
  }

  // ———————————————————————————————————————— containers

  private ensureSlot(slot: number): void {
    if (slot < this.slotHost.length) return;
    const n = Math.max(slot + 1, 2 * this.slotHost.length);
    this.slotHost = grown(this.slotHost, n, -1);
    this.slotCpu = grown(this.slotCpu, n);
    this.slotFrac = grown(this.slotFrac, n);
    this.slotReady = grown(this.slotReady, n);
    this.slotPos = grown(this.slotPos, n);
    this.slotWl = grown(this.slotWl, n);
    this.slotReq = grown(this.slotReq, n);
  }

  /** The observation listener: placements, readiness, restarts and ends move CPU on and off hosts. */
  onEvent(e: SimulationEvent): void {
    switch (e.kind) {
      case 'placed': this.placed(e.container, e.workload, e.host, e.time); break;
      case 'started': this.notReady(e.container, e.time); break;
      case 'ready': this.ready(e.container, e.time); break;
      case 'finished': case 'failed': case 'evicted': case 'preempted': case 'lost': this.left(e.container, e.time); break;
      case 'host-condition': if (e.condition === HostCondition.NotReady) this.hostChanged(e.host, e.time); break;
      default: break;
    }
  }

  private placed(slot: number, w: number, h: number, t: number): void {
    this.ensureSlot(slot);
    this.slotHost[slot] = h;
    this.slotWl[slot] = w;
    this.slotReady[slot] = 0;
    this.slotCpu[slot] = 0;
    this.slotReq[slot] = this.cpuRequestOf(slot, w);
    const k = this.kind[w] as number;
    if (k === K_FRACTION) {
      const f = this.fraction[w];
      this.slotFrac[slot] = typeof f === 'number' ? f : (f as Sampler)(this.rng[w] as Rng);
    } else if (k === K_REQUEST) this.setCpu(slot, h, this.slotReq[slot] as number, t); // a request is held from placement
  }

  private ready(slot: number, t: number): void {
    const h = this.slotHost[slot] as number;
    if (h < 0 || this.slotReady[slot] === 1) return;
    this.slotReady[slot] = 1;
    const w = this.slotWl[slot] as number, k = this.kind[w] as number;
    this.wlReady[w] = (this.wlReady[w] as number) + 1;
    this.wlReadyRequest[w] = (this.wlReadyRequest[w] as number) + (this.slotReq[slot] as number);
    if (k === K_FRACTION) this.setCpu(slot, h, declaredCpuMillis(this.slotFrac[slot] as number, this.slotReq[slot] as number, this.limit[w] as number), t);
    else if (k === K_LOAD) {
      let list = this.readyList[w] as Int32Array<ArrayBuffer>;
      const n = this.readyCount[w] as number;
      if (n === list.length) this.readyList[w] = list = grown(list, 2 * n);
      list[n] = slot;
      this.slotPos[slot] = n;
      this.readyCount[w] = n + 1;
      this.reshare(w, t);
    }
  }

  // Started again after a restart: not ready until its probe passes.
  private notReady(slot: number, t: number): void {
    if (slot >= this.slotHost.length || this.slotReady[slot] === 0) return;
    this.unready(slot, t);
  }

  private unready(slot: number, t: number): void {
    this.slotReady[slot] = 0;
    const w = this.slotWl[slot] as number, k = this.kind[w] as number;
    this.wlReady[w] = (this.wlReady[w] as number) - 1;
    this.wlReadyRequest[w] = (this.wlReadyRequest[w] as number) - (this.slotReq[slot] as number);
    if (k === K_FRACTION) this.setCpu(slot, this.slotHost[slot] as number, 0, t);
    else if (k === K_LOAD) {
      this.setCpu(slot, this.slotHost[slot] as number, 0, t);
      const list = this.readyList[w] as Int32Array;
      const n = (this.readyCount[w] as number) - 1, i = this.slotPos[slot] as number;
      const last = list[n] as number;
      list[i] = last;
      this.slotPos[last] = i;
      this.readyCount[w] = n;
      this.reshare(w, t);
    }
  }

  private left(slot: number, t: number): void {
    if (slot >= this.slotHost.length) return;
    const h = this.slotHost[slot] as number;
    if (h < 0) return;
    if (this.slotReady[slot] === 1) this.unready(slot, t);
    this.setCpu(slot, h, 0, t);
    this.slotHost[slot] = -1;
  }

  private setCpu(slot: number, h: number, millis: number, t: number): void {
    const old = this.slotCpu[slot] as number;
    if (old === millis) return;
    const w = this.slotWl[slot] as number;
    if (this.kind[w] !== K_REQUEST) {
      this.integrateDeclared(t);
      this.declared += millis - old;
      this.wlUse[w] = (this.wlUse[w] as number) + millis - old;
    }
    this.slotCpu[slot] = millis;
    this.used[h] = (this.used[h] as number) + millis - old;
    this.updatePower(h, t);
  }

  // Spreads service w's load over its ready replicas.
  private reshare(w: number, t: number): void {
    const n = this.readyCount[w] as number;
    const each = replicaCpuMillis(this.rateNow[w] as number, this.cpr[w] as number, n, this.limit[w] as number);
    this.each[w] = each;
    const list = this.readyList[w] as Int32Array;
    for (let i = 0; i < n; i++) {
      const slot = list[i] as number;
      this.setCpu(slot, this.slotHost[slot] as number, each, t);
    }
  }

  private onTick(k: number): void {
    const t = this.sim.now;
    const step = Math.min(LOAD_STEP, this.until - t);
    for (let w = 0; w < this.rate.length; w++) {
      const m = this.rate[w];
      if (m === undefined) continue;
      this.rateNow[w] = meanRateOver(m, t, step);
      this.reshare(w, t);
    }
    const next = (k + 1) * LOAD_STEP;
    if (next < this.until) this.sim.scheduleAt(next, this.TICK, k + 1);
  }

  private integrateDeclared(t: number): void {
    if (t > this.declaredT) {
      this.declaredArea += this.declared * (t - this.declaredT);
      this.declaredT = t;
    }
  }

  // ———————————————————————————————————————— what others read

  /** Millicores container `slot` uses now by its declared usage or load; `NaN` when it declares none (or is not placed). */
  cpuMillis(slot: number): number {
    if (slot >= this.slotHost.length || (this.slotHost[slot] as number) < 0) return NaN;
    return this.kind[this.slotWl[slot] as number] === K_REQUEST ? NaN : (this.slotCpu[slot] as number);
  }

  /**
   * Workload `w`'s CPU utilisation now: Σ CPU in use over Σ CPU requests of its ready containers (1 = 100 % of
   * requests, as the HPA measures it); `NaN` when it declares no usage or load, or nothing is ready.
   */
  workloadCpuUtilization(w: number): number {
    const n = this.wlReady[w] as number, req = this.wlReadyRequest[w] as number;
    if (this.kind[w] === K_REQUEST || n <= 0 || !(req > 0)) return NaN;
    return (this.wlUse[w] as number) / req;
  }

  /** Σ declared CPU in use now (usage and load, not requests), millicores. */
  get declaredCpu(): number {
    return this.declared;
  }

  /** Σ power drawn now, watts. */
  powerNow(): number {
    let w = 0;
    for (let h = 0; h < this.used.length; h++) w += this.powerMeter.rateOf(h);
    return w;
  }

  /** Σ cost so far, up to `t`. */
  costUpTo(t: number): number {
    let c = 0;
    for (let h = 0; h < this.used.length; h++) c += this.costMeter.total(h, t);
    return c / 3600;
  }

  /** The time-weighted fraction of CPU capacity in declared use over [0, T]. */
  declaredUtilization(T: number, capacity: number): number {
    this.integrateDeclared(T);
    return T > 0 && capacity > 0 ? this.declaredArea / (capacity * T) : 0;
  }

  /**
   * The result's `usage`, `cost` and `energy` up to `T`: each present only when the scenario declares
   * usage, prices or power. `cpuCapacity` is the cluster's total CPU, for the declared utilisation.
   */
  result(T: number, cpuCapacity: number): Pick<SimulationResult, 'usage' | 'cost' | 'energy'> {
    return {
      ...(this.declaresUsage ? { usage: { cpu: this.declaredUtilization(T, cpuCapacity) } } : {}),
      ...(this.hasCost ? { cost: this.cost(T) } : {}),
      ...(this.hasPower ? { energy: this.energy(T) } : {}),
    };
  }

  /** `result.cost`, up to `T`. */
  cost(T: number): CostSummary {
    const byGroup: Record<string, number> = {};
    let total = 0;
    this.groups.forEach((g, i) => { if (this.priced[i] === true) byGroup[g] = 0; });
    for (let h = 0; h < this.used.length; h++) {
      const g = this.groups[this.hostGroup[h] as number] as string;
      if (!(g in byGroup)) continue;
      const c = this.costMeter.total(h, T) / 3600;
      byGroup[g] = (byGroup[g] as number) + c;
      total += c;
    }
    return { total, byGroup };
  }

  /** `result.energy`, up to `T`. */
  energy(T: number): EnergySummary {
    const byGroup: Record<string, number> = {};
    let kWh = 0, co2 = 0;
    this.groups.forEach((g, i) => { if (this.power[i] !== undefined) byGroup[g] = 0; });
    for (let h = 0; h < this.used.length; h++) {
      const g = this.groups[this.hostGroup[h] as number] as string;
      if (!(g in byGroup)) continue;
      const e = HostMeter.kWh(this.powerMeter.total(h, T));
      byGroup[g] = (byGroup[g] as number) + e;
      kWh += e;
      co2 += this.powerMeter.co2kg(h, T);
    }
    return { kWh, byGroup, ...(this.powerMeter.weight === undefined ? {} : { co2kg: co2 }), utilization: this.basis };
  }
}
