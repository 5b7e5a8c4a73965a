import type { Rng } from '../random/streams.js';
import { leastWasteFilter } from './least-waste-expander.js';
import { mostPodsFilter } from './most-pods-expander.js';
import { priceFilter, type PriceContext } from './price-expander.js';

/**
 * One way to scale up: add `nodeCount` nodes to node group `group` for the pending pods it can take
 * (cluster-autoscaler expander/expander.go `Option`), with what the expanders need to compare options.
 *
 * @example
 * ```ts
 * const o: ExpansionOption = { group: 'small', nodeCount: 3, podCount: 6, podCpu: 3000, podMemory: 6 * 2 ** 30, nodeCpu: 2000, nodeMemory: 4 * 2 ** 30 };
 * ```
 */
export interface ExpansionOption {
  readonly group: string;
  readonly nodeCount: number;
  /** Pods the new nodes would hold. */
  readonly podCount: number;
  /** Σ CPU requests of those pods, millicores. */
  readonly podCpu: number;
  /** Σ memory requests of those pods, bytes. */
  readonly podMemory: number;
  /** One node's CPU capacity, millicores. */
  readonly nodeCpu: number;
  /** One node's memory capacity, bytes. */
  readonly nodeMemory: number;
  /** One node's price per hour (price expander). @defaultValue the linear price of its CPU and memory */
  readonly nodePrice?: number | undefined;
  /** Σ price per hour of the pods (price expander). @defaultValue the linear price of their requests */
  readonly podPrice?: number | undefined;
  /** Whether the node has GPUs (price expander: unfitness 1000). @defaultValue false */
  readonly nodeHasGpu?: boolean | undefined;
  /** Whether the node group exists (price expander: ×2 if not). @defaultValue true */
  readonly exists?: boolean | undefined;
}

/** The expanders podsim implements, by upstream's names. @example `const e: ExpanderName = 'least-waste';` */
export type ExpanderName = 'random' | 'most-pods' | 'least-waste' | 'price';

/** Expander names, in the order of the `--expander` flag's help. @example `EXPANDERS.includes('price')` */
export const EXPANDERS: readonly ExpanderName[] = ['random', 'most-pods', 'least-waste', 'price'];

/**
 * The `random` expander (expander/random/random.go): one option, uniformly, from a seeded stream.
 *
 * @example
 * ```ts
 * randomOption([a, b, c], createRng(1, 'autoscaler/expander')); // one of them
 * ```
 */
export function randomOption<T>(options: readonly T[], rng: Rng): T | undefined {
  if (options.length === 0) return undefined;
  return options[Math.floor(rng.next() * options.length)];
}

/**
 * Chooses the option to scale up, as `--expander=a,b,…` does (expander/factory/expander_factory.go and
 * chain.go): each named filter keeps its best options in turn, stopping as soon as one is left; ties still
 * left are broken at random.
 *
 * @param names - The expanders, in order. @defaultValue ['least-waste'] (the flag's default)
 * @param options - The expansion options (at least one).
 * @param rng - The stream for random choices.
 * @param price - What the price expander needs (the cluster's size for the preferred node, the pricing).
 * @example
 * ```ts
 * chooseExpansionOption(['least-waste'], options, createRng(1, 'autoscaler/expander'));
 * ```
 */
export function chooseExpansionOption(names: readonly ExpanderName[], options: readonly ExpansionOption[], rng: Rng, price?: PriceContext): ExpansionOption | undefined {
  let left: readonly ExpansionOption[] = options;
  for (const name of names) {
    if (left.length <= 1) break;
    switch (name) {
      case 'random': { const o = randomOption(left, rng); left = o === undefined ? [] : [o]; break; }
      case 'most-pods': left = mostPodsFilter(left); break;
      case 'least-waste': left = leastWasteFilter(left); break;
      case 'price': left = priceFilter(left, price ?? {}); break;
    }
  }
  return left.length === 1 ? left[0] : randomOption(left, rng);
}
