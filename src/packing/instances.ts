import { PodsimError } from '../errors.js';
import { createRng, type Rng } from '../random/streams.js';
import type { PackHostType, PackItem } from './types.js';

/**
 * A packing instance: items (one replica each) and a single host type.
 *
 * @example
 * ```ts
 * const inst: PackInstance = uniformInstance({ n: 120, seed: 1 });
 * pack({ ...inst });
 * ```
 */
export interface PackInstance {
  /** The items, one replica each. */
  readonly items: PackItem[];
  /** One host type. */
  readonly hostTypes: PackHostType[];
}

function intIn(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng.next() * (hi - lo + 1));
}

function shuffle<T>(rng: Rng, a: T[]): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = a[i] as T;
    a[i] = a[j] as T;
    a[j] = t;
  }
  return a;
}

/**
 * A one-dimensional instance of Falkenauer's "uniform" class (as in OR-Library's u120–u1000):
 * `n` item sizes drawn uniformly from the integers in [min, max], bins of `capacity`.
 * The dimension is called `size`. Seeded: the same options give the same instance.
 *
 * @param options - Number of items, seed, and optionally the size range and capacity.
 * @example
 * ```ts
 * const { items, hostTypes } = uniformInstance({ n: 250, seed: 3 }); // sizes in [20, 100], capacity 150
 * ```
 */
export function uniformInstance(options: { n: number; seed: number; min?: number; max?: number; capacity?: number }): PackInstance {
  const rng = createRng(options.seed, 'packing/uniform');
  const min = options.min ?? 20;
  const max = options.max ?? 100;
  const items: PackItem[] = [];
  for (let i = 0; i < options.n; i++) items.push({ name: `u${i}`, request: { size: intIn(rng, min, max) } });
  return { items, hostTypes: [{ name: 'bin', capacity: { size: options.capacity ?? 150 } }] };
}

/**
 * A one-dimensional instance of Falkenauer's "triplet" class (as in OR-Library's t60–t501) in
 * integer units: `bins` triplets, each filling a bin of 1000 exactly; the first item is drawn
 * from [380, 490], the second from [250, ⌊(1000 − first)/2⌋], the third completes the bin. Items
 * are shuffled. The optimum is exactly `bins` (each bin holds one item above 1000/3).
 *
 * @param options - Number of triplets and seed.
 * @example
 * ```ts
 * const { items, hostTypes } = tripletInstance({ bins: 40, seed: 1 }); // 120 items, optimum 40
 * ```
 */
export function tripletInstance(options: { bins: number; seed: number }): PackInstance {
  const rng = createRng(options.seed, 'packing/triplet');
  const sizes: number[] = [];
  for (let b = 0; b < options.bins; b++) {
    const a = intIn(rng, 380, 490);
    const x = intIn(rng, 250, Math.floor((1000 - a) / 2));
    sizes.push(a, x, 1000 - a - x);
  }
  shuffle(rng, sizes);
  return {
    items: sizes.map((s, i) => ({ name: `t${i}`, request: { size: s } })),
    hostTypes: [{ name: 'bin', capacity: { size: 1000 } }],
  };
}

/**
 * The two-dimensional vector packing classes of Caprara & Toth (2001), classes 1–4 and 9 after
 * Spieksma (1994). Each item has `cpu` and `memory` weights; one bin type.
 *
 * | class | weights (each dimension) | capacity |
 * | --- | --- | --- |
 * | 1 | uniform [100, 400] | 1000 |
 * | 2 | uniform [1, 1000] | 1000 |
 * | 3 | uniform [200, 800] | 1000 |
 * | 4 | uniform [50, 200] | 1000 |
 * | 5 | uniform [25, 100] | 1000 |
 * | 6 | uniform [20, 100] | 150 |
 * | 7 | w uniform [20, 100], v uniform [w − 10, w + 10] (positively correlated) | 150 |
 * | 8 | w uniform [20, 100], v uniform [110 − w, 130 − w] (negatively correlated) | 150 |
 * | 9 | uniform [100, 400]; capacity per dimension ⌈total / ⌈max total / 1000⌉⌉ (tight) | varies |
 * | 10 | triplets: two items uniform [25, 50], the third completing 100 in each dimension | 100 |
 *
 * Class 10 needs `n` to be a multiple of 3 (it is rounded down).
 *
 * @throws PodsimError when `cls` is not 1–10.
 * @param options - Class (1–10), number of items and seed.
 * @example
 * ```ts
 * const { items, hostTypes } = capraraTothInstance({ cls: 1, n: 100, seed: 7 });
 * ```
 */
export function capraraTothInstance(options: { cls: number; n: number; seed: number }): PackInstance {
  const { cls, n } = options;
  const rng = createRng(options.seed, `packing/caprara-toth/${cls}`);
  const pairs: [number, number][] = [];
  let cap: [number, number] = [0, 0];
  const uniform = (lo: number, hi: number, c: number): void => {
    for (let i = 0; i < n; i++) pairs.push([intIn(rng, lo, hi), intIn(rng, lo, hi)]);
    cap = [c, c];
  };
  switch (cls) {
    case 1:
      uniform(100, 400, 1000);
      break;
    case 2:
      uniform(1, 1000, 1000);
      break;
    case 3:
      uniform(200, 800, 1000);
      break;
    case 4:
      uniform(50, 200, 1000);
      break;
    case 5:
      uniform(25, 100, 1000);
      break;
    case 6:
      uniform(20, 100, 150);
      break;
    case 7:
      for (let i = 0; i < n; i++) {
        const w = intIn(rng, 20, 100);
        pairs.push([w, intIn(rng, w - 10, w + 10)]);
      }
      cap = [150, 150];
      break;
    case 8:
      for (let i = 0; i < n; i++) {
        const w = intIn(rng, 20, 100);
        pairs.push([w, intIn(rng, 110 - w, 130 - w)]);
      }
      cap = [150, 150];
      break;
    case 9: {
      uniform(100, 400, 1000);
      const tw = pairs.reduce((s, p) => s + p[0], 0);
      const tv = pairs.reduce((s, p) => s + p[1], 0);
      const bins = Math.ceil(Math.max(tw, tv) / 1000);
      cap = [Math.ceil(tw / bins), Math.ceil(tv / bins)];
      // every item must fit
      cap = [Math.max(cap[0], ...pairs.map((p) => p[0])), Math.max(cap[1], ...pairs.map((p) => p[1]))];
      break;
    }
    case 10: {
      const m = Math.floor(n / 3);
      for (let b = 0; b < m; b++) {
        const a: [number, number] = [intIn(rng, 25, 50), intIn(rng, 25, 50)];
        const c: [number, number] = [intIn(rng, 25, 50), intIn(rng, 25, 50)];
        pairs.push(a, c, [100 - a[0] - c[0], 100 - a[1] - c[1]]);
      }
      shuffle(rng, pairs);
      cap = [100, 100];
      break;
    }
    default:
      throw new PodsimError([{ code: 'invalid_class', path: 'cls', message: `must be a Caprara–Toth class from 1 to 10, got ${cls}` }]);
  }
  return {
    items: pairs.map(([w, v], i) => ({ name: `ct${cls}-${i}`, request: { cpu: w, memory: v } })),
    hostTypes: [{ name: 'bin', capacity: { cpu: cap[0], memory: cap[1] } }],
  };
}

/**
 * One instance of an OR-Library bin-packing file (Beasley's binpack1–8, Falkenauer's u and t
 * classes), in integer units.
 *
 * @example
 * ```ts
 * const inst: OrlibInstance = { name: 'u120_00', capacity: 150, bestKnown: 48, sizes: [42, 69] };
 * ```
 */
export interface OrlibInstance {
  /** The instance's name, such as `u120_00`. */
  readonly name: string;
  /** The bin capacity (×10 for the t classes). */
  readonly capacity: number;
  /** The number of bins of the best known solution, as the file lists it. */
  readonly bestKnown: number;
  /** The item sizes (×10 for the t classes). */
  readonly sizes: readonly number[];
}

/**
 * Parses an OR-Library bin-packing file: the number of instances, then for each its name, a line
 * `capacity n best_known`, and n sizes, all whitespace-separated. When the capacity has a decimal
 * point (the t classes: sizes with one decimal), capacity and sizes are multiplied by 10 so that
 * everything is an integer.
 *
 * @param text - The file's contents.
 * @throws PodsimError when the text is not in that format.
 * @example
 * ```ts
 * parseOrlibBinpack('1 t_ex 100.0 3 1 33.3 33.3 33.4'); // [{ name: 't_ex', capacity: 1000, bestKnown: 1, sizes: [333, 333, 334] }]
 * ```
 */
export function parseOrlibBinpack(text: string): OrlibInstance[] {
  const tok = text.trim().split(/\s+/);
  let p = 0;
  const next = (what: string): string => {
    const t = tok[p++];
    if (t === undefined) throw new PodsimError([{ code: 'invalid_format', path: '', message: `the file ends where ${what} was expected` }]);
    return t;
  };
  const number = (what: string): number => {
    const t = next(what);
    const v = Number(t);
    if (!Number.isFinite(v)) throw new PodsimError([{ code: 'invalid_format', path: '', message: `expected ${what}, got ${JSON.stringify(t)}` }]);
    return v;
  };
  const count = number('the number of instances');
  const out: OrlibInstance[] = [];
  for (let i = 0; i < count; i++) {
    const name = next('an instance name');
    const capText = next('a capacity');
    const scale = capText.includes('.') ? 10 : 1;
    const capacity = Math.round(Number(capText) * scale);
    const n = number('the number of items');
    const bestKnown = number('the best known number of bins');
    const sizes: number[] = [];
    for (let j = 0; j < n; j++) sizes.push(Math.round(number('an item size') * scale));
    out.push({ name, capacity, bestKnown, sizes });
  }
  return out;
}
