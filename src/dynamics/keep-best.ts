/**
 * The items with the lowest score, in their order (ties kept: the expanders' filters leave them to the
 * next filter or to the random fallback). Exact comparison, as upstream's `==` on float64 scores.
 * @internal
 * @example
 * ```ts
 * keepLowest(['a', 'bb', 'c'], (s) => s.length); // ['a', 'c']
 * ```
 */
export function keepLowest<T>(items: readonly T[], score: (item: T) => number): T[] {
  let best = Infinity;
  let out: T[] = [];
  for (const it of items) {
    const s = score(it);
    if (s < best) { best = s; out = [it]; } else if (s === best) out.push(it);
  }
  return out;
}
