import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTrace, GOOGLE_2019_TIERS, NO_PRIORITY, openReplayStream, readTrace, replayPriorityWaits, replaySimulation, replayTrace, traceToScenario, type ReplayMode, type TraceFormat } from '../../src/traces/index.js';
import { PriorityWaitBooks } from '../../src/traces/priority-waits.js';
import { writePriorityTrace } from './priority-trace.js';
import { tempDir } from './tmp-dir.js';

const tmp = tempDir('replay-priority-waits');
afterAll(() => tmp.remove());
const shape = { cpu: 64_000, memory: 256 * 2 ** 30 };

describe('per-priority waits of a replay, by hand on one machine', () => {
  const dir = join(tmp.dir, 'hand');
  writePriorityTrace(dir);

  it('gives each priority its placements, waits, rejections and the ages of the tasks still pending (censored), plan and stream alike', async () => {
    // First-fit, one task at a time: A 0–100; B waits 10→100 (90 s), runs to 150; C 20→150 (130 s),
    // to 180; D 30→180 (150 s), then holds the machine to the end (its run time is unknown), so E
    // (submitted at 40) and F (45) are still pending when the run ends at 180: ages 140 and 135. G
    // fits no host: rejected.
    const plan = await traceToScenario(readTrace({ format: 'google2011', dir }, { shape }));
    const result = replayTrace(plan, { priorityWaits: 'value' });
    expect(result.simulatedTime).toBe(180);
    expect(result.containers).toMatchObject({ submitted: 7, placed: 4, rejected: 1, pending: 2 });
    expect(result.priorities).toEqual({
      by: 'value',
      classes: [
        // B 90, D 150: p90 = 90 + 0.9·60, p99 = 90 + 0.99·60 (type-7 quantiles, as the run's wait).
        { priority: '0', from: 0, to: 0, tasks: 3, placed: 2, waited: 2, rejected: 1, pending: 0, wait: { mean: 120, p50: 120, p90: 144, p99: 149.4, max: 150, censored: 0 } },
        // A 0, C 130 and E pending at 140: p90 = 130 + 0.8·10, p99 = 130 + 0.98·10.
        { priority: '9', from: 9, to: 9, tasks: 3, placed: 2, waited: 1, rejected: 0, pending: 1, wait: { mean: 90, p50: 130, p90: 138, p99: 139.8, max: 140, censored: 1 } },
        { priority: 'none', tasks: 1, placed: 0, waited: 0, rejected: 0, pending: 1, wait: { mean: 135, p50: 135, p90: 135, p99: 135, max: 135, censored: 1 } },
      ],
    });
    // Checked to the last bit against the formulas above (toEqual compares numbers exactly).
    const streamed = await openReplayStream({ format: 'google2011', dir }, { shape }, { priorityWaits: 'value', horizon: 5 });
    expect(JSON.stringify(await streamed.run())).toBe(JSON.stringify(result));
    expect(replayPriorityWaits(streamed.simulation)).toEqual(result.priorities);
  });

  it('grouped by tier: every tier listed, with or without tasks, the tasks without a priority last', async () => {
    const plan = await traceToScenario(readTrace({ format: 'google2011', dir }, { shape }));
    const p = replayTrace(plan, { priorityWaits: 'tier' }).priorities;
    expect(p?.classes.map((c) => [c.priority, c.from, c.to, c.tasks])).toEqual([['free', 0, 99, 6], ['beb', 100, 115, 0], ['mid', 116, 119, 0], ['production', 120, 359, 0], ['monitoring', 360, undefined, 0], ['none', undefined, undefined, 1]]);
    expect(p?.classes[4]).not.toHaveProperty('to');
    expect(p?.classes[1]?.wait).toEqual({ mean: 0, p50: 0, p90: 0, p99: 0, max: 0, censored: 0 });
  });

  it('a replay that does not ask has no priorities, and its result is otherwise the same', async () => {
    const plan = await traceToScenario(readTrace({ format: 'google2011', dir }, { shape }));
    const run = replaySimulation(plan);
    run.run();
    expect(replayPriorityWaits(run)).toBeUndefined();
    const plain = replayTrace(plan);
    expect(plain).not.toHaveProperty('priorities');
    const { priorities, ...rest } = replayTrace(plan, { priorityWaits: 'value' });
    expect(priorities).toBeDefined();
    expect(JSON.stringify(rest)).toBe(JSON.stringify(plain));
  });
});

describe('a priority changed while the task waits in the trace', () => {
  it('counts the task under its final priority (the plan\'s), in the stream too, where it came open before the change', async () => {
    // m0 is busy 0–300 (A); B (submitted at 10 with priority 0) waits in the trace until 300, its
    // priority raised to 11 at 100 (UPDATE_PENDING), long after the stream's horizon (5 s) released it
    // open. Its end and C's run are in a second part of the table, read after B is submitted (D, run
    // 310–320 in the first part, lets the stream go past B's arrival); D and C (submitted at 350)
    // wait for B's end at 400.
    const dir = join(tmp.dir, 'update');
    const parts = [
      ['0,,1,0,,0,user=,0,9,0.5,0.1,0,0', '0,,1,0,m0,1,user=,0,9,0.5,0.1,0,0', '10000000,,2,0,,0,user=,0,0,0.5,0.1,0,0', '100000000,,2,0,,7,user=,0,11,0.5,0.1,0,0',
        '300000000,,1,0,m0,4,user=,0,9,0.5,0.1,0,0', '300000000,,2,0,m0,1,user=,0,11,0.5,0.1,0,0',
        '310000000,,4,0,,0,user=,0,3,0.1,0.1,0,0', '310000000,,4,0,m0,1,user=,0,3,0.1,0.1,0,0', '320000000,,4,0,m0,4,user=,0,3,0.1,0.1,0,0', '350000000,,3,0,,0,user=,0,2,0.1,0.1,0,0'],
      ['350000000,,3,0,m0,1,user=,0,2,0.1,0.1,0,0', '400000000,,2,0,m0,4,user=,0,11,0.5,0.1,0,0', '450000000,,3,0,m0,4,user=,0,2,0.1,0.1,0,0'],
    ];
    mkdirSync(join(dir, 'task_events'), { recursive: true });
    parts.forEach((rows, k) => writeFileSync(join(dir, 'task_events', `part-0000${k}-of-00002.csv`), rows.join('\n') + '\n'));
    mkdirSync(join(dir, 'machine_events'), { recursive: true });
    writeFileSync(join(dir, 'machine_events', 'part-00000-of-00001.csv'), '0,m0,0,p,0.5,0.5\n');
    const plan = await traceToScenario(readTrace({ format: 'google2011', dir }, { shape }));
    expect(Array.from(plan.tasks.priority)).toEqual([9, 11, 3, 2]);
    const result = replayTrace(plan, { priorityWaits: 'value' });
    expect(result.priorities?.classes.map((c) => [c.priority, c.tasks, c.wait.max])).toEqual([['2', 1, 50], ['3', 1, 90], ['9', 1, 0], ['11', 1, 290]]);
    const replay = await openReplayStream({ format: 'google2011', dir }, { shape }, { priorityWaits: 'value', horizon: 5 });
    const streamed = await replay.run();
    expect(replay.counts.open).toBeGreaterThan(0);
    expect(JSON.stringify(streamed)).toBe(JSON.stringify(result));
  });
});

describe('Google 2019 tiers', () => {
  it('puts each priority in its documented tier (free ≤ 99, beb 100–115, mid 116–119, production 120–359, monitoring ≥ 360)', () => {
    const books = new PriorityWaitBooks('tier');
    const tierOf = (p: number): string => GOOGLE_2019_TIERS[books.classOf(p)]?.name ?? '?';
    // Classes are numbered as first seen: see them in tier order first.
    expect([0, 100, 116, 120, 360].map((p) => books.classOf(p))).toEqual([0, 1, 2, 3, 4]);
    expect([0, 25, 99, 100, 115, 116, 119, 120, 200, 359, 360, 450].map(tierOf)).toEqual(['free', 'free', 'free', 'beb', 'beb', 'mid', 'mid', 'production', 'production', 'production', 'monitoring', 'monitoring']);
    expect(books.classOf(NO_PRIORITY)).toBe(5);
  });
});

describe('per-priority waits on generated traces under congestion', () => {
  const traces: Partial<Record<TraceFormat, string>> = {};
  const trace = async (format: TraceFormat): Promise<string> => (traces[format] ??= (await generateTrace({ format, machines: 1, tasks: 3000, seed: 7, dir: join(tmp.dir, format) })).dir);

  for (const [format, by] of [['google2011', 'value'], ['google2019', 'tier']] as const) {
    for (const mode of ['reschedule', 'recorded'] as const satisfies readonly ReplayMode[]) {
      it(`${format}, ${mode}: the stream's are byte-identical to the plan's, the classes add up to the run, and each class holds the tasks of its priorities`, async () => {
        const dir = await trace(format);
        const plan = await traceToScenario(readTrace({ format, dir }, { shape }), { mode });
        const options = { mode, priorityWaits: by, scheduler: { policy: 'best-fit' } } as const;
        const result = replayTrace(plan, options);
        const streamed = await (await openReplayStream({ format, dir }, { shape }, { ...options, horizon: 120 })).run();
        expect(JSON.stringify(streamed)).toBe(JSON.stringify(result));
        const classes = result.priorities?.classes ?? [];
        const sum = (f: (c: (typeof classes)[number]) => number): number => classes.reduce((k, c) => k + f(c), 0);
        expect(sum((c) => c.tasks)).toBe(result.containers.submitted);
        expect(sum((c) => c.placed)).toBe(result.containers.placed);
        expect(sum((c) => c.rejected)).toBe(result.containers.rejected);
        expect(sum((c) => c.pending)).toBe(result.containers.pending);
        expect(sum((c) => c.wait.censored)).toBe(result.wait.censored);
        expect(Math.max(...classes.map((c) => c.wait.max))).toBe(result.wait.max);
        if (mode === 'reschedule') {
          expect(sum((c) => c.waited)).toBeGreaterThan(0);
          // Reschedule mode submits every task of the plan: count them by class from the plan's column.
          const expected = new Map<string, number>();
          for (let i = 0; i < plan.tasks.length; i++) {
            const p = plan.tasks.priority[i] as number;
            const name = p === NO_PRIORITY ? 'none' : by === 'value' ? String(p) : (GOOGLE_2019_TIERS.find((t) => p >= t.from && p <= (t.to ?? Infinity))?.name as string);
            expected.set(name, (expected.get(name) ?? 0) + 1);
          }
          expect(new Map(classes.filter((c) => c.tasks > 0).map((c) => [c.priority, c.tasks]))).toEqual(expected);
        }
      });
    }
  }

  it('alibaba2018 (no priorities): one class, none, whose waits are the run\'s own to the last bit', async () => {
    const dir = await trace('alibaba2018');
    const plan = await traceToScenario(readTrace({ format: 'alibaba2018', dir }, { shape: { cpu: 96_000, memory: 512 * 2 ** 30 } }));
    const result = replayTrace(plan, { priorityWaits: 'value', scheduler: { policy: 'first-fit' } });
    expect(result.priorities?.classes.map((c) => c.priority)).toEqual(['none']);
    const none = result.priorities?.classes[0];
    expect(result.wait.max).toBeGreaterThan(0);
    expect(JSON.stringify(none?.wait)).toBe(JSON.stringify(result.wait));
    expect(none?.tasks).toBe(result.containers.submitted);
  });
});
