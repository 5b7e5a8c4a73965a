import type { Simulator } from './simulator.js';
import { SimEvent } from './sim-event.js';

/**
 * What a process body may yield: a delay in seconds, or an event to wait for.
 *
 * @example
 * ```ts
 * function* body(): ProcessBody<void> extends () => infer G ? G : never { yield 1; }
 * ```
 */
export type Yieldable = number | SimEvent<unknown>;

/**
 * A process body: a generator function yielding delays or events. The value of a `yield` of an
 * event is that event's value; its return value becomes the process event's value.
 *
 * @example
 * ```ts
 * const body: ProcessBody<number> = function* () { yield 1; return 7; };
 * ```
 */
export type ProcessBody<T> = () => Generator<Yieldable, T, any>;

/** @internal Runs a process body on a simulator; see {@link Simulator.process}. */
export function startProcess<T>(sim: Simulator, body: ProcessBody<T>): SimEvent<T> {
  const done = new SimEvent<T>(sim);
  const gen = body();
  const advance = (ok: boolean, value: unknown): void => {
    let r: IteratorResult<Yieldable, T>;
    try {
      r = ok ? gen.next(value) : gen.throw(value);
    } catch (error) {
      done.fail(error);
      return;
    }
    if (r.done) {
      done.succeed(r.value);
      return;
    }
    const y = r.value;
    if (typeof y === 'number') {
      if (!(y >= 0)) {
        advance(false, new RangeError(`a process yielded ${y}: delays must be non-negative numbers`));
        return;
      }
      sim.timeout(y)._then(advance);
    } else if (y instanceof SimEvent) {
      y._then(advance);
    } else {
      advance(false, new TypeError('a process may yield only a delay in seconds or a SimEvent'));
    }
  };
  sim._enqueueResume(() => advance(true, undefined));
  return done;
}
