import { grown } from '../util/grown.js';

/**
 * A handle to a scheduled event, for {@link EventQueue.cancel} and {@link EventQueue.reschedule}.
 * It stays valid until the event fires or is cancelled; after that, using it is a harmless no-op.
 *
 * @example
 * ```ts
 * const h: EventHandle = queue.push(1.5, 0, 42);
 * ```
 */
export type EventHandle = number;

// A handle packs the slot index with the slot's generation, so a stale handle never touches
// the slot's next occupant. 2^26 slots and generations both stay well inside 2^53.
const SLOT_BITS = 2 ** 26;

/**
 * A priority queue of events kept in typed arrays: a binary min-heap on (time, sequence), so that
 * events at the same time come out in the order they were scheduled. Each event carries an integer
 * `kind` and an integer `data` payload. Supports O(log n) cancellation and rescheduling.
 *
 * Nothing is allocated per event: slots are recycled through a free list, and arrays only grow
 * (doubling) when more events are pending at once than ever before.
 *
 * @example
 * ```ts
 * const q = new EventQueue();
 * q.push(2, 0, 7);
 * q.push(1, 0, 8);
 * q.pop();          // true
 * q.poppedData;     // 8
 * q.poppedTime;     // 1
 * ```
 */
export class EventQueue {
  // Heap order, keys kept inline for locality.
  private hTime: Float64Array;
  private hSeq: Float64Array;
  private hSlot: Int32Array;
  // Per slot.
  private sKind: Int32Array;
  private sData: Int32Array;
  private sPos: Int32Array; // index in the heap, or -1 when free
  private sGen: Float64Array;
  private free: Int32Array;
  private freeTop = 0;
  private slots = 0;
  private n = 0;
  private seq = 0;

  /** Time of the event most recently returned by {@link EventQueue.pop}. */
  poppedTime = 0;
  /** Kind of the event most recently popped. */
  poppedKind = 0;
  /** Data of the event most recently popped. */
  poppedData = 0;

  /**
   * @param initialCapacity - Slots to allocate up front. @defaultValue 1024
   */
  constructor(initialCapacity = 1024) {
    const c = Math.max(16, initialCapacity | 0);
    this.hTime = new Float64Array(c);
    this.hSeq = new Float64Array(c);
    this.hSlot = new Int32Array(c);
    this.sKind = new Int32Array(c);
    this.sData = new Int32Array(c);
    this.sPos = new Int32Array(c).fill(-1);
    this.sGen = new Float64Array(c);
    this.free = new Int32Array(c);
  }

  /** The number of pending events. */
  get size(): number {
    return this.n;
  }

  /** The time of the earliest pending event, or `Infinity` when empty. */
  peekTime(): number {
    return this.n === 0 ? Infinity : (this.hTime[0] as number);
  }

  /**
   * Whether an event is pending at or before `until` (never one at t = ∞).
   *
   * @example
   * ```ts
   * while (q.hasEventBy(600)) { q.pop(); handle(q.poppedKind, q.poppedData); }
   * ```
   */
  hasEventBy(until: number): boolean {
    if (this.n === 0) return false;
    const t = this.hTime[0] as number;
    return t <= until && t < Infinity;
  }

  /**
   * Schedules an event and returns its handle.
   * @param time - When it fires.
   * @param kind - An integer naming what it is (the engine dispatches on it).
   * @param data - An integer payload, such as a container index.
   */
  push(time: number, kind: number, data: number): EventHandle {
    let slot: number;
    const top = this.freeTop;
    if (top > 0) {
      slot = this.free[top - 1] as number;
      this.freeTop = top - 1;
    } else {
      if (this.slots === this.sKind.length) this.grow();
      slot = this.slots++;
    }
    this.sKind[slot] = kind;
    this.sData[slot] = data;
    this.place(this.n++, time, this.seq++, slot);
    return (this.sGen[slot] as number) * SLOT_BITS + slot;
  }

  /**
   * Removes the earliest event, exposing it through `poppedTime`, `poppedKind` and `poppedData`.
   * @returns `false` when the queue is empty.
   */
  pop(): boolean {
    const n = this.n - 1;
    if (n < 0) return false;
    const hSlot = this.hSlot, slot = hSlot[0] as number;
    this.poppedTime = this.hTime[0] as number;
    this.poppedKind = this.sKind[slot] as number;
    this.poppedData = this.sData[slot] as number;
    this.n = n;
    // The last event fills the hole at the root, sifting down from there.
    if (n > 0) this.sink(0, this.hTime[n] as number, this.hSeq[n] as number, hSlot[n] as number);
    this.release(slot);
    return true;
  }

  /**
   * Cancels a pending event.
   * @returns `true` if it was pending, `false` if it had already fired or been cancelled.
   */
  cancel(handle: EventHandle): boolean {
    const slot = this.live(handle);
    if (slot < 0) return false;
    this.removeAt(this.sPos[slot] as number);
    this.release(slot);
    return true;
  }

  /**
   * Moves a pending event to a new time. It is ordered as if scheduled now, after
   * every event already pending at that time.
   * @returns `true` if it was pending.
   */
  reschedule(handle: EventHandle, time: number): boolean {
    const slot = this.live(handle);
    if (slot < 0) return false;
    const i = this.sPos[slot] as number;
    // Sifted from where it is: earlier goes up, later (or equal, with its new sequence) goes down.
    if (time < (this.hTime[i] as number)) this.place(i, time, this.seq++, slot);
    else this.sink(i, time, this.seq++, slot);
    return true;
  }

  /** Whether the handle names an event that is still pending. */
  isPending(handle: EventHandle): boolean {
    return this.live(handle) >= 0;
  }

  /** The time a pending event fires at, or `NaN` if it is not pending. */
  timeOf(handle: EventHandle): number {
    const slot = this.live(handle);
    return slot < 0 ? NaN : (this.hTime[this.sPos[slot] as number] as number);
  }

  /** Drops every pending event. Outstanding handles become stale. */
  clear(): void {
    while (this.n > 0) {
      const slot = this.hSlot[--this.n] as number;
      this.release(slot);
    }
  }

  private live(handle: EventHandle): number {
    // handle = generation · 2^26 + slot, split without a floating-point modulo (a runtime call).
    const gen = Math.floor(handle / SLOT_BITS);
    const slot = handle - gen * SLOT_BITS;
    if (slot >= this.slots || (this.sPos[slot] as number) < 0) return -1;
    return (this.sGen[slot] as number) === gen ? slot : -1;
  }

  private release(slot: number): void {
    this.sPos[slot] = -1;
    const g = (this.sGen[slot] as number) + 1;
    this.sGen[slot] = g === SLOT_BITS ? 0 : g;
    this.free[this.freeTop++] = slot;
  }

  private removeAt(i: number): void {
    const last = --this.n;
    if (i === last) return;
    // The last event fills the hole at i: it may belong above or below it.
    const t = this.hTime[last] as number, s = this.hSeq[last] as number, slot = this.hSlot[last] as number;
    if (i > 0) {
      const p = (i - 1) >> 1, pt = this.hTime[p] as number;
      if (t < pt || (t === pt && s < (this.hSeq[p] as number))) {
        this.place(i, t, s, slot);
        return;
      }
    }
    this.sink(i, t, s, slot);
  }

  // Puts the event (t, s, slot) into the hole at i, moving parents down past it (one write per level).
  private place(i: number, t: number, s: number, slot: number): void {
    const hTime = this.hTime, hSeq = this.hSeq, hSlot = this.hSlot, sPos = this.sPos;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = hTime[p] as number;
      if (pt < t || (pt === t && (hSeq[p] as number) < s)) break;
      const ps = hSlot[p] as number;
      hTime[i] = pt;
      hSeq[i] = hSeq[p] as number;
      hSlot[i] = ps;
      sPos[ps] = i;
      i = p;
    }
    hTime[i] = t;
    hSeq[i] = s;
    hSlot[i] = slot;
    sPos[slot] = i;
  }

  // Puts the event (t, s, slot) into the hole at i, moving the earlier child up past it while there is one.
  private sink(i: number, t: number, s: number, slot: number): void {
    const n = this.n, hTime = this.hTime, hSeq = this.hSeq, hSlot = this.hSlot, sPos = this.sPos;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let ct = hTime[c] as number;
      let cs = hSeq[c] as number;
      const r = c + 1;
      if (r < n) {
        const rt = hTime[r] as number;
        if (rt < ct || (rt === ct && (hSeq[r] as number) < cs)) {
          c = r;
          ct = rt;
          cs = hSeq[r] as number;
        }
      }
      if (t < ct || (t === ct && s < cs)) break;
      const cslot = hSlot[c] as number;
      hTime[i] = ct;
      hSeq[i] = cs;
      hSlot[i] = cslot;
      sPos[cslot] = i;
      i = c;
    }
    hTime[i] = t;
    hSeq[i] = s;
    hSlot[i] = slot;
    sPos[slot] = i;
  }

  private grow(): void {
    const c = this.sKind.length * 2;
    if (c > SLOT_BITS) throw new RangeError(`EventQueue: more than ${SLOT_BITS} pending events`);
    this.hTime = grown(this.hTime, c);
    this.hSeq = grown(this.hSeq, c);
    this.hSlot = grown(this.hSlot, c);
    this.sKind = grown(this.sKind, c);
    this.sData = grown(this.sData, c);
    this.sPos = grown(this.sPos, c, -1);
    this.sGen = grown(this.sGen, c);
    this.free = grown(this.free, c);
  }
}
