import type { Simulator } from '../../engine/simulator.js';
import type { EventHandle } from '../../engine/event-queue.js';

/**
 * @internal Keeps one pending event of kind `kind` per host in `events` (-1: none): moves it to
 * time `t`, schedules it, or cancels it when `t` is Infinity. The lifecycle's parts keep their
 * next CPU completion, network completion, memory check and pressure end this way.
 */
export function setHostEvent(sim: Simulator, events: EventHandle[], h: number, t: number, kind: number): void {
  const e = events[h] as number;
  if (t === Infinity) {
    if (e >= 0) sim.cancel(e);
    events[h] = -1;
  } else {
    const at = t > sim.now ? t : sim.now;
    if (e < 0 || !sim.reschedule(e, at)) events[h] = sim.scheduleAt(at, kind, h);
  }
}
