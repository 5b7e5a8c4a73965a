/**
 * Hex digits of the sweep's hash that name its keys and its BullMQ queue. Every BullMQ command
 * names up to 14 of the queue's keys, so the full 64 digits would cost every run more to encode,
 * send and parse (about 700 bytes for a completion); 16 digits (64 bits) still tell sweeps apart,
 * and the stored definition names the whole hash, which workers check.
 * @internal
 */
export const KEY_DIGITS = 16;

/**
 * The Redis keys of one sweep, under `<prefix>:<id>:`, where `<id>` is the first {@link KEY_DIGITS}
 * hex digits of the sweep's hash. BullMQ keeps the queue itself under `<prefix>:<id>:…` (the queue
 * is named `<id>`); podsim adds three keys beside it:
 *
 * - `<prefix>:<id>:definition`: the base scenario, the whole hash and the podsim version (a string of JSON);
 * - `<prefix>:<id>:results`: a hash from `<stage>-p<point>r<replication>` to the run's outcome;
 * - `<prefix>:<id>:coordinator`: held by the running coordinator, expiring unless renewed.
 *
 * A run's outcome comes back as its BullMQ job's return value; the coordinator moves it from the
 * completed job (`<prefix>:<id>:<run key>`, listed in `<prefix>:<id>:completed`) to the results.
 *
 * and one list of sweeps for every worker: the sorted set `<prefix>:sweeps` (whole hash → expiry
 * time in ms), announced on the channel `<prefix>:sweeps:events`.
 * @internal
 * @example
 * ```ts
 * sweepKeys('podsim', '3f9c…').results; // 'podsim:3f9c0a1b2c3d4e5f:results'
 * ```
 */
export function sweepKeys(prefix: string, hash: string): { readonly queue: string; readonly definition: string; readonly results: string; readonly coordinator: string; readonly completed: string; readonly jobPrefix: string; readonly pattern: string } {
  const id = hash.slice(0, KEY_DIGITS);
  const base = `${prefix}:${id}`;
  return { queue: id, definition: `${base}:definition`, results: `${base}:results`, coordinator: `${base}:coordinator`, completed: `${base}:completed`, jobPrefix: `${base}:`, pattern: `${base}:*` };
}

/**
 * The keys every worker watches: the sorted set of open sweeps and its channel.
 * @internal
 */
export function registryKeys(prefix: string): { readonly sweeps: string; readonly channel: string } {
  return { sweeps: `${prefix}:sweeps`, channel: `${prefix}:sweeps:events` };
}
