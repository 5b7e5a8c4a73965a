import type { Issue } from '../errors.js';
import { joinPath } from '../errors.js';
import { checkDistribution, compileDistribution, meanOf, type DistributionSpec, type Sampler } from '../random/distributions.js';
import type { Rng } from '../random/streams.js';

/**
 * A host group's failures: time between failures and time to repair, in seconds. A number is the mean of an
 * exponential distribution; a distribution (Weibull, lognormal, empirical…) is used as given.
 *
 * @example
 * ```ts
 * const f: FailureSpec = { mtbf: 86400, mttr: 600 };
 * const weibull: FailureSpec = { mtbf: { distribution: 'weibull', scale: 90000, shape: 0.8 }, mttr: 600 };
 * ```
 */
export interface FailureSpec {
  readonly mtbf: number | DistributionSpec;
  readonly mttr: number | DistributionSpec;
}

/**
 * A compiled failure model: samplers of up and down times, and their means.
 *
 * @example
 * ```ts
 * const m = compileFailureModel({ mtbf: 86400, mttr: 600 });
 * m.timeToFailure(rng); // seconds until the next failure
 * ```
 */
export interface FailureModel {
  readonly timeToFailure: Sampler;
  readonly timeToRepair: Sampler;
  /** Mean time between failures (of the up periods). */
  readonly meanUp: number;
  /** Mean time to repair. */
  readonly meanDown: number;
}

const asDistribution = (v: number | DistributionSpec): DistributionSpec => (typeof v === 'number' ? { distribution: 'exponential', mean: v } : v);

/**
 * Problems with a failure spec (all at once, with paths).
 *
 * @example
 * ```ts
 * failureSpecIssues({ mtbf: 0, mttr: 600 }, 'hosts[0].failures'); // [{ path: 'hosts[0].failures.mtbf', … }]
 * ```
 */
export function failureSpecIssues(spec: FailureSpec, path: string): Issue[] {
  const out: Issue[] = [];
  for (const k of ['mtbf', 'mttr'] as const) {
    const v = spec[k];
    const p = joinPath(path, k);
    if (typeof v === 'number') {
      if (!Number.isFinite(v) || v <= 0) out.push({ code: 'invalid_failures', path: p, message: `must be a number of seconds greater than 0, got ${v}` });
    } else checkDistribution(v, p, out);
  }
  return out;
}

/**
 * Compiles a (checked) failure spec into samplers (the existing distribution compiler: nothing is
 * allocated per draw). Draw each host's times from its own named stream, such as
 * `failures/<host name>`, so that adding a host or a workload never changes another host's failures.
 *
 * @example
 * ```ts
 * const m = compileFailureModel({ mtbf: 86400, mttr: 600 });
 * const rng = streams.get('failures/node-3');
 * let t = m.timeToFailure(rng); // first failure
 * ```
 */
export function compileFailureModel(spec: FailureSpec): FailureModel {
  const up = asDistribution(spec.mtbf), down = asDistribution(spec.mttr);
  return { timeToFailure: compileDistribution(up), timeToRepair: compileDistribution(down), meanUp: meanOf(up), meanDown: meanOf(down) };
}

/**
 * The long-run fraction of time a repairable unit is up: MTBF / (MTBF + MTTR) (the renewal-reward theorem,
 * for any distributions with these means).
 *
 * @example
 * ```ts
 * steadyStateAvailability(86400, 600); // 0.99310…
 * ```
 */
export function steadyStateAvailability(mtbf: number, mttr: number): number {
  return mtbf / (mtbf + mttr);
}

/**
 * Fills `out` with alternating failure and repair times of one host from time 0 until `horizon`:
 * `out[0]` the first failure, `out[1]` its repair, … (a helper for tests and for pre-drawing a host's
 * history; the simulation draws one at a time). Returns how many times were written.
 *
 * @example
 * ```ts
 * const times = new Float64Array(64);
 * const n = failureTimeline(compileFailureModel({ mtbf: 100, mttr: 10 }), createRng(1, 'failures/a'), 1000, times);
 * ```
 */
export function failureTimeline(model: FailureModel, rng: Rng, horizon: number, out: Float64Array): number {
  let t = 0, n = 0;
  while (n < out.length) {
    t += n % 2 === 0 ? model.timeToFailure(rng) : model.timeToRepair(rng);
    if (t > horizon) break;
    out[n++] = t;
  }
  return n;
}
