/**
 * The Redis keys of one sweep. BullMQ keeps the queue itself under `<prefix>:<hash>:…` (the queue
 * is named after the sweep's hash); podsim adds three keys beside it:
 *
 * - `<prefix>:<hash>:definition`: the base scenario and the podsim version (a string of JSON);
 * - `<prefix>:<hash>:results`: a hash from `<stage>-p<point>r<replication>` to the run's outcome;
 * - `<prefix>:<hash>:coordinator`: held by the running coordinator, expiring unless renewed.
 *
 * A run's outcome comes back as its BullMQ job's return value; the coordinator moves it from the
 * completed job (`<prefix>:<hash>:<run key>`, listed in `<prefix>:<hash>:completed`) to the results.
 *
 * and one list of sweeps for every worker: the sorted set `<prefix>:sweeps` (hash → expiry time in
 * ms), announced on the channel `<prefix>:sweeps:events`.
 * @internal
 * @example
 * ```ts
 * sweepKeys('podsim', '3f9c…').results; // 'podsim:3f9c…:results'
 * ```
 */
export function sweepKeys(prefix: string, hash: string): { readonly queue: string; readonly definition: string; readonly results: string; readonly coordinator: string; readonly completed: string; readonly jobPrefix: string; readonly pattern: string } {
  const base = `${prefix}:${hash}`;
  return { queue: hash, definition: `${base}:definition`, results: `${base}:results`, coordinator: `${base}:coordinator`, completed: `${base}:completed`, jobPrefix: `${base}:`, pattern: `${base}:*` };
}

/**
 * The keys every worker watches: the sorted set of open sweeps and its channel.
 * @internal
 */
export function registryKeys(prefix: string): { readonly sweeps: string; readonly channel: string } {
  return { sweeps: `${prefix}:sweeps`, channel: `${prefix}:sweeps:events` };
}
