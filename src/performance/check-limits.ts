import { joinPath, type Issue } from '../errors.js';
import { describeDimension, formatQuantity } from '../resources/quantity.js';

/**
 * Checks that no limit is below its request, appending a `limit_below_request` issue at
 * `path.limit.<dimension>` for each one that is (Kubernetes rejects such pods). Dimensions without a
 * limit are not checked.
 *
 * @param request - Requests in base units (millicores, bytes, …).
 * @param limit - Limits in base units. @defaultValue none
 * @param path - The workload's path, such as `workloads[0]`.
 * @param issues - Receives the problems.
 * @example
 * ```ts
 * const issues: Issue[] = [];
 * checkLimits({ cpu: 1000 }, { cpu: 500 }, 'workloads[0]', issues);
 * // issues[0]: { code: 'limit_below_request', path: 'workloads[0].limit.cpu', message: 'CPU limit 500m is below the request 1' }
 * ```
 */
export function checkLimits(
  request: Readonly<Record<string, number>>,
  limit: Readonly<Record<string, number>> | undefined,
  path: string,
  issues: Issue[],
): void {
  if (limit === undefined) return;
  for (const [dim, l] of Object.entries(limit)) {
    const r = request[dim] ?? 0;
    if (l > 0 && r > l) {
      issues.push({
        code: 'limit_below_request',
        path: joinPath(joinPath(path, 'limit'), dim),
        message: `${describeDimension(dim)} limit ${formatQuantity(l, dim)} is below the request ${formatQuantity(r, dim)}`,
      });
    }
  }
}
