import type { Registry } from './image.js';
import { transferTime } from './transfer-time.js';

/**
 * Options of {@link pullTime}.
 *
 * @example
 * ```ts
 * const o: PullTimeOptions = { nicBandwidth: 1e9, layers: 2 };
 * ```
 */
export interface PullTimeOptions {
  /** The host's NIC bandwidth in bit/s. @defaultValue Infinity */
  readonly nicBandwidth?: number | undefined;
  /** Whether the registry is asked at all (`Always` asks even when every layer is cached). @defaultValue bytes > 0 */
  readonly contactsRegistry?: boolean | undefined;
  /**
   * How many times the registry latency is paid: 1 when it is a per-pull cost (the default), or the
   * number of layers fetched when the latency is charged per layer fetch. @defaultValue 1
   */
  readonly latencies?: number | undefined;
}

/**
 * The time for a host to pull `bytes` of layers alone (no other traffic on its NIC): the registry's
 * latency (once, or `latencies` times) plus the bits over the smaller of the registry's and the NIC's
 * bandwidth. No bytes and no registry contact costs nothing; `Always` with every layer cached costs
 * one latency. Under contention the simulation shares the NIC with {@link maxMinShareInto} instead.
 *
 * @param bytes - Bytes of the layers to download.
 * @param registry - Where they come from.
 * @param options - NIC bandwidth, registry contact, latency count.
 * @example
 * ```ts
 * pullTime(150e6, { name: 'r', bandwidth: 800e6, latency: 0.5 }); // 2: 0.5 s + 1.2 Gbit at 800 Mbit/s
 * pullTime(150e6, { name: 'r', bandwidth: 800e6, latency: 0.5 }, { latencies: 2 }); // 2.5
 * ```
 */
export function pullTime(bytes: number, registry: Registry, options: PullTimeOptions = {}): number {
  const contacts = options.contactsRegistry ?? bytes > 0;
  if (!contacts && bytes <= 0) return 0;
  const bw = Math.min(registry.bandwidth, options.nicBandwidth ?? Infinity);
  return transferTime(bytes, bw, registry.latency * Math.max(1, options.latencies ?? 1));
}
