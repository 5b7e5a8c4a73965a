import { describe, expect, it } from 'vitest';
import { TaskFlag, type TaskBatch } from '../../src/traces/task-batch.js';
import { TaskTracker } from '../../src/traces/task-tracker.js';
import { resolveOptions } from '../../src/traces/trace-options.js';
import { emptyReport } from '../../src/traces/trace-report.js';

const keys = { job: () => 0, member: () => 0, id: () => '0/0' };

/** A tracker in arrival order, times in seconds (perSecond 1), requests as fractions of 1000. */
function tracker(horizon: number): TaskTracker {
  return new TaskTracker(resolveOptions({ shape: { cpu: 1000, memory: 1000 } }, 1), emptyReport([]), keys, horizon);
}

function rows(b: TaskBatch | undefined): { id: number; submit: number; start: number; duration: number; cpu: number; machine: number; flags: number }[] {
  if (b === undefined) return [];
  return Array.from({ length: b.length }, (_, i) => ({ id: b.id[i]!, submit: b.submit[i]!, start: b.start[i]!, duration: b.duration[i]!, cpu: b.cpu[i]!, machine: b.machine[i]!, flags: b.flags[i]! }));
}

describe('TaskTracker in arrival order: the Start row', () => {
  it('comes when a run released Open before it started is scheduled, with its start, machine and request then', () => {
    const t = tracker(10);
    t.advance(0);
    t.submit(1, 0, 0, 0.5, 0.5, 0);
    t.advance(10); // released Open, not started
    t.update(1, 0, 0.25, NaN, NaN, 'updateForUnknownTask'); // a change while it waits: applies
    t.advance(40);
    t.schedule(1, 0, 40, 3, NaN, NaN, NaN);
    t.advance(100);
    t.end(1, 0, 100);
    expect(rows(t.out.take())).toEqual([
      { id: 0, submit: 0, start: NaN, duration: NaN, cpu: 500, machine: -1, flags: TaskFlag.Open },
      { id: 0, submit: 0, start: 40, duration: NaN, cpu: 250, machine: 3, flags: TaskFlag.Start },
      { id: 0, submit: 0, start: 40, duration: 60, cpu: 250, machine: 3, flags: TaskFlag.End },
    ]);
  });

  it('does not come for a run that started before its release (its Open row has the start), nor in end order', () => {
    const t = tracker(10);
    t.advance(0);
    t.submit(1, 0, 0, 0.5, 0.5, 0);
    t.schedule(1, 0, 5, 2, NaN, NaN, NaN);
    t.advance(20);
    t.end(1, 0, 20);
    expect(rows(t.out.take()).map((r) => [r.flags, r.start])).toEqual([[TaskFlag.Open, 5], [TaskFlag.End, 5]]);
    const e = new TaskTracker(resolveOptions({ shape: { cpu: 1000, memory: 1000 } }, 1), emptyReport([]), keys);
    e.advance(0);
    e.submit(1, 0, 0, 0.5, 0.5, 0);
    e.advance(50);
    e.schedule(1, 0, 50, 2, NaN, NaN, NaN);
    e.advance(60);
    e.end(1, 0, 60);
    expect(rows(e.out.take()).map((r) => [r.flags, r.start, r.duration])).toEqual([[0, 50, 10]]);
  });

  it('a run never started in the window gets no Start row: its End row says PendingAtEnd', () => {
    const t = tracker(10);
    const report = (t as unknown as { report: { notes: Record<string, number> } }).report;
    t.advance(0);
    t.submit(1, 0, 0, 0.5, 0.5, 0);
    t.advance(30);
    t.finish(false);
    expect(rows(t.out.take()).map((r) => r.flags)).toEqual([TaskFlag.Open, TaskFlag.End | TaskFlag.PendingAtEnd]);
    expect(report.notes['pendingAtWindowEnd']).toBe(1);
    expect(report.notes['runningAtWindowEnd']).toBeUndefined();
  });
});
