import type { KubeScheduler } from './kube-scheduler.js';

/**
 * Options for {@link placeGang}.
 *
 * @example
 * ```ts
 * placeGang(s, podIds, { commit: true, time: sim.now });
 * ```
 */
export interface PlaceGangOptions {
  /**
   * Leave the pods allocated and bound when the whole gang fits; otherwise every trial placement is undone.
   * @defaultValue false
   */
  readonly commit?: boolean;
  /**
   * Start time recorded by `bind` when committing.
   * @defaultValue the scheduler's bind counter
   */
  readonly time?: number;
}

/**
 * All-or-nothing placement of a gang (a group of replicas that only runs together): schedules the pods
 * one by one, allocating and binding each so the next sees it, and undoes everything if any pod finds no
 * host. Returns the host of each pod (in order) or `undefined`. Without `commit` the trial placements
 * are always undone, so the caller can allocate and bind the gang itself. Trials go through
 * `cluster.allocate`/`release`, so ClusterState listeners see them; the scheduler's rotating start
 * index and random stream advance as they would for real cycles.
 *
 * @example
 * ```ts
 * const hosts = placeGang(s, gang);
 * if (hosts) gang.forEach((p, i) => { cluster.allocate(hosts[i]!, s.demand, s.demandOffset(p)); s.bind(p, hosts[i]!); });
 * ```
 */
export function placeGang(scheduler: KubeScheduler, pods: readonly number[], options: PlaceGangOptions = {}): Int32Array | undefined {
  const cluster = scheduler.cluster;
  const hosts = new Int32Array(pods.length).fill(-1);
  const undo = (upTo: number): void => {
    for (let i = upTo - 1; i >= 0; i--) {
      const p = pods[i] as number;
      const h = hosts[i] as number;
      scheduler.unbind(p);
      cluster.release(h, scheduler.demand, scheduler.demandOffset(p));
    }
  };
  for (let i = 0; i < pods.length; i++) {
    const p = pods[i] as number;
    const h = scheduler.schedule(p);
    if (h < 0 || !cluster.allocate(h, scheduler.demand, scheduler.demandOffset(p))) {
      undo(i);
      return undefined;
    }
    hosts[i] = h;
    scheduler.bind(p, h, options.time);
  }
  if (options.commit !== true) undo(pods.length);
  return hosts;
}
