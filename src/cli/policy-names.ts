import { schedulerSchema } from '../scenario/schema.js';

/**
 * The placement policy names a scenario may give, read from the scenario schema so that the CLI's
 * help always lists the policies the simulation knows.
 *
 * @example
 * ```ts
 * policyNames(); // ['first-fit', 'best-fit', 'worst-fit', 'random', 'round-robin', …]
 * ```
 */
export function policyNames(): string[] {
  const inner = (schedulerSchema.shape.policy as unknown as { unwrap?: () => { options?: unknown } }).unwrap?.();
  const options = inner?.options;
  return Array.isArray(options) && options.every((o) => typeof o === 'string') ? options : ['first-fit', 'best-fit', 'worst-fit', 'random', 'round-robin'];
}
