import { describeAmount } from '../packing/describe-amount.js';
import type { CompiledScenario } from '../scenario/compile.js';

/**
 * Workloads whose one container is larger than every host, in the user's words: `huge: each
 * container requests 28 cores, more than any host offers (node: 16 cores)`. `run` warns with them
 * (such containers are rejected), `pack` refuses them.
 *
 * @example
 * ```ts
 * for (const m of unfitWorkloads(compileScenario(scenario))) io.stderr.write(`warning: ${m}\n`);
 * ```
 */
export function unfitWorkloads(compiled: CompiledScenario): string[] {
  const out: string[] = [];
  const groups = new Map<number, (typeof compiled.hosts)[number]>();
  for (const h of compiled.hosts) if (!groups.has(h.group)) groups.set(h.group, h);
  const groupName = (g: number) => compiled.parsed.hosts[g]?.name ?? `hosts[${g}]`;
  for (const w of compiled.workloads) {
    const fitsSome = [...groups.values()].some((h) => Object.entries(w.request).every(([d, q]) => q <= (h.capacity[d] ?? 0)));
    if (fitsSome || compiled.hosts.length === 0) continue;
    // the dimensions no host type has room for, else all requested ones
    const dims = Object.keys(w.request).filter((d) => (w.request[d] ?? 0) > 0);
    const over = dims.filter((d) => [...groups.values()].every((h) => (w.request[d] ?? 0) > (h.capacity[d] ?? 0)));
    const shown = over.length > 0 ? over : dims;
    const wants = shown.map((d) => `${describeAmount(w.request[d] ?? 0, d)}${d === 'cpu' ? '' : ` of ${d}`}`).join(' and ');
    const offers = [...groups.entries()].map(([g, h]) => `${groupName(g)}: ${shown.map((d) => describeAmount(h.capacity[d] ?? 0, d)).join(', ')}`).join('; ');
    out.push(`${w.name}: each container requests ${wants}, more than any host offers (${offers})`);
  }
  return out;
}
