import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTrace, readTrace, traceToScenario, type GeneratedTask, type TraceTask } from '../../src/traces/index.js';
import { tempDir } from './tmp-dir.js';

const tmp = tempDir('roundtrip');
afterAll(() => tmp.remove());
const shape = { cpu: 48_000, memory: 3 * 2 ** 36 };

function byKey<T extends { id: string; submit: number }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.submit - b.submit));
}

function count(tasks: readonly GeneratedTask[], pred: (t: GeneratedTask) => boolean): number {
  return tasks.filter(pred).length;
}

describe('generateTrace → readTrace', () => {
  it('recovers every generated task run and machine event, real-trace features included, for every format', async () => {
    let n = 0;
    const seen = { afterTrace: 0, exponent: 0, bigQuery: 0, alloc: 0, start0: 0, backwards: 0, merged: 0, removals: 0, updates: 0, notInService: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('google2011' as const, 'google2019' as const, 'alibaba2018' as const),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 160 }),
        fc.integer(),
        fc.boolean(),
        async (format, machines, tasks, seed, gzip) => {
          const dir = `${tmp.dir}/${n++}`;
          const generated = await generateTrace({ format, machines, tasks, seed, dir, gzip, truth: true });
          const truth = generated.truth as NonNullable<typeof generated.truth>;
          const records = readTrace({ format, dir }, { shape });
          const read = byKey(await records.tasks.toArray());
          const google = format !== 'alibaba2018';
          const expected = byKey(truth.tasks.filter((t) => t.outcome !== 'killedWhilePending' && t.outcome !== 'endBeforeStart' && t.alloc !== true));
          expect(read.map((t) => t.id)).toEqual(expected.map((t) => t.id));
          const report = records.tasks.report;
          expect(report.badLines).toBe(0);
          read.forEach((t: TraceTask, i) => {
            const g = expected[i] as GeneratedTask;
            expect(t.submit).toBeCloseTo(g.submit, 6);
            expect(t.start).toBeCloseTo(g.start as number, 6);
            expect(t.duration).toBeCloseTo((g.end as number) - (g.start as number), 6);
            expect(t.machine).toBe(g.machine);
            expect(t.priority).toBe(g.priority);
            const cpu = google ? g.cpu * shape.cpu : g.cpu * 10;
            const memory = google ? g.memory * shape.memory : (g.memory / 100) * shape.memory;
            expect(Number.isInteger(t.request.cpu) && Number.isInteger(t.request.memory)).toBe(true);
            expect(Math.abs(t.request.cpu - cpu)).toBeLessThanOrEqual(0.5);
            expect(Math.abs(t.request.memory - memory)).toBeLessThanOrEqual(0.5);
          });
          // Every dropped row is counted by reason.
          const running = count(truth.tasks, (t) => t.outcome === 'running' && t.alloc !== true);
          if (google) {
            const afterTrace = count(truth.tasks, (t) => t.outcome === 'running');
            expect(report.skipped['afterTraceEnd'] ?? 0).toBe(afterTrace);
            expect(report.notes['runningAtWindowEnd'] ?? 0).toBe(running);
            expect(report.skipped['endedWhilePending'] ?? 0).toBe(count(truth.tasks, (t) => t.outcome === 'killedWhilePending' && t.alloc !== true));
            seen.afterTrace += afterTrace;
          } else {
            expect(report.skipped['endBeforeStart'] ?? 0).toBe(count(truth.tasks, (t) => t.outcome === 'endBeforeStart'));
            seen.backwards += report.skipped['endBeforeStart'] ?? 0;
            seen.start0 += report.notes['startBeforeTrace'] ?? 0;
            seen.merged += report.notes['containerRowsMerged'] ?? 0;
          }
          const text = readFileSync(generated.files[format === 'google2019' ? 'instance_events' : format === 'google2011' ? 'task_events' : 'batch_instance']?.[0] as string);
          if (!gzip) seen.exponent += /e-0\d/.test(text.toString()) ? 1 : 0;
          if (!gzip && format === 'google2019') seen.bigQuery += text.includes('"time": "') ? 1 : 0;
          if (format === 'google2019') {
            seen.alloc += report.skipped['allocInstance'] ?? 0;
            const all = await readTrace({ format, dir }, { shape, includeAllocs: true }).tasks.toArray();
            expect(all).toHaveLength(count(truth.tasks, (t) => t.outcome !== 'killedWhilePending'));
          }
          // Machine events as the readers report them: additions, returns, removals, updates.
          const m = records.machines;
          const events = await m.toArray();
          const scale = (cpu: number, memory: number): [number, number] => (google ? [Math.round(cpu * shape.cpu), Math.round(memory * shape.memory)] : [cpu * 1000, Math.round((memory / 100) * shape.memory)]);
          expect(events.map((e) => [e.id, e.time, e.event, e.capacity.cpu, e.capacity.memory])).toEqual(truth.machineEvents.map((e) => [e.id, e.time, e.event, ...scale(e.cpu, e.memory)]));
          seen.removals += events.filter((e) => e.event === 'remove').length;
          seen.updates += events.filter((e) => e.event === 'update').length;
          seen.notInService += m.report.skipped['notInService'] ?? 0;
          // The plan holds every task, and says what replayScenario will not apply.
          const plan = await traceToScenario(readTrace({ format, dir }, { shape }));
          expect(plan.tasks.length).toBe(read.length);
          if (events.some((e) => e.time > 0)) expect(plan.warnings.map((w) => w.code)).toContain('not_modelled');
        },
      ),
      { numRuns: 30, seed: 15 },
    );
    // The features were all exercised.
    for (const [feature, times] of Object.entries(seen)) expect(times, feature).toBeGreaterThan(0);
  });

  it('writes the same bytes for the same seed', async () => {
    const a = await generateTrace({ format: 'google2019', machines: 3, tasks: 50, seed: 'x', dir: `${tmp.dir}/same-a` });
    const b = await generateTrace({ format: 'google2019', machines: 3, tasks: 50, seed: 'x', dir: `${tmp.dir}/same-b` });
    for (const table of Object.keys(a.files)) {
      expect(readFileSync(a.files[table]?.[0] as string)).toEqual(readFileSync(b.files[table]?.[0] as string));
    }
  });
});
