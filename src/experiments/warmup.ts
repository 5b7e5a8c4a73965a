import { defaultInterval, estimateEnd } from '../report/estimate-end.js';
import type { Scenario } from '../scenario/schema.js';
import type { PointValues } from './grid.js';
import { mser5 } from './mser5.js';
import type { SweepEngine } from './sweep-engine.js';

/**
 * The warm-up an experiment used: the seconds deleted from the start of every run, and how they were
 * chosen (`none`, `given` by the caller, or `mser-5` from pilot runs).
 *
 * @example
 * ```ts
 * const w: WarmupUsed = { seconds: 600, method: 'mser-5', reliable: true, interval: 20, pilotReplications: 5 };
 * ```
 */
export interface WarmupUsed {
  readonly seconds: number;
  readonly method: 'none' | 'given' | 'mser-5';
  /** With MSER-5: false when some point's truncation fell at the edge of the allowed half (run longer). */
  readonly reliable?: boolean;
  /** With MSER-5: seconds between the queue-length samples it read. */
  readonly interval?: number;
  /** With MSER-5: the replications of each point it read. */
  readonly pilotReplications?: number;
}

/** The interval at which pilot runs sample the pending queue: about 200 samples over the run. @internal */
export function pilotInterval(scenario: Scenario): number {
  return defaultInterval(estimateEnd(scenario));
}

/**
 * MSER-5 on the pilot runs: for each point, the pending-queue series averaged across its pilot
 * replications (sample by sample, up to the shortest), truncated by MSER-5; the warm-up is the
 * longest truncation over all points, so that every point (and every pair compared) deletes the
 * same interval.
 * @internal
 */
export async function chooseWarmup(engine: SweepEngine, points: readonly { point: number; values: PointValues }[], replications: number, interval: number): Promise<WarmupUsed> {
  await engine.ensure(points.map((p) => ({ ...p, replications })));
  let seconds = 0;
  let reliable = true;
  for (const p of points) {
    if (engine.failure(p.point) !== undefined) continue;
    const series = engine.series(p.point);
    const length = Math.min(...series.map((s) => s.length));
    const mean = new Float64Array(length);
    for (const s of series) for (let i = 0; i < length; i++) mean[i] = (mean[i] as number) + (s[i] as number) / series.length;
    const m = mser5(mean);
    if (!m.reliable) reliable = false;
    seconds = Math.max(seconds, m.samples * interval);
  }
  return { seconds, method: 'mser-5', reliable, interval, pilotReplications: replications };
}
