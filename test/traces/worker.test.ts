import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PodsimError } from '../../src/errors.js';
import { generateTrace, readTrace, traceToScenario } from '../../src/traces/index.js';
import { planTasks } from './plan-rows.js';
import { tempDir } from './tmp-dir.js';

const tmp = tempDir('worker');
afterAll(() => tmp.remove());
const shape = { cpu: 64_000, memory: 2 ** 38 };

describe('readTrace(source, { worker: true })', () => {
  for (const format of ['google2011', 'google2019', 'alibaba2018'] as const) {
    it(`${format}: a worker thread reads exactly what the main thread reads, with the same report`, async () => {
      const dir = join(tmp.dir, format);
      await generateTrace({ format, machines: 12, tasks: 800, seed: 8, dir, gzip: format === 'google2019' });
      const here = readTrace({ format, dir }, { shape });
      const there = readTrace({ format, dir }, { shape, worker: true });
      expect(await there.tasks.toArray()).toEqual(await here.tasks.toArray());
      expect(await there.machines.toArray()).toEqual(await here.machines.toArray());
      expect(there.tasks.report).toEqual(here.tasks.report);
      if (format === 'google2019') expect(await there.collections?.toArray()).toEqual(await here.collections?.toArray());
      // The plan built from the worker's batches is the same.
      const a = await traceToScenario(readTrace({ format, dir }, { shape }), { mode: 'recorded' });
      const b = await traceToScenario(readTrace({ format, dir }, { shape, worker: true }), { mode: 'recorded' });
      expect(planTasks(b)).toEqual(planTasks(a));
      expect(b.dropped).toEqual(a.dropped);
    });
  }

  it('fails with the same PodsimError as the main thread on bad lines, and stops cleanly when the consumer breaks off', async () => {
    const dir = join(tmp.dir, 'bad');
    await generateTrace({ format: 'google2011', machines: 3, tasks: 50, seed: 1, dir });
    writeFileSync(join(dir, 'task_events', 'part-00001-of-00001.csv'), 'not,a,row\n');
    const error = (await readTrace({ format: 'google2011', dir }, { shape, worker: true }).tasks.toArray().catch((e: unknown) => e)) as PodsimError;
    expect(error).toBeInstanceOf(PodsimError);
    expect(error.issues.map((i) => [i.code, i.line])).toEqual([['wrong_column_count', 1]]);
    const stream = readTrace({ format: 'google2011', dir }, { shape, worker: true, strict: false }).tasks;
    for await (const batch of stream.batches()) {
      expect(batch.length).toBeGreaterThan(0);
      break;
    }
  });
});
