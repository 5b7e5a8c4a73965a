import type { ClusterState } from '../cluster/cluster-state.js';
import { suggest } from '../inputs/did-you-mean.js';
import type { RandomStreams } from '../random/streams.js';
import type { CompiledScenario } from '../scenario/compile.js';
import { KUBE_POLICY_FACTORIES } from '../kube/sim/kube-policies.js';
import { createPolicy, POLICIES } from './create-policy.js';
import type { PendingQueue } from './pending-queue.js';
import type { PlacementPolicy } from './policy.js';
import type { Scheduler } from './scheduler.js';

/**
 * What the simulation tells a container about, by id, to the scheduler and queue it builds.
 *
 * @example
 * ```ts
 * ctx.containers.submitTime(req.container); // when it arrived
 * ```
 */
export interface ContainerInfo {
  /** When the container was submitted. */
  submitTime(container: number): number;
  /** Its workload index. */
  workload(container: number): number;
  /** n in its name `<workload>-<n>`. */
  ordinal(container: number): number;
}

/**
 * What a policy factory gets: the cluster, the compiled scenario (with `parsed`, the scenario as
 * validated, for fields only some policies read), the run's random streams (draw from your own named
 * stream, such as `policy/<name>`, so that other draws are undisturbed), the clock and the containers.
 *
 * @example
 * ```ts
 * registerPolicy('coin', (ctx) => randomFit(ctx.streams.get('policy/coin')));
 * ```
 */
export interface PolicyContext {
  readonly cluster: ClusterState;
  readonly scenario: CompiledScenario;
  readonly streams: RandomStreams;
  /** The simulated time, read when needed (`ctx.clock.now`). */
  readonly clock: { readonly now: number };
  readonly containers: ContainerInfo;
}

/**
 * A scheduler with the pending queue it needs. Without a queue the scenario's `scheduler.queue`
 * (`fifo` or `skip`) is used.
 *
 * @example
 * ```ts
 * const parts: PolicyParts = { scheduler: bestFit(), queue: new SkipQueue() };
 * ```
 */
export interface PolicyParts {
  readonly scheduler: Scheduler;
  readonly queue?: PendingQueue;
}

/** Makes a policy for one run. @example `const f: PolicyFactory = () => firstFit();` */
export type PolicyFactory = (context: PolicyContext) => Scheduler | PlacementPolicy | PolicyParts;

interface Entry {
  readonly factory: PolicyFactory;
  readonly builtIn: boolean;
}

const registry = new Map<string, Entry>([
  ...POLICIES.map((name): [string, Entry] => [name, { builtIn: true, factory: (ctx) => createPolicy(name, ctx.streams) }]),
  ...Object.entries(KUBE_POLICY_FACTORIES).map(([name, factory]): [string, Entry] => [name, { builtIn: true, factory }]),
]);

/**
 * Registers a placement policy by name, so that scenarios (files included) can name it in
 * `scheduler.policy`. The factory runs once per simulation. Registering a built-in name is an error;
 * registering a name again replaces your earlier factory.
 *
 * @example
 * ```ts
 * registerPolicy('last-fit', () => ({
 *   name: 'last-fit',
 *   select(req, hosts) {
 *     for (let h = hosts.hostCount - 1; h >= 0; h--) if (hosts.fits(h, req.demand, req.offset)) return h;
 *     return -1;
 *   },
 * }));
 * simulate({ ...scenario, scheduler: { policy: 'last-fit' } });
 * ```
 */
export function registerPolicy(name: string, factory: PolicyFactory): void {
  if (typeof name !== 'string' || name.length === 0) throw new TypeError('registerPolicy: the name must be a non-empty string');
  if (registry.get(name)?.builtIn === true) throw new Error(`registerPolicy: "${name}" is a built-in policy; choose another name`);
  registry.set(name, { builtIn: false, factory });
}

/**
 * Removes a policy registered with {@link registerPolicy}; built-in policies stay.
 * @returns whether it was registered.
 * @example
 * ```ts
 * unregisterPolicy('last-fit');
 * ```
 */
export function unregisterPolicy(name: string): boolean {
  const e = registry.get(name);
  if (e === undefined || e.builtIn) return false;
  return registry.delete(name);
}

/**
 * Every policy a scenario may name: the built-in ones, then those registered, in order.
 *
 * @example
 * ```ts
 * policyNames(); // ['first-fit', 'best-fit', 'worst-fit', 'random', 'round-robin', 'kube', 'tetris', 'spread', 'binpack', …]
 * ```
 */
export function policyNames(): string[] {
  return [...registry.keys()];
}

/**
 * The policies podsim itself defines: the classic bin-packing ones, then the kube-scheduler ones.
 *
 * @example
 * ```ts
 * builtinPolicyNames(); // ['first-fit', 'best-fit', 'worst-fit', 'random', 'round-robin', 'kube', 'tetris', 'spread', 'binpack']
 * ```
 */
export function builtinPolicyNames(): string[] {
  return [...registry].filter(([, e]) => e.builtIn).map(([name]) => name);
}

/**
 * Why a policy name is not usable, or `undefined` when it is registered.
 *
 * @example
 * ```ts
 * unknownPolicyMessage('bset-fit'); // 'unknown policy "bset-fit" (did you mean "best-fit"?); expected one of first-fit, …'
 * ```
 */
export function unknownPolicyMessage(name: string): string | undefined {
  if (registry.has(name)) return undefined;
  const names = policyNames();
  const close = suggest(name, names);
  return `unknown policy ${JSON.stringify(name)}${close === undefined ? '' : ` (did you mean ${JSON.stringify(close)}?)`}; expected one of ${names.join(', ')}, or a name given to registerPolicy()`;
}

/**
 * Builds the named policy for one run: its scheduler and, when it brings one, its pending queue.
 * @throws Error naming the registered policies when the name is unknown.
 * @example
 * ```ts
 * const { scheduler, queue } = createScheduler('best-fit', ctx);
 * ```
 */
export function createScheduler(name: string, context: PolicyContext): PolicyParts {
  const e = registry.get(name);
  if (e === undefined) throw new Error(unknownPolicyMessage(name));
  return asParts(e.factory(context));
}

/**
 * The factory registered under a name, or `undefined`.
 * @example
 * ```ts
 * new Simulation(scenario, { policy: policyFactory('best-fit') });
 * ```
 */
export function policyFactory(name: string): PolicyFactory | undefined {
  return registry.get(name)?.factory;
}

/** A scheduler or policy, or a scheduler with its queue, as {@link PolicyParts}. @example `asParts(firstFit()).scheduler` */
export function asParts(x: Scheduler | PlacementPolicy | PolicyParts): PolicyParts {
  return 'scheduler' in x ? x : { scheduler: x };
}
