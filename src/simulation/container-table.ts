import { grown } from '../util/grown.js';

// A container's record is two rows, one per typed array, with named offsets: small integers in
// `ints` (read as indices with no conversion), times and large counters in `nums`. Slots are
// recycled when a container ends; `N_ID` numbers containers in submission order over the whole run.

/** Offset in `ints` of the workload index. */
export const I_WORKLOAD = 0;
/** Offset in `ints` of n in its name `<workload>-<n>`: its workload's submissions before it. */
export const I_ORDINAL = 1;
/** Offset in `ints` of its host while it is placed (state `ST_PLACED` or later; -1 once it left it for the queue, any value before it was first placed). */
export const I_HOST = 2;
/** Offset in `ints` of the host it must run on (a DaemonSet's, a trace's, a gang's), or -1. */
export const I_PINNED = 3;
/** Offset in `ints` of its failed scheduling attempts. */
export const I_ATTEMPTS = 4;
/** Offset in `ints` of its {@link ContainerState}. */
export const I_STATE = 5;
/** Offset in `ints` of where its request starts in the scheduling cycle's demand array (`w × D` for its workload's; its own row for a container submitted with its own request). */
export const I_REQUEST = 6;
/** Integers per container. */
export const I_STRIDE = 7;

/** Offset in `nums` of its id: its submission order in the run (0, 1, 2, …). */
export const N_ID = 0;
/** Offset in `nums` of the submit time. */
export const N_SUBMIT = 1;
/** Offset in `nums` of its fixed run time once started (`Infinity` for none). */
export const N_DURATION = 2;
/** Offset in `nums` of the earliest time it may be tried again (back-off). */
export const N_RETRY_AT = 3;
/** Offset in `nums` of the handle of its FINISH event, or -1 (written when it is placed; not meaningful before). */
export const N_FINISH = 4;
/** Offset in `nums` of when it entered its state. */
export const N_SINCE = 5;
/** Offset in `nums` of how many placements, releases and condition changes the run had made at its last failed attempt. */
export const N_TRIED = 6;
/** Offset in `nums` of when it was last placed (it holds its request from then until it leaves its host). */
export const N_PLACED = 7;
/** Numbers per container (a 64-byte row). */
export const N_STRIDE = 8;

/**
 * The most slots a {@link ContainerTable} holds, less one (2^28 − 1: live containers at once), as a bit
 * mask; a table refuses to grow past it. Hot paths write a slot's row offset as
 * `(slot & SLOT_MASK) * I_STRIDE`: the mask changes no slot a table hands out, and tells V8 that the
 * offsets fit in 31 bits, so that it multiplies and adds them without overflow checks.
 *
 * @example
 * ```ts
 * const bi = (slot & SLOT_MASK) * I_STRIDE;
 * table.ints[bi + I_STATE]; // the slot's state
 * ```
 */
export const SLOT_MASK = 0xfffffff;

/**
 * The {@link ContainerState} values as named constants, for hot paths: the build writes these as
 * literals, while a property of the `ContainerState` object is loaded (and its binding checked) at
 * every use. One definition each: `ContainerState` is made of them.
 *
 * @example
 * ```ts
 * if (table.ints[slot * I_STRIDE + I_STATE] === ST_RUNNING) …
 * ```
 */
export const ST_FREE = 0, ST_PENDING = 1, ST_RETURNING = 2, ST_PLACED = 3, ST_STARTED = 4, ST_RUNNING = 5;

/**
 * Where a container is in its life, as the simulation tracks it: waiting in the queue, back from an
 * eviction and waiting to queue again, placed (pulling its image and starting), started (not yet
 * ready), or running (ready).
 *
 * @example
 * ```ts
 * if (table.ints[slot * I_STRIDE + I_STATE] === ContainerState.Running) …
 * ```
 */
export const ContainerState = { Free: ST_FREE, Pending: ST_PENDING, Returning: ST_RETURNING, Placed: ST_PLACED, Started: ST_STARTED, Running: ST_RUNNING } as const;

/** The snapshot's name for each {@link ContainerState}, by value. @example `STATE_NAMES[ContainerState.Running]; // 'running'` */
export const STATE_NAMES = ['free', 'pending', 'returning', 'placed', 'started', 'running'] as const;

/**
 * @internal The live containers: per slot a row of {@link I_STRIDE} integers and one of
 * {@link N_STRIDE} numbers (see the `I_*` and `N_*` offsets), slots recycled through a free list,
 * room doubled when full.
 *
 * @example
 * ```ts
 * const t = new ContainerTable(1024);
 * const slot = t.alloc();
 * t.nums[slot * N_STRIDE + N_SUBMIT] = now;
 * ```
 */
export class ContainerTable {
  /** Integer fields, `[slot * I_STRIDE + I_*]`. Replaced when the table grows: do not keep it across submissions. */
  ints: Int32Array;
  /** Number fields, `[slot * N_STRIDE + N_*]`. Replaced when the table grows. */
  nums: Float64Array;
  /** Slots ever used: every live slot is below this. */
  used = 0;
  private cap: number;
  private freeSlots: Int32Array;
  private freeTop = 0;

  /** @throws RangeError if `capacity` is above {@link SLOT_MASK} + 1. */
  constructor(capacity: number) {
    if (capacity > SLOT_MASK + 1) throw tooMany(capacity);
    this.cap = capacity;
    this.ints = new Int32Array(capacity * I_STRIDE);
    this.nums = new Float64Array(capacity * N_STRIDE);
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
    this.ints[slot * I_STRIDE + I_STATE] = ST_FREE;
    this.freeSlots[this.freeTop++] = slot;
  }

  /** The state of a slot. */
  state(slot: number): number {
    return this.ints[slot * I_STRIDE + I_STATE] as number;
  }

  private grow(): void {
    if (this.cap > SLOT_MASK) throw tooMany(this.cap + 1);
    const n = Math.min(this.cap * 2, SLOT_MASK + 1);
    this.ints = grown(this.ints, n * I_STRIDE);
    this.nums = grown(this.nums, n * N_STRIDE);
    this.freeSlots = grown(this.freeSlots, n);
    this.cap = n;
  }
}

function tooMany(n: number): RangeError {
  return new RangeError(`ContainerTable: ${n} live containers at once, more than its ${SLOT_MASK + 1} slots`);
}
