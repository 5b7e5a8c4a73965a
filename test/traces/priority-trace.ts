import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One machine of half the shape (32 cores), and tasks of that whole machine (so they run one at a
 * time, in arrival order), Google 2011 rows (seconds → µs): [job, priority ('' for none), submit,
 * start, end, cpu]. D never starts in the trace (it runs to the end of the replay once placed); G
 * asks more than the machine has (rejected).
 */
export const PRIORITY_TASKS: [string, number, string, number, number | undefined, number | undefined, number][] = [
  ['A', 1, '9', 0, 0, 100, 0.5],
  ['B', 2, '0', 10, 10, 60, 0.5],
  ['C', 3, '9', 20, 20, 50, 0.5],
  ['D', 4, '0', 30, undefined, undefined, 0.5],
  ['E', 5, '9', 40, 40, 60, 0.5],
  ['F', 6, '', 45, 45, 55, 0.5],
  ['G', 7, '0', 50, 50, 60, 0.6],
];

/** Writes that trace (task_events and machine_events) into `dir`. */
export function writePriorityTrace(dir: string): void {
  const ev: [number, string][] = [];
  const row = (t: number, job: number, type: number, priority: string, cpu: number): void => {
    ev.push([t, `${t * 1e6},,${job},0,${type === 0 ? '' : 'm0'},${type},user=,0,${priority},${cpu},0.1,0,0`]);
  };
  for (const [, job, priority, submit, start, end, cpu] of PRIORITY_TASKS) {
    row(submit, job, 0, priority, cpu);
    if (start !== undefined) row(start, job, 1, priority, cpu);
    if (end !== undefined) row(end, job, 4, priority, cpu);
  }
  ev.sort((a, b) => a[0] - b[0]);
  mkdirSync(join(dir, 'task_events'), { recursive: true });
  writeFileSync(join(dir, 'task_events', 'part-00000-of-00001.csv'), ev.map((e) => e[1]).join('\n') + '\n');
  mkdirSync(join(dir, 'machine_events'), { recursive: true });
  writeFileSync(join(dir, 'machine_events', 'part-00000-of-00001.csv'), '0,m0,0,p,0.5,0.5\n');
}
