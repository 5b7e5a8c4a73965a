import type { Registry } from './image.js';
import { transferTime } from './transfer-time.js';

/**
 * The time to pull `bytes` of layers from a registry with the host's NIC to itself: one request
 * latency plus the bits over the smaller of the registry's and the NIC's bandwidth. No bytes and no
 * registry contact costs nothing; `Always` with every layer cached costs one latency.
 *
 * @param bytes - Bytes of the layers to download.
 * @param registry - Where they come from.
 * @param nicBandwidth - The host's NIC bandwidth in bit/s. @defaultValue Infinity
 * @param contactsRegistry - Whether the registry is asked at all. @defaultValue bytes > 0
 * @example
 * ```ts
 * pullTime(150e6, { name: 'r', bandwidth: 800e6, latency: 0.5 }); // 2: 0.5 s + 1.2 Gbit at 800 Mbit/s
 * ```
 */
export function pullTime(bytes: number, registry: Registry, nicBandwidth = Infinity, contactsRegistry = bytes > 0): number {
  if (!contactsRegistry && bytes <= 0) return 0;
  return transferTime(bytes, Math.min(registry.bandwidth, nicBandwidth), registry.latency);
}
