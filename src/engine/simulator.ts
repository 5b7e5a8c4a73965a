import { EventQueue, type EventHandle } from './event-queue.js';
import { SimEvent } from './sim-event.js';
import { startProcess, type ProcessBody } from './process.js';

/**
 * Handles one kind of event. It receives the event's integer payload; `sim.now` is the event's time.
 *
 * @example
 * ```ts
 * const onTick: EventHandler = (data, sim) => console.log(sim.now, data);
 * ```
 */
export type EventHandler = (data: number, sim: Simulator) => void;

/**
 * Options for {@link Simulator.run}.
 *
 * @example
 * ```ts
 * sim.run({ until: 3600 });
 * ```
 */
export interface RunOptions {
  /**
   * Stop before the first event later than this time, and set the clock to it.
   * @defaultValue `Infinity`: run until no event is pending.
   */
  readonly until?: number;
}

/**
 * A small discrete-event kernel: a clock in seconds, a typed-array event queue ordered by
 * (time, scheduling order), integer event kinds dispatched to handlers, `step()` and `run()`.
 * Generator-based processes ({@link Simulator.process}) sit on top for users' own models.
 *
 * The clock never goes back: scheduling in the past is an error.
 *
 * @example
 * ```ts
 * const sim = new Simulator();
 * const TICK = sim.on((n, s) => { if (n < 3) s.schedule(1, TICK, n + 1); });
 * sim.schedule(0, TICK, 0);
 * sim.run();
 * sim.now; // 3
 * ```
 */
export class Simulator {
  /** The current simulated time in seconds. */
  now = 0;
  /** How many events have been processed. */
  eventsProcessed = 0;
  private readonly queue: EventQueue;
  private readonly handlers: EventHandler[] = [];
  /** @internal */ readonly fireKind: number;
  /** @internal */ readonly resumeKind: number;
  /** @internal */ readonly pendingEvents: Array<SimEvent<unknown> | undefined> = [];
  /** @internal */ readonly pendingResumes: Array<(() => void) | undefined> = [];
  // One free list per table: an id is free in one table while the other may still use it.
  private freeEventIds: number[] = [];
  private freeResumeIds: number[] = [];
  private failure: { error: unknown } | undefined;
  // The time `run` stops after (`Number.MAX_VALUE` for no bound: the queue's `next` takes a finite one);
  // -Infinity once a failure no one handled must stop it (see `_unhandled`), so that the loop checks for
  // failures only through the bound it checks anyway.
  private bound = Number.MAX_VALUE;

  /**
   * @param initialCapacity - Pending events to make room for up front (more grow the queue). @defaultValue 1024
   */
  constructor(initialCapacity = 1024) {
    this.queue = new EventQueue(initialCapacity);
    this.fireKind = this.on((id) => {
      const ev = this.pendingEvents[id];
      this.pendingEvents[id] = undefined;
      this.freeEventIds.push(id);
      ev?._fire();
    });
    this.resumeKind = this.on((id) => {
      const resume = this.pendingResumes[id];
      this.pendingResumes[id] = undefined;
      this.freeResumeIds.push(id);
      resume?.();
    });
  }

  /**
   * Registers a handler and returns the event kind that dispatches to it.
   *
   * @example
   * ```ts
   * const ARRIVAL = sim.on((workload) => { ... });
   * ```
   */
  on(handler: EventHandler): number {
    this.handlers.push(handler);
    return this.handlers.length - 1;
  }

  /**
   * Schedules an event `delay` seconds from now.
   * @throws RangeError if `delay` is negative or not a number.
   */
  schedule(delay: number, kind: number, data = 0): EventHandle {
    if (!(delay >= 0)) throw pastDelay(delay);
    return this.queue.push(this.now + delay, kind, data);
  }

  /**
   * Schedules an event at an absolute time.
   * @throws RangeError if `time` is before {@link Simulator.now}.
   */
  scheduleAt(time: number, kind: number, data = 0): EventHandle {
    if (!(time >= this.now)) throw pastTime(time, this.now);
    return this.queue.push(time, kind, data);
  }

  /** Cancels a pending event; `false` if it already fired or was cancelled. */
  cancel(handle: EventHandle): boolean {
    return this.queue.cancel(handle);
  }

  /**
   * Moves a pending event to a new absolute time (not in the past).
   * @returns `false` if the event is no longer pending.
   */
  reschedule(handle: EventHandle, time: number): boolean {
    if (!(time >= this.now)) throw new RangeError(`cannot reschedule to t=${time}: the clock is already at ${this.now}`);
    return this.queue.reschedule(handle, time);
  }

  /** Whether the event with this handle is still pending. */
  isPending(handle: EventHandle): boolean {
    return handle >= 0 && this.queue.isPending(handle);
  }

  /** The time of the next pending event, or `Infinity`. */
  peek(): number {
    return this.queue.peekTime();
  }

  /** The number of pending events. */
  get pending(): number {
    return this.queue.size;
  }

  /**
   * Processes the next event. An event scheduled at t = ∞ never fires: it stays pending, and the
   * clock never reaches infinity (where every later time difference would be NaN).
   * @returns `false` if there was none (or only events at t = ∞).
   */
  step(): boolean {
    if (!this.queue.next(Number.MAX_VALUE)) return false;
    this.fire();
    return true;
  }

  // Runs the handler of the event just taken, then rethrows a failure no one handled.
  private fire(): void {
    this.dispatch(this.queue);
    this.rethrow();
  }

  // The queue is passed in, so that in run's loop V8 reads the fields `next` just wrote from the same
  // object it wrote them to, instead of loading and checking `this.queue` again after every handler.
  private dispatch(q: EventQueue): void {
    this.now = q.poppedTime;
    this.eventsProcessed++;
    (this.handlers[q.poppedKind] as EventHandler)(q.poppedData, this);
  }

  private rethrow(): void {
    if (this.failure !== undefined) {
      const { error } = this.failure;
      this.failure = undefined;
      throw error;
    }
  }

  /**
   * Processes events in order until none is pending or the next is later than `until`
   * (events at t = ∞ never fire). With a finite `until`, the clock ends exactly at `until`.
   */
  run(options: RunOptions = {}): void {
    const until = options.until ?? Infinity;
    if (!(until >= this.now)) throw new RangeError(`run({ until: ${until} }) is before the current time ${this.now}`);
    const q = this.queue;
    // A yes/no test rather than the next time carried round the loop: V8 boxes that double, one
    // allocation per event.
    // One loop, so that V8 inlines the queue's `next` (and its sift down) into it once. The bound is a
    // field: a failure sets it to -Infinity (see `_unhandled`), and V8 reads it as a raw double.
    const outer = this.bound; // a run() from inside a handler hands the outer run its own bound back
    this.bound = until === Infinity ? Number.MAX_VALUE : until;
    while (q.next(this.bound)) this.dispatch(q);
    this.bound = outer;
    this.rethrow();
    if (until !== Infinity) this.now = until;
  }

  /**
   * Creates a one-shot event that processes can wait for; trigger it with `succeed` or `fail`.
   *
   * @example
   * ```ts
   * const done = sim.event<string>();
   * sim.process(function* () { const v = yield done; console.log(v); });
   * done.succeed('ready');
   * ```
   */
  event<T = unknown>(): SimEvent<T> {
    return new SimEvent<T>(this);
  }

  /**
   * An event that succeeds `delay` seconds from now with `value`.
   *
   * @example
   * ```ts
   * sim.process(function* () { yield sim.timeout(5); });
   * ```
   */
  timeout<T = undefined>(delay: number, value?: T): SimEvent<T> {
    const ev = new SimEvent<T>(this);
    ev._scheduleSuccess(delay, value as T);
    return ev;
  }

  /**
   * Starts a generator-based process. The body yields a number (wait that many seconds) or a
   * {@link SimEvent} (wait for it; the `yield` expression gives its value, or throws its error).
   * The returned event succeeds with the generator's return value. A failure nobody waits for
   * stops the run, as in SimPy.
   *
   * @example
   * ```ts
   * const sim = new Simulator();
   * const p = sim.process(function* () {
   *   yield 2;                       // wait 2 s
   *   const v = yield sim.timeout(3, 'hi');
   *   return v;                      // 'hi', at t = 5
   * });
   * sim.run();
   * p.value; // 'hi'
   * ```
   */
  process<T>(body: ProcessBody<T>): SimEvent<T> {
    return startProcess(this, body);
  }

  /**
   * An event that succeeds when every given event has succeeded, with their values in order;
   * it fails as soon as one fails.
   *
   * @example
   * ```ts
   * yield sim.allOf([sim.timeout(1), sim.timeout(2)]); // resumes at +2
   * ```
   */
  allOf<T>(events: readonly SimEvent<T>[]): SimEvent<T[]> {
    const all = new SimEvent<T[]>(this);
    const values: T[] = new Array<T>(events.length);
    let left = events.length;
    if (left === 0) all.succeed(values);
    events.forEach((ev, i) => ev._then((ok, v) => {
      if (all.triggered) return;
      if (!ok) return all.fail(v);
      values[i] = v as T;
      if (--left === 0) all.succeed(values);
    }));
    return all;
  }

  /**
   * An event that succeeds (or fails) as soon as the first of the given events does, with its value.
   *
   * @example
   * ```ts
   * const first = yield sim.anyOf([sim.timeout(1, 'a'), sim.timeout(2, 'b')]); // 'a'
   * ```
   */
  anyOf<T>(events: readonly SimEvent<T>[]): SimEvent<T> {
    const any = new SimEvent<T>(this);
    for (const ev of events) ev._then((ok, v) => {
      if (any.triggered) return;
      if (ok) any.succeed(v as T);
      else any.fail(v);
    });
    return any;
  }

  /** @internal Queues an event's callbacks to run at the current time, after what is already due now. */
  _enqueueFire(ev: SimEvent<unknown>, delay: number): EventHandle {
    const id = this.freeEventIds.pop() ?? this.pendingEvents.length;
    this.pendingEvents[id] = ev;
    return this.schedule(delay, this.fireKind, id);
  }

  /** @internal Queues a process resumption at the current time. */
  _enqueueResume(resume: () => void): void {
    const id = this.freeResumeIds.pop() ?? this.pendingResumes.length;
    this.pendingResumes[id] = resume;
    this.schedule(0, this.resumeKind, id);
  }

  /** @internal Records a failure no one handled; {@link Simulator.step} rethrows it. */
  _unhandled(error: unknown): void {
    this.failure ??= { error };
    this.bound = -Infinity; // stops run() after this event
  }
}

// The errors of schedule and scheduleAt, made out of line so that those two stay small enough for V8
// to inline into every caller (a double passed to a call that is not inlined is boxed).
function pastDelay(delay: number): RangeError {
  return new RangeError(`cannot schedule ${delay} s from now: events cannot be scheduled in the past`);
}

function pastTime(time: number, now: number): RangeError {
  return new RangeError(`cannot schedule at t=${time}: the clock is already at ${now}`);
}
