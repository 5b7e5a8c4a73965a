import type { Simulator } from '../../engine/simulator.js';
import type { CompiledScenario, CompiledWorkload, CompiledImage } from '../../scenario/compile.js';
import { LayerCache, layerHitRatio } from '../../performance/layer-cache.js';
import { planPull } from '../../performance/pull-policy.js';
import type { Layer } from '../../performance/image.js';
import { grown } from '../../util/grown.js';
import { L_STRIDE, L_TIMER, type ContainerTable } from './container-table.js';
import { FlowKind, type NetworkFlows } from './network-flows.js';

/** @internal What {@link ImagePulls.start} found: the image is ready, a pull is under way, or it may not be pulled. */
export const PullStart = { Ready: 0, Waiting: 1, NeverPull: 2 } as const;

/**
 * @internal Image pulls: each host's layer cache is a {@link LayerCache}, and what a container's
 * pull costs is {@link planPull}'s plan under its pull policy. The layers a pull fetches travel
 * as one network flow capped at the registry's bandwidth; a container that needs a layer another
 * pull on its host is fetching waits for that flow. Once its bytes are in, a pull that contacts
 * the registry pays the registry's latency (once per pull), then the container starts.
 * A scenario without images never builds this.
 */
export class ImagePulls {
  /** Bytes downloaded over the whole run (the caches' miss bytes). */
  bytesPulled = 0;
  /** Called when a container's image is in and the registry has answered: it may start. */
  pulled: (slot: number) => void = () => {};

  private readonly caches: Array<LayerCache | undefined>; // per host, built when first needed
  private readonly inflight: Array<Map<string, number> | undefined>; // per host: digest → pull flow
  private readonly flowLayers: Layer[][] = []; // by flow: the layers it fetches
  private readonly waiters: number[][] = []; // by flow: the containers waiting for it
  // Per slot: flows still awaited, whether the pull contacts the registry, bytes it downloaded,
  // and whether it holds its image pinned.
  private left = new Int32Array(0);
  private pinned = new Uint8Array(0);
  private contacts = new Uint8Array(0);
  private wrote = new Float64Array(0);
  private readonly REGISTRY: number;

  constructor(
    private readonly sim: Simulator,
    private readonly table: ContainerTable,
    private readonly net: NetworkFlows,
    private readonly s: CompiledScenario,
  ) {
    const H = s.hosts.length;
    this.caches = new Array<LayerCache | undefined>(H).fill(undefined);
    this.inflight = new Array<Map<string, number> | undefined>(H).fill(undefined);
    for (let h = 0; h < H; h++) for (const im of s.hosts[h]?.prePulled ?? []) this.cache(h).prePull(s.images[im] as CompiledImage);
    net.pullDone = (h, f) => this.flowDone(h, f);
    this.REGISTRY = sim.on((slot) => this.registryAnswered(slot));
  }

  /** The layer-cache hit ratio by bytes over every host ({@link layerHitRatio}). */
  get hitRatio(): number {
    let hit = 0, shared = 0, miss = 0;
    for (const c of this.caches) {
      if (c === undefined) continue;
      hit += c.hitBytes;
      shared += c.sharedBytes;
      miss += c.missBytes;
    }
    return layerHitRatio(hit, shared, miss);
  }

  /** Bytes of layers a container's pull downloaded to its host's disk. */
  wroteFor(slot: number): number {
    return slot < this.wrote.length ? (this.wrote[slot] as number) : 0;
  }

  /**
   * Plans a container's pull on host `h` and starts what it needs. On `Ready` nothing is awaited;
   * on `Waiting`, {@link ImagePulls.pulled} is called later; on `NeverPull` nothing was pinned.
   */
  start(slot: number, wl: CompiledWorkload, h: number): number {
    const image = this.s.images[wl.image] as CompiledImage;
    const cache = this.cache(h);
    const plan = planPull(cache, image, wl.pullPolicy);
    if (!plan.ok) return PullStart.NeverPull;
    this.ensure(slot);
    cache.pin(image);
    this.pinned[slot] = 1;
    let waits = 0;
    if (plan.fetch.length > 0) {
      const f = this.net.open(h, FlowKind.Pull, slot, plan.fetchBytes * 8, image.source?.bandwidth ?? Infinity);
      this.flowLayers[f] = plan.fetch;
      this.waiters[f] = [slot];
      const inflight = this.inflightOn(h);
      for (const l of plan.fetch) inflight.set(l.digest, f);
      waits++;
      this.bytesPulled += plan.fetchBytes;
    }
    for (const l of plan.join) {
      const w = this.waiters[this.inflightOn(h).get(l.digest) as number] as number[];
      if (w[w.length - 1] !== slot) { // each flow once, however many of its layers are needed
        w.push(slot);
        waits++;
      }
    }
    this.left[slot] = waits;
    this.contacts[slot] = plan.contactsRegistry ? 1 : 0;
    this.wrote[slot] = plan.fetchBytes;
    if (waits > 0) {
      this.net.reshare(h);
      return PullStart.Waiting;
    }
    return this.askRegistry(slot, image) ? PullStart.Waiting : PullStart.Ready;
  }

  /** A container stopped while pulling: it waits for nothing any more (the downloads go on). */
  abandon(slot: number, h: number): void {
    const inflight = this.inflight[h];
    if (inflight === undefined) return;
    for (const f of inflight.values()) {
      const w = this.waiters[f] as number[];
      const i = w.indexOf(slot);
      if (i >= 0) w.splice(i, 1);
    }
  }

  /** A container on host `h` stopped: if it pinned its image, the layers may be evicted again. */
  release(slot: number, wl: CompiledWorkload, h: number): void {
    if (slot >= this.pinned.length || this.pinned[slot] === 0) return;
    this.pinned[slot] = 0;
    this.cache(h).unpin(this.s.images[wl.image] as CompiledImage);
  }

  // A pull's bytes are in: its layers join the cache, and the containers waiting for it move on.
  private flowDone(h: number, f: number): void {
    const cache = this.cache(h), inflight = this.inflightOn(h);
    for (const l of this.flowLayers[f] as Layer[]) {
      inflight.delete(l.digest);
      cache.add(l);
    }
    const waiting = this.waiters[f] as number[];
    this.flowLayers[f] = [];
    this.waiters[f] = [];
    for (const slot of waiting) {
      const left = (this.left[slot] as number) - 1;
      this.left[slot] = left;
      if (left > 0) continue;
      const image = this.s.images[(this.s.workloads[this.table.workload(slot)] as CompiledWorkload).image] as CompiledImage;
      if (!this.askRegistry(slot, image)) this.pulled(slot);
    }
  }

  // A pull that contacts the registry pays its latency once its bytes are in (with nothing to
  // download, the manifest check alone). Returns whether the container now waits for it.
  private askRegistry(slot: number, image: CompiledImage): boolean {
    const latency = image.source?.latency ?? 0;
    if (this.contacts[slot] === 0 || latency <= 0) return false;
    this.table.st[slot * L_STRIDE + L_TIMER] = this.sim.schedule(latency, this.REGISTRY, slot);
    return true;
  }

  private registryAnswered(slot: number): void {
    this.table.st[slot * L_STRIDE + L_TIMER] = -1;
    this.pulled(slot);
  }

  private cache(h: number): LayerCache {
    return this.caches[h] ?? (this.caches[h] = new LayerCache(this.s.hosts[h]?.imageCache ?? Infinity));
  }

  private inflightOn(h: number): Map<string, number> {
    return this.inflight[h] ?? (this.inflight[h] = new Map());
  }

  private ensure(slot: number): void {
    if (slot < this.left.length) return;
    const n = Math.max(slot + 1, this.table.phase.length, this.left.length * 2);
    this.left = grown(this.left, n);
    this.pinned = grown(this.pinned, n);
    this.contacts = grown(this.contacts, n);
    this.wrote = grown(this.wrote, n);
  }
}
