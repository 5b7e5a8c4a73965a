import { grown } from '../util/grown.js';

/**
 * A handle to a scheduled event, for {@link EventQueue.cancel} and {@link EventQueue.reschedule}.
 * It stays valid until the event fires or is cancelled; after that, using it is a harmless no-op.
 *
 * A handle is a non-negative integer below 2³⁰ (a small integer to V8, so storing or passing one never
 * allocates), unique among the handles of the last 2³⁰ events pushed: a stale handle can name a later
 * event only once 2³⁰ more events have been pushed after it.
 *
 * @example
 * ```ts
 * const h: EventHandle = queue.push(1.5, 0, 42);
 * ```
 */
export type EventHandle = number;

// A handle is the event's id, from a counter that wraps at 2^30 (so it is a small integer even where V8
// keeps 31-bit ones), and the event lives in slot `id & mask` of a table at least twice as large as the
// number pending: a push takes the next id whose slot is free (the first, mostly), and a handle is live
// when its slot is occupied by that very id. Growing the table moves each pending event to the slot of
// its id under the new mask; handles do not change.
const ID_MASK = 1073741823; // 2^30 - 1
const MAX_SLOTS = 134217728; // 2^27: 2^26 pending events at most

// Per-slot fields, in one Int32Array of stride S_STRIDE.
const S_KIND = 0;
const S_DATA = 1;
const S_ID = 2; // the id of the slot's last occupant (its handle)
const S_STRIDE = 4;

/**
 * A priority queue of events kept in typed arrays: a 4-ary min-heap on (time, sequence), so that
 * events at the same time come out in the order they were scheduled. Each event carries an integer
 * `kind` and an integer `data` payload. Supports O(log n) cancellation and rescheduling.
 *
 * Nothing is allocated per event: slots are reused, handles are small integers, and arrays only grow
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
  // Heap order: the times. Four children per node: half the levels of a binary heap, so half the moves.
  // Room for `limit` events (the most pending before the table grows).
  private hTime: Float64Array;
  // ix[2i] = the slot at heap position i; ix[2s + 1] = the heap position of slot s, or -1 when free.
  // One array for both, so that a move down or up the heap touches two arrays.
  private ix: Int32Array;
  // Per slot: the sequence number that orders events at equal times (read only on a tie).
  private sSeq: Float64Array;
  private sl: Int32Array;
  private cap: number; // slots: a power of two
  private mask: number; // cap - 1
  private limit: number; // cap / 2: a push with this many pending grows the table first
  private nextId = 0;
  private n = 0;
  private seq = 0;
  // The root while the simulator runs an event's handler (see `next`): 0, an ordinary heap; 1, the root
  // is the event taken, which has fired (its handle is stale, its slot free) and sorts before every
  // pending event; 2, a push replaced it there and has not sunk yet: the subtrees below the root are
  // heaps, the root may be out of place. Sifts up stop below the root in state 2.
  private held = 0;

  /** Time of the event most recently returned by {@link EventQueue.pop}. */
  poppedTime = 0;
  /** Kind of the event most recently popped. */
  poppedKind = 0;
  /** Data of the event most recently popped. */
  poppedData = 0;

  /**
   * @param initialCapacity - Pending events to make room for up front. @defaultValue 1024
   */
  constructor(initialCapacity = 1024) {
    const want = Math.max(16, initialCapacity | 0);
    let c = 32;
    while (c < 2 * want && c < MAX_SLOTS) c *= 2;
    this.cap = c;
    this.mask = c - 1;
    this.limit = c >> 1;
    this.hTime = new Float64Array(c >> 1);
    this.ix = new Int32Array(2 * c).fill(-1);
    this.sSeq = new Float64Array(c);
    this.sl = new Int32Array(S_STRIDE * c);
  }

  /** The number of pending events. */
  get size(): number {
    return this.n - (this.held & 1);
  }

  /** The time of the earliest pending event, or `Infinity` when empty. */
  peekTime(): number {
    if (this.held !== 0) this.settle();
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
    if (this.held !== 0) this.settle();
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
    // The event that just fired still holds the root (`held` 1): the new one takes its place, and sinks
    // from there when the simulator takes the next event: one sift down instead of two sifts (the fired
    // one removed, the new one added at the bottom).
    let at = 0;
    if (this.held === 1) this.held = 2;
    else if (this.n === this.limit) return this.pushGrown(time, kind, data);
    else at = this.n++;
    const slot = this.claim(kind, data), ix = this.ix;
    this.hTime[at] = time;
    if (at > 0) this.up(at, slot);
    else {
      // At the root: of an empty heap, or unsunk in the fired event's place.
      ix[0] = slot;
      ix[2 * slot + 1] = 0;
    }
    return this.sl[slot * S_STRIDE + S_ID] as number;
  }

  // Gives a new event the next id whose slot is free (at most half the slots are taken, so mostly the
  // first) and writes its kind, data, id and sequence number there; returns the slot. A function of its
  // own so that push stays small: with this inside it, V8 compiled push on its own before the scheduling
  // cycle's `place`, and a function already compiled counts against its caller's inlining budget with
  // what it inlined (push with `up`: 486 bytes of bytecode, over what `place` had left), so `place`
  // called push instead of inlining it (see bench/README.md, branch `kern3`).
  private claim(kind: number, data: number): number {
    let id = this.nextId, slot = id & this.mask;
    if ((this.ix[2 * slot + 1] as number) >= 0) slot = (id = this.freeId(id)) & this.mask;
    this.nextId = (id + 1) & ID_MASK;
    const o = slot * S_STRIDE, sl = this.sl;
    // `| 0` is what the Int32Array store does anyway; written out, V8 untags a small integer instead of
    // converting it through a double.
    sl[o + S_KIND] = kind | 0;
    sl[o + S_DATA] = data | 0;
    sl[o + S_ID] = id;
    this.sSeq[slot] = this.seq++;
    return slot;
  }

  // The first id after `id` whose slot is free (out of line: push rarely needs it).
  private freeId(id: number): number {
    const ix = this.ix, mask = this.mask;
    do id = (id + 1) & ID_MASK;
    while ((ix[2 * (id & mask) + 1] as number) >= 0);
    return id;
  }

  /**
   * Removes the earliest event, exposing it through `poppedTime`, `poppedKind` and `poppedData`.
   * @returns `false` when the queue is empty.
   */
  pop(): boolean {
    if (this.held !== 0) this.settle();
    if (this.n === 0) return false;
    this.take(this.hTime[0] as number);
    return true;
  }

  /**
   * Removes the earliest event if it is at or before `until` (never one at t = ∞), as
   * {@link EventQueue.pop} does: {@link EventQueue.hasEventBy} and `pop` in one look at the root.
   * @returns `false` when no event is pending by then; the queue is unchanged.
   *
   * @example
   * ```ts
   * while (q.popBy(600)) handle(q.poppedKind, q.poppedData);
   * ```
   */
  popBy(until: number): boolean {
    // `next`, then the taken event leaves the root at once (what `settle` does at the next call).
    if (!this.next(until === Infinity ? Number.MAX_VALUE : until)) return false;
    this.settle();
    return true;
  }

  /**
   * @internal {@link EventQueue.popBy} for the simulator, which runs the event's handler at once: the
   * event is exposed the same way and its handle goes stale, but it stays at the root until the next
   * call. The first `push` meanwhile takes its place, and sinks at the next call (one sift down
   * instead of the two sifts of a pop and a push); `peekTime`, `hasEventBy`, `pop`, `popBy` and
   * `clear` first settle the root. The caller must not push or move an event before the taken one's
   * time (the simulator's clock never goes back).
   *
   * `until` must be below ∞: `Number.MAX_VALUE` takes every event but those at t = ∞, which never fire
   * (one comparison per event, where `popBy` makes two).
   */
  next(until: number): boolean {
    if (this.held !== 0) this.settle();
    if (this.n === 0) return false;
    const t = this.hTime[0] as number;
    if (!(t <= until)) return false;
    // Index arithmetic with `| 0`: V8 then drops its overflow checks (a slot read from an Int32Array could
    // in principle overflow when multiplied).
    const ix = this.ix, slot = ix[0] as number, o = (slot * S_STRIDE) | 0, sl = this.sl;
    this.poppedTime = t;
    this.poppedKind = sl[o + S_KIND] as number;
    this.poppedData = sl[(o + S_DATA) | 0] as number;
    ix[(2 * slot + 1) | 0] = -1; // no longer pending: its handle is stale, its slot free
    this.held = 1;
    return true;
  }

  // Ends the state left by `next`: removes the taken event from the root, or sinks the event that
  // replaced it.
  private settle(): void {
    let j = 0;
    if (this.held === 1) j = --this.n; // its slot was freed by `next`
    this.held = 0;
    if (j > 0 || this.n > 1) this.down(0, j);
  }

  // Removes the root event, whose time is t.
  private take(t: number): void {
    const n = this.n - 1;
    const slot = this.ix[0] as number, o = slot * S_STRIDE, sl = this.sl;
    this.poppedTime = t;
    this.poppedKind = sl[o + S_KIND] as number;
    this.poppedData = sl[o + S_DATA] as number;
    this.n = n;
    // The last event fills the hole at the root, sifting down from there.
    if (n > 0) this.down(0, n);
    this.release(slot);
  }

  /**
   * Cancels a pending event.
   * @returns `true` if it was pending, `false` if it had already fired or been cancelled.
   */
  cancel(handle: EventHandle): boolean {
    const slot = this.live(handle);
    if (slot < 0) return false;
    this.removeAt(this.ix[2 * slot + 1] as number);
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
    const i = this.ix[2 * slot + 1] as number;
    this.sSeq[slot] = this.seq++;
    // Sifted from where it is: earlier goes up, later (or equal, with its new sequence) goes down.
    const later = time >= (this.hTime[i] as number);
    this.hTime[i] = time;
    if (later) this.down(i, i);
    else this.up(i, slot);
    return true;
  }

  /** Whether the handle names an event that is still pending. */
  isPending(handle: EventHandle): boolean {
    return this.live(handle) >= 0;
  }

  /** The time a pending event fires at, or `NaN` if it is not pending. */
  timeOf(handle: EventHandle): number {
    const slot = this.live(handle);
    return slot < 0 ? NaN : (this.hTime[this.ix[2 * slot + 1] as number] as number);
  }

  /** Drops every pending event. Outstanding handles become stale. */
  clear(): void {
    if (this.held !== 0) this.settle();
    while (this.n > 0) this.release(this.ix[2 * --this.n] as number);
  }

  // The slot of the event a handle names, or -1 when it is not pending: the slot of its id is occupied
  // by that id. (`&` of anything but such an id gives some slot whose id differs, or a free one.)
  private live(handle: EventHandle): number {
    const slot = handle & this.mask;
    return (this.sl[slot * S_STRIDE + S_ID] as number) === handle && (this.ix[2 * slot + 1] as number) >= 0 ? slot : -1;
  }

  private release(slot: number): void {
    this.ix[2 * slot + 1] = -1;
  }

  private removeAt(i: number): void {
    const last = --this.n;
    if (i === last) return;
    // The last event fills the hole at i: it may belong above or below it.
    const t = this.hTime[last] as number, slot = this.ix[2 * last] as number;
    // Not into the root while a pushed event sits there unsunk (see `held`): 4 = its last child.
    if (i > (this.held & 2) << 1) {
      const p = (i - 1) >> 2, pt = this.hTime[p] as number;
      // The moved event still sits at `last` (only the count went down), so before() can compare it.
      if (t < pt || (t === pt && this.before(last, p))) {
        this.hTime[i] = t;
        this.up(i, slot);
        return;
      }
    }
    this.down(i, last);
  }

  // Moves the event `slot`, whose time the caller wrote at heap position `at`, up from there past later
  // parents (one write per level). The time is read from the array: a double argument to a call V8 does
  // not inline is boxed, one allocation per push.
  // Integer arithmetic is written with `| 0` so that V8 keeps indices untagged and unchecked.
  private up(at: number, slot: number): void {
    const hTime = this.hTime, ix = this.ix;
    let i = at | 0;
    // Not into the root while a pushed event sits there unsunk (see `held`): 4 = its last child.
    const t = hTime[i] as number, top = (this.held & 2) << 1;
    while (i > top) {
      const p = (i - 1) >> 2;
      const pt = hTime[p] as number;
      if (pt < t) break;
      const ps = ix[(2 * p) | 0] as number;
      if (pt === t && (this.sSeq[ps] as number) < (this.sSeq[slot] as number)) break;
      hTime[i] = pt;
      ix[(2 * i) | 0] = ps;
      ix[(2 * ps + 1) | 0] = i;
      i = p;
    }
    hTime[i] = t;
    ix[(2 * i) | 0] = slot;
    ix[(2 * slot + 1) | 0] = i;
  }

  // Puts the event at heap position j into the hole at i, moving the earliest child up past it while
  // it is earlier. It reads the event from the arrays: a double argument to a call V8 does not inline
  // would be boxed.
  private down(from: number, j: number): void {
    const n = this.n, hTime = this.hTime, ix = this.ix;
    const t = hTime[j] as number, slot = ix[(2 * j) | 0] as number;
    let i = from | 0;
    for (;;) {
      const c = (4 * i + 1) | 0;
      if (c >= n) break;
      // The earliest of the (up to four) children, unrolled: a loop would check the stack at each turn.
      let m = c, mt = hTime[c] as number;
      let k = (c + 1) | 0;
      if (k < n) {
        const kt = hTime[k] as number;
        if (kt < mt || (kt === mt && this.before(k, m))) { m = k; mt = kt; }
        if ((k = (k + 1) | 0) < n) {
          const kt = hTime[k] as number;
          if (kt < mt || (kt === mt && this.before(k, m))) { m = k; mt = kt; }
          if ((k = (k + 1) | 0) < n) {
            const kt = hTime[k] as number;
            if (kt < mt || (kt === mt && this.before(k, m))) { m = k; mt = kt; }
          }
        }
      }
      if (t < mt) break;
      const ms = ix[(2 * m) | 0] as number;
      if (t === mt && (this.sSeq[slot] as number) < (this.sSeq[ms] as number)) break;
      hTime[i] = mt;
      ix[(2 * i) | 0] = ms;
      ix[(2 * ms + 1) | 0] = i;
      i = m;
    }
    hTime[i] = t;
    ix[(2 * i) | 0] = slot;
    ix[(2 * slot + 1) | 0] = i;
  }

  // Whether the event at heap position a was scheduled before the one at b (for equal times).
  private before(a: number, b: number): boolean {
    const ix = this.ix, sSeq = this.sSeq;
    return (sSeq[ix[2 * a] as number] as number) < (sSeq[ix[2 * b] as number] as number);
  }

  // push() when the table is half full: doubles it first (out of line, so that push stays small).
  // (Never while `next` holds a fired event at the root: that push does not add to the count.)
  private pushGrown(time: number, kind: number, data: number): EventHandle {
    this.grow();
    return this.push(time, kind, data);
  }

  // Doubles the table: each pending event moves to the slot of its id under the new mask (two ids in
  // one new slot would share their old slot too, so the moves never collide), with the same heap position.
  private grow(): void {
    const c = this.cap * 2;
    if (c > MAX_SLOTS) throw new RangeError(`EventQueue: more than ${MAX_SLOTS / 2} pending events`);
    const mask = c - 1, n = this.n;
    const oix = this.ix, osl = this.sl, oseq = this.sSeq;
    const ix = new Int32Array(2 * c).fill(-1), sl = new Int32Array(S_STRIDE * c), sSeq = new Float64Array(c);
    for (let i = 0; i < n; i++) {
      const s = oix[2 * i] as number, o = s * S_STRIDE;
      const id = osl[o + S_ID] as number, t = id & mask, to = t * S_STRIDE;
      sl[to + S_KIND] = osl[o + S_KIND] as number;
      sl[to + S_DATA] = osl[o + S_DATA] as number;
      sl[to + S_ID] = id;
      sSeq[t] = oseq[s] as number;
      ix[2 * i] = t;
      ix[2 * t + 1] = i;
    }
    this.hTime = grown(this.hTime, c >> 1);
    this.ix = ix;
    this.sl = sl;
    this.sSeq = sSeq;
    this.cap = c;
    this.mask = mask;
    this.limit = c >> 1;
  }
}
