// The end-of-run summaries of a Simulation: waits (with the censored ages of containers still
// pending), each workload's figures, and the performance model's figures.
import type { CompiledWorkload } from '../scenario/compile.js';
import { SampleStore, summarizeValues, type DistributionSummary } from '../metrics/sample-store.js';
import { W_COMPLETED, W_FAILED, W_LOST, W_PLACED, W_REJECTED, W_STRIDE, W_SUBMITTED, type Accounting } from './accounting.js';
import { I_STATE, I_STRIDE, I_WORKLOAD, N_STRIDE, N_SUBMIT, ContainerState, type ContainerTable } from './container-table.js';
import { F_PA, F_PD, F_PS, F_RUN, F_SLOWDOWN, F_TURNAROUND, F_WORKLOAD, S_SECONDS, S_WORKLOAD, type Lifecycle } from './lifecycle.js';
import type { WorkloadDynamicsResult } from './dynamics/workload-controllers.js';
import type { PerformanceSummary, WaitSummary, WorkloadResult } from './result.js';

/** @internal What the summaries read from a Simulation. */
export interface SummarySource {
  readonly table: ContainerTable;
  readonly books: Accounting;
  readonly workloads: readonly CompiledWorkload[];
  readonly life: Lifecycle | undefined;
}

/** @internal The arrays one after another (`n`: their total length, when known). */
export function concatValues(values: readonly Float64Array[], n = values.reduce((k, a) => k + a.length, 0)): Float64Array {
  const all = new Float64Array(n);
  let o = 0;
  for (const a of values) { all.set(a, o); o += a.length; }
  return all;
}

/**
 * @internal Per workload: its wait samples with the ages of its containers pending at T appended, and how
 * many of those; and its containers pending and running now. With `withZeros` false, the waits of +0
 * (most of them on a cluster with room) are left out of `values` and counted in `zeros`. With
 * `storeValues` false, or for a store whose values are sketched, `values` holds only the pending ages.
 */
export function waitValues(src: SummarySource, T: number, withZeros = true, storeValues = true): { values: Float64Array[]; zeros: Int32Array; censored: Int32Array; pending: Int32Array; running: Int32Array } {
  const W = src.workloads.length, books = src.books;
  const censored = new Int32Array(W), pending = new Int32Array(W), running = new Int32Array(W), zeros = new Int32Array(W);
  const t = src.table, ints = t.ints, nums = t.nums, warmup = books.warmup;
  for (let slot = 0; slot < t.used; slot++) {
    const state = ints[slot * I_STRIDE + I_STATE] as number;
    const w = ints[slot * I_STRIDE + I_WORKLOAD] as number;
    if (state === ContainerState.Pending || state === ContainerState.Returning) {
      pending[w] = (pending[w] as number) + 1;
      if ((nums[slot * N_STRIDE + N_SUBMIT] as number) >= warmup) censored[w] = (censored[w] as number) + 1;
    } else if (state >= ContainerState.Placed) running[w] = (running[w] as number) + 1;
  }
  const values = books.waits.map((store, w) => {
    if (!withZeros) zeros[w] = store.zeroCount;
    // A sketched store keeps no values (and with `storeValues` false none are asked for): only the censored ages are written out.
    const own = storeValues && !store.sketched;
    const a = new Float64Array((own ? store.count - (zeros[w] as number) : 0) + (censored[w] as number));
    let o = own ? store.copyTo(a, 0, withZeros) : 0;
    if (censored[w] === 0) return a;
    for (let slot = 0; slot < t.used; slot++) {
      const state = ints[slot * I_STRIDE + I_STATE] as number;
      if ((state !== ContainerState.Pending && state !== ContainerState.Returning) || ints[slot * I_STRIDE + I_WORKLOAD] !== w) continue;
      const submitted = nums[slot * N_STRIDE + N_SUBMIT] as number;
      if (submitted >= warmup) a[o++] = T - submitted;
    }
    return a;
  });
  return { values, zeros, censored, pending, running };
}

/** @internal The run's wait summary and each workload's figures (counts, waits, times, and the dynamics' figures when given). */
export function waitsAndWorkloads(src: SummarySource, T: number, dynamics: Readonly<Record<string, WorkloadDynamicsResult>> | undefined, perf: WorkloadPerformance | undefined): { wait: WaitSummary; workloads: Record<string, WorkloadResult> } {
  // The zero waits are counted, not written out (summaries rank them without them).
  // Sketched waits (SimulationOptions.waitStore): the stores summarise their values with the censored ages.
  const stores = src.books.waits, sketched = stores.some((st) => st.sketched);
  const { values, zeros, censored, pending, running } = waitValues(src, T, false, !sketched);
  const bound = (e: number): { relativeError?: number } => (e > 0 ? { relativeError: e } : {});
  const counts = src.books.perWorkload;
  const workloads: Record<string, WorkloadResult> = {};
  let n = 0, cens = 0, zero = 0;
  const W = src.workloads.length;
  src.workloads.forEach((wl, w) => {
    const a = values[w] as Float64Array;
    n += a.length;
    zero += zeros[w] as number;
    cens += censored[w] as number;
    const o = w * W_STRIDE;
    const c = counts[o + W_SUBMITTED] as number;
    // Sorted copies are summarised, so that the merged array below keeps the values.
    workloads[wl.name] = {
      ...dynamics?.[wl.name],
      containers: {
        submitted: c, placed: counts[o + W_PLACED] as number, completed: counts[o + W_COMPLETED] as number, rejected: counts[o + W_REJECTED] as number,
        pending: pending[w] as number, running: running[w] as number, failed: counts[o + W_FAILED] as number,
        ...(src.books.countsLost ? { lost: counts[o + W_LOST] as number } : {}),
      },
      // With one workload its waits are the run's: summarised once, below.
      wait: W === 1 ? (undefined as unknown as WaitSummary) : sketched ? { ...(stores[w] as SampleStore).summaryWith(a), censored: censored[w] as number, ...bound((stores[w] as SampleStore).relativeError) } : { ...summarizeValues(a.slice(), zeros[w] as number), censored: censored[w] as number },
      ...(perf !== undefined && wl.modelled ? {
        performance: {
          startup: perf.startup[0] as DistributionSummary,
          run: perf.run[0] as DistributionSummary,
          turnaround: perf.turnaround[0] as DistributionSummary,
          slowdown: perf.slowdown[0] as DistributionSummary,
        },
      } : {}),
    };
    // With more than one workload, each one's performance summaries are made when first read.
    if (perf === undefined && src.life !== undefined && wl.modelled) lazyPerformance(workloads[wl.name] as object, src.life, w);
  });
  const all = sketched ? undefined : W === 1 ? (values[0] as Float64Array) : concatValues(values, n);
  const merged = all === undefined ? SampleStore.summaryOfAll(stores, values) : undefined;
  const wait: WaitSummary = all !== undefined ? { ...summarizeValues(all, zero), censored: cens } : { ...(merged as { summary: DistributionSummary }).summary, censored: cens, ...bound((merged as { relativeError: number }).relativeError) };
  if (W === 1) {
    const only = workloads[(src.workloads[0] as CompiledWorkload).name] as { wait: WaitSummary };
    only.wait = wait;
  }
  return { wait, workloads };
}

/** @internal Each workload's start-up, run, turnaround and slowdown summaries, by workload index. */
export type WorkloadPerformance = Readonly<Record<'startup' | 'run' | 'turnaround' | 'slowdown', readonly DistributionSummary[]>>;

/**
 * @internal With one workload every row is its own, so its start-up, run, turnaround and slowdown
 * summaries are the run's: made once here, for the workload and for {@link performanceSummary}.
 * With more, undefined: each workload's are made when first read ({@link lazyPerformance}).
 */
export function workloadPerformance(l: Lifecycle, W: number): WorkloadPerformance | undefined {
  if (W !== 1) return undefined;
  const runs = l.finishedRuns;
  return { startup: [l.startup.summary(S_SECONDS)], run: [runs.summary(F_RUN)], turnaround: [runs.summary(F_TURNAROUND)], slowdown: [runs.summary(F_SLOWDOWN)] };
}

/**
 * @internal Defines `target.performance`: workload `w`'s start-up, run, turnaround and slowdown
 * summaries over the rows recorded by now, made when the property is first read (then kept as a plain
 * value). An enumerable property like any other (JSON, spreads and structured clones read it); a
 * result that is never read for them does not pay for four exact selections over its rows.
 */
function lazyPerformance(target: object, l: Lifecycle, w: number): void {
  const startup = l.startup, runs = l.finishedRuns, startupRows = startup.count, runRows = runs.count;
  Object.defineProperty(target, 'performance', {
    enumerable: true,
    configurable: true,
    get() {
      const value = {
        startup: startup.summaryWhere(S_SECONDS, S_WORKLOAD, w, startupRows),
        run: runs.summaryWhere(F_RUN, F_WORKLOAD, w, runRows),
        turnaround: runs.summaryWhere(F_TURNAROUND, F_WORKLOAD, w, runRows),
        slowdown: runs.summaryWhere(F_SLOWDOWN, F_WORKLOAD, w, runRows),
      };
      Object.defineProperty(target, 'performance', { value, enumerable: true, configurable: true, writable: false });
      return value;
    },
  });
}

/** @internal The performance model's figures; `perf` from {@link workloadPerformance} (with one workload, its summaries are the run's). */
export function performanceSummary(l: Lifecycle, T: number, records: boolean, perf: WorkloadPerformance | undefined): PerformanceSummary {
  const runs = l.finishedRuns;
  return {
    startup: perf !== undefined ? (perf.startup[0] as DistributionSummary) : l.startup.summary(S_SECONDS),
    run: perf !== undefined ? (perf.run[0] as DistributionSummary) : runs.summary(F_RUN),
    turnaround: perf !== undefined ? (perf.turnaround[0] as DistributionSummary) : runs.summary(F_TURNAROUND),
    slowdown: perf !== undefined ? (perf.slowdown[0] as DistributionSummary) : runs.summary(F_SLOWDOWN),
    breakdown: { pa: runs.summary(F_PA), pd: runs.summary(F_PD), ps: runs.summary(F_PS) },
    oomKills: l.oomKills,
    evictions: l.evictions,
    restarts: l.restartCount,
    throttledFraction: l.computeTime > 0 ? l.throttledTime / l.computeTime : 0,
    imageBytesPulled: l.bytesPulled,
    layerCacheHitRatio: l.layerCacheHitRatio,
    usage: l.usageUtilization(T),
    ...(records ? { records: l.records } : {}),
  };
}
