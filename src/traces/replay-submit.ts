import type { Scenario, WorkloadSpec } from '../scenario/schema.js';
import type { ArrivalContext } from '../simulation/arrivals.js';
import { Simulation } from '../simulation/simulation.js';
import type { KubeOwnerSource } from '../kube/sim/kube-adapter.js';
import type { PriorityWaitBooks } from './priority-waits.js';
import { kubePolicy } from '../kube/sim/kube-policies.js';
import { KUBE_POLICIES } from '../scheduling/policy-names.js';
import type { HostGroupSpec } from '../scenario/schema.js';
import type { ReplayTraceOptions } from './replay-trace.js';
import type { SampleBound } from '../metrics/sample-store.js';

/**
 * The one workload of a trace replay: every task is a container of it with its own request
 * (`ArrivalContext.submitWith`), so no workload per request shape is needed, nor known up front.
 * Containers are named `trace-<n>`, n counting submissions from 0. @internal
 */
export const TRACE_WORKLOAD: WorkloadSpec = { name: 'trace', arrival: { process: 'explicit', times: [] }, request: { cpu: '1m', memory: 1 } };

/**
 * Submits a trace's tasks to a run: each with its own request, run time and pinned host, and under a
 * kube policy its owner (the task's job, or none). The one submission rule of the plan's and the
 * stream's arrival sources. @internal
 * @example
 * ```ts
 * const submit = new TaskSubmitter(ctx, owners, true, source);
 * const slot = submit.task(500, 2 ** 30, 60, -1, job, priority);
 * ```
 */
export class TaskSubmitter {
  private readonly request: Float64Array;
  private readonly cpuAt: number;
  private readonly memoryAt: number;

  constructor(
    private readonly ctx: ArrivalContext,
    private readonly owners: KubeOwnerSource | undefined,
    private readonly ownersByJob: boolean,
    private readonly source?: { readonly priorities?: PriorityWaitBooks | undefined },
  ) {
    this.request = new Float64Array(ctx.dims.length);
    this.cpuAt = ctx.dims.indexOf('cpu');
    this.memoryAt = ctx.dims.indexOf('memory');
  }

  /** Submits one task now; returns its container's slot, or -1 when it fits no host (rejected). */
  task(cpu: number, memory: number, duration: number, pinned: number, job: number, priority: number): number {
    if (this.owners !== undefined) this.owners.current = this.ownersByJob ? job : -1;
    // The books are read here, not kept: a replay asks for them after its run is built (askPriorityWaits).
    const p = this.source?.priorities;
    if (p !== undefined) p.current = p.classOf(priority);
    const r = this.request;
    r[this.cpuAt] = cpu;
    r[this.memoryAt] = memory;
    return this.ctx.submitWith(0, pinned, duration === duration ? duration : Infinity, r, 0);
  }
}

/** What a trace replay's arrival source needs from the run it feeds: its owners under a kube policy, and the per-priority books when asked. @internal */
export interface ReplaySourceBase {
  owners: KubeOwnerSource | undefined;
  ownersByJob: boolean;
  priorities?: PriorityWaitBooks | undefined;
}

/**
 * Whether a replay's pods have owners from the trace (a kube policy named in `options.scheduler`, no
 * policy object of the caller's). With `kubeOwner` 'job' (the default), pods of a job share their
 * owner: the replay needs each task's job for its whole run. @internal
 * @example
 * ```ts
 * kubeOwned({ scheduler: { policy: 'kube' } }); // true
 * ```
 */
export function kubeOwned(options: ReplayTraceOptions): boolean {
  const name = options.scheduler?.policy;
  return options.simulation?.policy === undefined && name !== undefined && KUBE_POLICIES.includes(name);
}

/**
 * The run of a trace replay: the hosts (or `options.hosts`), the one trace workload, the options'
 * scheduler, `until` and time series, and under a kube policy each pod owned by its task's job (or
 * none, `kubeOwner: 'none'`), the arrivals from `source`, and the wait store's bound (`SimulationOptions.waitStore`). @internal
 * @example
 * ```ts
 * const run = replayRun(hosts, source, options);
 * ```
 */
export function replayRun(hosts: readonly HostGroupSpec[], source: ReplaySourceBase & { start(ctx: ArrivalContext): void }, options: ReplayTraceOptions, waitStore?: SampleBound): Simulation {
  const scenario: Scenario = {
    seed: options.seed ?? 1,
    hosts: hosts.length > 0 ? [...hosts] : [...(options.hosts ?? [])],
    workloads: [TRACE_WORKLOAD],
    ...(options.scheduler === undefined ? {} : { scheduler: options.scheduler }),
    ...(options.until === undefined ? {} : { until: options.until }),
    ...(options.timeseries === undefined ? {} : { timeseries: options.timeseries }),
  };
  // Under a kube policy, each pod's owner is its task's job (or none), not the workload.
  const policyName = options.scheduler?.policy;
  let policy = options.simulation?.policy;
  if (kubeOwned(options) && policyName !== undefined) {
    const owners: KubeOwnerSource = { current: -1 };
    source.owners = owners;
    source.ownersByJob = (options.kubeOwner ?? 'job') === 'job';
    policy = (ctx) => kubePolicy(ctx, policyName, { owners });
  }
  return new Simulation(scenario, { ...options.simulation, ...(policy === undefined ? {} : { policy }), arrivals: source, ...(waitStore === undefined ? {} : { waitStore }) });
}
