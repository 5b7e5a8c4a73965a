import type { ExpansionOption } from './expander.js';
import { keepLowest } from './keep-best.js';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

/**
 * A pricing model: prices per hour of a node and of a pod's requests
 * (cluster-autoscaler cloudprovider `PricingModel`).
 *
 * @example
 * ```ts
 * const p: PricingModel = { cpuPerCoreHour: 0.03, memoryPerGiBHour: 0.004 };
 * ```
 */
export interface PricingModel {
  /** Price of one core for an hour. @defaultValue 0.033174 (cloudprovider/gce/gce_price_model.go `cpuPricePerHour`) */
  readonly cpuPerCoreHour?: number | undefined;
  /** Price of one GiB for an hour. @defaultValue 0.004446 (gce_price_model.go `memoryPricePerHourPerGb`) */
  readonly memoryPerGiBHour?: number | undefined;
}

/**
 * What the price expander needs beyond the options.
 *
 * @example
 * ```ts
 * const ctx: PriceContext = { clusterSize: 12 };
 * ```
 */
export interface PriceContext {
  /** Nodes in the cluster, for the preferred node size. @defaultValue 0 */
  readonly clusterSize?: number | undefined;
  /** The preferred node's CPU, millicores. @defaultValue by cluster size ({@link preferredNodeCpu}) */
  readonly preferredCpu?: number | undefined;
  readonly pricing?: PricingModel | undefined;
  /** The stabilisation pod's price per hour. @defaultValue the linear price of 500m and 500Mi */
  readonly stabilizationPrice?: number | undefined;
}

/**
 * The linear price per hour of some CPU and memory (gce_price_model.go `getBasePrice`: cores × CPU price +
 * GiB × memory price).
 *
 * @example
 * ```ts
 * linearPrice(4000, 16 * 2 ** 30); // 4 × 0.033174 + 16 × 0.004446
 * ```
 */
export function linearPrice(cpuMillis: number, memoryBytes: number, pricing: PricingModel = {}): number {
  return (cpuMillis / 1000) * (pricing.cpuPerCoreHour ?? 0.033174) + (memoryBytes / GIB) * (pricing.memoryPerGiBHour ?? 0.004446);
}

/**
 * The preferred node's CPU for a cluster of `size` nodes (expander/price/preferred.go
 * `SimplePreferredNodeProvider`: the size doubles each time the cluster grows about 3×): 1 core up to 2
 * nodes, 2 up to 6, 4 up to 20, 8 up to 60, 16 up to 200, else 32.
 *
 * @example
 * ```ts
 * preferredNodeCpu(12); // 4000
 * ```
 */
export function preferredNodeCpu(size: number): number {
  if (size <= 2) return 1000;
  if (size <= 6) return 2000;
  if (size <= 20) return 4000;
  if (size <= 60) return 8000;
  if (size <= 200) return 16000;
  return 32000;
}

/** preferred.go `SimpleNodeUnfitness`: max(preferred/evaluated, evaluated/preferred) on CPU. @example `nodeUnfitness(2000, 4000); // 2` */
export function nodeUnfitness(preferredCpu: number, nodeCpu: number): number {
  return Math.max(preferredCpu / nodeCpu, nodeCpu / preferredCpu);
}

/**
 * The price expander's score, lower is better (expander/price/price.go): how well the money is spent,
 * `(nodes' price + stabilisation) / (pods' price + stabilisation)` with a 500m/500Mi stabilisation pod,
 * times the node's unfitness against the preferred node, suppressed as more nodes are added
 * (`(u − 1)(1 − tanh((n − 1)/15)) + 1`), 1000 for GPU nodes, ×2 for a group that does not exist yet.
 *
 * @example
 * ```ts
 * priceScore(option, { clusterSize: 3 });
 * ```
 */
export function priceScore(o: ExpansionOption, ctx: PriceContext = {}): number {
  const pricing = ctx.pricing ?? {};
  const stabilization = ctx.stabilizationPrice ?? linearPrice(500, 500 * MIB, pricing);
  const nodePrice = o.nodePrice ?? linearPrice(o.nodeCpu, o.nodeMemory, pricing);
  const podPrice = o.podPrice ?? linearPrice(o.podCpu, o.podMemory, pricing);
  const priceSubScore = (nodePrice * o.nodeCount + stabilization) / (podPrice + stabilization);
  const preferred = ctx.preferredCpu ?? preferredNodeCpu(ctx.clusterSize ?? 0);
  let unfitness = (nodeUnfitness(preferred, o.nodeCpu) - 1.0) * (1.0 - Math.tanh((o.nodeCount - 1) / 15.0)) + 1.0;
  if (o.nodeHasGpu === true) unfitness = 1000.0;
  let score = unfitness * priceSubScore;
  if (o.exists === false) score *= 2.0;
  return score;
}

/**
 * The `price` filter: the options with the lowest {@link priceScore}.
 *
 * @example
 * ```ts
 * priceFilter(options, { clusterSize: 10 });
 * ```
 */
export function priceFilter(options: readonly ExpansionOption[], ctx: PriceContext = {}): ExpansionOption[] {
  return keepLowest(options, (o) => priceScore(o, ctx));
}
