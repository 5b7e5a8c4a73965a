import type { ClusterState } from '../../cluster/cluster-state.js';
import type { CompiledScenario, CompiledWorkload } from '../../scenario/compile.js';
import { SampleTable } from '../../metrics/sample-store.js';
import { cpuCap } from '../../performance/cpu-shares.js';
import { SOLO_STRIDE, soloTimeInto } from '../../performance/solo-time.js';
import {
  L_DATA_INIT, L_HOST, L_RESTARTS, L_STRIDE, L_T_COMPUTED, L_T_PLACED, L_T_PULLED, L_T_READY, L_T_STARTED, L_T_SUBMIT, L_WL, L_WORK_DONE,
  type ContainerTable,
} from './container-table.js';
import { OUTCOME_NAMES, Outcome } from './outcome.js';

/** Columns of {@link RunRecords.finishedRuns}; a slowdown of NaN means the run had no solo time to compare with. F_WORKLOAD holds the workload's index. */
export const F_PA = 0, F_PD = 1, F_PS = 2, F_RUN = 3, F_TURNAROUND = 4, F_SLOWDOWN = 5, F_WORKLOAD = 6;
const F_COLUMNS = 7;
/** Columns of {@link RunRecords.startup}: seconds from placement to ready, and the workload's index. */
export const S_SECONDS = 0, S_WORKLOAD = 1;

/**
 * One container's record when `record: 'containers'`: one per run that ended. A time the container
 * never reached (an image it may not pull: never pulled, started nor ready) is NaN.
 *
 * @example
 * ```ts
 * const r = simulate({ ...scenario, record: 'containers' }).performance?.records?.[0];
 * console.log(r?.state, r?.ps, r?.pa, r?.pd);
 * ```
 */
export interface ContainerRecord {
  readonly id: number;
  readonly workload: string;
  readonly host: string;
  /** How the run ended: `succeeded`, `oom-killed`, `evicted`, `failed` or `err-image-never-pull`; `running` or `pending` at the end of the run. */
  readonly state: (typeof OUTCOME_NAMES)[number] | 'running' | 'pending';
  readonly submitted: number;
  readonly placed: number;
  readonly pulled: number;
  readonly started: number;
  readonly ready: number;
  readonly finished: number;
  /** P_a, seconds (0 unless it succeeded). */
  readonly pa: number;
  /** P_d, seconds (0 unless it succeeded). */
  readonly pd: number;
  /** P_s: placement to ready, seconds (NaN if it never became ready). */
  readonly ps: number;
  readonly restarts: number;
}

/**
 * @internal What the lifecycle measures per container: start-up times, one row per finished run
 * (P_a, P_d, P_s, run time, turnaround and slowdown against `soloTime`), and with
 * `record: 'containers'` one {@link ContainerRecord} per run that ended.
 */
export class RunRecords {
  /** Placement → ready, for each container's first start (see the S_* columns). */
  readonly startup: SampleTable;
  /** One row per finished run (see the F_* columns). */
  readonly finishedRuns: SampleTable;
  readonly records: ContainerRecord[] = [];
  // Each workload's CPU cap (for soloTimeInto), and where soloTimeInto writes its parts.
  private readonly cap: Float64Array;
  private readonly soloOut = new Float64Array(SOLO_STRIDE);

  constructor(
    samples: number,
    private readonly table: ContainerTable,
    private readonly s: CompiledScenario,
    private readonly cluster: ClusterState,
    private readonly nic: Float64Array,
    private readonly clock: { readonly now: number },
  ) {
    this.startup = new SampleTable(2, samples);
    this.finishedRuns = new SampleTable(F_COLUMNS, samples);
    this.cap = Float64Array.from(s.workloads, (wl) => cpuCap(wl.cpuLimit, wl.threads));
  }

  /**
   * A run finished now (the clock's time: read, not passed, so that no double is boxed per run): its
   * row of P_a, P_d, P_s, run time, turnaround and slowdown.
   */
  finished(slot: number): void {
    const now = this.clock.now;
    const st = this.table.st, o = slot * L_STRIDE;
    const ready = st[o + L_T_READY] as number, computed = st[o + L_T_COMPUTED] as number;
    const turnaround = now - (st[o + L_T_SUBMIT] as number);
    const solo = this.soloTime(slot);
    const row = this.finishedRuns.append();
    const v = this.finishedRuns.values;
    v[row + F_PA] = computed - ready;
    v[row + F_PD] = now - computed;
    v[row + F_PS] = ready - (st[o + L_T_PLACED] as number);
    v[row + F_RUN] = now - ready;
    v[row + F_TURNAROUND] = turnaround;
    // Two stores rather than one of `solo > 0 ? … : NaN`: V8 loads the global NaN through a generic
    // call in a branch it has not seen run, and would then box every slowdown it computes.
    if (solo > 0) v[row + F_SLOWDOWN] = turnaround / solo;
    else v[row + F_SLOWDOWN] = NaN;
    v[row + F_WORKLOAD] = st[o + L_WL] as number;
  }

  /** A container's first start: ready `seconds` after placement. */
  startedUp(slot: number, seconds: number): void {
    const row = this.startup.append();
    const v = this.startup.values;
    v[row + S_SECONDS] = seconds;
    v[row + S_WORKLOAD] = this.table.st[slot * L_STRIDE + L_WL] as number;
  }

  /** A run ended at `now` with `outcome`: its record (call when the scenario records containers). */
  ended(slot: number, outcome: Outcome, now: number): void {
    const st = this.table.st, o = slot * L_STRIDE;
    const succeeded = outcome === Outcome.Succeeded;
    this.records.push({
      id: this.records.length,
      workload: (this.s.workloads[((st[o + L_WL] as number) | 0)] as CompiledWorkload).name,
      host: this.cluster.hostNames[((st[o + L_HOST] as number) | 0)] as string,
      state: OUTCOME_NAMES[outcome],
      submitted: st[o + L_T_SUBMIT] as number,
      placed: st[o + L_T_PLACED] as number,
      pulled: st[o + L_T_PULLED] as number,
      started: st[o + L_T_STARTED] as number,
      ready: st[o + L_T_READY] as number,
      finished: now,
      pa: succeeded ? (st[o + L_T_COMPUTED] as number) - (st[o + L_T_READY] as number) : 0,
      pd: succeeded ? now - (st[o + L_T_COMPUTED] as number) : 0,
      ps: (st[o + L_T_READY] as number) - (st[o + L_T_PLACED] as number),
      restarts: st[o + L_RESTARTS] as number,
    });
  }

  // The run's time alone on an idle host with its image cached (soloTime's model): its CPU work at
  // its own cap (or its fixed duration), its data over the whole NIC, its own start and readiness.
  private soloTime(slot: number): number {
    const st = this.table.st, o = slot * L_STRIDE;
    const h = ((st[o + L_HOST] as number) | 0);
    const work = st[o + L_WORK_DONE] as number;
    const pulled = st[o + L_T_PULLED] as number, started = st[o + L_T_STARTED] as number, ready = st[o + L_T_READY] as number;
    // Its image cached: no pull time; its data alone on the NIC, with no latency.
    return soloTimeInto(
      work, this.cap[((st[o + L_WL] as number) | 0)] as number, this.cluster.capacity[h * this.cluster.D] as number,
      !(work > 0), (st[o + L_T_COMPUTED] as number) - ready, (st[o + L_DATA_INIT] as number) / 8, this.nic[h] as number, 0,
      0, started - pulled, ready - started, this.soloOut, 0,
    );
  }
}
