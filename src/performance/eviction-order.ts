/**
 * A pod as the kubelet ranks it under memory pressure.
 *
 * @example
 * ```ts
 * const p: EvictionCandidate = { usage: 600 * 2 ** 20, request: 512 * 2 ** 20, priority: 0 };
 * ```
 */
export interface EvictionCandidate {
  /** Memory in use (working set), bytes. */
  readonly usage: number;
  /** Memory request, bytes (BestEffort: 0). @defaultValue 0 */
  readonly request?: number | undefined;
  /** Pod priority (from its priority class). @defaultValue 0 */
  readonly priority?: number | undefined;
}

/**
 * The order in which the kubelet evicts pods under node memory pressure, as indices into `pods`,
 * first victim first. It is the kubelet's `rankMemoryPressure`:
 * `orderedBy(exceedMemoryRequests, priority, memory)` — first the pods whose usage exceeds their
 * request (every BestEffort pod using memory), then by priority ascending, then by usage above
 * request descending. Ties keep input order (upstream's sort is not stable; ours is).
 *
 * Reference: kubernetes/kubernetes `pkg/kubelet/eviction/helpers.go` (`rankMemoryPressure`,
 * `exceedMemoryRequests`, `priority`, `memory`), read at commit 008b3652959ca58af8be3fb5b6ecfe9ae7638282.
 * Guaranteed pods cannot exceed their requests (limit = request), so they come after the others of
 * their priority; BestEffort pods (request 0) always exceed, and have the most usage above request.
 *
 * @param pods - The candidates.
 * @example
 * ```ts
 * evictionOrder([
 *   { usage: 100, request: 200 },              // under its request
 *   { usage: 300, request: 200 },              // 100 over
 *   { usage: 50 },                             // BestEffort: 50 over
 * ]); // [1, 2, 0]
 * ```
 */
export function evictionOrder(pods: ReadonlyArray<EvictionCandidate>): number[] {
  const n = pods.length;
  const exceeds = new Uint8Array(n);
  const prio = new Float64Array(n);
  const over = new Float64Array(n);
  const idx = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const p = pods[i] as EvictionCandidate;
    const req = p.request ?? 0;
    exceeds[i] = p.usage > req ? 1 : 0;
    prio[i] = p.priority ?? 0;
    over[i] = p.usage - req;
    idx[i] = i;
  }
  idx.sort((a, b) => {
    const e = (exceeds[b] as number) - (exceeds[a] as number);
    if (e !== 0) return e;
    const pr = (prio[a] as number) - (prio[b] as number);
    if (pr !== 0) return pr;
    const m = (over[b] as number) - (over[a] as number);
    if (m !== 0) return m;
    return a - b;
  });
  return idx;
}
