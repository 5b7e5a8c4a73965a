import type { TraceSample } from './trace-options.js';

/** 32-bit string hash (FNV-1a over UTF-16 code units, then a murmur3 finaliser). */
function hash32(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Makes the keep-or-drop test of a sample: a function of the task id alone, so that a task is kept
 * or dropped the same way whatever order its rows come in, and the same in every run.
 * @internal
 * @example
 * ```ts
 * const keep = makeSampler({ fraction: 0.1, seed: 1 });
 * keep?.('6251812952/0'); // true or false
 * ```
 */
export function makeSampler(sample: TraceSample | undefined): ((id: string) => boolean) | undefined {
  if (sample === undefined || sample.fraction >= 1) return undefined;
  const seed = typeof sample.seed === 'string' ? hash32(sample.seed, 0) : hash32(String(sample.seed ?? 0), 0);
  // Keep when hash / 2³² < fraction.
  const threshold = sample.fraction * 4294967296;
  return (id: string) => hash32(id, seed) < threshold;
}

/**
 * Says whether a sample keeps the task with this id. The readers use the same test, so this tells in
 * advance which tasks a sampled replay will contain. Google task ids are `job/index`; every run of a
 * task shares the decision.
 *
 * @example
 * ```ts
 * sampleKeeps('6251812952/3', { fraction: 0.1, seed: 7 }); // true or false, always the same
 * ```
 */
export function sampleKeeps(id: string, sample: TraceSample): boolean {
  const keep = makeSampler(sample);
  return keep === undefined ? true : keep(id);
}
