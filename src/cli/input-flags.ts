import { InvalidArgumentError, type Command } from 'commander';
import { quantityHint } from '../inputs/quantity-hint.js';
import type { LoadOptions } from '../inputs/types.js';
import { tryParseQuantity } from '../resources/quantity.js';
import type { HostGroupSpec } from '../scenario/schema.js';

/**
 * The flags that shape what the CLI loads: `--hosts`, `--scale`, `--requests-from-limits`.
 *
 * @example
 * ```ts
 * const f: InputFlags = { hosts: [{ name: 'node', count: 3, capacity: { cpu: '4', memory: '16Gi' } }], scale: 20 };
 * ```
 */
export interface InputFlags {
  readonly hosts?: readonly HostGroupSpec[];
  readonly scale?: number;
  readonly requestsFromLimits?: boolean;
}

const HOSTS = /^([A-Za-z0-9][-A-Za-z0-9_.]*)=(?:(\d+)[x×])?([^/]+)(?:\/(.+))?$/;

/**
 * Parses one `--hosts name=COUNTxCPU/MEMORY` (count optional, memory optional): `node=3x4/16Gi` is
 * three hosts named node-0 … node-2 with 4 cores and 16 GiB each.
 *
 * @example
 * ```ts
 * parseHostsFlag('node=3x4/16Gi', []); // [{ name: 'node', count: 3, capacity: { cpu: '4', memory: '16Gi' } }]
 * ```
 */
export function parseHostsFlag(text: string, previous: readonly HostGroupSpec[] = []): HostGroupSpec[] {
  const m = HOSTS.exec(text.trim());
  if (m === null) throw new InvalidArgumentError('expected NAME=COUNTxCPU/MEMORY, such as node=3x4/16Gi (3 hosts of 4 cores and 16Gi).');
  const [, name = '', count, cpu = '', memory] = m;
  const bad = (what: string, v: string, dim: string): never => {
    const r = tryParseQuantity(v, dim);
    throw new InvalidArgumentError(`${what} ${JSON.stringify(v)} in ${JSON.stringify(text)}: ${r.ok ? 'invalid' : r.reason}${quantityHint(v, dim)}.`);
  };
  const c = tryParseQuantity(cpu, 'cpu');
  if (!c.ok || c.value <= 0) bad('CPU', cpu, 'cpu');
  if (memory !== undefined) {
    const r = tryParseQuantity(memory, 'memory');
    if (!r.ok || r.value <= 0) bad('memory', memory, 'memory');
  }
  const n = count === undefined ? 1 : Number(count);
  if (!(n >= 1)) throw new InvalidArgumentError(`the count in ${JSON.stringify(text)} must be at least 1.`);
  if (previous.some((h) => h.name === name)) throw new InvalidArgumentError(`a host group ${JSON.stringify(name)} is already given.`);
  return [...previous, { name, count: n, capacity: { cpu, ...(memory === undefined ? {} : { memory }) } }];
}

function parseScale(text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1) throw new InvalidArgumentError('expected a whole number of at least 1, such as 20.');
  return Number(text);
}

/**
 * Adds `--hosts`, `--scale` and `--requests-from-limits` to a command that loads inputs.
 *
 * @example
 * ```ts
 * addInputOptions(program.command('pack').argument('<files...>'));
 * ```
 */
export function addInputOptions(command: Command): Command {
  return command
    .option('--hosts <name=COUNTxCPU/MEMORY>', 'add a host group, such as node=3x4/16Gi (repeatable); how manifests without Node objects get hosts', (t: string, prev: HostGroupSpec[]) => parseHostsFlag(t, prev), [])
    .option('--scale <n>', 'multiply the replicas of imported workloads (Deployments, StatefulSets, Jobs, Compose services) by N', parseScale)
    .option('--requests-from-limits', 'Compose services that reserve nothing take their requests from their limits');
}

/**
 * The load options the input flags ask for.
 *
 * @example
 * ```ts
 * loadInput(files, ctx.cwd, loadOptionsOf(flags));
 * ```
 */
export function loadOptionsOf(flags: InputFlags): LoadOptions {
  return {
    ...(flags.hosts === undefined || flags.hosts.length === 0 ? {} : { hosts: flags.hosts }),
    ...(flags.scale === undefined ? {} : { scale: flags.scale }),
    ...(flags.requestsFromLimits === true ? { requestsFromLimits: true } : {}),
  };
}
