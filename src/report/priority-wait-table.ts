// The per-priority wait table of a trace replay, as `podsim replay` prints it and its HTML report
// shows it.
import type { PriorityWaits } from '../traces/priority-waits.js';
import { formatNumber } from './format.js';

/**
 * The per-priority wait table of a replay: one row per class with its counts and its waits
 * (seconds), `CENSORED` counting its tasks still pending at the end (their waits enter the figures
 * at their age then); tiers with their range of priorities.
 *
 * @example
 * ```ts
 * const { header, rows } = priorityWaitTable(result.priorities!);
 * // header: ['PRIORITY', 'TASKS', 'PLACED', …]; rows: [['0', '1,204', …], …]
 * ```
 */
export function priorityWaitTable(p: PriorityWaits): { header: string[]; rows: string[][] } {
  const tier = p.by === 'tier';
  const s = (x: number): string => formatNumber(x);
  const header = [tier ? 'TIER' : 'PRIORITY', ...(tier ? ['PRIORITIES'] : []), 'TASKS', 'PLACED', 'WAITED', 'REJECTED', 'PENDING', 'WAIT MEAN', 'P50', 'P90', 'P99', 'MAX', 'CENSORED'];
  const rows = p.classes.map((c) => {
    const q = c.wait;
    const range = c.from === undefined ? '—' : c.to === undefined ? `≥ ${c.from}` : `${c.from}–${c.to}`;
    return [c.priority, ...(tier ? [range] : []), s(c.tasks), s(c.placed), s(c.waited), s(c.rejected), s(c.pending), s(q.mean), s(q.p50), s(q.p90), s(q.p99), s(q.max), s(q.censored)];
  });
  return { header, rows };
}
