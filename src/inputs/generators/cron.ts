import { CronExpressionParser } from 'cron-parser';
import { PodsimError } from '../../errors.js';
import { parseDurationText } from '../duration-text.js';

/**
 * Options for {@link cronArrivals}.
 *
 * @example
 * ```ts
 * const o: CronOptions = { horizon: 86400, start: '2024-01-01T00:00:00Z', timeZone: 'Europe/Paris' };
 * ```
 */
export interface CronOptions {
  /** Seconds of simulated time to cover: arrivals fall in [0, horizon]. */
  readonly horizon: number;
  /**
   * The wall-clock instant simulation time 0 stands for.
   * @defaultValue `'1970-01-01T00:00:00Z'` (a Thursday, midnight UTC)
   */
  readonly start?: string | number | Date | undefined;
  /**
   * An IANA time zone for the schedule, as a CronJob's `spec.timeZone`.
   * @defaultValue `'UTC'`
   */
  readonly timeZone?: string | undefined;
  /**
   * The most arrivals returned; more is an error (shorten the horizon).
   * @defaultValue 1000000
   */
  readonly maxArrivals?: number | undefined;
}

/**
 * The outcome of {@link tryCronArrivals}.
 *
 * @example
 * ```ts
 * const r: CronResult = tryCronArrivals('*\/5 * * * *', { horizon: 600 });
 * ```
 */
export type CronResult = { readonly ok: true; readonly times: number[] } | { readonly ok: false; readonly reason: string };

const DESCRIPTORS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *',
};
const NAMES = /JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC|SUN|MON|TUE|WED|THU|FRI|SAT/gi;

interface UtcFields {
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly doms: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  readonly dows: ReadonlySet<number>;
  readonly domStar: boolean;
  readonly dowStar: boolean;
}

// Parsing with cron-parser costs about a millisecond; manifests often repeat schedules.
const fieldCache = new Map<string, UtcFields>();

function utcFields(expr: string): UtcFields {
  const hit = fieldCache.get(expr);
  if (hit !== undefined) return hit;
  const f = CronExpressionParser.parse(expr, { tz: 'UTC' }).fields;
  const out: UtcFields = {
    minutes: [...f.minute.values].map(Number).sort((a, b) => a - b),
    hours: [...f.hour.values].map(Number).sort((a, b) => a - b),
    doms: new Set(f.dayOfMonth.values.map(Number)),
    months: new Set(f.month.values.map(Number)),
    dows: new Set(f.dayOfWeek.values.map((d) => Number(d) % 7)),
    domStar: f.dayOfMonth.isWildcard,
    dowStar: f.dayOfWeek.isWildcard,
  };
  if (fieldCache.size >= 256) fieldCache.clear();
  fieldCache.set(expr, out);
  return out;
}

/**
 * Like {@link cronArrivals}, but returns the reason instead of throwing.
 *
 * @example
 * ```ts
 * tryCronArrivals('61 * * * *', { horizon: 3600 }); // { ok: false, reason: '…' }
 * ```
 */
export function tryCronArrivals(schedule: string, options: CronOptions): CronResult {
  const { horizon } = options;
  const max = options.maxArrivals ?? 1_000_000;
  if (!Number.isFinite(horizon) || horizon < 0) return { ok: false, reason: `the horizon must be a finite number of seconds ≥ 0, got ${horizon}` };
  const startMs = new Date(options.start ?? '1970-01-01T00:00:00Z').getTime();
  if (!Number.isFinite(startMs)) return { ok: false, reason: `the start ${JSON.stringify(options.start)} is not a valid date` };
  let expr = schedule.trim();
  if (/^(CRON_)?TZ=/.test(expr)) return { ok: false, reason: 'a TZ= or CRON_TZ= prefix is not supported by Kubernetes; set spec.timeZone instead' };
  const every = /^@every\s+(.+)$/.exec(expr);
  if (every !== null) {
    const d = parseDurationText(every[1]);
    if (d === undefined || d <= 0) return { ok: false, reason: `"@every ${every[1]}" needs a positive duration such as 5m or 1h30m` };
    if (Math.floor(horizon / d) + 1 > max) return { ok: false, reason: `it gives more than ${max} arrivals over ${horizon} s; shorten the horizon` };
    const times: number[] = [];
    for (let k = 1; k * d <= horizon; k++) times.push(k * d);
    return { ok: true, times };
  }
  if (expr.startsWith('@')) {
    const mapped = DESCRIPTORS[expr.toLowerCase()];
    if (mapped === undefined) return { ok: false, reason: `unknown descriptor ${JSON.stringify(expr)} (use @yearly, @monthly, @weekly, @daily, @hourly or @every <duration>)` };
    expr = mapped;
  }
  const fields = expr.split(/\s+/);
  if (fields.length !== 5) return { ok: false, reason: `a schedule has 5 fields (minute hour day-of-month month day-of-week), got ${fields.length}` };
  if (/[HL#]/i.test(expr.replace(NAMES, ''))) return { ok: false, reason: 'H, L and # are not supported in Kubernetes schedules' };
  const endMs = startMs + horizon * 1000;
  const tz = options.timeZone ?? 'UTC';
  const times: number[] = [];
  const tooMany = { ok: false as const, reason: `it gives more than ${max} arrivals over ${horizon} s; shorten the horizon` };
  try {
    if (tz === 'UTC' || tz === 'Etc/UTC') {
      // Enumerate day by day from the parsed fields: far faster than stepping the iterator.
      const f = utcFields(expr);
      const DAY = 86_400_000;
      for (let day = Math.floor(startMs / DAY) * DAY; day <= endMs; day += DAY) {
        const date = new Date(day);
        if (!f.months.has(date.getUTCMonth() + 1)) continue;
        const domOk = f.domStar || f.doms.has(date.getUTCDate());
        const dowOk = f.dowStar || f.dows.has(date.getUTCDay());
        // Standard cron: when both day fields are restricted, either may match.
        if (!(f.domStar || f.dowStar ? domOk && dowOk : domOk || dowOk)) continue;
        for (const h of f.hours) {
          for (const m of f.minutes) {
            const ms = day + h * 3_600_000 + m * 60_000;
            if (ms < startMs) continue;
            if (ms > endMs) return { ok: true, times };
            if (times.length >= max) return tooMany;
            times.push((ms - startMs) / 1000);
          }
        }
      }
      return { ok: true, times };
    }
    const it = CronExpressionParser.parse(expr, { currentDate: new Date(startMs - 1), endDate: new Date(endMs), tz });
    while (it.hasNext()) {
      const t = (it.next().getTime() - startMs) / 1000;
      if (t > horizon) break;
      if (times.length >= max) return tooMany;
      times.push(t);
    }
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
  return { ok: true, times };
}

/**
 * Turns a cron schedule (Kubernetes CronJob syntax: five fields, or `@hourly`, `@daily`, … and
 * `@every 5m`) into arrival times in seconds over `[0, horizon]`, where time 0 is `options.start`.
 * Uses the `cron-parser` package to read the schedule. In UTC (the default) times are enumerated
 * day by day from the parsed fields (fast); in another `options.timeZone` cron-parser's iterator
 * steps through them, daylight-saving shifts included (slower: about 0.1 ms per arrival).
 *
 * @param schedule - The schedule, such as `"*\/15 * * * *"`.
 * @param options - Horizon, start instant, time zone and limit.
 * @throws PodsimError when the schedule or options are invalid.
 * @example
 * ```ts
 * cronArrivals('0 * * * *', { horizon: 3 * 3600 }); // [0, 3600, 7200, 10800]
 * ```
 */
export function cronArrivals(schedule: string, options: CronOptions): number[] {
  const r = tryCronArrivals(schedule, options);
  if (!r.ok) throw new PodsimError([{ code: 'invalid_schedule', path: 'schedule', message: `${JSON.stringify(schedule)} is not a valid schedule: ${r.reason}` }], 'invalid cron schedule');
  return r.times;
}
