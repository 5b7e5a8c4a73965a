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
 * pull costs is {@link planPull}'s plan under its pull policy. A pull that contacts the registry
 * first pays the registry's latency (once per pull: resolving the tag, the manifest round trip);
 * then the layers it fetches travel as one network flow capped at the registry's bandwidth. A
 * container that needs a layer another pull on its host is fetching waits for that pull instead
 * of fetching it again. With `Always` and nothing to fetch, the round trip alone. A scenario
 * without images never builds this.
 */
export class ImagePulls {
  /** Bytes downloaded over the whole run (the caches' miss bytes). */
  bytesPulled = 0;
  /** Called when a container's image is in (and the registry has answered): it may start. */
  pulled: (slot: number) => void = () => {};

  private readonly caches: Array<LayerCache | undefined>; // per host, built when first needed
  private readonly inflight: Array<Map<string, number> | undefined>; // per host: digest → pull
  // Pulls under way, by id: host, the layers fetched, their bytes, the containers waiting.
  private readonly pullHost: number[] = [];
  private readonly pullLayers: Layer[][] = [];
  private readonly pullBytes: number[] = [];
  private readonly pullWaiters: number[][] = [];
  private readonly pullBandwidth: number[] = [];
  private readonly freePulls: number[] = [];
  // Per slot: what it still waits for (pulls, and its own registry round trip), and bytes it downloaded,
  // and whether it holds its image pinned.
  private left = new Int32Array(0);
  private wrote = new Float64Array(0);
  private pinned = new Uint8Array(0);
  private readonly DOWNLOAD: number; // a pull's round trip is over: its download starts
  private readonly ANSWERED: number; // a container's round trip is over, with nothing to download

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
    net.pullDone = (_h, f) => this.downloaded(net.ownerOf(f));
    this.DOWNLOAD = sim.on((p) => this.download(p));
    this.ANSWERED = sim.on((slot) => {
      this.table.st[slot * L_STRIDE + L_TIMER] = -1;
      this.arrived(slot);
    });
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
    this.ensure(slot);
    if (!plan.ok) {
      this.wrote[slot] = 0;
      return PullStart.NeverPull;
    }
    cache.pin(image);
    this.pinned[slot] = 1;
    this.wrote[slot] = plan.fetchBytes;
    const latency = plan.contactsRegistry ? (image.source?.latency ?? 0) : 0;
    let waits = 0;
    if (plan.fetch.length > 0) {
      const p = this.newPull(h, plan.fetch, plan.fetchBytes, image.source?.bandwidth ?? Infinity, slot);
      const inflight = this.inflightOn(h);
      for (const l of plan.fetch) inflight.set(l.digest, p);
      this.bytesPulled += plan.fetchBytes;
      waits++;
      if (latency > 0) this.sim.schedule(latency, this.DOWNLOAD, p);
      else this.download(p);
    } else if (latency > 0) {
      // Always, with nothing to download: the round trip alone (while any joined pulls go on).
      this.table.st[slot * L_STRIDE + L_TIMER] = this.sim.schedule(latency, this.ANSWERED, slot);
      waits++;
    }
    for (const l of plan.join) {
      const w = this.pullWaiters[this.inflightOn(h).get(l.digest) as number] as number[];
      if (w[w.length - 1] !== slot) { // each pull once, however many of its layers are needed
        w.push(slot);
        waits++;
      }
    }
    this.left[slot] = waits;
    return waits > 0 ? PullStart.Waiting : PullStart.Ready;
  }

  /** A container stopped while pulling: it waits for nothing any more (its pull, if it started one, goes on). */
  abandon(slot: number, h: number): void {
    const inflight = this.inflight[h];
    if (inflight === undefined) return;
    for (const p of inflight.values()) {
      const w = this.pullWaiters[p] as number[];
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

  private newPull(h: number, layers: Layer[], bytes: number, bandwidth: number, slot: number): number {
    const p = this.freePulls.pop() ?? this.pullHost.length;
    this.pullHost[p] = h;
    this.pullLayers[p] = layers;
    this.pullBytes[p] = bytes;
    this.pullBandwidth[p] = bandwidth;
    this.pullWaiters[p] = [slot];
    return p;
  }

  // The registry answered a pull: its layers download as one flow on the host's NIC.
  private download(p: number): void {
    const h = this.pullHost[p] as number;
    this.net.open(h, FlowKind.Pull, p, (this.pullBytes[p] as number) * 8, this.pullBandwidth[p] as number);
    this.net.reshare(h);
  }

  // A pull's bytes are in: its layers join the cache, and the containers waiting for it move on.
  private downloaded(p: number): void {
    const h = this.pullHost[p] as number;
    const cache = this.cache(h), inflight = this.inflightOn(h);
    for (const l of this.pullLayers[p] as Layer[]) {
      inflight.delete(l.digest);
      cache.add(l);
    }
    const waiting = this.pullWaiters[p] as number[];
    this.pullLayers[p] = [];
    this.pullWaiters[p] = [];
    this.freePulls.push(p);
    for (const slot of waiting) this.arrived(slot);
  }

  // One thing a container waited for is done; when nothing is left, its image is in.
  private arrived(slot: number): void {
    const left = (this.left[slot] as number) - 1;
    this.left[slot] = left;
    if (left === 0) this.pulled(slot);
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
    this.wrote = grown(this.wrote, n);
    this.pinned = grown(this.pinned, n);
  }
}
