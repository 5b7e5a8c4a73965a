import { grown } from '../util/grown.js';

// A container's record: one row of C_STRIDE doubles per slot. Slots are recycled when a container
// ends; `C_ID` numbers containers in submission order over the whole run.
/** Offset of the workload index. */
export const C_WORKLOAD = 0;
/** Offset of the container's id: its submission order in the run (0, 1, 2, …). */
export const C_ID = 1;
/** Offset of n in its name `<workload>-<n>`: its workload's submissions before it. */
export const C_ORDINAL = 2;
/** Offset of the submit time. */
export const C_SUBMIT = 3;
/** Offset of its fixed run time once started (`Infinity` for none). */
export const C_DURATION = 4;
/** Offset of its host (-1 while pending). */
export const C_HOST = 5;
/** Offset of the host it must run on (a DaemonSet's, a trace's, a gang's), or -1. */
export const C_PINNED = 6;
/** Offset of its failed scheduling attempts. */
export const C_ATTEMPTS = 7;
/** Offset of the earliest time it may be tried again (back-off). */
export const C_RETRY_AT = 8;
/** Offset of the handle of its FINISH event, or -1. */
export const C_FINISH = 9;
/** Offset of its {@link ContainerState}. */
export const C_STATE = 10;
/** Offset of when it entered that state. */
export const C_SINCE = 11;
/** Offset of how many placements, releases and condition changes the run had made at its last failed attempt. */
export const C_TRIED = 12;
/** Doubles per container record. */
export const C_STRIDE = 13;

/**
 * Where a container is in its life, as the simulation tracks it: waiting in the queue, back from an
 * eviction and waiting to queue again, placed (pulling its image and starting), started (not yet
 * ready), or running (ready).
 *
 * @example
 * ```ts
 * if (table.rec[slot * C_STRIDE + C_STATE] === ContainerState.Running) …
 * ```
 */
export const ContainerState = { Free: 0, Pending: 1, Returning: 2, Placed: 3, Started: 4, Running: 5 } as const;

/** The snapshot's name for each {@link ContainerState}, by value. @example `STATE_NAMES[ContainerState.Running]; // 'running'` */
export const STATE_NAMES = ['free', 'pending', 'returning', 'placed', 'started', 'running'] as const;

/**
 * @internal The live containers: a record of {@link C_STRIDE} doubles per slot in one typed array
 * (see the `C_*` offsets), slots recycled through a free list, room doubled when full.
 *
 * @example
 * ```ts
 * const t = new ContainerTable(1024);
 * const slot = t.alloc();
 * t.rec[slot * C_STRIDE + C_SUBMIT] = now;
 * ```
 */
export class ContainerTable {
  /** The records, `[slot * C_STRIDE + C_*]`. Replaced when the table grows: do not keep it across submissions. */
  rec: Float64Array;
  /** Slots ever used: every live slot is below this. */
  used = 0;
  private cap: number;
  private freeSlots: Int32Array;
  private freeTop = 0;

  constructor(capacity: number) {
    this.cap = capacity;
    this.rec = new Float64Array(capacity * C_STRIDE);
    this.freeSlots = new Int32Array(capacity);
  }

  /** A free slot, reused or new. */
  alloc(): number {
    if (this.freeTop > 0) return this.freeSlots[--this.freeTop] as number;
    if (this.used === this.cap) this.grow();
    return this.used++;
  }

  /** Returns a slot to the free list. */
  free(slot: number): void {
    this.rec[slot * C_STRIDE + C_STATE] = ContainerState.Free;
    this.freeSlots[this.freeTop++] = slot;
  }

  private grow(): void {
    const n = this.cap * 2;
    this.rec = grown(this.rec, n * C_STRIDE);
    this.freeSlots = grown(this.freeSlots, n);
    this.cap = n;
  }
}
