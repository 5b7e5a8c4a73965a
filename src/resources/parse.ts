import type { Issue } from '../errors.js';
import { joinPath } from '../errors.js';
import { isValidDimensionName } from './dimensions.js';
import { describeDimension, tryParseQuantity, type QuantityInput } from './quantity.js';
import type { ResourceVector } from './vector.js';

/**
 * Resources as users write them: dimension names mapped to quantities in Kubernetes notation
 * or plain numbers.
 *
 * @example
 * ```ts
 * const r: ResourceSpec = { cpu: '500m', memory: '1Gi', 'example.com/fpga': 1 };
 * ```
 */
export type ResourceSpec = Readonly<Record<string, QuantityInput>>;

/**
 * Parses a {@link ResourceSpec} into an exact {@link ResourceVector}, appending an issue to `issues`
 * for every bad name or quantity (all of them, not just the first). Returns `undefined` if any was bad.
 *
 * @param spec - The user's resources.
 * @param path - Where the spec sits in the scenario, for messages (`hosts[0].capacity`).
 * @param issues - Receives one issue per problem.
 * @example
 * ```ts
 * const issues: Issue[] = [];
 * parseResources({ cpu: '-1' }, 'hosts[0].capacity', issues);
 * // issues[0].message: '"-1" is not a valid CPU quantity: it is negative'
 * ```
 */
export function parseResources(spec: unknown, path: string, issues: Issue[]): ResourceVector | undefined {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    issues.push({ code: 'invalid_type', path, message: 'expected an object mapping resource names to quantities' });
    return undefined;
  }
  const out: Record<string, number> = {};
  let ok = true;
  for (const [name, raw] of Object.entries(spec)) {
    const p = joinPath(path, name);
    if (!isValidDimensionName(name)) {
      issues.push({ code: 'invalid_resource_name', path: p, message: `"${name}" is not a valid resource name` });
      ok = false;
      continue;
    }
    const r = tryParseQuantity(raw, name);
    if (!r.ok) {
      issues.push({ code: 'invalid_quantity', path: p, message: `${JSON.stringify(raw)} is not a valid ${describeDimension(name)} quantity: ${r.reason}` });
      ok = false;
      continue;
    }
    if (r.value !== 0) out[name] = r.value;
  }
  return ok ? out : undefined;
}
