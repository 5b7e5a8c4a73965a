import { afterAll, describe, expect, it } from 'vitest';
import { generateTrace, readTrace, traceToScenario, type ReplayPlan } from '../../src/traces/index.js';
import { liveBytes } from './live-memory.js';
import { tempDir } from './tmp-dir.js';

const tmp = tempDir('plan-memory');
afterAll(() => tmp.remove());
const shape = { cpu: 64_000, memory: 256 * 2 ** 30 };


// What 25 million tasks in 4 GiB allows, per task: the plan's columns (61 bytes: three times, CPU
// and memory as float64, five int32 columns, one byte of flags) and its dictionary (a job key is a
// float64 and its share of a hash table of int32 indices, about 20 bytes, once per job: the
// generator's jobs have about 3 tasks, so about 7 bytes per task), with room for machine events and
// allocation slack, but not for a second copy of any column or for a string or an object per task or
// per job (a string per job key alone would add about 13 bytes per task, an object per task 50 or more).
const BOUND = 82;

describe('the memory of a replay plan', () => {
  it(`holds at most ${BOUND} bytes per task once built (Google 2011, 40k tasks, jobs of ~3 tasks)`, async () => {
    const dir = tmp.dir;
    const gen = await generateTrace({ format: 'google2011', machines: 500, tasks: 40_000, seed: 5, dir, realFeatures: false, tasksPerMachine: 4 });
    // Warm the code paths up first, so that what is measured is the plan, not compiled code.
    await traceToScenario(readTrace({ format: 'google2011', dir }, { shape, window: { start: 0, end: 60 } }));
    const before = await liveBytes();
    let plan: ReplayPlan | undefined = await traceToScenario(readTrace({ format: 'google2011', dir }, { shape }));
    const after = await liveBytes();
    const tasks = plan.tasks.length;
    expect(tasks).toBeGreaterThan(35_000);
    expect(plan.dictionary.jobs.size).toBeGreaterThan(tasks / 5);
    const perTask = (after - before) / tasks;
    expect(perTask).toBeGreaterThan(50); // the 61 bytes of columns are in there (less a little noise of the heap): the measure measures
    expect(perTask).toBeLessThan(BOUND);
    plan = undefined;
    expect(gen.files['task_events']?.length).toBe(1);
  });
});
