import type { Simulation } from '../simulation/simulation.js';
import type { HostSampler } from '../report/host-sampler.js';
import type { Progress } from './progress.js';

/**
 * Options for {@link driveSimulation}.
 *
 * @example
 * ```ts
 * driveSimulation(run, { stopAt: 600, progress });
 * ```
 */
export interface DriveOptions {
  /**
   * Stop once every event at or before this time is processed, leaving the run open.
   * @defaultValue run to the end
   */
  readonly stopAt?: number;
  /** Per-host sampler to feed. @defaultValue none */
  readonly hosts?: HostSampler;
  /** Progress bar to update. @defaultValue none */
  readonly progress?: Progress;
  /**
   * Checked after every event; stepping stops (leaving the run open) once it returns true.
   * @defaultValue never
   */
  readonly stopWhen?: () => boolean;
}

/**
 * Steps a {@link Simulation} event by event, feeding a host sampler and a progress bar, to the end
 * or to `stopAt`.
 *
 * @returns `true` if it stopped early (at `stopAt`, or because `stopWhen` said so), `false` if the run ended
 * (then `run.run()` has been called and the result is complete).
 * @example
 * ```ts
 * if (!driveSimulation(run, { stopAt: 600 })) console.log('the run ended at', run.now);
 * ```
 */
export function driveSimulation(run: Simulation, options: DriveOptions = {}): boolean {
  const { stopAt, hosts, progress, stopWhen } = options;
  const until = run.scenario.until;
  let n = 0;
  try {
    for (;;) {
      const next = run.sim.peek();
      if (stopAt !== undefined && next > stopAt && next <= until && next !== Infinity) return true;
      hosts?.catchUp(Math.min(next, until));
      if (!run.step()) break;
      if (stopWhen !== undefined && stopWhen()) return true;
      if (progress !== undefined && (++n & 1023) === 0) progress.update(run.now, run.sim.eventsProcessed);
    }
    run.run();
    hosts?.finish(run.now);
    return false;
  } finally {
    progress?.stop();
  }
}
