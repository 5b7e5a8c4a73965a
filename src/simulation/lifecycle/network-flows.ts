import type { Simulator } from '../../engine/simulator.js';
import type { EventHandle } from '../../engine/event-queue.js';
import type { ClusterState } from '../../cluster/cluster-state.js';
import { maxMinShareInto } from '../../performance/max-min-share.js';
import { grown } from '../../util/grown.js';
import { setHostEvent } from './host-event.js';

/** @internal What a flow carries: a container's data (after its compute), or an image pull. */
export const FlowKind = { Data: 0, Pull: 1 } as const;

/** @internal A host's NIC when the scenario gives it no `network` capacity, bit/s. */
export const DEFAULT_NIC = 10e9;

/**
 * @internal The network part of the performance model: each host's NIC shared max-min fairly
 * ({@link maxMinShareInto}) among its flows, each capped (a pull by its registry's bandwidth).
 * Flows advance fluidly; each host keeps one pending event, its next flow completion, and a
 * change on a host re-shares that host alone. Flows live in a struct-of-arrays pool.
 */
export class NetworkFlows {
  /** NIC bandwidth per host, bit/s. */
  readonly nic: Float64Array;
  /** Called when a container's data flow ends. */
  dataDone: (slot: number) => void = () => {};
  /** Called when a pull flow ends (see {@link NetworkFlows.ownerOf}; its id is free again once this returns). */
  pullDone: (h: number, flow: number) => void = () => {};

  private readonly flows: number[][]; // per host: its flows
  private readonly t: Float64Array; // per host: when its flows were last advanced
  private readonly event: EventHandle[]; // per host: its next completion
  private readonly NET: number;
  // The flow pool: bits left, rate, cap, owner (a container slot), kind.
  private rem = new Float64Array(256);
  private rate = new Float64Array(256);
  private cap = new Float64Array(256);
  private owner = new Int32Array(256);
  private kind = new Uint8Array(256);
  private readonly free: number[] = [];
  private used = 0;
  // Scratch for sharing one host's NIC.
  private caps = new Float64Array(64);
  private out = new Float64Array(64);
  private order = new Int32Array(64);
  private readonly finished: number[] = [];

  constructor(private readonly sim: Simulator, cluster: ClusterState) {
    const H = cluster.hostCount, D = cluster.D, net = cluster.dimensionIndex('network');
    this.nic = new Float64Array(H);
    for (let h = 0; h < H; h++) {
      const c = net >= 0 ? (cluster.capacity[h * D + net] as number) : 0;
      this.nic[h] = c > 0 ? c : DEFAULT_NIC;
    }
    this.flows = Array.from({ length: H }, () => []);
    this.t = new Float64Array(H);
    this.event = new Array<EventHandle>(H).fill(-1);
    this.NET = sim.on((h) => this.onNet(h));
  }

  /** Opens a flow of `bits` on host `h`, capped at `cap` bit/s, and returns its id; call {@link NetworkFlows.reshare} after. */
  open(h: number, kind: number, owner: number, bits: number, cap: number): number {
    this.advance(h, this.sim.now);
    let f = this.free.pop();
    if (f === undefined) {
      f = this.used++;
      if (f >= this.rem.length) this.grow();
    }
    this.rem[f] = bits;
    this.rate[f] = 0;
    this.cap[f] = cap;
    this.owner[f] = owner;
    this.kind[f] = kind;
    (this.flows[h] as number[]).push(f);
    return f;
  }

  /** Closes a container's data flow before it ends (the container was stopped). */
  closeData(h: number, slot: number): void {
    const list = this.flows[h] as number[];
    this.advance(h, this.sim.now);
    const i = list.findIndex((f) => this.kind[f] === FlowKind.Data && this.owner[f] === slot);
    if (i < 0) return;
    this.free.push(list[i] as number);
    list.splice(i, 1);
    this.reshare(h);
  }

  /** Who a flow belongs to: a container slot for data, a pull for a pull. */
  ownerOf(f: number): number {
    return this.owner[f] as number;
  }

  /** Bits a container's data flow on host `h` still has to send now, or 0 when it has none. */
  dataLeft(h: number, slot: number): number {
    for (const f of this.flows[h] as number[]) {
      if (this.kind[f] !== FlowKind.Data || this.owner[f] !== slot) continue;
      const left = (this.rem[f] as number) - (this.rate[f] as number) * (this.sim.now - (this.t[h] as number));
      return left > 0 ? left : 0;
    }
    return 0;
  }

  /** Re-divides host `h`'s NIC among its flows and moves its completion event. */
  reshare(h: number): void {
    const list = this.flows[h] as number[];
    const n = list.length;
    if (n > this.caps.length) this.growScratch(n);
    for (let i = 0; i < n; i++) this.caps[i] = this.cap[list[i] as number] as number;
    maxMinShareInto(this.nic[h] as number, this.caps, n, this.out, undefined, this.order);
    const now = this.sim.now;
    let next = Infinity;
    for (let i = 0; i < n; i++) {
      const f = list[i] as number;
      const r = this.out[i] as number;
      this.rate[f] = r;
      const t = r > 0 ? now + (this.rem[f] as number) / r : Infinity;
      if (t < next) next = t;
    }
    setHostEvent(this.sim, this.event, h, next, this.NET);
  }

  private advance(h: number, now: number): void {
    const dt = now - (this.t[h] as number);
    if (dt > 0) {
      const list = this.flows[h] as number[];
      for (let i = 0; i < list.length; i++) {
        const f = list[i] as number;
        this.rem[f] = (this.rem[f] as number) - (this.rate[f] as number) * dt;
      }
    }
    this.t[h] = now;
  }

  private onNet(h: number): void {
    this.event[h] = -1;
    this.advance(h, this.sim.now);
    const list = this.flows[h] as number[];
    const done = this.finished;
    const first = done.length; // a handler below may end flows on another host (nested)
    let k = 0;
    for (let i = 0; i < list.length; i++) {
      const f = list[i] as number;
      // Finished, up to rounding: less than a nanosecond left at its rate, or under a micro-bit.
      if ((this.rem[f] as number) <= (this.rate[f] as number) * 1e-9 || (this.rem[f] as number) <= 1e-6) done.push(f);
      else list[k++] = f;
    }
    list.length = k;
    this.reshare(h);
    const last = done.length;
    for (let i = first; i < last; i++) {
      const f = done[i] as number;
      if (this.kind[f] === FlowKind.Data) this.dataDone(this.owner[f] as number);
      else this.pullDone(h, f);
      this.free.push(f);
    }
    done.length = first;
  }

  private grow(): void {
    const n = this.rem.length * 2;
    this.rem = grown(this.rem, n); this.rate = grown(this.rate, n); this.cap = grown(this.cap, n);
    this.owner = grown(this.owner, n); this.kind = grown(this.kind, n);
  }

  private growScratch(n: number): void {
    const m = Math.max(n, this.caps.length * 2);
    this.caps = new Float64Array(m); this.out = new Float64Array(m); this.order = new Int32Array(m);
  }
}
