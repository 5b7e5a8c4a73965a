import { afterAll, describe, expect, it } from 'vitest';
import { generateTrace, NO_PRIORITY, openReplayStream, readTrace, replaySimulation, replayWarnings, traceToScenario } from '../../src/traces/index.js';
import { tempDir } from './tmp-dir.js';

const tmp = tempDir('replay-priority');
afterAll(() => tmp.remove());
const shape = { cpu: 64_000, memory: 256 * 2 ** 30 };

describe('a replay says that it does not model the trace’s priorities', () => {
  it('warns not_modelled at tasks.priority with the number of tasks that have one, in the plan and the stream alike', async () => {
    const { dir } = await generateTrace({ format: 'google2011', machines: 20, tasks: 600, seed: 4, dir: tmp.dir });
    const plan = await traceToScenario(readTrace({ format: 'google2011', dir }, { shape }));
    let withPriority = 0;
    for (let i = 0; i < plan.tasks.length; i++) if (plan.tasks.priority[i] !== NO_PRIORITY) withPriority++;
    expect(withPriority).toBeGreaterThan(0);
    const run = replaySimulation(plan);
    run.run();
    const planned = replayWarnings(run, plan).filter((w) => w.path === 'tasks.priority');
    expect(planned).toHaveLength(1);
    expect(planned[0]).toMatchObject({ code: 'not_modelled' });
    expect(planned[0]?.message).toMatch(new RegExp(`^${withPriority} task\\(s\\) have a priority`));

    const stream = await openReplayStream({ format: 'google2011', dir }, { shape });
    await stream.run();
    expect(stream.counts.prioritised).toBe(withPriority);
    expect(stream.warnings().filter((w) => w.path === 'tasks.priority')).toEqual(planned);
  });
});
