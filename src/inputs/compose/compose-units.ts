import { tryParseQuantity, type QuantityResult } from '../../resources/quantity.js';

const POWERS: Readonly<Record<string, number>> = {
  '': 0, b: 0,
  k: 1, kb: 1, kib: 1,
  m: 2, mb: 2, mib: 2,
  g: 3, gb: 3, gib: 3,
  t: 4, tb: 4, tib: 4,
  p: 5, pb: 5, pib: 5,
};
const BYTES = /^(\d+(?:\.\d*)?|\.\d+)\s?([a-zA-Z]*)$/;

/**
 * Parses a Compose byte value (`memory`, `mem_limit`, `mem_reservation`) the way Docker does
 * (go-units' `RAMInBytes`): a number with an optional case-insensitive unit `b`, `k`/`kb`/`kib`,
 * `m`/`mb`/`mib`, `g`/`gb`/`gib`, `t`…, `p`…, all **binary** multiples, so `"1.5G"` is
 * 1.5 × 2³⁰ = 1610612736 bytes and `"512m"` is 512 MiB. Fractions of a byte are dropped, as Docker
 * truncates. A plain number is bytes. Computed exactly, without floating-point error.
 *
 * @param v - The value as written.
 * @example
 * ```ts
 * parseComposeBytes('1.5G'); // { ok: true, value: 1610612736 }
 * parseComposeBytes('2gb');  // { ok: true, value: 2147483648 }
 * parseComposeBytes('1Gi');  // { ok: false, reason: 'unknown unit "Gi" …' }
 * ```
 */
export function parseComposeBytes(v: unknown): QuantityResult {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) return { ok: false, reason: 'it must be a finite number of bytes, at least 0' };
    if (v > Number.MAX_SAFE_INTEGER) return { ok: false, reason: 'it is too large' };
    return { ok: true, value: Math.trunc(v) };
  }
  if (typeof v !== 'string') return { ok: false, reason: 'expected a byte value such as "512m" or "1.5g"' };
  const m = BYTES.exec(v.trim());
  if (m === null) return { ok: false, reason: /^-/.test(v.trim()) ? 'it is negative' : 'expected a byte value such as "512m" or "1.5g" (units b, k, m, g, t, p; kb, mb, gb …)' };
  const [, num = '', unit = ''] = m;
  const power = POWERS[unit.toLowerCase()];
  if (power === undefined) return { ok: false, reason: `unknown unit ${JSON.stringify(unit)}; Compose byte units are b, k or kb, m or mb, g or gb (binary multiples)` };
  const [intPart = '', fracPart = ''] = num.split('.');
  const mantissa = BigInt((intPart + fracPart).replace(/^0+(?=\d)/, '') || '0');
  const value = (mantissa * 1024n ** BigInt(power)) / 10n ** BigInt(fracPart.length);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, reason: 'it is too large' };
  return { ok: true, value: Number(value) };
}

/**
 * Parses a Compose `cpus` value (a number of cores, such as `0.5` or `"1.5"`) into millicores,
 * rounding a finer value up to the next millicore as Kubernetes does.
 *
 * @example
 * ```ts
 * parseComposeCpus('0.25'); // { ok: true, value: 250 }
 * ```
 */
export function parseComposeCpus(v: unknown): QuantityResult {
  if (typeof v === 'string' && !/^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(v)) return { ok: false, reason: 'expected a number of CPUs such as 0.5 or "1.5"' };
  if (typeof v !== 'string' && typeof v !== 'number') return { ok: false, reason: 'expected a number of CPUs such as 0.5 or "1.5"' };
  return tryParseQuantity(v, 'cpu');
}
