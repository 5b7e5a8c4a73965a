import type { Simulator } from './simulator.js';

type Callback = (ok: boolean, value: unknown) => void;

/**
 * A one-shot event in a {@link Simulator}: it starts pending, is triggered once with a value
 * (`succeed`) or an error (`fail`), and then runs its callbacks in the order they were added,
 * at the simulated time it was triggered. Triggering it twice is an error.
 *
 * @example
 * ```ts
 * const ev = sim.event<number>();
 * sim.process(function* () { const n = yield ev; console.log(n); });
 * ev.succeed(42);
 * sim.run(); // prints 42
 * ```
 */
export class SimEvent<T = unknown> {
  private state: 'pending' | 'scheduled' | 'succeeded' | 'failed' = 'pending';
  private result: unknown = undefined;
  private callbacks: Callback[] = [];
  private handled = false;

  /** @internal */
  constructor(private readonly sim: Simulator) {}

  /** Whether `succeed` or `fail` has been called. */
  get triggered(): boolean {
    return this.state !== 'pending';
  }

  /** Whether the event has fired (its callbacks have run or are running). */
  get processed(): boolean {
    return this.state === 'succeeded' || this.state === 'failed';
  }

  /** Whether it succeeded; meaningful once processed. */
  get ok(): boolean {
    return this.state === 'succeeded' || (this.state === 'scheduled' && !this.failing);
  }

  /** The value it succeeded with. */
  get value(): T {
    if (this.state !== 'succeeded') throw new Error('SimEvent: value read before the event succeeded');
    return this.result as T;
  }

  private failing = false;

  /** Triggers the event with a value; its waiters resume at the current time. */
  succeed(value: T): this {
    this._trigger(true, value, 0);
    return this;
  }

  /** Triggers the event with an error; waiters see it thrown at their `yield`. */
  fail(error: unknown): this {
    this._trigger(false, error, 0);
    return this;
  }

  /** @internal */
  _scheduleSuccess(delay: number, value: T): void {
    this._trigger(true, value, delay);
  }

  private _trigger(ok: boolean, value: unknown, delay: number): void {
    if (this.state !== 'pending') throw new Error('SimEvent: an event can be triggered only once');
    this.state = 'scheduled';
    this.failing = !ok;
    this.result = value;
    this.sim._enqueueFire(this as SimEvent<unknown>, delay);
  }

  /** @internal Adds a callback; if already processed it runs at the current time. */
  _then(cb: Callback): void {
    this.handled = true;
    if (this.processed) {
      const ok = this.state === 'succeeded';
      const v = this.result;
      this.sim._enqueueResume(() => cb(ok, v));
    } else this.callbacks.push(cb);
  }

  /** @internal */
  _fire(): void {
    this.state = this.failing ? 'failed' : 'succeeded';
    const cbs = this.callbacks;
    this.callbacks = [];
    for (const cb of cbs) cb(!this.failing, this.result);
    if (this.failing && !this.handled) this.sim._unhandled(this.result);
  }
}
