// Per-priority waits of a trace replay: the run's own wait summary (one sample per placement, the age
// at the end of each container still pending, counted as censored; summarised by the same function),
// kept per priority class of the trace. Gathered from the run's observation events, with the class of
// each live container in typed arrays by container slot: memory is the live containers plus one wait
// store per class, never an object per task.
import { SampleStore, summarizeValues, type SampleBound } from '../metrics/sample-store.js';
import type { WaitSummary, SimulationResult } from '../simulation/result.js';
import type { Simulation } from '../simulation/simulation.js';
import { NO_PRIORITY } from './task-batch.js';
import { grown } from '../util/grown.js';

/**
 * How a replay groups its tasks' priorities for {@link PriorityWaits}: `value`, one class per
 * priority value (Google 2011: 0–11); `tier`, the Google 2019 tiers ({@link GOOGLE_2019_TIERS}).
 * Tasks without a priority (Alibaba 2018 has none) form the class `none` either way.
 *
 * @example
 * ```ts
 * const by: PriorityGrouping = 'tier';
 * ```
 */
export type PriorityGrouping = 'value' | 'tier';

/**
 * A Google 2019 priority tier: its name and the priorities it covers (`to` absent: no upper bound).
 *
 * @example
 * ```ts
 * const t: PriorityTier = { name: 'mid', from: 116, to: 119 };
 * ```
 */
export interface PriorityTier {
  readonly name: string;
  readonly from: number;
  readonly to?: number;
}

/**
 * The priority tiers of the Google 2019 traces (ClusterData2019), as the trace's format document
 * defines them ("Google cluster-usage traces v3", section *Priority*, linked from
 * `ClusterData2019.md` in google/cluster-data; the schema `clusterdata_trace_format_v3.proto` only
 * says `priority` is the "cluster-level scheduling priority"): free (≤ 99), best-effort batch `beb`
 * (100–115), `mid` (116–119), `production` (120–359) and `monitoring` (≥ 360).
 *
 * @example
 * ```ts
 * GOOGLE_2019_TIERS.find((t) => 200 >= t.from && 200 <= (t.to ?? Infinity))?.name; // 'production'
 * ```
 */
export const GOOGLE_2019_TIERS: readonly PriorityTier[] = Object.freeze([
  { name: 'free', from: 0, to: 99 },
  { name: 'beb', from: 100, to: 115 },
  { name: 'mid', from: 116, to: 119 },
  { name: 'production', from: 120, to: 359 },
  { name: 'monitoring', from: 360 },
]);

/**
 * One priority class's waits in {@link PriorityWaits}: its tasks (containers submitted), how many
 * were placed, waited, were rejected or are still pending at the end, and its wait summary, defined
 * and computed as the run's {@link SimulationResult.wait} (one sample per placement, and one per
 * container still pending at the end at its age then, counted in `wait.censored`).
 *
 * @example
 * ```ts
 * const c: PriorityClassWaits = { priority: '9', from: 9, to: 9, tasks: 120, placed: 118, waited: 31, rejected: 0, pending: 2, wait: { mean: 41, p50: 0, p90: 160, p99: 610, max: 900, censored: 2 } };
 * ```
 */
export interface PriorityClassWaits {
  /** The class: the priority value (`'9'`), the tier's name (`'production'`), or `'none'` for tasks without a priority. */
  readonly priority: string;
  /** The lowest priority of the class (absent for `none`). */
  readonly from?: number;
  /** The highest priority of the class (absent for `none` and the open-ended `monitoring` tier). */
  readonly to?: number;
  /** Containers submitted (tasks of the trace replayed). */
  readonly tasks: number;
  /** Placements (a container evicted and placed again counts each time). */
  readonly placed: number;
  /** Placements after a wait longer than 0 s (with `warmup`, of containers submitted at or after it). */
  readonly waited: number;
  /** Containers rejected at once: their request fits no host. */
  readonly rejected: number;
  /** Containers still pending at the end of the run. */
  readonly pending: number;
  /** Its waits, as the run's `wait`. */
  readonly wait: WaitSummary;
}

/**
 * The per-priority waits of a trace replay asked with `priorityWaits` (`replayTrace`,
 * `replaySimulation`, `openReplayStream`): the classes in order of priority (the tiers in their
 * order), `none` last. Identical between the plan and the stream of the same trace.
 *
 * @example
 * ```ts
 * const p: PriorityWaits = replayTrace(plan, { priorityWaits: 'value' }).priorities!;
 * for (const c of p.classes) console.log(c.priority, c.tasks, c.wait.p99);
 * ```
 */
export interface PriorityWaits {
  readonly by: PriorityGrouping;
  readonly classes: readonly PriorityClassWaits[];
}

/**
 * A replay's result: the run's, with {@link PriorityWaits} when the replay asked for them.
 *
 * @example
 * ```ts
 * const r: ReplayResult = replayTrace(plan, { priorityWaits: 'value' });
 * console.log(r.wait.p99, r.priorities?.classes.length);
 * ```
 */
export interface ReplayResult extends SimulationResult {
  /** Per priority class of the trace, with `priorityWaits`. */
  readonly priorities?: PriorityWaits;
}

const NONE = -1;
const DENSE = 1024;

/**
 * @internal The books behind {@link PriorityWaits}: the replay's submitter sets `current` (the class
 * of the task it submits, {@link PriorityWaitBooks.classOf}) before each submission; the `submitted`
 * event records it against the container's slot. Per slot: class, submission time, pending or not.
 * Per class: counts and a wait store (the run's `SampleStore`: zeros counted, not stored).
 * @example
 * ```ts
 * const books = new PriorityWaitBooks('value');
 * books.attach(run);
 * run.run();
 * books.summary(run);
 * ```
 */
export class PriorityWaitBooks {
  /** The class of the container being submitted. */
  current = 0;
  // Per class (index): its key (priority value, tier index, or NONE), counts, waits.
  private keys: number[] = [];
  private readonly index = new Map<number, number>();
  // The classes of keys 0 … DENSE − 1 (-1: not seen yet), so that most submissions need no Map lookup.
  private readonly dense = new Int32Array(DENSE).fill(-1);
  private tasks: number[] = [];
  private placed: number[] = [];
  private rejected: number[] = [];
  private stores: SampleStore[] = [];
  // Per container slot.
  private cls = new Int32Array(1024);
  private at = new Float64Array(1024);
  private pend = new Uint8Array(1024);
  private warmup = 0;

  /** @param bound - Each class's wait store's bound (the run's `waitStore`). @defaultValue every wait kept */
  constructor(readonly by: PriorityGrouping, private readonly bound: SampleBound = {}) {}

  /** The class of a priority ({@link NO_PRIORITY}: `none`), made on first sight. */
  classOf(priority: number): number {
    const key = priority === NO_PRIORITY ? NONE : this.by === 'value' ? priority : tierOf(priority);
    if (key >= 0 && key < DENSE) {
      const c = this.dense[key] as number;
      return c >= 0 ? c : this.add(key);
    }
    const c = this.index.get(key);
    return c === undefined ? this.add(key) : c;
  }

  private add(key: number): number {
    const c = this.keys.length;
    this.index.set(key, c);
    if (key >= 0 && key < DENSE) this.dense[key] = c;
    this.keys.push(key);
    this.tasks.push(0);
    this.placed.push(0);
    this.rejected.push(0);
    this.stores.push(new SampleStore(16, this.bound));
    return c;
  }

  /** Observes `run`: call before it runs. */
  attach(run: Simulation): void {
    this.warmup = run.scenario.warmup;
    run.observe((e) => {
      const s = e.container;
      switch (e.kind) {
        case 'submitted': {
          if (s >= this.cls.length) this.room(s);
          const c = this.current;
          this.cls[s] = c;
          this.at[s] = e.time;
          this.pend[s] = 1;
          (this.tasks[c] as number)++;
          break;
        }
        case 'placed': {
          const c = this.cls[s] as number;
          this.pend[s] = 0;
          (this.placed[c] as number)++;
          const submitted = this.at[s] as number;
          // As the run's own waits (scheduling-cycle.ts, place): now − submission, unless submitted in the warm-up.
          if (submitted >= this.warmup) (this.stores[c] as SampleStore).add(e.time - submitted);
          break;
        }
        case 'rejected':
          this.pend[s] = 0;
          (this.rejected[this.cls[s] as number] as number)++;
          break;
        case 'evicted':
        case 'preempted':
          this.pend[s] = 1; // it queues again, keeping its submission time
          break;
        case 'finished':
        case 'failed':
        case 'lost':
          this.pend[s] = 0;
          break;
        default:
      }
    });
  }

  private room(s: number): void {
    const n = Math.max(s + 1, this.cls.length * 2);
    this.cls = grown(this.cls, n);
    this.at = grown(this.at, n);
    this.pend = grown(this.pend, n);
  }

  /**
   * The classes' waits at the run's current time: each class's placement waits and, as the run's
   * summary does (run-summary.ts, `waitValues`), the ages of its containers still pending appended in
   * slot order, summarised by the run's own `summarizeValues` with the zeros counted, not stored.
   */
  summary(run: Simulation): PriorityWaits {
    const T = run.now;
    const K = this.keys.length;
    const pending = new Int32Array(K), censored = new Int32Array(K);
    const n = this.cls.length;
    for (let s = 0; s < n; s++) {
      if (this.pend[s] !== 1) continue;
      const c = this.cls[s] as number;
      pending[c] = (pending[c] as number) + 1;
      if ((this.at[s] as number) >= this.warmup) censored[c] = (censored[c] as number) + 1;
    }
    const classes: (PriorityClassWaits & { key: number })[] = [];
    for (let c = 0; c < K; c++) {
      const store = this.stores[c] as SampleStore;
      const zeros = store.zeroCount;
      const ages = new Float64Array(censored[c] as number);
      if (ages.length > 0) {
        let o = 0;
        for (let s = 0; s < n; s++) {
          if (this.pend[s] === 1 && this.cls[s] === c && (this.at[s] as number) >= this.warmup) ages[o++] = T - (this.at[s] as number);
        }
      }
      const key = this.keys[c] as number;
      classes.push({
        key,
        ...this.label(key),
        tasks: this.tasks[c] as number,
        placed: this.placed[c] as number,
        waited: store.count - zeros,
        rejected: this.rejected[c] as number,
        pending: pending[c] as number,
        wait: { ...store.summaryWith(ages), censored: censored[c] as number, ...(store.sketched ? { relativeError: store.relativeError } : {}) },
      });
    }
    // In order of priority, `none` last; for tiers, every tier, with or without tasks.
    if (this.by === 'tier') {
      for (let t = 0; t < GOOGLE_2019_TIERS.length; t++) {
        if (!this.index.has(t)) classes.push({ key: t, ...this.label(t), tasks: 0, placed: 0, waited: 0, rejected: 0, pending: 0, wait: { ...summarizeValues(new Float64Array(0)), censored: 0 } });
      }
    }
    classes.sort((a, b) => (a.key === NONE ? 1 : b.key === NONE ? -1 : a.key - b.key));
    return { by: this.by, classes: classes.map(({ key: _, ...c }) => c) };
  }

  private label(key: number): { priority: string; from?: number; to?: number } {
    if (key === NONE) return { priority: 'none' };
    if (this.by === 'value') return { priority: String(key), from: key, to: key };
    const t = GOOGLE_2019_TIERS[key] as PriorityTier;
    return { priority: t.name, from: t.from, ...(t.to === undefined ? {} : { to: t.to }) };
  }
}

/** The index in {@link GOOGLE_2019_TIERS} of a priority (below 0: the first tier). */
function tierOf(priority: number): number {
  const tiers = GOOGLE_2019_TIERS;
  for (let t = tiers.length - 1; t > 0; t--) if (priority >= (tiers[t] as PriorityTier).from) return t;
  return 0;
}

const booksOf = new WeakMap<Simulation, PriorityWaitBooks>();

/**
 * @internal With `by` (a replay's `priorityWaits`), gives a replay's run its per-priority books: the
 * arrival source's submitter tells them each task's class (`source.priorities`), they observe the
 * run, and {@link replayPriorityWaits} finds them. Without, nothing: the run is not observed for them.
 * Call after the run is built, before it runs.
 * @example
 * ```ts
 * askPriorityWaits(run, source, options.priorityWaits);
 * ```
 */
export function askPriorityWaits(run: Simulation, source: { priorities?: PriorityWaitBooks | undefined }, by: PriorityGrouping | undefined, bound?: SampleBound): void {
  if (by === undefined) return;
  const books = new PriorityWaitBooks(by, bound);
  source.priorities = books;
  books.attach(run);
  booksOf.set(run, books);
}

/**
 * The per-priority waits of a replay's run so far, when the replay asked for them (`priorityWaits`
 * in its options); `undefined` otherwise. `replayTrace` and a stream's `run()` put them in the result.
 *
 * @example
 * ```ts
 * const run = replaySimulation(plan, { priorityWaits: 'value' });
 * run.run();
 * console.log(replayPriorityWaits(run)?.classes.map((c) => [c.priority, c.wait.p99]));
 * ```
 */
export function replayPriorityWaits(run: Simulation): PriorityWaits | undefined {
  return booksOf.get(run)?.summary(run);
}

/**
 * The result of a replay's run: `run.result()`, with `priorities` when the replay asked for them. @internal
 * @example
 * ```ts
 * const result = replayResult(run);
 * ```
 */
export function replayResult(run: Simulation): ReplayResult {
  const result = run.result();
  const priorities = replayPriorityWaits(run);
  return priorities === undefined ? result : { ...result, priorities };
}
