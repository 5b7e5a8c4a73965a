import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../src/engine/simulator.js';

describe('Simulator', () => {
  it('run() dispatches each event to its kind\'s handler with its data, at its time', () => {
    const sim = new Simulator();
    const seen: string[] = [];
    const A = sim.on((d, s) => seen.push(`A${d}@${s.now}`));
    const B = sim.on((d, s) => seen.push(`B${d}@${s.now}`));
    sim.schedule(2, A, 7);
    sim.schedule(1, B, 8);
    sim.scheduleAt(1.5, A, 9);
    sim.run();
    expect(seen).toEqual(['B8@1', 'A9@1.5', 'A7@2']);
    expect(sim.now).toBe(2);
    expect(sim.eventsProcessed).toBe(3);
  });

  it('schedule() of events at the same time runs them in the order they were scheduled', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    const K = sim.on((d) => seen.push(d));
    for (let i = 0; i < 20; i++) sim.schedule(5, K, i);
    sim.run();
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('step() processes one event at a time and returns false when none is left', () => {
    const sim = new Simulator();
    const K = sim.on(() => {});
    sim.schedule(1, K);
    sim.schedule(3, K);
    expect(sim.peek()).toBe(1);
    expect(sim.step()).toBe(true);
    expect([sim.now, sim.pending]).toEqual([1, 1]);
    expect(sim.step()).toBe(true);
    expect([sim.now, sim.pending]).toEqual([3, 0]);
    expect(sim.step()).toBe(false);
    expect(sim.now).toBe(3);
    expect(sim.peek()).toBe(Infinity);
  });

  it('run({ until }) stops before later events, sets the clock to until, and a later run() continues', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    const K = sim.on((d) => seen.push(d));
    sim.schedule(1, K, 1);
    sim.schedule(5, K, 5); // exactly at until: runs
    sim.schedule(6, K, 6);
    sim.run({ until: 5 });
    expect(seen).toEqual([1, 5]);
    expect(sim.now).toBe(5);
    expect(sim.pending).toBe(1);
    sim.run({ until: 5.5 });
    expect(sim.now).toBe(5.5);
    sim.run();
    expect(seen).toEqual([1, 5, 6]);
    expect(sim.now).toBe(6);
  });

  it('a run({ until }) from inside a handler leaves the outer run its own bound', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    const K = sim.on((n, s) => {
      seen.push(s.now);
      if (n === 1) s.run({ until: 2.5 }); // processes the events at 2, then the clock is at 2.5
    });
    for (let t = 1; t <= 4; t++) sim.scheduleAt(t, K, t);
    sim.run({ until: 3.5 });
    expect(seen).toEqual([1, 2, 3]);
    expect(sim.now).toBe(3.5);
    expect(sim.pending).toBe(1);
  });

  it('run({ until }) with no events advances the clock to until', () => {
    const sim = new Simulator();
    sim.run({ until: 10 });
    expect(sim.now).toBe(10);
  });

  it('an event scheduled at t = ∞ never fires: step() returns false and run() ends at the last finite event', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    const K = sim.on((d) => seen.push(d));
    sim.schedule(Infinity, K, 1);
    sim.schedule(2, K, 2);
    sim.run();
    expect(seen).toEqual([2]);
    expect(sim.now).toBe(2);
    expect(sim.pending).toBe(1);
    expect(sim.step()).toBe(false);
    sim.run({ until: 10 });
    expect([sim.now, seen.length]).toEqual([10, 1]);
    sim.scheduleAt(Number.MAX_VALUE, K, 3); // the largest finite time still fires
    sim.run();
    expect([sim.now, seen, sim.pending]).toEqual([Number.MAX_VALUE, [2, 3], 1]);
  });

  it('run({ until }) earlier than the clock throws a RangeError', () => {
    const sim = new Simulator();
    sim.run({ until: 10 });
    expect(() => sim.run({ until: 9 })).toThrow(RangeError);
  });

  it('schedule() with a negative or NaN delay throws, naming the past', () => {
    const sim = new Simulator();
    const K = sim.on(() => {});
    expect(() => sim.schedule(-1, K)).toThrow(/in the past/);
    expect(() => sim.schedule(Number.NaN, K)).toThrow(RangeError);
    expect(sim.pending).toBe(0);
  });

  it('scheduleAt() and reschedule() before the current time throw', () => {
    const sim = new Simulator();
    const K = sim.on(() => {});
    sim.run({ until: 4 });
    expect(() => sim.scheduleAt(3.999, K)).toThrow(/clock is already at 4/);
    const h = sim.scheduleAt(4, K); // now is fine
    expect(() => sim.reschedule(h, 1)).toThrow(RangeError);
    expect(sim.reschedule(h, 7)).toBe(true);
    sim.run();
    expect(sim.now).toBe(7);
  });

  it('cancel() keeps an event from running and returns false the second time', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    const K = sim.on((d) => seen.push(d));
    const a = sim.schedule(1, K, 1);
    sim.schedule(2, K, 2);
    expect(sim.cancel(a)).toBe(true);
    expect(sim.cancel(a)).toBe(false);
    sim.run();
    expect(seen).toEqual([2]);
    expect(sim.eventsProcessed).toBe(1);
  });

  it('reschedule() moves a pending event earlier or later, and fails once it has fired', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    const K = sim.on((d, s) => seen.push(d * 100 + s.now));
    const a = sim.schedule(10, K, 1);
    const b = sim.schedule(1, K, 2);
    sim.reschedule(a, 0.5);
    sim.reschedule(b, 20);
    sim.run({ until: 1 });
    expect(sim.reschedule(a, 30)).toBe(false);
    sim.run();
    expect(seen).toEqual([100.5, 220]);
  });

  it('handles stay distinct small integers over many events, and a fired event\'s handle never cancels or moves a later one', () => {
    // As the lifecycle's per-host events: a timer moved on every event, and each event scheduling the next.
    const sim = new Simulator(16);
    const handles: number[] = [];
    let timer = -1, fired = 0;
    const TIMER = sim.on(() => { timer = -1; });
    const STEP = sim.on((k, s) => {
      fired++;
      if (timer < 0 || !s.reschedule(timer, s.now + 5)) timer = s.scheduleAt(s.now + 5, TIMER, 0);
      if (k % 1000 === 0) for (const h of handles.slice(-3)) expect([s.cancel(h), s.reschedule(h, s.now + 1), s.isPending(h)]).toEqual([false, false, false]);
      if (k < 100_000) handles.push(s.schedule(1, STEP, k + 1));
    });
    handles.push(sim.schedule(0, STEP, 0));
    sim.run();
    expect(fired).toBe(100_001);
    expect(handles.every((h) => Number.isInteger(h) && h >= 0 && h < 2 ** 30)).toBe(true);
    expect(new Set(handles).size).toBe(handles.length);
    expect(handles.some((h) => sim.isPending(h) || sim.cancel(h))).toBe(false);
  });

  it('handlers may schedule, cancel and reschedule, and the clock never goes back', () => {
    // Each event schedules up to two more at random delays (including 0), and may cancel
    // or reschedule one that is pending. Time seen by handlers must be non-decreasing,
    // and every event must fire at the time it was last scheduled for.
    fc.assert(
      fc.property(
        fc.array(fc.record({
          delays: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 5, noNaN: true })), { maxLength: 2 }),
          action: fc.constantFrom('none', 'cancel', 'reschedule'),
          pick: fc.nat(),
          to: fc.double({ min: 0, max: 5, noNaN: true }),
        }), { minLength: 1, maxLength: 60 }),
        (script) => {
          const sim = new Simulator(16);
          const due = new Map<number, number>(); // event id → time it must fire at
          const handles = new Map<number, number>();
          let nextId = 0, last = -Infinity, step = 0, fired = 0;
          const wrong: string[] = []; // checked once at the end: expect() per event is slow
          const K = sim.on((id, s) => {
            if (s.now < last) wrong.push(`clock went back from ${last} to ${s.now}`);
            if (s.now !== due.get(id)) wrong.push(`event ${id} fired at ${s.now}, due ${due.get(id)}`);
            last = s.now;
            fired++;
            due.delete(id);
            handles.delete(id);
            const r = script[step++ % script.length];
            if (r === undefined || step > 200) return;
            for (const d of r.delays) {
              const nid = nextId++;
              handles.set(nid, s.schedule(d, K, nid));
              due.set(nid, s.now + d);
            }
            const ids = [...handles.keys()];
            if (ids.length === 0 || r.action === 'none') return;
            const victim = ids[r.pick % ids.length] as number;
            if (r.action === 'cancel') {
              if (!s.cancel(handles.get(victim) as number)) wrong.push(`cancel of pending ${victim} failed`);
              due.delete(victim);
              handles.delete(victim);
            } else {
              if (!s.reschedule(handles.get(victim) as number, s.now + r.to)) wrong.push(`reschedule of pending ${victim} failed`);
              due.set(victim, s.now + r.to);
            }
          });
          handles.set(nextId, sim.schedule(0, K, nextId));
          due.set(nextId++, 0);
          sim.run();
          expect(wrong).toEqual([]);
          expect(due.size).toBe(0);
          expect(sim.eventsProcessed).toBe(fired);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('Simulator processes', () => {
  it('process() runs a generator that yields delays and returns a value at the right time', () => {
    const sim = new Simulator();
    const times: number[] = [];
    const p = sim.process(function* () {
      times.push(sim.now);
      yield 2;
      times.push(sim.now);
      yield 0.5;
      times.push(sim.now);
      return 'done';
    });
    expect(p.triggered).toBe(false);
    sim.run();
    expect(times).toEqual([0, 2, 2.5]);
    expect(p.processed).toBe(true);
    expect(p.ok).toBe(true);
    expect(p.value).toBe('done');
  });

  it('yield of a timeout resumes after its delay with its value', () => {
    const sim = new Simulator();
    const got: unknown[] = [];
    sim.process(function* () {
      const v: string = yield sim.timeout(3, 'hi');
      got.push(v, sim.now);
    });
    sim.run();
    expect(got).toEqual(['hi', 3]);
  });

  it('yield of an event another process triggers resumes the waiter with its value at that time', () => {
    const sim = new Simulator();
    const ready = sim.event<number>();
    const got: number[] = [];
    sim.process(function* () {
      const v: number = yield ready;
      got.push(v, sim.now);
    });
    sim.process(function* () {
      yield 4;
      ready.succeed(42);
    });
    sim.run();
    expect(got).toEqual([42, 4]);
  });

  it('yield of a process waits for it to finish and receives its return value', () => {
    const sim = new Simulator();
    const child = sim.process(function* () { yield 1.5; return 9; });
    let got: unknown;
    sim.process(function* () { got = [yield child, sim.now]; });
    sim.run();
    expect(got).toEqual([9, 1.5]);
  });

  it('processes started at the same time start in creation order', () => {
    const sim = new Simulator();
    const order: string[] = [];
    for (const name of ['a', 'b', 'c']) sim.process(function* () { order.push(name); yield 1; order.push(name.toUpperCase()); });
    sim.run();
    expect(order).toEqual(['a', 'b', 'c', 'A', 'B', 'C']);
  });

  it('allOf() resumes when the last event succeeds, with every value in order', () => {
    const sim = new Simulator();
    let got: unknown;
    sim.process(function* () {
      got = [yield sim.allOf([sim.timeout(3, 'c'), sim.timeout(1, 'a'), sim.timeout(2, 'b')]), sim.now];
    });
    sim.run();
    expect(got).toEqual([['c', 'a', 'b'], 3]);
  });

  it('allOf([]) succeeds at once with an empty list', () => {
    const sim = new Simulator();
    let got: unknown;
    sim.process(function* () { got = [yield sim.allOf([]), sim.now]; });
    sim.run();
    expect(got).toEqual([[], 0]);
  });

  it('anyOf() resumes when the first event succeeds, with its value', () => {
    const sim = new Simulator();
    let got: unknown;
    sim.process(function* () {
      got = [yield sim.anyOf([sim.timeout(2, 'b'), sim.timeout(1, 'a'), sim.timeout(3, 'c')]), sim.now];
    });
    sim.run();
    expect(got).toEqual(['a', 1]);
    expect(sim.now).toBe(3); // the other timeouts still fire
  });

  it('allOf() fails as soon as one event fails, and the waiter can catch the error', () => {
    const sim = new Simulator();
    const bad = sim.event<string>();
    let caught: unknown;
    sim.process(function* () {
      try {
        yield sim.allOf([sim.timeout(5, 'x'), bad]);
      } catch (e) {
        caught = [e, sim.now];
      }
    });
    sim.process(function* () { yield 1; bad.fail(new Error('boom')); });
    sim.run();
    expect(caught).toEqual([new Error('boom'), 1]);
  });

  it('a failed event throws at the waiter\'s yield, and a caught failure does not stop the run', () => {
    const sim = new Simulator();
    const ev = sim.event();
    const log: string[] = [];
    sim.process(function* () {
      try {
        yield ev;
      } catch (e) {
        log.push(`caught ${(e as Error).message} at ${sim.now}`);
      }
      yield 1;
      log.push(`after at ${sim.now}`);
    });
    sim.process(function* () { yield 2; ev.fail(new Error('nope')); });
    expect(() => sim.run()).not.toThrow();
    expect(log).toEqual(['caught nope at 2', 'after at 3']);
  });

  it('a failing process with no waiter stops the run with its error', () => {
    const sim = new Simulator();
    const later: number[] = [];
    sim.process(function* () { yield 1; throw new Error('process crashed'); });
    const K = sim.on((d) => later.push(d));
    sim.schedule(5, K, 5);
    expect(() => sim.run()).toThrow('process crashed');
    expect(sim.now).toBe(1);
    expect(later).toEqual([]);
  });

  it('a failing process whose parent waits for it hands the error to the parent instead', () => {
    const sim = new Simulator();
    let caught: unknown;
    sim.process(function* () {
      const child = sim.process(function* () { yield 1; throw new Error('child failed'); });
      try {
        yield child;
      } catch (e) {
        caught = (e as Error).message;
      }
    });
    expect(() => sim.run()).not.toThrow();
    expect(caught).toBe('child failed');
  });

  it('yield of a negative delay throws a RangeError into the process', () => {
    const sim = new Simulator();
    let caught: unknown;
    sim.process(function* () {
      try {
        yield -1;
      } catch (e) {
        caught = e;
      }
    });
    sim.run();
    expect(caught).toBeInstanceOf(RangeError);
    expect(String(caught)).toMatch(/non-negative/);
  });

  it('yield of something that is neither a delay nor an event stops the run with a TypeError', () => {
    const sim = new Simulator();
    sim.process(function* () { yield 'soon' as unknown as number; });
    expect(() => sim.run()).toThrow(TypeError);
  });

  it('succeed() twice on one event throws, and value before success throws', () => {
    const sim = new Simulator();
    const ev = sim.event<number>();
    expect(() => ev.value).toThrow(/before the event succeeded/);
    ev.succeed(1);
    expect(() => ev.succeed(2)).toThrow(/only once/);
    expect(() => ev.fail(new Error('x'))).toThrow(/only once/);
    sim.run();
    expect(ev.value).toBe(1);
  });

  it('yield of an event that already fired resumes at once with its value', () => {
    const sim = new Simulator();
    const ev = sim.timeout(1, 'early');
    let got: unknown;
    sim.process(function* () { yield 5; got = [yield ev, sim.now]; });
    sim.run();
    expect(got).toEqual(['early', 5]);
  });

  it('timeouts created by processes never take the place of other pending timeouts', () => {
    // Regression: event and resume bookkeeping once shared one free list, so a process's own
    // timeout could overwrite a pending timeout's slot, which then never fired.
    const sim = new Simulator();
    const log: string[] = [];
    sim.process(function* () { yield 1; log.push(`p@${sim.now}`); });
    const t5 = sim.timeout(5, 'five');
    sim.process(function* () { const v: string = yield t5; log.push(`${v}@${sim.now}`); });
    sim.run();
    expect(log).toEqual(['p@1', 'five@5']);
  });

  it('many interleaved processes each wake at exactly their own times', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 6 }), { minLength: 1, maxLength: 8 }), (plans) => {
        const sim = new Simulator(16);
        const wakes: number[][] = plans.map(() => []);
        const outer = sim.timeout(3, 'outer');
        plans.forEach((delays, i) => sim.process(function* () {
          for (const d of delays) {
            if (d === 4) yield outer; // mix in a shared event
            else yield sim.timeout(d);
            (wakes[i] as number[]).push(sim.now);
          }
        }));
        sim.run();
        plans.forEach((delays, i) => {
          let t = 0;
          const want = delays.map((d) => (t = d === 4 ? Math.max(t, 3) : t + d));
          expect(wakes[i]).toEqual(want);
        });
      }),
      { numRuns: 1000 },
    );
  });
});
