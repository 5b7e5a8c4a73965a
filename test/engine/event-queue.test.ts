import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/engine/event-queue.js';

// A deliberately simple model of the queue: a list searched linearly for the least (time, seq).
interface ModelEvent { id: number; time: number; seq: number; kind: number; data: number }
class ModelQueue {
  private events: ModelEvent[] = [];
  private seq = 0;
  push(id: number, time: number, kind: number, data: number): void {
    this.events.push({ id, time, seq: this.seq++, kind, data });
  }
  pop(): ModelEvent | undefined {
    if (this.events.length === 0) return undefined;
    let best = 0;
    for (let i = 1; i < this.events.length; i++) {
      const e = this.events[i] as ModelEvent, b = this.events[best] as ModelEvent;
      if (e.time < b.time || (e.time === b.time && e.seq < b.seq)) best = i;
    }
    return this.events.splice(best, 1)[0];
  }
  cancel(id: number): boolean {
    const i = this.events.findIndex((e) => e.id === id);
    if (i < 0) return false;
    this.events.splice(i, 1);
    return true;
  }
  reschedule(id: number, time: number): boolean {
    const e = this.events.find((x) => x.id === id);
    if (e === undefined) return false;
    e.time = time;
    e.seq = this.seq++; // ordered as if scheduled now
    return true;
  }
  timeOf(id: number): number {
    return this.events.find((e) => e.id === id)?.time ?? NaN;
  }
  get size(): number {
    return this.events.length;
  }
  peekTime(): number {
    let t = Infinity;
    for (const e of this.events) if (e.time < t) t = e.time;
    return t;
  }
}

// Times from a small grid, so that ties (which the sequence number must order) are common, and now
// and then t = ∞ (which popBy never takes).
const time = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: 0, max: 8 }) },
  { weight: 10, arbitrary: fc.double({ min: 0, max: 8, noNaN: true }) },
  { weight: 1, arbitrary: fc.constant(Infinity) },
);
const command = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('push' as const), time }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('pop' as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('popBy' as const), time }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('reschedule' as const), pick: fc.nat(), time }) },
);

type Command =
  | { op: 'push'; time: number }
  | { op: 'pop' }
  | { op: 'popBy'; time: number }
  | { op: 'cancel'; pick: number }
  | { op: 'reschedule'; pick: number; time: number };

// Runs the commands on the queue and on the model, checking that they agree after each, then drains
// both. cancel and reschedule pick among every handle ever returned, pending or stale. Every handle
// must be an integer in [0, 2^30) (a small integer to V8), distinct from every earlier one.
function agreesWithModel(q: EventQueue, commands: readonly Command[]): void {
  const model = new ModelQueue();
  const handles: number[] = []; // by id, including stale ones
  const seen = new Set<number>();
  const check = (id: number) => {
    const h = handles[id] as number;
    expect(q.isPending(h)).toBe(!Number.isNaN(model.timeOf(id)));
    expect(q.timeOf(h)).toEqual(model.timeOf(id));
  };
  for (const c of commands) {
    if (c.op === 'push') {
      const id = handles.length;
      const h = q.push(c.time, id % 7, id);
      expect(Number.isInteger(h) && h >= 0 && h < 2 ** 30 && !seen.has(h)).toBe(true);
      seen.add(h);
      handles.push(h);
      model.push(id, c.time, id % 7, id);
    } else if (c.op === 'pop') {
      const want = model.pop();
      expect(q.pop()).toBe(want !== undefined);
      if (want !== undefined) {
        expect(q.poppedTime).toBe(want.time);
        expect(q.poppedKind).toBe(want.kind);
        expect(q.poppedData).toBe(want.data);
      }
    } else if (c.op === 'popBy') {
      // popBy(until) pops exactly when the earliest event is at or before until and before t = ∞.
      const due = model.peekTime() <= c.time && model.peekTime() < Infinity;
      const want = due ? model.pop() : undefined;
      expect(q.popBy(c.time)).toBe(due);
      if (want !== undefined) {
        expect(q.poppedTime).toBe(want.time);
        expect(q.poppedKind).toBe(want.kind);
        expect(q.poppedData).toBe(want.data);
      }
    } else if (handles.length > 0) {
      const id = c.pick % handles.length;
      if (c.op === 'cancel') expect(q.cancel(handles[id] as number)).toBe(model.cancel(id));
      else expect(q.reschedule(handles[id] as number, c.time)).toBe(model.reschedule(id, c.time));
      check(id);
    }
    expect(q.size).toBe(model.size);
    expect(q.peekTime()).toBe(model.peekTime());
  }
  // Drain: the rest comes out in model order too, and then every handle is stale.
  for (let want = model.pop(); want !== undefined; want = model.pop()) {
    expect(q.pop()).toBe(true);
    expect([q.poppedTime, q.poppedData]).toEqual([want.time, want.data]);
  }
  expect(q.pop()).toBe(false);
  for (const h of handles) expect([q.isPending(h), q.cancel(h), q.reschedule(h, 1)]).toEqual([false, false, false]);
}

// The queue's id counter, set forward: an id wraps to 0 after 2^30 pushes, too many for a test to make.
function startIdsAt(q: EventQueue, id: number): void {
  (q as unknown as { nextId: number }).nextId = id;
}

describe('EventQueue', () => {
  it('pop() and popBy() yield events sorted by (time, insertion order) under random push/cancel/reschedule, like a reference model', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 200 }), (commands) => {
        agreesWithModel(new EventQueue(1), commands); // the minimum size, so growing is exercised too
      }),
      { numRuns: 1000 },
    );
  });

  it('handles stay distinct small integers while slots are reused many times, across growth and the wrap of ids, and a stale one never touches a later event', () => {
    // Long runs, pops about as frequent as pushes, so that few events are pending and each slot of the
    // (smallest) table is reused many times; now and then a burst of pushes grows the table. Most
    // cancels and reschedules pick a stale handle. Half the runs start the ids just before they wrap.
    const burst = fc.array(fc.record({ op: fc.constant('push' as const), time }), { minLength: 10, maxLength: 40 });
    const step = fc.oneof(
      { weight: 30, arbitrary: command.map((c) => [c]) },
      { weight: 10, arbitrary: fc.constant([{ op: 'pop' as const }]) },
      { weight: 1, arbitrary: burst },
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 200, maxLength: 1500 }), fc.boolean(), (steps, nearWrap) => {
        const q = new EventQueue(1);
        if (nearWrap) startIdsAt(q, 2 ** 30 - 100);
        agreesWithModel(q, steps.flat());
      }),
      { numRuns: 150 },
    );
  });

  it('a handle from before the ids wrapped is stale, and the id counter skips slots still taken', () => {
    const q = new EventQueue(1); // 32 slots, 16 pending at most before growing
    startIdsAt(q, 2 ** 30 - 2);
    const long = q.push(100, 0, 1); // stays pending throughout, in slot (2^30 - 2) mod 32 = 30
    expect(long).toBe(2 ** 30 - 2);
    const a = q.push(1, 0, 2);
    expect(a).toBe(2 ** 30 - 1);
    expect(q.pop()).toBe(true);
    const b = q.push(2, 0, 3);
    expect(b).toBe(0); // wrapped
    expect(q.isPending(a)).toBe(false);
    // Ids 1 … 29 next; then 30's slot is the long event's (taken: skipped), 31's (free), …
    const ids: number[] = [];
    for (let i = 0; i < 31; i++) {
      q.pop(); // b, then each event just pushed: one pending besides the long one
      ids.push(q.push(3 + i, 0, 10 + i));
    }
    expect(ids).toEqual([...Array.from({ length: 29 }, (_, i) => i + 1), 31, 32]);
    expect([q.timeOf(long), q.cancel(a), q.reschedule(a, 5), q.size]).toEqual([100, false, false, 2]);
    expect(q.isPending(2 ** 30 - 1)).toBe(false);
    expect(q.cancel(long)).toBe(true);
  });

  it('growing moves pending events to new slots while their handles stay valid, also while next() holds the root', () => {
    const q = new EventQueue(1);
    const hs: number[] = [];
    for (let i = 0; i < 16; i++) hs.push(q.push(10 + i, 0, i)); // 16 pending: the next push grows
    expect(q.next(Number.MAX_VALUE)).toBe(true); // takes data 0; the next push replaces it at the root
    expect(q.poppedData).toBe(0);
    for (let i = 16; i < 100; i++) hs.push(q.push(10 + i, 0, i));
    expect(q.isPending(hs[0] as number)).toBe(false);
    for (let i = 1; i < 100; i++) expect(q.timeOf(hs[i] as number)).toBe(10 + i);
    expect(q.reschedule(hs[50] as number, 1)).toBe(true);
    expect(q.cancel(hs[1] as number)).toBe(true);
    const out: number[] = [];
    while (q.pop()) out.push(q.poppedData);
    expect(out).toEqual([50, ...Array.from({ length: 98 }, (_, i) => i + 2).filter((i) => i !== 50)]);
  });

  it('next() (the simulator\'s pop, which keeps the fired event at the root until the next call) agrees with the model under the simulator\'s use', () => {
    // As in Simulator.run: next() takes an event, then a "handler" pushes, cancels and reschedules
    // events never before the clock (the taken event's time), and reads size, isPending and timeOf
    // without settling; now and then peekTime(), pop() or clear() settles the taken event first.
    const handlerOp = fc.oneof(
      { weight: 5, arbitrary: fc.record({ op: fc.constant('push' as const), dt: time }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant('cancel' as const), pick: fc.nat() }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant('reschedule' as const), pick: fc.nat(), dt: time }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('peek' as const) }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('pop' as const) }) },
    );
    const round = fc.record({ until: time, ops: fc.array(handlerOp, { maxLength: 6 }), clear: fc.nat({ max: 60 }) });
    fc.assert(
      fc.property(fc.array(fc.record({ dt: time }), { maxLength: 60 }), fc.array(round, { maxLength: 80 }), (initial, rounds) => {
        const q = new EventQueue(1);
        const model = new ModelQueue();
        const handles: number[] = [];
        let now = 0;
        const push = (t: number) => {
          const id = handles.length;
          handles.push(q.push(t, id % 5, id));
          model.push(id, t, id % 5, id);
        };
        for (const e of initial) push(e.dt);
        for (const r of rounds) {
          if (r.clear === 0) {
            q.clear();
            while (model.pop() !== undefined);
          }
          const due = model.peekTime() <= r.until && model.peekTime() < Infinity;
          const want = due ? model.pop() : undefined;
          expect(q.next(r.until === Infinity ? Number.MAX_VALUE : r.until)).toBe(due); // next takes a finite bound
          if (want === undefined) continue;
          expect([q.poppedTime, q.poppedKind, q.poppedData]).toEqual([want.time, want.kind, want.data]);
          now = want.time;
          expect(q.isPending(handles[want.id] as number)).toBe(false);
          expect(q.cancel(handles[want.id] as number)).toBe(false);
          for (const op of r.ops) {
            if (op.op === 'push') push(now + op.dt);
            else if (op.op === 'peek') expect(q.peekTime()).toBe(model.peekTime());
            else if (op.op === 'pop') {
              const w = model.pop();
              expect(q.pop()).toBe(w !== undefined);
              if (w !== undefined) expect([q.poppedTime, q.poppedData]).toEqual([w.time, w.data]);
            } else if (handles.length > 0) {
              const id = op.pick % handles.length, h = handles[id] as number;
              if (op.op === 'cancel') expect(q.cancel(h)).toBe(model.cancel(id));
              else expect(q.reschedule(h, now + op.dt)).toBe(model.reschedule(id, now + op.dt));
              expect(q.isPending(h)).toBe(!Number.isNaN(model.timeOf(id)));
              expect(q.timeOf(h)).toEqual(model.timeOf(id));
            }
            expect(q.size).toBe(model.size);
          }
        }
        for (let w = model.pop(); w !== undefined; w = model.pop()) {
          expect(q.next(Number.MAX_VALUE) || q.pop()).toBe(true);
          expect([q.poppedTime, q.poppedData]).toEqual([w.time, w.data]);
        }
        expect(q.size).toBe(0);
        expect(q.pop()).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('pop() on an empty queue returns false and peekTime() is Infinity', () => {
    const q = new EventQueue();
    expect(q.pop()).toBe(false);
    expect(q.peekTime()).toBe(Infinity);
    expect(q.size).toBe(0);
  });

  it('hasEventBy(until) is true exactly when the earliest pending event is at or before until and before t = ∞', () => {
    const q = new EventQueue();
    expect(q.hasEventBy(Infinity)).toBe(false);
    const h = q.push(Infinity, 0, 1);
    expect(q.hasEventBy(Infinity)).toBe(false); // an event at t = ∞ never fires
    q.push(5, 0, 2);
    expect(q.hasEventBy(4.999)).toBe(false);
    expect(q.hasEventBy(5)).toBe(true);
    expect(q.hasEventBy(Infinity)).toBe(true);
    q.pop();
    expect(q.hasEventBy(1e300)).toBe(false);
    q.cancel(h);
    expect(q.hasEventBy(Infinity)).toBe(false);
  });

  it('push() at equal times pops in the order pushed, with kind and data intact', () => {
    const q = new EventQueue();
    for (let i = 0; i < 50; i++) q.push(3, i % 4, 1000 + i);
    const out: Array<[number, number]> = [];
    while (q.pop()) out.push([q.poppedKind, q.poppedData]);
    expect(out).toEqual(Array.from({ length: 50 }, (_, i) => [i % 4, 1000 + i]));
  });

  it('cancel() of a fired event returns false even after its slot is reused', () => {
    const q = new EventQueue();
    const a = q.push(1, 0, 1);
    expect(q.pop()).toBe(true);
    const b = q.push(2, 0, 2); // reuses a's slot
    expect(q.cancel(a)).toBe(false);
    expect(q.isPending(b)).toBe(true);
    expect(q.reschedule(a, 5)).toBe(false);
    expect(q.timeOf(b)).toBe(2);
  });

  it('reschedule() to the same time puts the event after the others pending at that time', () => {
    const q = new EventQueue();
    const a = q.push(1, 0, 1);
    q.push(1, 0, 2);
    q.push(1, 0, 3);
    q.reschedule(a, 1);
    const order: number[] = [];
    while (q.pop()) order.push(q.poppedData);
    expect(order).toEqual([2, 3, 1]);
  });

  it('clear() drops every event and makes outstanding handles stale', () => {
    const q = new EventQueue();
    const hs = [q.push(1, 0, 0), q.push(2, 0, 1), q.push(0.5, 0, 2)];
    q.clear();
    expect(q.size).toBe(0);
    expect(q.pop()).toBe(false);
    for (const h of hs) expect(q.isPending(h)).toBe(false);
    const h = q.push(4, 1, 9);
    expect(q.timeOf(h)).toBe(4);
    expect(hs.map((x) => q.cancel(x))).toEqual([false, false, false]);
  });

  it('push() of 100 000 events in reverse time order pops them in ascending order', () => {
    const q = new EventQueue(16);
    const n = 100_000;
    for (let i = 0; i < n; i++) q.push(n - i, 0, i);
    let last = -Infinity, count = 0, outOfOrder = 0;
    while (q.pop()) {
      if (!(q.poppedTime > last) || q.poppedData !== n - 1 - count) outOfOrder++;
      last = q.poppedTime;
      count++;
    }
    expect(count).toBe(n);
    expect(outOfOrder).toBe(0);
  });
});
