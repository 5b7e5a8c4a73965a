import { ContainerRing } from './container-ring.js';
import type { PendingQueue, QueueContext } from './pending-queue.js';

/**
 * Arrival order without head-of-line blocking (the scenario's `queue: skip`): a container is tried at
 * once, and when capacity frees every waiting container that fits is placed, in order; the rest keep
 * their places.
 *
 * @example
 * ```ts
 * new Simulation(scenario, { queue: new SkipQueue() });
 * ```
 */
export class SkipQueue implements PendingQueue {
  private readonly ring = new ContainerRing();

  get length(): number {
    return this.ring.length;
  }

  at(i: number): number {
    return this.ring.at(i);
  }

  // `attempt(c) !== true`, as in FifoQueue: one compare where `!` on a call's result is a full ToBoolean.
  add(container: number, _again: boolean, ctx: QueueContext): number {
    if (ctx.attempt(container) !== true) this.ring.push(container);
    return Infinity;
  }

  drain(ctx: QueueContext): number {
    const ring = this.ring, n = ring.length, now = ctx.now;
    let due = Infinity;
    ring.beginRetain();
    for (let i = 0; i < n; i++) {
      const c = ring.at(i);
      const at = ctx.retryAt(c);
      if (at > now) {
        if (at < due) due = at;
        ring.retain(c);
      } else if (ctx.attempt(c) !== true) ring.retain(c);
    }
    ring.endRetain();
    return due;
  }
}
