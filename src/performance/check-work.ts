import { joinPath, type Issue } from '../errors.js';
import { meanOf, type DistributionSpec } from '../random/distributions.js';

/**
 * Checks a work-based workload's `work`: it must give CPU work (`work.cpu`), and that work must not
 * be zero (a distribution whose mean is 0, such as `{ distribution: 'constant', value: 0 }`).
 * Appends a `missing_cpu_work` issue at `path.work.cpu`. A workload without `work` is not checked.
 *
 * @param work - The workload's `work` as written (after schema parsing).
 * @param path - The workload's path, such as `workloads[2]`.
 * @param issues - Receives the problem.
 * @example
 * ```ts
 * const issues: Issue[] = [];
 * checkWork({ data: { distribution: 'constant', value: 1e6 } }, 'workloads[2]', issues);
 * // issues[0]: { code: 'missing_cpu_work', path: 'workloads[2].work.cpu', … }
 * ```
 */
export function checkWork(
  work: { readonly cpu?: DistributionSpec | undefined } | undefined,
  path: string,
  issues: Issue[],
): void {
  if (work === undefined) return;
  const p = joinPath(joinPath(path, 'work'), 'cpu');
  if (work.cpu === undefined) {
    issues.push({ code: 'missing_cpu_work', path: p, message: 'a work-based container needs CPU work (CPU-seconds)' });
    return;
  }
  let mean: number;
  try {
    mean = meanOf(work.cpu);
  } catch {
    return; // malformed distributions are reported by checkDistribution
  }
  if (mean === 0) issues.push({ code: 'missing_cpu_work', path: p, message: 'a work-based container needs CPU work, but this is always 0 CPU-seconds' });
}
