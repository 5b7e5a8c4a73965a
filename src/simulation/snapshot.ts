import type { ClusterState } from '../cluster/cluster-state.js';
import type { ResourceVector } from '../resources/vector.js';
import { HOST_CONDITION_NAMES } from '../scheduling/host-condition.js';
import type { PendingQueue } from '../scheduling/pending-queue.js';
import { I_ATTEMPTS, I_HOST, I_ORDINAL, I_STATE, I_STRIDE, I_WORKLOAD, N_ID, N_RETRY_AT, N_SINCE, N_STRIDE, N_SUBMIT, ContainerState, STATE_NAMES, type ContainerTable } from './container-table.js';
import type { ContainerCounts } from './result.js';
import type { CompiledWorkload } from '../scenario/compile.js';
import type { Lifecycle } from './lifecycle.js';
import type { UsageBooks } from './usage-books.js';

/**
 * Live usage per container, from the performance model and from declared usage. A figure nothing gives is
 * absent (unknown), never 0.
 *
 * @example `{ cpu: 480, memory: 2 ** 29, netTx: 0, blockWrite: 1e8 }`
 */
export interface ContainerUsage {
  /** Millicores it uses now: declared (`usage.cpu`, a service's load) or, for work, the CPU share it gets; absent when unknown. */
  readonly cpu?: number;
  /** Bytes of memory in use now (from `memory.usage` / `usage.memory`); absent when unknown. */
  readonly memory?: number;
  /** Bytes sent so far. */
  readonly netTx: number;
  /** Bytes of image layers its pull wrote to disk. */
  readonly blockWrite: number;
}

/**
 * One container in a {@link ClusterSnapshot}.
 *
 * @example
 * ```ts
 * const c: ContainerSnapshot = { id: 12, name: 'web-7', workload: 'web', phase: 'running', since: 31.5, submitted: 30, attempts: 0, retryAt: 0 };
 * ```
 */
export interface ContainerSnapshot {
  /** Submission order in the run. */
  readonly id: number;
  /** `<workload>-<n>`, n counting that workload's submissions from 0. */
  readonly name: string;
  readonly workload: string;
  /**
   * `pending` (queued), `returning` (evicted, about to queue again), `placed` (pulling its image and
   * starting), `started` (not yet ready) or `running` (ready).
   */
  readonly phase: 'pending' | 'returning' | 'placed' | 'started' | 'running';
  /** When it entered that phase. */
  readonly since: number;
  /** When it was submitted. */
  readonly submitted: number;
  /** Failed scheduling attempts. */
  readonly attempts: number;
  /** When its back-off ends (0 when it has none). */
  readonly retryAt: number;
  /** Its live usage, under the performance model. */
  readonly usage?: ContainerUsage;
}

/**
 * One host in a {@link ClusterSnapshot}: what it can allocate, what its containers hold (R_h and
 * R_s; free is the difference), its conditions and its containers.
 *
 * @example
 * ```ts
 * const free = h.capacity.cpu - h.allocated.cpu; // R_c = R_h − R_s
 * ```
 */
export interface HostSnapshot {
  readonly name: string;
  readonly index: number;
  readonly capacity: ResourceVector;
  readonly allocated: ResourceVector;
  /** Conditions set now, by name (`MemoryPressure`, `NotReady`, `Unschedulable`). */
  readonly conditions: readonly string[];
  /** Its containers, in submission order. */
  readonly containers: readonly ContainerSnapshot[];
}

/**
 * The cluster at one moment: every host with its containers, and the pending containers in queue
 * order (then those about to queue again). Plain data, built on request (it allocates; not for hot
 * loops).
 *
 * @example
 * ```ts
 * const s = run.snapshot();
 * s.hosts.filter((h) => h.containers.length === 0).length; // idle hosts
 * s.pending[0]?.name;                                      // next in line
 * ```
 */
export interface ClusterSnapshot {
  readonly time: number;
  readonly counts: ContainerCounts;
  readonly hosts: readonly HostSnapshot[];
  readonly pending: readonly ContainerSnapshot[];
}

/** @internal What {@link takeSnapshot} reads. */
export interface SnapshotSource {
  readonly time: number;
  readonly counts: ContainerCounts;
  readonly cluster: ClusterState;
  readonly table: ContainerTable;
  readonly queue: PendingQueue;
  readonly workloadNames: readonly string[];
  readonly usage: ((slot: number) => ContainerUsage | undefined) | undefined;
}

/** @internal Builds a {@link ClusterSnapshot}. @example `takeSnapshot(source)` */
export function takeSnapshot(src: SnapshotSource): ClusterSnapshot {
  const { cluster, table } = src;
  const ints = table.ints, nums = table.nums;
  const container = (slot: number): ContainerSnapshot => {
    const bi = slot * I_STRIDE, bn = slot * N_STRIDE;
    const wl = src.workloadNames[ints[bi + I_WORKLOAD] as number] as string;
    const state = ints[bi + I_STATE] as number;
    const usage = state >= ContainerState.Placed ? src.usage?.(slot) : undefined;
    return {
      id: nums[bn + N_ID] as number,
      name: `${wl}-${ints[bi + I_ORDINAL] as number}`,
      workload: wl,
      phase: STATE_NAMES[state] as ContainerSnapshot['phase'],
      since: nums[bn + N_SINCE] as number,
      submitted: nums[bn + N_SUBMIT] as number,
      attempts: ints[bi + I_ATTEMPTS] as number,
      retryAt: nums[bn + N_RETRY_AT] as number,
      ...(usage === undefined ? {} : { usage }),
    };
  };
  const byHost: number[][] = Array.from({ length: cluster.hostCount }, () => []);
  const returning: number[] = [];
  for (let slot = 0; slot < table.used; slot++) {
    const state = ints[slot * I_STRIDE + I_STATE] as number;
    if (state >= ContainerState.Placed) (byHost[ints[slot * I_STRIDE + I_HOST] as number] as number[]).push(slot);
    else if (state === ContainerState.Returning) returning.push(slot);
  }
  const byId = (a: number, b: number) => (nums[a * N_STRIDE + N_ID] as number) - (nums[b * N_STRIDE + N_ID] as number);
  const hosts: HostSnapshot[] = byHost.map((slots, h) => {
    const cond = cluster.conditions[h] as number;
    return {
      name: cluster.hostNames[h] as string,
      index: h,
      capacity: cluster.capacityOf(h),
      allocated: cluster.allocatedOf(h),
      conditions: HOST_CONDITION_NAMES.filter((_, c) => (cond & (1 << c)) !== 0),
      containers: slots.sort(byId).map(container),
    };
  });
  const pending: ContainerSnapshot[] = [];
  for (let i = 0; i < src.queue.length; i++) pending.push(container(src.queue.at(i)));
  for (const slot of returning.sort(byId)) pending.push(container(slot));
  return { time: src.time, counts: src.counts, hosts, pending };
}

/**
 * @internal A container's usage as far as anything gives it: declared CPU (`usage.cpu`, a service's
 * `load`), else the performance model's fluid CPU for work; memory from a usage profile. What is
 * unknown stays undefined, never a made-up 0.
 * @param life - The performance model, when it runs this container's workload.
 * @example
 * ```ts
 * containerUsage(slot, workload, life, usageBooks); // { cpu: 250, netTx: 0, blockWrite: 0 }
 * ```
 */
export function containerUsage(slot: number, w: CompiledWorkload, life: Lifecycle | undefined, usage: UsageBooks | undefined): ContainerUsage {
  const u = life?.liveUsage(slot);
  const declared = usage?.cpuMillis(slot) ?? NaN;
  const cpu = !Number.isNaN(declared) ? declared : u !== undefined && w.cpuWork !== undefined ? u.cpu : undefined;
  const memory = u !== undefined && w.memory.length > 0 ? u.memory : undefined;
  return { ...(cpu === undefined ? {} : { cpu }), ...(memory === undefined ? {} : { memory }), netTx: u?.netTx ?? 0, blockWrite: u?.blockWrite ?? 0 };
}
