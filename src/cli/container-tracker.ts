import type { PlacementRequest } from '../scheduling/policy.js';
import type { Simulation } from '../simulation/simulation.js';
import type { ContainerRow } from '../report/container-row.js';

/**
 * One tracked container: its name, workload and host indices, and when it was placed and finished.
 * @internal
 * @example
 * ```ts
 * const c: TrackedContainer = { name: 'web-0', slot: 5, workload: 0, host: 2, placed: 0.4, finished: undefined };
 * ```
 */
export interface TrackedContainer {
  readonly name: string;
  /** The simulation's slot for the container while it is on a host (slots are reused). */
  readonly slot: number;
  readonly workload: number;
  readonly host: number;
  readonly placed: number;
  finished: number | undefined;
}

/**
 * Records every container's placement and end by listening to the placement policy's `placed` and
 * `released` hooks. Containers are named `<workload>-<k>`, `k` counting that workload's placements
 * from 0.
 *
 * A stop-gap until the Simulation records containers itself (it then also knows arrival times
 * and waits, and names containers by arrival).
 *
 * @example
 * ```ts
 * const run = new Simulation(scenario);
 * const tracker = new ContainerTracker(run);
 * run.run();
 * tracker.rows(); // [{ name: 'web-0', workload: 'web', host: 'node-0', placed: 0.3, finished: 1.2 }, …]
 * ```
 */
export class ContainerTracker {
  /** Every container placed so far, in placement order. */
  readonly containers: TrackedContainer[] = [];
  private readonly live = new Map<number, TrackedContainer>();
  private readonly placedPerWorkload: Int32Array;
  /** Called just before a container is placed, with the request and the host chosen. */
  beforePlace: ((name: string, request: PlacementRequest, host: number) => void) | undefined;

  constructor(private readonly run: Simulation) {
    const policy = run.policy;
    this.placedPerWorkload = new Int32Array(run.scenario.workloads.length);
    const select = policy.select.bind(policy);
    const placed = policy.placed?.bind(policy);
    const released = policy.released?.bind(policy);
    policy.select = (req, hosts) => {
      const h = select(req, hosts);
      if (h >= 0 && this.beforePlace !== undefined) this.beforePlace(this.nextName(req.workload), req, h);
      return h;
    };
    policy.placed = (req, h) => {
      placed?.(req, h);
      const name = this.nextName(req.workload);
      this.placedPerWorkload[req.workload] = (this.placedPerWorkload[req.workload] as number) + 1;
      const c: TrackedContainer = { name, slot: req.container, workload: req.workload, host: h, placed: this.run.now, finished: undefined };
      this.containers.push(c);
      this.live.set(req.container, c);
    };
    policy.released = (container, workload, host) => {
      released?.(container, workload, host);
      const c = this.live.get(container);
      if (c !== undefined) {
        c.finished = this.run.now;
        this.live.delete(container);
      }
    };
  }

  /** The containers on a host now. */
  running(): IterableIterator<TrackedContainer> {
    return this.live.values();
  }

  /** The records as rows for `containers.csv`. */
  rows(): ContainerRow[] {
    const w = this.run.scenario.workloads, names = this.run.cluster.hostNames;
    return this.containers.map((c) => ({
      name: c.name,
      workload: (w[c.workload] as { name: string }).name,
      host: names[c.host] as string,
      placed: c.placed,
      ...(c.finished === undefined ? {} : { finished: c.finished }),
    }));
  }

  private nextName(w: number): string {
    return `${(this.run.scenario.workloads[w] as { name: string }).name}-${this.placedPerWorkload[w] as number}`;
  }
}
