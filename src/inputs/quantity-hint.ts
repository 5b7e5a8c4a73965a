import { tryParseQuantity } from '../resources/quantity.js';
import { suggest } from './did-you-mean.js';

// Kubernetes quantity suffixes (k8s.io/apimachinery/pkg/api/resource/suffix.go): binary, decimal
// SI, and milli.
const SUFFIXES = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'k', 'M', 'G', 'T', 'P', 'E', 'm'];

/**
 * `; did you mean "500Mi"?` for a quantity whose unit suffix is misspelt (`500mi`, `1gi`, `2GB`),
 * when the suggestion parses for the dimension; otherwise `''`. Built on {@link suggest}.
 *
 * @param text - The quantity as written.
 * @param dim - Its dimension (`memory` prefers binary suffixes).
 * @example
 * ```ts
 * quantityHint('500mi', 'memory'); // '; did you mean "500Mi"?'
 * quantityHint('2GB', 'memory');   // '; did you mean "2Gi"?'
 * ```
 */
export function quantityHint(text: unknown, dim: string): string {
  if (typeof text !== 'string') return '';
  const m = /^\s*([0-9]*\.?[0-9]+)\s*([A-Za-z]+)\s*$/.exec(text);
  if (m === null) return '';
  const [, num = '', unit = ''] = m;
  // "GB", "gib", "MB": the letter of the power with the binary suffix
  const stripped = unit.replace(/i?b$/i, '');
  const binary = stripped.length === 1 ? `${stripped.toUpperCase()}i` : undefined;
  const candidates = dim === 'cpu' ? ['m'] : SUFFIXES;
  const tries = [binary !== undefined && candidates.includes(binary) && dim !== 'cpu' ? binary : undefined, suggest(unit, candidates)];
  for (const s of tries) {
    if (s === undefined || s === unit) continue;
    const fixed = `${num}${s}`;
    if (tryParseQuantity(fixed, dim).ok) return `; did you mean ${JSON.stringify(fixed)}?`;
  }
  return '';
}
