import { PodsimError, type Issue } from '../errors.js';
import type { Scenario } from '../scenario/schema.js';
import type { SimulationResult } from '../simulation/result.js';
import type { PointValues } from './grid.js';
import type { ExperimentProgress } from './options.js';
import type { ExperimentRunner } from './runner.js';
import { runTask, type RunOutcome, type RunSettings, type RunTask } from './run-task.js';

interface PointRuns {
  readonly values: PointValues;
  readonly outcomes: (RunOutcome | undefined)[];
  scheduled: number;
}

/**
 * Keeps the outcomes of a sweep's runs under their (point, replication) keys and asks the runner for
 * the ones still missing. Whatever order outcomes arrive in, each is filed under its key, so every
 * figure computed from them is the same for any runner and any number of workers.
 * @internal
 */
export class SweepEngine {
  private readonly points = new Map<number, PointRuns>();
  private planned = 0;
  private done = 0;
  private failed = 0;

  constructor(
    private readonly scenario: Scenario,
    private readonly runner: ExperimentRunner,
    private readonly settings: RunSettings,
    private readonly onProgress?: (p: ExperimentProgress) => void,
  ) {}

  private entry(point: number, values: PointValues): PointRuns {
    let e = this.points.get(point);
    if (e === undefined) {
      e = { values, outcomes: [], scheduled: 0 };
      this.points.set(point, e);
    }
    return e;
  }

  private record(o: RunOutcome): void {
    const e = this.points.get(o.point);
    if (e === undefined || o.replication >= e.scheduled || e.outcomes[o.replication] !== undefined) {
      throw new Error(`podsim: the runner reported ${o.point}/${o.replication}, which was not asked for or was reported twice`);
    }
    e.outcomes[o.replication] = o;
    this.done++;
    if (o.issues !== undefined) this.failed++;
    this.onProgress?.({ done: this.done, total: this.planned, failed: this.failed });
  }

  /**
   * Runs replication 0 of a point here, before anything is sent to the runner, and stops the whole
   * sweep if a requested metric is not in the result: a misspelt metric fails once, at once, with
   * the closest existing paths, rather than in every run.
   */
  probe(point: number, values: PointValues, api: string): void {
    const e = this.entry(point, values);
    if (e.scheduled > 0) return;
    e.scheduled = 1;
    this.planned++;
    const o = runTask(this.scenario, this.settings, { point, values, replication: 0 });
    const unknown = (o.issues ?? []).filter((i) => i.code === 'unknown_metric' || (i.code === 'invalid_path' && i.path.startsWith('metrics[')));
    if (unknown.length > 0) throw new PodsimError(unknown, `${api}: unknown metric`);
    this.record(o);
  }

  /** Runs whatever is missing so that each listed point has `replications` outcomes. */
  async ensure(requests: readonly { readonly point: number; readonly values: PointValues; readonly replications: number }[]): Promise<void> {
    const tasks: RunTask[] = [];
    let most = 0;
    for (const r of requests) most = Math.max(most, r.replications);
    // Replication-major order, so that every point advances together.
    for (let rep = 0; rep < most; rep++) {
      for (const r of requests) {
        const e = this.entry(r.point, r.values);
        if (rep >= e.scheduled && rep < r.replications) tasks.push({ point: r.point, values: r.values, replication: rep });
      }
    }
    for (const r of requests) {
      const e = this.entry(r.point, r.values);
      e.scheduled = Math.max(e.scheduled, r.replications);
    }
    if (tasks.length === 0) return;
    this.planned += tasks.length;
    this.onProgress?.({ done: this.done, total: this.planned, failed: this.failed });
    await this.runner.run(this.settings, tasks, (o) => this.record(o));
    for (const t of tasks) {
      if (this.points.get(t.point)?.outcomes[t.replication] === undefined) throw new Error(`podsim: the runner finished without reporting ${t.point}/${t.replication}`);
    }
  }

  /** Completed replications of a point. */
  count(point: number): number {
    return this.points.get(point)?.scheduled ?? 0;
  }

  /** The issues of the point's lowest failed replication, if any failed. */
  failure(point: number): { replication: number; issues: readonly Issue[] } | undefined {
    const outcomes = this.points.get(point)?.outcomes ?? [];
    for (let r = 0; r < outcomes.length; r++) {
      const o = outcomes[r];
      if (o?.issues !== undefined) return { replication: r, issues: o.issues };
    }
    return undefined;
  }

  /** The values of metric `index` over the point's replications, in replication order. */
  samples(point: number, index: number): number[] {
    return (this.points.get(point)?.outcomes ?? []).map((o) => (o?.metrics?.[index] as number));
  }

  /** The whole results of the point's replications (with `keepResults`). */
  results(point: number): SimulationResult[] {
    return (this.points.get(point)?.outcomes ?? []).map((o) => o?.result as SimulationResult);
  }

  /** The pending-queue series of the point's replications (with `series`). */
  series(point: number): (readonly number[])[] {
    return (this.points.get(point)?.outcomes ?? []).map((o) => o?.series ?? []);
  }
}
