import { PodsimError, type Issue } from '../errors.js';
import type { Scenario } from '../scenario/schema.js';
import { validateScenario } from '../scenario/validate.js';
import { meanInterval, type MetricInterval } from './interval.js';
import { chooseRunner } from './choose-runner.js';
import { mmcMetric, mmcModelOf } from './mmc-model.js';
import { checkKnownKeys, resolveCommon, DEFAULTS, type CommonOptions, type Replications } from './options.js';
import { pointScenario, replicationScenario } from './run-task.js';
import { pathKeys, setPath } from './set-path.js';
import { decideSlo, type Slo, type SloDecision } from './slo-decision.js';
import { SweepEngine } from './sweep-engine.js';
import { sweepHash } from './sweep-hash.js';
import { chooseWarmup, pilotInterval, type WarmupUsed } from './warmup.js';

/**
 * Options of {@link findCapacity}.
 *
 * @example
 * ```ts
 * const options: FindCapacityOptions = {
 *   scenario, vary: 'hosts[0].count', range: [1, 200],
 *   slo: { 'wait.p99': { max: 1 } },
 *   replications: { min: 5, max: 100 },
 * };
 * ```
 */
export interface FindCapacityOptions extends CommonOptions {
  /** The scenario to size. */
  readonly scenario: Scenario;
  /** The dotted path of the scenario to search over: a host count, a capacity, replicas, an arrival rate. */
  readonly vary: string;
  /** The lowest and highest value to try. */
  readonly range: readonly [number, number];
  /** The spacing of values tried. @defaultValue 1 (the range's ends must then be whole numbers) */
  readonly step?: number;
  /** Per metric, the bounds every answer must meet: `{ 'wait.p99': { max: 1 } }`. */
  readonly slo: Readonly<Record<string, Slo>>;
  /** `smallest`: more is better (hosts, capacity); `largest`: less is better (load, arrival rate). @defaultValue 'smallest' */
  readonly seek?: 'smallest' | 'largest';
  /** Start the search from the M/M/c estimate when every point is an M/M/c queue. @defaultValue true */
  readonly analytic?: boolean;
  /** Two-sided confidence of the reported intervals; the decisions hold jointly at this level. @defaultValue 0.95 */
  readonly confidence?: number;
  /** Replications per value tried: a count, or `{ min, max }` to add replications (doubling) until each decision is clear. @defaultValue `{ min: 5, max: 100 }` */
  readonly replications?: Replications;
  /** Seconds deleted from the start of each run, or `'auto'` (MSER-5). @defaultValue 0 */
  readonly warmup?: number | 'auto';
  /** Worker threads; 1 runs in this thread. @defaultValue `os.availableParallelism()` */
  readonly workers?: number;
}

/**
 * One value the search tried, in the order it was tried.
 *
 * @example
 * ```ts
 * const e: CapacityEvidence = cap.evidence[0];
 * console.log(e.value, e.status, e.metrics['wait.p99'].ci);
 * ```
 */
export interface CapacityEvidence {
  readonly value: number;
  readonly replications: number;
  /** `meets` every objective at the confidence level, `fails` one, `undecided` after `max` replications, or `invalid` (the variant could not run). */
  readonly status: SloDecision['status'] | 'invalid';
  /** Per objective metric: mean and two-sided interval at the confidence level. */
  readonly metrics: Readonly<Record<string, MetricInterval>>;
  /** Per objective metric: the one-sided bounds the decision used. */
  readonly bounds: SloDecision['bounds'];
  readonly issues?: readonly Issue[];
}

/**
 * The analytic M/M/c estimate, when the scenario is such a queue at every value tried.
 *
 * @example
 * ```ts
 * const a: CapacityEstimate = { value: 12, model: 'M/M/c (Erlang C), steady state' };
 * ```
 */
export interface CapacityEstimate {
  /** The value the steady-state formulas give, or absent when none in range meets the objectives. */
  readonly value?: number;
  /** What the estimate assumes, or why there is none. */
  readonly model: string;
}

/**
 * What {@link findCapacity} returns. Plain data, byte-identical for any number of workers.
 *
 * @example
 * ```ts
 * if (cap.found) console.log(`${cap.value} (analytic ${cap.analytic.value})`);
 * ```
 */
export interface CapacityResult {
  readonly hash: string;
  readonly vary: string;
  readonly range: readonly [number, number];
  readonly step: number;
  readonly seek: 'smallest' | 'largest';
  readonly slo: Readonly<Record<string, Slo>>;
  readonly confidence: number;
  readonly warmup: WarmupUsed;
  /** Whether a value in range meets every objective. */
  readonly found: boolean;
  /** The smallest (or, with `seek: 'largest'`, the largest) value meeting every objective at the confidence level. */
  readonly value?: number;
  /** The value just beyond the answer, and whether it was shown to fail (`confirmed`). */
  readonly neighbour?: { readonly value: number; readonly status: CapacityEvidence['status'] };
  /** True when the answer's neighbour was shown to fail, or the answer is the end of the range. */
  readonly confirmed: boolean;
  /** One sentence: the answer and how sure, or why there is none. */
  readonly message: string;
  /** Every value tried, in search order (the search path). */
  readonly evidence: readonly CapacityEvidence[];
  readonly analytic: CapacityEstimate;
  /** Values that contradict monotonicity (a better value failing where a worse one met), if any. */
  readonly warnings: readonly string[];
}

const KNOWN = ['scenario', 'vary', 'range', 'step', 'slo', 'seek', 'analytic', 'confidence', 'replications', 'warmup', 'workers', 'keepResults', 'onProgress', 'runner', 'queue'];
const MODEL = 'M/M/c (Erlang C), steady state';

/** The smallest index in [0, n) for which `meets` holds, assuming it holds from some index on; n if none. */
async function firstMeeting(n: number, meets: (i: number) => Promise<boolean>, hint?: number): Promise<number> {
  let below = -1, above = n;
  if (hint !== undefined && hint >= 0 && hint < n) {
    // Gallop from the hint: 1, 2, 4, … steps away until the boundary is bracketed.
    if (await meets(hint)) {
      above = hint;
      for (let step = 1; ; step *= 2) {
        const i = Math.max(0, above - step);
        if (await meets(i)) { above = i; if (i === 0) break; }
        else { below = i; break; }
      }
    } else {
      below = hint;
      for (let step = 1; ; step *= 2) {
        const i = Math.min(n - 1, below + step);
        if (i === below) break;
        if (await meets(i)) { above = i; break; }
        below = i;
        if (i === n - 1) break;
      }
    }
  } else {
    if (!(await meets(n - 1))) return n;
    above = n - 1;
    if (above > 0 && (await meets(0))) return 0;
    below = 0;
  }
  while (above - below > 1) {
    const mid = Math.floor((below + above) / 2);
    if (await meets(mid)) above = mid;
    else below = mid;
  }
  return above;
}

const round = (x: number) => Number(x.toPrecision(12));

/**
 * Finds the smallest value of one scenario path (host count, a capacity, replicas), or with
 * `seek: 'largest'` the largest (an arrival rate: the most load a cluster sustains), at which every
 * objective holds with the given confidence. It assumes the metrics are monotone in the value: it
 * brackets the answer (from the M/M/c estimate when the scenario is such a queue) and bisects, with
 * common random numbers at every value. Each value tried gets replications, doubling from `min` to
 * `max`, until it is shown to meet or to fail the objectives; the answer is confirmed when its
 * neighbour is shown to fail.
 *
 * @example
 * ```ts
 * import { findCapacity } from 'podsim';
 *
 * const cap = await findCapacity({
 *   scenario, vary: 'hosts[0].count', range: [1, 200],
 *   slo: { 'wait.mean': { max: 0.1 } },
 *   confidence: 0.95, replications: { min: 5, max: 100 },
 * });
 * console.log(cap.found ? `${cap.value} hosts` : cap.message);
 * ```
 */
export async function findCapacity(options: FindCapacityOptions): Promise<CapacityResult> {
  const issues: Issue[] = [];
  if (typeof options !== 'object' || options === null) throw new PodsimError([{ code: 'invalid_value', path: '', message: 'expected an options object { scenario, vary, range, slo, … }' }], 'findCapacity: invalid options');
  checkKnownKeys(options, KNOWN, issues);
  const common = resolveCommon(options, issues, { min: DEFAULTS.sequentialMin, max: DEFAULTS.sequentialMax });
  const { scenario, vary, range, slo } = options;
  if (scenario === undefined) issues.push({ code: 'invalid_value', path: 'scenario', message: 'is required' });
  else {
    const v = validateScenario(scenario);
    if (!v.ok) for (const i of v.issues) issues.push({ ...i, path: i.path === '' ? 'scenario' : `scenario.${i.path}` });
  }
  if (typeof vary !== 'string') issues.push({ code: 'invalid_value', path: 'vary', message: 'must be the dotted path of one scenario value, such as "hosts[0].count"' });
  else {
    const p = pathKeys(vary);
    if (!p.ok) issues.push({ code: 'invalid_path', path: 'vary', message: `${JSON.stringify(vary)} ${p.reason}` });
    else if (scenario !== undefined && Array.isArray(range)) {
      const s = setPath(scenario, vary, range[0]);
      if (!s.ok) issues.push({ ...s.issue, path: 'vary' });
    }
  }
  const [lo, hi] = Array.isArray(range) ? range : [NaN, NaN];
  if (!Array.isArray(range) || range.length !== 2 || !Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) issues.push({ code: 'invalid_value', path: 'range', message: `must be [low, high] with finite low ≤ high, got ${JSON.stringify(range)}` });
  const step = options.step ?? 1;
  if (!(typeof step === 'number' && step > 0 && Number.isFinite(step))) issues.push({ code: 'invalid_value', path: 'step', message: `must be a number > 0, got ${JSON.stringify(step)}` });
  else if (options.step === undefined && (!Number.isInteger(lo) || !Number.isInteger(hi)) && Number.isFinite(lo) && Number.isFinite(hi)) issues.push({ code: 'invalid_value', path: 'step', message: `is required when the range [${lo}, ${hi}] is not whole numbers` });
  const count = Math.floor((hi - lo) / step + 1e-9) + 1;
  if (Number.isFinite(count) && count > 10_000_000) issues.push({ code: 'invalid_value', path: 'step', message: `gives ${count} values in range; at most 10,000,000` });
  const seek = options.seek ?? 'smallest';
  if (seek !== 'smallest' && seek !== 'largest') issues.push({ code: 'invalid_value', path: 'seek', message: `must be 'smallest' or 'largest', got ${JSON.stringify(seek)}` });
  if (typeof slo !== 'object' || slo === null || Array.isArray(slo) || Object.keys(slo).length === 0) issues.push({ code: 'invalid_value', path: 'slo', message: 'must map metrics to bounds, such as { "wait.p99": { max: 1 } }' });
  else {
    for (const [m, b] of Object.entries(slo)) {
      const where = `slo[${JSON.stringify(m)}]`;
      if (typeof b !== 'object' || b === null) { issues.push({ code: 'invalid_value', path: where, message: 'must be { max } and/or { min }' }); continue; }
      checkKnownKeys(b, ['max', 'min'], issues);
      if (b.max === undefined && b.min === undefined) issues.push({ code: 'invalid_value', path: where, message: 'must give max and/or min' });
      for (const k of ['max', 'min'] as const) if (b[k] !== undefined && !Number.isFinite(b[k])) issues.push({ code: 'invalid_value', path: `${where}.${k}`, message: `must be a finite number, got ${JSON.stringify(b[k])}` });
    }
  }
  if (issues.length > 0) throw new PodsimError(issues, 'findCapacity: invalid options');

  const metrics = Object.keys(slo);
  const reps = common.replications;
  const valueOf = (k: number) => round(lo + k * step);
  // Search index i runs from the worst value to the best: the answer is the first index that meets.
  const kOf = (i: number) => (seek === 'smallest' ? i : count - 1 - i);
  const hash = sweepHash({ api: 'findCapacity/1', scenario, vary, range: [lo, hi], step, seek, slo, confidence: common.confidence, replications: reps, warmup: common.warmup, analytic: options.analytic ?? true });

  // The analytic estimate: the same monotone search on the M/M/c formulas.
  let analytic: CapacityEstimate = { model: 'off' };
  let hint: number | undefined;
  if (options.analytic ?? true) {
    let reason: string | undefined;
    const analyticMeets = (i: number): boolean => {
      const p = pointScenario(scenario, { [vary]: valueOf(kOf(i)) });
      if (!p.ok) { reason ??= p.issues[0]?.message; return false; }
      const m = mmcModelOf(p.scenario);
      if (!m.ok) { reason ??= `the scenario is not an M/M/c queue: ${m.reason}`; return false; }
      return metrics.every((metric) => {
        const v = mmcMetric(m.model, metric);
        if (v === undefined) { reason ??= `the M/M/c model gives no ${metric}`; return false; }
        const b = slo[metric] as Slo;
        return (b.max === undefined || v <= b.max) && (b.min === undefined || v >= b.min);
      });
    };
    const end = pointScenario(scenario, { [vary]: valueOf(kOf(count - 1)) });
    const probe = end.ok ? mmcModelOf(end.scenario) : { ok: false as const, reason: end.issues[0]?.message ?? 'invalid' };
    if (!probe.ok) analytic = { model: `none: the scenario is not an M/M/c queue (${probe.reason})` };
    else {
      const i = await firstMeeting(count, async (j) => analyticMeets(j));
      if (reason !== undefined && i === count) analytic = { model: `none: ${reason}` };
      else {
        analytic = i < count ? { value: valueOf(kOf(i)), model: MODEL } : { model: `${MODEL}: no value in range meets the objectives` };
        if (i < count) hint = i;
      }
    }
  }

  const runner = chooseRunner(common, Math.min(common.workers, reps.max))(scenario, hash);
  try {
    let warmup: WarmupUsed = typeof common.warmup === 'number' ? { seconds: common.warmup, method: common.warmup > 0 ? 'given' : 'none' } : { seconds: 0, method: 'none' };
    if (common.warmup === 'auto') {
      const interval = pilotInterval(scenario);
      const pilot = new SweepEngine(scenario, runner, { metrics: [], warmup: 0, keepResults: false, series: interval }, common.onProgress);
      const k = kOf(hint ?? count - 1);
      warmup = await chooseWarmup(pilot, [{ point: k, values: { [vary]: valueOf(k) } }], Math.min(reps.min, 5), interval);
    }
    const engine = new SweepEngine(scenario, runner, { metrics, warmup: warmup.seconds, keepResults: false }, common.onProgress);
    const evidence: CapacityEvidence[] = [];
    const status = new Map<number, CapacityEvidence['status']>();
    let probed = false;
    const meets = async (i: number): Promise<boolean> => {
      const k = kOf(i);
      const known = status.get(k);
      if (known !== undefined) return known === 'meets';
      const value = valueOf(k);
      const values = { [vary]: value };
      const p = pointScenario(scenario, values);
      const v = p.ok ? validateScenario(replicationScenario(p.scenario, 0, { metrics: [], warmup: 0, keepResults: false })) : undefined;
      if (!p.ok || (v !== undefined && !v.ok)) {
        const e: CapacityEvidence = { value, replications: 0, status: 'invalid', metrics: {}, bounds: {}, issues: p.ok ? (v as { issues: readonly Issue[] }).issues : p.issues };
        evidence.push(e);
        status.set(k, 'invalid');
        return false;
      }
      if (!probed) { engine.probe(k, values, 'findCapacity'); probed = true; }
      let n = reps.min;
      let decision: SloDecision;
      for (;;) {
        await engine.ensure([{ point: k, values, replications: n }]);
        const failure = engine.failure(k);
        if (failure !== undefined) {
          evidence.push({ value, replications: engine.count(k), status: 'invalid', metrics: {}, bounds: {}, issues: failure.issues });
          status.set(k, 'invalid');
          return false;
        }
        const samples = Object.fromEntries(metrics.map((m, j) => [m, engine.samples(k, j)]));
        decision = decideSlo(samples, slo, common.confidence);
        if (decision.status !== 'undecided' || n >= reps.max) {
          const intervals = Object.fromEntries(metrics.map((m) => [m, meanInterval(samples[m] as number[], common.confidence)]));
          evidence.push({ value, replications: n, status: decision.status, metrics: intervals, bounds: decision.bounds });
          status.set(k, decision.status);
          return decision.status === 'meets';
        }
        n = Math.min(reps.max, n * 2);
      }
    };
    const i = await firstMeeting(count, meets, hint);
    const found = i < count;
    const warnings: string[] = [];
    // Monotonicity: along the search order, nothing should fail beyond a value that meets.
    const tried = [...status.entries()].map(([k, s]) => ({ i: seek === 'smallest' ? k : count - 1 - k, s })).sort((a, b) => a.i - b.i);
    const firstMet = tried.find((t) => t.s === 'meets');
    for (const t of tried) if (firstMet !== undefined && t.i > firstMet.i && t.s === 'fails') warnings.push(`${vary} = ${valueOf(kOf(t.i))} fails where ${valueOf(kOf(firstMet.i))} meets: the metric is not monotone in ${vary}, so the answer may not be the ${seek}`);
    const what = seek === 'smallest' ? 'smallest' : 'largest';
    const objectives = metrics.map((m) => { const b = slo[m] as Slo; return [b.min !== undefined ? `${m} ≥ ${b.min}` : '', b.max !== undefined ? `${m} ≤ ${b.max}` : ''].filter((x) => x !== '').join(' and '); }).join(', ');
    if (!found) {
      const end = valueOf(kOf(count - 1));
      return { hash, vary, range: [lo, hi], step, seek, slo, confidence: common.confidence, warmup, found: false, confirmed: false, message: `not found in range: even ${vary} = ${end} does not meet ${objectives} with ${common.confidence * 100}% confidence`, evidence, analytic, warnings };
    }
    const value = valueOf(kOf(i));
    const neighbourStatus = i > 0 ? status.get(kOf(i - 1)) : undefined;
    const neighbour = i > 0 ? { value: valueOf(kOf(i - 1)), status: neighbourStatus ?? 'undecided' } : undefined;
    const confirmed = i === 0 || neighbourStatus === 'fails' || neighbourStatus === 'invalid';
    const message = `${vary} = ${value} is the ${what} value meeting ${objectives} with ${common.confidence * 100}% confidence` +
      (i === 0 ? ' (the end of the range)' : confirmed ? `; ${neighbour?.value} fails` : `; ${neighbour?.value} is undecided after ${reps.max} replications, so the answer may be ${seek === 'smallest' ? 'lower' : 'higher'}`);
    return { hash, vary, range: [lo, hi], step, seek, slo, confidence: common.confidence, warmup, found: true, value, ...(neighbour !== undefined ? { neighbour } : {}), confirmed, message, evidence, analytic, warnings };
  } finally {
    await runner.close();
  }
}
