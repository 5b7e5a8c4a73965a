import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTrace, readTrace, type GeneratedTask, type TraceTask } from '../../src/traces/index.js';
import { tempDir } from './tmp-dir.js';

const tmp = tempDir('roundtrip');
afterAll(() => tmp.remove());
const shape = { cpu: 48_000, memory: 3 * 2 ** 36 };

function byKey<T extends { id: string; submit: number }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.submit - b.submit));
}

describe('generateTrace → readTrace', () => {
  it('recovers every generated task run with its request, times and machine, for every format', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('google2011' as const, 'google2019' as const, 'alibaba2018' as const),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer(),
        fc.boolean(),
        async (format, machines, tasks, seed, gzip) => {
          const dir = `${tmp.dir}/${n++}`;
          const generated = await generateTrace({ format, machines, tasks, seed, dir, gzip, truth: true });
          const truth = generated.truth as { tasks: readonly GeneratedTask[] };
          const records = readTrace({ format, dir }, { shape });
          const read = byKey(await records.tasks.toArray());
          const google = format !== 'alibaba2018';
          const expected = byKey(truth.tasks.filter((t) => t.outcome !== 'killedWhilePending'));
          expect(read.map((t) => t.id)).toEqual(expected.map((t) => t.id));
          expect(records.tasks.report.badLines).toBe(0);
          read.forEach((t: TraceTask, i) => {
            const g = expected[i] as GeneratedTask;
            expect(t.submit).toBeCloseTo(g.submit, 6);
            expect(t.start).toBeCloseTo(g.start as number, 6);
            if (g.end !== undefined) expect(t.duration).toBeCloseTo(g.end - (g.start as number), 6);
            else expect(t.duration).toBeGreaterThanOrEqual(0);
            expect(t.machine).toBe(g.machine);
            expect(t.priority).toBe(g.priority);
            const cpu = google ? g.cpu * shape.cpu : g.cpu * 10;
            const memory = google ? g.memory * shape.memory : (g.memory / 100) * shape.memory;
            expect(Number.isInteger(t.request.cpu) && Number.isInteger(t.request.memory)).toBe(true);
            expect(Math.abs(t.request.cpu - cpu)).toBeLessThanOrEqual(0.5);
            expect(Math.abs(t.request.memory - memory)).toBeLessThanOrEqual(0.5);
          });
          const m = await records.machines.toArray();
          expect(m.map((x) => x.id).sort()).toEqual(generated.truth?.machines.map((x) => x.id).sort());
        },
      ),
      { numRuns: 24 },
    );
  });

  it('writes the same bytes for the same seed', async () => {
    const { readFileSync } = await import('node:fs');
    const a = await generateTrace({ format: 'google2019', machines: 3, tasks: 50, seed: 'x', dir: `${tmp.dir}/same-a` });
    const b = await generateTrace({ format: 'google2019', machines: 3, tasks: 50, seed: 'x', dir: `${tmp.dir}/same-b` });
    for (const table of Object.keys(a.files)) {
      expect(readFileSync(a.files[table]?.[0] as string)).toEqual(readFileSync(b.files[table]?.[0] as string));
    }
  });
});
