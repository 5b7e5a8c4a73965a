import type { ExpansionOption } from './expander.js';
import { keepLowest } from './keep-best.js';

/**
 * The fraction of CPU plus the fraction of memory the new nodes would leave unrequested
 * (cluster-autoscaler expander/waste/waste.go: `(avail − requested) / avail` per resource, on the nodes'
 * capacity).
 *
 * @example
 * ```ts
 * wasteScore({ group: 'g', nodeCount: 1, podCount: 1, podCpu: 500, podMemory: 2 ** 30, nodeCpu: 8000, nodeMemory: 16 * 2 ** 30 }); // 1.875
 * ```
 */
export function wasteScore(o: ExpansionOption): number {
  const availCpu = o.nodeCpu * o.nodeCount, availMem = o.nodeMemory * o.nodeCount;
  return (availCpu - o.podCpu) / availCpu + (availMem - o.podMemory) / availMem;
}

/**
 * The `least-waste` filter (the expander's default): the options with the lowest {@link wasteScore}.
 *
 * @example
 * ```ts
 * leastWasteFilter([balanced, highmem, lowcpu]); // [lowcpu] when it wastes the least
 * ```
 */
export function leastWasteFilter(options: readonly ExpansionOption[]): ExpansionOption[] {
  return keepLowest(options, wasteScore);
}
