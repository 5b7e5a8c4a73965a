import { grown } from '../../util/grown.js';

/**
 * A container's phase in the performance model, in lifecycle order.
 *
 * @example
 * ```ts
 * life.phase[slot] === Phase.Computing;
 * ```
 */
export const Phase = { Pending: 0, Pulling: 1, Starting: 2, Readying: 3, Computing: 4, Transferring: 5, BackOff: 6, Done: 7 } as const;

/** One of the {@link Phase} values. @example `const p: Phase = Phase.Pulling;` */
export type Phase = (typeof Phase)[keyof typeof Phase];

// A container's packed record: L_STRIDE doubles per slot (two cache lines), so that a container's
// arrival and completion touch little memory. Offsets:
/** @internal Doubles per container record. */
export const L_STRIDE = 16;
/** @internal Host index; workload index. */
export const L_HOST = 0, L_WL = 1;
/** @internal CPU work drawn (millicore-seconds, read when it starts computing), data to send and drawn (bits), CPU work done. */
export const L_REM_CPU = 2, L_REM_DATA = 3, L_DATA_INIT = 4, L_WORK_DONE = 5;
/** @internal When it was placed, pulled, started, ready and done computing (NaN until then). */
export const L_T_PLACED = 6, L_T_PULLED = 7, L_T_STARTED = 8, L_T_READY = 9, L_T_COMPUTED = 10;
/** @internal Restarts in all; failures in the current back-off streak, and when the last one was. */
export const L_RESTARTS = 11, L_FAILURES = 12, L_T_FAILED = 13;
/** @internal Its pending phase timer (start, readiness, registry, back-off); -1 for none. */
export const L_TIMER = 14;
/**
 * @internal When it was submitted (the scheduling cycle's, copied at placement), so that a finished
 * run's turnaround reads only this record.
 */
export const L_T_SUBMIT = 15;

/**
 * @internal The containers' state, by slot: each one's {@link Phase} and its packed record (the
 * `L_*` offsets, {@link L_STRIDE} doubles each). The lifecycle and its parts share one table.
 */
export class ContainerTable {
  /** Phase per slot. */
  phase: Uint8Array;
  /** Records, {@link L_STRIDE} doubles per slot. */
  st: Float64Array;

  constructor(slots: number) {
    this.phase = new Uint8Array(slots);
    this.st = new Float64Array(slots * L_STRIDE);
  }

  /** Makes room for `slot` (doubling). */
  ensure(slot: number): void {
    if (slot < this.phase.length) return;
    const n = Math.max(slot + 1, this.phase.length * 2);
    this.phase = grown(this.phase, n);
    this.st = grown(this.st, n * L_STRIDE);
  }

  /** The host a container is on. */
  host(slot: number): number {
    return ((this.st[slot * L_STRIDE + L_HOST] as number) | 0);
  }

  /** A container's workload index. */
  workload(slot: number): number {
    return ((this.st[slot * L_STRIDE + L_WL] as number) | 0);
  }
}
