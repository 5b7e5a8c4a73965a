import seedrandom from 'seedrandom';

/**
 * A seeded source of uniform numbers in [0, 1).
 *
 * @example
 * ```ts
 * const rng: Rng = createRng(1, 'arrivals/web');
 * rng.next(); // 0.5…, the same every time for this seed and name
 * ```
 */
export interface Rng {
  /** The next uniform number in [0, 1). */
  next(): number;
}

/**
 * Creates one named random stream. The stream depends only on `seed` and `name`, so adding
 * another stream (another workload, another policy) never changes this one's draws: runs that
 * differ only in policy see identical arrivals (common random numbers).
 * Backed by seedrandom's `xor4096` generator.
 *
 * @param seed - The scenario's seed.
 * @param name - The stream's name, such as `arrival/web` or `policy/random`.
 * @example
 * ```ts
 * const a = createRng(7, 'arrival/web');
 * const b = createRng(7, 'arrival/web');
 * a.next() === b.next(); // true
 * ```
 */
export function createRng(seed: number | string, name: string): Rng {
  // The generator itself is `next` (it ignores `this`): no wrapper to call through on every draw.
  return { next: seedrandom.xor4096(`podsim:${String(seed)}:${name}`) };
}

/**
 * Hands out independent named {@link Rng} streams for one seed.
 *
 * @example
 * ```ts
 * const streams = new RandomStreams(42);
 * const arrivals = streams.get('arrival/web');
 * ```
 */
export class RandomStreams {
  private readonly made = new Map<string, Rng>();
  constructor(readonly seed: number | string) {}

  /** The stream with this name; the same object on every call. */
  get(name: string): Rng {
    let r = this.made.get(name);
    if (r === undefined) {
      r = createRng(this.seed, name);
      this.made.set(name, r);
    }
    return r;
  }
}
