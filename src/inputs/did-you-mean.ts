/**
 * The edit distance between two strings, counting an insertion, a deletion, a substitution or a
 * swap of two neighbouring characters as one edit (optimal string alignment).
 *
 * @example
 * ```ts
 * editDistance('replica', 'replicas');     // 1
 * editDistance('contianers', 'containers'); // 1
 * ```
 */
export function editDistance(a: string, b: string): number {
  const n = a.length, m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  // Three rolling rows: two back (for swaps), one back, and the current one.
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        d = Math.min(d, (prev2[j - 2] as number) + 1);
      }
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m] as number;
}

/**
 * The candidate closest to `word`, if one is close enough to be a likely typo: the same word in
 * another case, or within `max(2, ⌊length / 3⌋)` edits ({@link editDistance}, so a swap of two
 * neighbours is one edit) and fewer edits than half the word's length. Short words thus allow one or
 * two edits and long ones (plugin names, label keys) a third of their length; a word is never
 * "corrected" into an unrelated one of similar length. Ties go to the earlier candidate.
 *
 * This is podsim's one "did you mean": scenario keys, manifest fields and kinds, Compose keys,
 * plugin names, priority classes and topology keys all use it.
 *
 * @param word - What the user wrote.
 * @param candidates - The names that are valid here.
 * @example
 * ```ts
 * suggest('replica', ['replicas', 'selector']);                 // 'replicas'
 * suggest('NodeResourceFit', ['NodeResourcesFit', 'ImageLocality']); // 'NodeResourcesFit'
 * suggest('zzz', ['replicas']);                                  // undefined
 * ```
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const limit = Math.min(Math.max(2, Math.floor(word.length / 3)), Math.ceil(word.length / 2) - 1);
  let best: string | undefined;
  let bestD = limit + 1;
  for (const c of candidates) {
    if (c === word) continue;
    if (c.toLowerCase() === lower) return c;
    if (Math.abs(c.length - word.length) >= bestD) continue;
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestD) { bestD = d; best = c; }
  }
  return best;
}

/**
 * ` did you mean "x"?` when a close candidate exists, otherwise `''`: ready to append to a message.
 *
 * @example
 * ```ts
 * `unknown key "hots"${didYouMean('hots', ['hosts', 'workloads'])}`; // 'unknown key "hots"; did you mean "hosts"?'
 * ```
 */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const s = suggest(word, candidates);
  return s === undefined ? '' : `; did you mean ${JSON.stringify(s)}?`;
}
