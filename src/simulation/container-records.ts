import type { ContainerSummary } from './result.js';
import type { SimulationEvent } from './observation.js';

type MutableSummary = { -readonly [K in keyof ContainerSummary]: ContainerSummary[K] };

/**
 * @internal The records behind `record: 'containers'`: one per container, built from the run's
 * events (an observer, so a run that does not record pays nothing). Records are indexed by the
 * container's id (its submission order).
 *
 * @example
 * ```ts
 * const rec = new ContainerRecorder((w) => names[w], (h) => hostNames[h], (w, n) => `${names[w]}-${n}`);
 * run.observe((e) => rec.on(e));
 * ```
 */
export class ContainerRecorder {
  private readonly list: MutableSummary[] = [];

  constructor(
    private readonly workloadName: (w: number) => string,
    private readonly hostName: (h: number) => string,
    private readonly containerName: (w: number, ordinal: number) => string,
  ) {}

  /** Takes one event of the run. */
  on(e: SimulationEvent): void {
    switch (e.kind) {
      case 'submitted':
        this.list[e.id] = { id: e.id, name: this.containerName(e.workload, e.ordinal), workload: this.workloadName(e.workload), host: null, submitted: e.time, placed: null, finished: null, state: 'pending' };
        break;
      case 'rejected': this.at(e).state = 'rejected'; break;
      case 'placed': {
        const r = this.at(e);
        r.host = this.hostName(e.host);
        r.placed = e.time;
        r.state = 'running';
        break;
      }
      case 'finished':
      case 'failed': {
        const r = this.at(e);
        r.finished = e.time;
        r.state = e.kind === 'finished' ? 'completed' : 'failed';
        break;
      }
      case 'evicted':
      case 'preempted': this.at(e).state = 'pending'; break;
      default:
    }
  }

  /** The records so far, in submission order (copies). */
  records(): ContainerSummary[] {
    return this.list.map((r) => ({ ...r }));
  }

  private at(e: SimulationEvent): MutableSummary {
    const r = this.list[e.id];
    if (r === undefined) throw new Error(`container ${e.id}: event ${e.kind} before it was submitted`);
    return r;
  }
}
