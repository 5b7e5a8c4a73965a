import { ContainerRing } from './container-ring.js';
import type { PendingQueue, QueueContext } from './pending-queue.js';

/**
 * First in, first out with head-of-line blocking (the scenario's `queue: fifo`, the default): a
 * container starts at once only when nobody waits, and when capacity frees, containers are placed from
 * the head until one does not fit (or is backing off).
 *
 * @example
 * ```ts
 * new Simulation(scenario, { queue: new FifoQueue() });
 * ```
 */
export class FifoQueue implements PendingQueue {
  private readonly ring = new ContainerRing();

  get length(): number {
    return this.ring.length;
  }

  at(i: number): number {
    return this.ring.at(i);
  }

  // `attempt(c) !== true` rather than `!attempt(c)`: the call is not inlined, so V8 does not know it
  // returns a boolean, and `!` compiles to a full ToBoolean (six tests) where `!== true` is one compare.
  add(container: number, _again: boolean, ctx: QueueContext): number {
    if (this.ring.length > 0 || ctx.attempt(container) !== true) this.ring.push(container);
    return Infinity;
  }

  drain(ctx: QueueContext): number {
    const ring = this.ring;
    while (ring.length > 0) {
      const c = ring.at(0);
      const at = ctx.retryAt(c);
      if (at > ctx.now) return at;
      if (ctx.attempt(c) !== true) break;
      ring.shift();
    }
    return Infinity;
  }
}
