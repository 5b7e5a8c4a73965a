import { InvalidArgumentError } from 'commander';

const UNITS: Record<string, number> = { ms: 0.001, s: 1, sec: 1, m: 60, min: 60, h: 3600, d: 86400 };

/**
 * Parses a duration in simulated seconds: a plain number (`90`, `1.5e3`) or a number with a unit
 * `ms`, `s`, `m`/`min`, `h` or `d` (`15m`, `2h`). Throws commander's `InvalidArgumentError`, so
 * the CLI reports the flag and the value.
 *
 * @example
 * ```ts
 * parseDuration('15m'); // 900
 * parseDuration('3600'); // 3600
 * ```
 */
export function parseDuration(text: string): number {
  const m = /^\s*([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m ? UNITS[(m[2] ?? '').toLowerCase() || 's'] : undefined;
  if (!m || unit === undefined) throw new InvalidArgumentError('expected a duration in seconds, such as 3600, 90s, 15m, 2h or 1d.');
  const v = Number(m[1]) * unit;
  if (!Number.isFinite(v)) throw new InvalidArgumentError('expected a finite duration.');
  return v;
}

/**
 * Like {@link parseDuration}, and the duration must be greater than zero.
 *
 * @example
 * ```ts
 * parsePositiveDuration('10s'); // 10
 * ```
 */
export function parsePositiveDuration(text: string): number {
  const v = parseDuration(text);
  if (!(v > 0)) throw new InvalidArgumentError('must be greater than 0.');
  return v;
}

/**
 * Parses `--seed`: an integer stays a number, anything else is a string seed.
 *
 * @example
 * ```ts
 * parseSeed('42');   // 42
 * parseSeed('blue'); // 'blue'
 * ```
 */
export function parseSeed(text: string): number | string {
  if (/^-?\d+$/.test(text)) {
    const n = Number(text);
    if (Number.isSafeInteger(n)) return n;
  }
  if (text === '') throw new InvalidArgumentError('must not be empty.');
  return text;
}

/**
 * Parses a whole number of at least `min`.
 *
 * @example
 * ```ts
 * parseCount('5'); // 5
 * ```
 */
export function parseCount(text: string, min = 0): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < min) throw new InvalidArgumentError(`expected a whole number of at least ${min}.`);
  return Number(text);
}
