import type { PackInput, PackResult } from '../../src/packing/index.js';

/**
 * Independent checks of a pack() result: every replica of every item appears on exactly one
 * host, and no host exceeds its type's capacity in any dimension. Returns the problems found.
 */
export function packingProblems(input: PackInput, result: PackResult): string[] {
  const problems: string[] = [];
  const seen = input.items.map((it) => new Array<number>(it.replicas ?? 1).fill(0));
  result.hosts.forEach((host, h) => {
    const type = input.hostTypes[host.typeIndex];
    if (type === undefined || type.name !== host.type) {
      problems.push(`host ${h} has unknown type ${host.type}`);
      return;
    }
    const load: Record<string, number> = {};
    for (const r of host.replicas) {
      const counts = seen[r.item];
      if (counts === undefined || r.replica < 0 || r.replica >= counts.length) {
        problems.push(`host ${h} holds a replica that does not exist: ${r.item}/${r.replica}`);
        continue;
      }
      counts[r.replica] = (counts[r.replica] as number) + 1;
      for (const [dim, q] of Object.entries((input.items[r.item] as { request: Record<string, number> }).request)) load[dim] = (load[dim] ?? 0) + q;
    }
    for (const [dim, q] of Object.entries(load)) {
      if (q > (type.capacity[dim] ?? 0)) problems.push(`host ${h} (${type.name}) is overfilled in ${dim}: ${q} > ${type.capacity[dim] ?? 0}`);
      if ((host.used[dim] ?? 0) !== q) problems.push(`host ${h} reports used.${dim} = ${host.used[dim]}, the replicas sum to ${q}`);
    }
  });
  seen.forEach((counts, i) =>
    counts.forEach((c, r) => {
      if (c !== 1) problems.push(`items[${i}] replica ${r} is placed ${c} times`);
    }),
  );
  if (result.hostCount !== result.hosts.length) problems.push(`hostCount ${result.hostCount} but ${result.hosts.length} hosts`);
  return problems;
}
