import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openReplayStream, readTrace, replayTrace, traceToScenario, type ReplayMode } from '../../src/traces/index.js';
import { tempDir } from './tmp-dir.js';

const tmp = tempDir('replay-stream-long-waits');
afterAll(() => tmp.remove());
const shape = { cpu: 64_000, memory: 256 * 2 ** 30 };
const HORIZON = 300;
const TASKS = 2500;
const EVERY = 20; // seconds between submissions

/** A seeded generator (an LCG): the trace is the same on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * A Google 2011 trace as the real cells have it: 8% of the tasks wait in the trace 1500–4000 s (far
 * beyond the horizon) before they start, half of them with their request changed while they wait;
 * 3% are killed after waiting 1000–3000 s; four are never started inside the window (pending at its
 * end), submitted at `pendingAt`; the rest start within 5 s. Runs last 60–3000 s (2000–20000 s for
 * the long waiters).
 */
function writeTrace(dir: string, pendingAt: number): void {
  const rand = lcg(11);
  const ev: [number, string][] = [];
  const row = (t: number, job: number, index: number, machine: string, type: number, cpu: number | '', mem: number | ''): void => {
    ev.push([t, `${Math.round(t * 1e6)},,${job},${index},${machine},${type},user=,0,${index % 3},${cpu},${mem},0,0`]);
  };
  for (let i = 0; i < TASKS; i++) {
    const job = 1000 + Math.floor(i / 5), index = i % 5;
    const submit = i * EVERY + Math.floor(rand() * EVERY);
    const cpu = 0.002 + Math.floor(rand() * 10) / 1000, mem = 0.002 + Math.floor(rand() * 10) / 1000;
    row(submit, job, index, '', 0, cpu, mem);
    const machine = `m${Math.floor(rand() * 8)}`;
    const kind = rand();
    if (kind < 0.08) {
      const start = submit + 1500 + Math.floor(rand() * 2500);
      if (rand() < 0.5) row(submit + HORIZON + 100, job, index, '', 7, cpu * 2, ''); // UPDATE_PENDING after its release
      row(start, job, index, machine, 1, '', '');
      row(start + 2000 + Math.floor(rand() * 18000), job, index, machine, 4, '', '');
    } else if (kind < 0.11) {
      row(submit + 1000 + Math.floor(rand() * 2000), job, index, '', 5, '', ''); // KILL while pending
    } else {
      const start = submit + Math.floor(rand() * 5);
      row(start, job, index, machine, 1, '', '');
      row(start + 60 + Math.floor(rand() * 2940), job, index, machine, rand() < 0.9 ? 4 : 3, '', '');
    }
  }
  for (let k = 0; k < 4; k++) row(pendingAt + k, 9, k, '', 0, 0.02, 0.02); // never started in the window
  ev.sort((a, b) => a[0] - b[0]); // stable: a task's events keep their order at equal times
  // In parts of 150 rows, as Google splits the table (a reader batch per part at most, so that what
  // the stream holds is measured in tasks, not in the 1 MiB of input a batch covers).
  mkdirSync(join(dir, 'task_events'), { recursive: true });
  for (let k = 0; k * 150 < ev.length; k++) {
    writeFileSync(join(dir, 'task_events', `part-${String(k).padStart(5, '0')}.csv`), ev.slice(k * 150, (k + 1) * 150).map((e) => e[1]).join('\n') + '\n');
  }
  writeFileSync(join(dir, 'machine_events.csv'), Array.from({ length: 8 }, (_, m) => `0,m${m},0,p,0.5,0.5`).join('\n') + '\n');
}

describe('replayStream when the trace keeps tasks waiting far longer than the horizon', () => {
  const late = join(tmp.dir, 'late');
  const early = join(tmp.dir, 'early');
  writeTrace(late, TASKS * EVERY - 500);
  writeTrace(early, 1000);

  for (const mode of ['reschedule', 'recorded'] as const satisfies readonly ReplayMode[]) {
    it(`${mode}: byte-identical to replayTrace(plan), first-fit and best-fit, holding a few hundred tasks at most, not the trace`, async () => {
      for (const [dir, pendingEarly] of [[late, false], [early, true]] as const) {
        const plan = await traceToScenario(readTrace({ format: 'google2011', dir }, { shape }), { mode });
        expect(plan.tasks.length).toBeGreaterThan(TASKS * 0.8);
        for (const policy of ['first-fit', 'best-fit']) {
          const expected = JSON.stringify(replayTrace(plan, { scheduler: { policy } }));
          const replay = await openReplayStream({ format: 'google2011', dir }, { shape }, { mode, horizon: HORIZON, scheduler: { policy } });
          const result = await replay.run();
          expect(JSON.stringify(result), `${dir}, ${policy}`).toBe(expected);
          expect(replay.counts.open).toBeGreaterThan(TASKS * 0.08);
          expect(replay.report.notes['pendingAtWindowEnd']).toBe(4);
          for (const horizon of [0, 2000]) {
            const other = await openReplayStream({ format: 'google2011', dir }, { shape, worker: horizon === 0 && policy === 'first-fit' && !pendingEarly }, { mode, horizon, scheduler: { policy } });
            expect(JSON.stringify(await other.run()), `${dir}, ${policy}, horizon ${horizon}`).toBe(expected);
          }
          if (mode === 'reschedule' && pendingEarly) {
            // A task the trace never starts could still be killed before the window ends, and then
            // the plan leaves it out: its arrival holds the rest of the trace (see docs/traces.md).
            expect(replay.counts.maxHeld, `${dir}, ${policy}`).toBeGreaterThan(TASKS * 0.9);
          } else {
            // Reschedule: a long waiter holds what arrives until the trace starts it, the tasks
            // submitted within the longest wait (4000 s: 200 tasks) besides those running (about
            // 110 at once); recorded: it holds nothing, the stream holds the running tasks. Without
            // Start rows it held them until its end (up to 24000 s): 1155 (reschedule) and 1106
            // (recorded) on this trace, 281 and 139 with them.
            expect(replay.counts.maxHeld, `${dir}, ${policy}`).toBeLessThan(mode === 'recorded' ? 250 : 400);
          }
        }
      }
    });
  }
});
