import type { Image, Layer } from './image.js';

/**
 * What a host must do to have an image's layers: fetch some, join pulls already under way for
 * others, and nothing for the layers it holds.
 *
 * @example
 * ```ts
 * const plan: LayerRequest = cache.request(image);
 * if (plan.fetch.length > 0) startPull(plan.fetch);
 * ```
 */
export interface LayerRequest {
  /** Layers to download now; they are marked in flight until {@link LayerCache.add} or {@link LayerCache.cancel}. */
  readonly fetch: Layer[];
  /** Layers another pull on this host is already downloading; wait for those instead. */
  readonly join: Layer[];
  /** Bytes found in the cache. */
  readonly hitBytes: number;
  /** Bytes of {@link LayerRequest.fetch}. */
  readonly fetchBytes: number;
  /** Bytes of {@link LayerRequest.join}. */
  readonly joinBytes: number;
}

/**
 * One host's image-layer cache on disk: a byte capacity, reference counts from running containers,
 * least-recently-used eviction of layers that no running container uses, and the set of layers
 * being downloaded so that concurrent pulls of one layer share a single download.
 *
 * Layers in use are never evicted, so the cache may hold more than its capacity while they run
 * (as kubelet image GC never removes an image in use); the excess is evicted as soon as they stop.
 * Every operation is O(1) per layer (a `Map` keeps the LRU order).
 *
 * @example
 * ```ts
 * const cache = new LayerCache(10 * 2 ** 30);
 * const plan = cache.request(image); // counts hits and misses, marks downloads in flight
 * cache.pin(image);                   // the container will use it
 * for (const l of plan.fetch) cache.add(l); // when each download finishes
 * cache.unpin(image);                 // when the container stops; now evictable
 * ```
 */
export class LayerCache {
  /** Bytes of disk the cache may keep. */
  readonly capacity: number;
  /** Bytes requested and found in the cache. */
  hitBytes = 0;
  /** Bytes requested that had to be downloaded. */
  missBytes = 0;
  /** Bytes requested that joined a download already under way. */
  sharedBytes = 0;
  /** Bytes evicted so far. */
  evictedBytes = 0;

  // Cached layers no container uses, least recently used first: digest → size.
  private readonly idle = new Map<string, number>();
  // Cached layers some container uses: digest → size.
  private readonly busy = new Map<string, number>();
  // Containers using each digest (cached or not yet).
  private readonly refs = new Map<string, number>();
  // Layers being downloaded: digest → size.
  private readonly pulling = new Map<string, number>();
  private used = 0;

  /**
   * @param capacity - Bytes of disk for layers (`Infinity`: never evict).
   */
  constructor(capacity: number) {
    this.capacity = capacity;
  }

  /** Bytes of layers on disk now. */
  get usedBytes(): number {
    return this.used;
  }

  /** How many layers are on disk. */
  get size(): number {
    return this.idle.size + this.busy.size;
  }

  /** The fraction of requested bytes that needed no new download (cached or shared): {@link layerHitRatio}. */
  get hitRatio(): number {
    return layerHitRatio(this.hitBytes, this.sharedBytes, this.missBytes);
  }

  /** Whether a layer is on disk. */
  has(digest: string): boolean {
    return this.idle.has(digest) || this.busy.has(digest);
  }

  /** Whether a layer is being downloaded. */
  isPulling(digest: string): boolean {
    return this.pulling.has(digest);
  }

  /** Whether every layer of the image is on disk. */
  hasImage(image: Image): boolean {
    for (const l of image.layers) if (!this.has(l.digest)) return false;
    return true;
  }

  /** The image's distinct layers not on disk (including those being downloaded), in image order. Counts nothing. */
  missingLayers(image: Image): Layer[] {
    const out: Layer[] = [];
    const layers = image.layers;
    for (let i = 0; i < layers.length; i++) {
      const l = layers[i] as Layer;
      if (!this.has(l.digest) && !seenBefore(layers, i)) out.push(l);
    }
    return out;
  }

  /**
   * Asks for an image's layers: counts the bytes found (hits), shared with a download under way,
   * and to download (misses); marks the cached layers as just used; and marks the layers to fetch as in flight.
   */
  request(image: Image): LayerRequest {
    const fetch: Layer[] = [];
    const join: Layer[] = [];
    let hitBytes = 0;
    let fetchBytes = 0;
    let joinBytes = 0;
    const layers = image.layers;
    for (let i = 0; i < layers.length; i++) {
      const l = layers[i] as Layer;
      if (seenBefore(layers, i)) continue;
      const idleSize = this.idle.get(l.digest);
      if (idleSize !== undefined) {
        this.idle.delete(l.digest);
        this.idle.set(l.digest, idleSize); // most recently used
        hitBytes += l.size;
      } else if (this.busy.has(l.digest)) {
        hitBytes += l.size;
      } else if (this.pulling.has(l.digest)) {
        join.push(l);
        joinBytes += l.size;
      } else {
        this.pulling.set(l.digest, l.size);
        fetch.push(l);
        fetchBytes += l.size;
      }
    }
    this.hitBytes += hitBytes;
    this.missBytes += fetchBytes;
    this.sharedBytes += joinBytes;
    return { fetch, join, hitBytes, fetchBytes, joinBytes };
  }

  /**
   * Stores a layer whose download finished (or a pre-pulled one): clears its in-flight mark, puts it
   * on disk as most recently used, then evicts idle layers, least recently used first, while the
   * cache is over capacity. Adding a layer already on disk only refreshes it.
   */
  add(layer: Layer): void {
    this.pulling.delete(layer.digest);
    if (this.busy.has(layer.digest)) return;
    const idleSize = this.idle.get(layer.digest);
    if (idleSize !== undefined) {
      this.idle.delete(layer.digest);
      this.idle.set(layer.digest, idleSize);
      return;
    }
    this.used += layer.size;
    if ((this.refs.get(layer.digest) ?? 0) > 0) this.busy.set(layer.digest, layer.size);
    else this.idle.set(layer.digest, layer.size);
    this.evict();
  }

  /** Stores every layer of an image without counting hits or misses: an image pre-pulled on the host. */
  prePull(image: Image): void {
    for (const l of image.layers) this.add(l);
  }

  /** Forgets that a layer is being downloaded (its pull was abandoned). */
  cancel(layer: Layer): void {
    this.pulling.delete(layer.digest);
  }

  /** Marks an image's layers as used by one more container, so none of them is evicted. */
  pin(image: Image): void {
    const layers = image.layers;
    for (let i = 0; i < layers.length; i++) {
      const l = layers[i] as Layer;
      if (seenBefore(layers, i)) continue;
      const r = this.refs.get(l.digest) ?? 0;
      this.refs.set(l.digest, r + 1);
      if (r === 0) {
        const s = this.idle.get(l.digest);
        if (s !== undefined) {
          this.idle.delete(l.digest);
          this.busy.set(l.digest, s);
        }
      }
    }
  }

  /** Marks an image's layers as used by one container fewer; layers no longer used become evictable (most recently used). */
  unpin(image: Image): void {
    const layers = image.layers;
    for (let i = 0; i < layers.length; i++) {
      const l = layers[i] as Layer;
      if (seenBefore(layers, i)) continue;
      const r = this.refs.get(l.digest) ?? 0;
      if (r <= 1) {
        this.refs.delete(l.digest);
        const s = this.busy.get(l.digest);
        if (s !== undefined) {
          this.busy.delete(l.digest);
          this.idle.set(l.digest, s);
        }
      } else this.refs.set(l.digest, r - 1);
    }
    this.evict();
  }

  /** The digests of idle layers, least recently used first (for tests and reports). */
  idleLayers(): string[] {
    return [...this.idle.keys()];
  }

  private evict(): void {
    while (this.used > this.capacity && this.idle.size > 0) {
      const next = this.idle.entries().next().value as [string, number];
      this.idle.delete(next[0]);
      this.used -= next[1];
      this.evictedBytes += next[1];
    }
  }
}

/**
 * The layer-cache hit ratio **by bytes**: the fraction of the bytes requested that needed no new
 * download, `(hit + shared) / (hit + shared + miss)`; 0 before any request. Shared bytes joined a
 * download already under way. {@link LayerCache.hitRatio} is this over one host; the simulation
 * reports it over every host's cache.
 *
 * @param hitBytes - Bytes found on disk.
 * @param sharedBytes - Bytes that joined a download under way.
 * @param missBytes - Bytes downloaded.
 * @example
 * ```ts
 * layerHitRatio(200e6, 0, 300e6); // 0.4
 * ```
 */
export function layerHitRatio(hitBytes: number, sharedBytes: number, missBytes: number): number {
  const total = hitBytes + sharedBytes + missBytes;
  return total === 0 ? 0 : (hitBytes + sharedBytes) / total;
}

// Whether layers[i]'s digest already appeared earlier in the image (images list few layers).
function seenBefore(layers: ReadonlyArray<Layer>, i: number): boolean {
  const d = (layers[i] as Layer).digest;
  for (let j = 0; j < i; j++) if ((layers[j] as Layer).digest === d) return true;
  return false;
}
