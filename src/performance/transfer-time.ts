/**
 * **P_d** for one transfer at a steady rate: the fixed latency plus the bits over the bandwidth,
 * `latency + 8 · bytes / bandwidth`. Zero bytes still pay the latency (one round trip).
 *
 * @param bytes - Bytes to move.
 * @param bandwidthBitsPerSecond - The rate the transfer gets, in bit/s.
 * @param latencySeconds - Fixed cost per transfer (connection set-up, round trip). @defaultValue 0
 * @example
 * ```ts
 * transferTime(125_000_000, 1e9, 0.01); // 1.01: one gigabit at 1 Gbit/s, plus 10 ms
 * ```
 */
export function transferTime(bytes: number, bandwidthBitsPerSecond: number, latencySeconds = 0): number {
  if (bytes <= 0) return latencySeconds;
  if (!(bandwidthBitsPerSecond > 0)) return Infinity;
  return latencySeconds + (bytes * 8) / bandwidthBitsPerSecond;
}
