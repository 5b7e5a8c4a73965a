import { mkdirSync, readFileSync, writeFileSync, copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTrace, openReplayStream, readTrace, replayStream, replayTrace, traceToScenario, type ReplayMode, type StreamReplay, type TraceFormat } from '../../src/traces/index.js';
import { liveBytes } from './live-memory.js';
import { tempDir } from './tmp-dir.js';

const tmp = tempDir('replay-stream');
afterAll(() => tmp.remove());
const shape = { cpu: 64_000, memory: 256 * 2 ** 30 };

const traces = new Map<TraceFormat, string>();
async function trace(format: 'google2011' | 'google2019'): Promise<string> {
  let dir = traces.get(format);
  if (dir === undefined) {
    // The generator's real-trace features included: machine removals, returns and capacity updates, tasks killed, evicted and resubmitted.
    dir = (await generateTrace({ format, machines: 40, tasks: 4000, seed: 3, dir: join(tmp.dir, format) })).dir;
    traces.set(format, dir);
  }
  return dir;
}

describe('replayStream: the trace read in arrival order, fed to the simulation as it advances', () => {
  for (const format of ['google2011', 'google2019'] as const) {
    for (const mode of ['reschedule', 'recorded'] as const satisfies readonly ReplayMode[]) {
      it(`${format}, ${mode}: byte-identical to replayTrace(plan), with a horizon that leaves no task open and with one that opens most`, async () => {
        const dir = await trace(format);
        for (const policy of ['first-fit', 'best-fit']) {
          const plan = await traceToScenario(readTrace({ format, dir }, { shape }), { mode });
          const expected = JSON.stringify(replayTrace(plan, { scheduler: { policy } }));
          for (const horizon of [1e9, 60]) {
            const replay = await openReplayStream({ format, dir }, { shape }, { mode, horizon, scheduler: { policy } });
            const result = await replay.run();
            expect(JSON.stringify(result), `${policy}, horizon ${horizon}`).toBe(expected);
            if (horizon === 60) expect(replay.counts.open).toBeGreaterThan(replay.counts.tasks / 2);
            else expect(replay.counts.open).toBe(0);
            expect(replay.counts.dropped).toEqual(plan.dropped);
          }
        }
      });
    }
  }

  it('under kube-scheduler, each pod owned by its task\'s job: the same result as the plan\'s', async () => {
    const { dir } = await generateTrace({ format: 'google2011', machines: 20, tasks: 1000, seed: 4, dir: join(tmp.dir, 'kube') });
    const plan = await traceToScenario(readTrace({ format: 'google2011', dir }, { shape }));
    const expected = JSON.stringify(replayTrace(plan, { scheduler: { policy: 'kube' } }));
    expect(JSON.stringify(await replayStream({ format: 'google2011', dir }, { shape }, { horizon: 60, scheduler: { policy: 'kube' } }))).toBe(expected);
  });

  it('reads in a worker thread with the same result, and steps observers through the stream', async () => {
    const dir = await trace('google2011');
    const plan = await traceToScenario(readTrace({ format: 'google2011', dir }, { shape }));
    const expected = replayTrace(plan, { scheduler: { policy: 'first-fit' }, timeseries: { interval: 600 } });
    const replay = await openReplayStream({ format: 'google2011', dir }, { shape, worker: true }, { horizon: 300, timeseries: { interval: 600 } });
    let finished = 0;
    let stops = 0;
    replay.simulation.observe((e) => {
      if (e.kind === 'finished' && ++finished % 500 === 0) replay.simulation.stop(); // as the CLI does to write records
    });
    const result = await replay.run({ onStop: () => { stops++; } });
    expect(JSON.stringify(result)).toBe(JSON.stringify(expected));
    expect(finished).toBe(expected.containers.completed);
    expect(stops).toBeGreaterThanOrEqual(Math.floor(finished / 500));
    expect(replay.report.rows).toBeGreaterThan(plan.tasks.length);
  });

  it('forgets a job once it holds none of its tasks (unless pods are owned by their job), the same result as the plan\'s whether its tasks come back or not', async () => {
    // Job 7's first task ends at 100 s; its second comes at 20,000 s, long after the reader let the job
    // go (horizon 600 s): the key is interned again. Job 8 overlaps the first. Between them, 60,000 rows
    // updating tasks that never were (counted, skipped) make the reader hand over several batches.
    const dir = join(tmp.dir, 'forget');
    const row = (t: number, job: number, task: number, machine: string, event: number): string => `${t * 1e6},,${job},${task},${machine},${event},u,0,1,0.25,0.25,0,0`;
    mkdirSync(join(dir, 'task_events'), { recursive: true });
    mkdirSync(join(dir, 'machine_events'), { recursive: true });
    writeFileSync(join(dir, 'machine_events', 'part-00000-of-00001.csv'), '0,1,0,p,0.5,0.5\n0,2,0,p,0.5,0.5\n');
    writeFileSync(join(dir, 'task_events', 'part-00000-of-00001.csv'), [
      row(0, 7, 0, '', 0), row(1, 7, 0, '1', 1), row(50, 8, 0, '', 0), row(51, 8, 0, '2', 1), row(100, 7, 0, '1', 4), row(300, 8, 0, '2', 4),
      ...Array.from({ length: 60_000 }, (_, k) => row(1000 + k * 0.25, 9, k, '', 7)),
      row(20_000, 7, 1, '', 0), row(20_001, 7, 1, '2', 1), row(20_100, 7, 1, '2', 4),
    ].join('\n') + '\n');
    for (const scheduler of [{ policy: 'first-fit' }, { policy: 'kube' }] as const) {
      for (const kubeOwner of scheduler.policy === 'kube' ? (['job', 'none'] as const) : (['job'] as const)) {
        const expected = JSON.stringify(replayTrace(await traceToScenario(readTrace({ format: 'google2011', dir }, { shape })), { scheduler, kubeOwner }));
        for (const worker of [false, true]) {
          const replay = await openReplayStream({ format: 'google2011', dir }, { shape, worker }, { horizon: 600, scheduler, kubeOwner });
          expect(JSON.stringify(await replay.run()), `${scheduler.policy}, owner ${kubeOwner}, worker ${worker}`).toBe(expected);
          const jobs = replay.records.tasks.dictionary.jobs;
          if (scheduler.policy === 'kube' && kubeOwner === 'job') {
            // Each pod's owner is its job for the whole run: every job kept, 7 interned once.
            expect([jobs.size, jobs.find('7') >= 0]).toEqual([2, true]);
          } else {
            // Read here, 7 is interned twice (forgotten between), the second time at an index freed. Read in
            // a worker, the worker's dictionary forgets it, and this one keeps a job while the worker's index
            // for it stands (the worker may give 7 its old index or 8's).
            expect(jobs.bound).toBe(2);
            if (!worker) expect(jobs.size).toBe(3);
          }
        }
      }
    }
  });

  it('keeps the waits exactly up to waitStore.exactUpTo (the plan\'s result to the byte), then sketches them: the quantiles within the relative error, which the result reports', async () => {
    // One machine that runs two tasks at once, and a task a second: most tasks wait, for many lengths of time.
    const dir = join(tmp.dir, 'waits');
    mkdirSync(join(dir, 'task_events'), { recursive: true });
    mkdirSync(join(dir, 'machine_events'), { recursive: true });
    writeFileSync(join(dir, 'machine_events', 'part-00000-of-00001.csv'), '0,1,0,p,0.5,0.5\n');
    const rows: [number, string][] = [];
    let x = 7;
    for (let i = 0; i < 400; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const run = 1 + (x % 6000) / 1000; // 1 to 7 s
      rows.push([i, `${i * 1e6},,${100 + i},0,,0,u,0,1,0.25,0.25,0,0`], [i + 0.5, `${(i + 0.5) * 1e6},,${100 + i},0,1,1,u,0,1,0.25,0.25,0,0`], [i + 0.5 + run, `${Math.round((i + 0.5 + run) * 1e6)},,${100 + i},0,1,4,u,0,1,0.25,0.25,0,0`]);
    }
    rows.sort((a, b) => a[0] - b[0]);
    writeFileSync(join(dir, 'task_events', 'part-00000-of-00001.csv'), rows.map((r) => r[1]).join('\n') + '\n');
    const exact = replayTrace(await traceToScenario(readTrace({ format: 'google2011', dir }, { shape })));
    expect(exact.wait.p50).toBeGreaterThan(0);
    // The default (exact up to 1,048,576 waits) and an unbounded store: the plan's result to the byte.
    expect(JSON.stringify(await replayStream({ format: 'google2011', dir }, { shape }, { horizon: 600 }))).toBe(JSON.stringify(exact));
    expect(JSON.stringify(await replayStream({ format: 'google2011', dir }, { shape }, { horizon: 600, waitStore: { exactUpTo: Infinity } }))).toBe(JSON.stringify(exact));
    for (const relativeError of [0.005, 0.02]) {
      const sketched = await replayStream({ format: 'google2011', dir }, { shape }, { horizon: 600, waitStore: { exactUpTo: 50, relativeError }, priorityWaits: 'value' });
      // Every task has priority 1: its class's waits are the run's, sketched the same way.
      expect(sketched.priorities?.classes.map((c) => [c.priority, c.wait])).toEqual([['1', sketched.wait]]);
      delete (sketched as { priorities?: unknown }).priorities;
      const { p50, p90, p99, relativeError: reported, ...rest } = sketched.wait;
      expect(reported).toBe(relativeError);
      expect(rest).toEqual({ mean: exact.wait.mean, max: exact.wait.max, censored: exact.wait.censored });
      for (const [got, want] of [[p50, exact.wait.p50], [p90, exact.wait.p90], [p99, exact.wait.p99]] as const) {
        expect(Math.abs(got - want)).toBeLessThanOrEqual(relativeError * want * (1 + 1e-9));
      }
      expect({ ...sketched, wait: exact.wait, workloads: undefined }).toEqual({ ...exact, workloads: undefined });
    }
  });

  it('Alibaba 2018 (not time-ordered) is planned first, behind the same interface', async () => {
    const { dir } = await generateTrace({ format: 'alibaba2018', machines: 20, tasks: 800, seed: 2, dir: join(tmp.dir, 'alibaba') });
    const ashape = { cpu: 96_000, memory: 512 * 2 ** 30 };
    const plan = await traceToScenario(readTrace({ format: 'alibaba2018', dir }, { shape: ashape }));
    const replay = await openReplayStream({ format: 'alibaba2018', dir }, { shape: ashape });
    expect(replay.streaming).toBe(false);
    expect(JSON.stringify(await replay.run())).toBe(JSON.stringify(replayTrace(plan)));
    expect(JSON.stringify(await replayStream({ format: 'alibaba2018', dir }, { shape: ashape }))).toBe(JSON.stringify(replayTrace(plan)));
  });
});


/** The Google 2011 trace in `from` repeated `k` times in time (jobs renumbered per copy), into `to`. */
function tile(from: string, to: string, k: number): void {
  const src = readFileSync(join(from, 'task_events', readdirSync(join(from, 'task_events'))[0] as string), 'utf8').trimEnd().split('\n');
  const span = Number(src[src.length - 1]?.split(',')[0]) + 1_000_000;
  const out: string[] = [];
  for (let c = 0; c < k; c++) {
    for (const line of src) {
      const f = line.split(',');
      f[0] = String(Number(f[0]) + c * span);
      f[2] = String(Number(f[2]) + c * 100_000_000);
      out.push(f.join(','));
    }
  }
  mkdirSync(join(to, 'task_events'), { recursive: true });
  mkdirSync(join(to, 'machine_events'), { recursive: true });
  writeFileSync(join(to, 'task_events', 'part-00000-of-00001.csv'), out.join('\n') + '\n');
  const m = readdirSync(join(from, 'machine_events'))[0] as string;
  copyFileSync(join(from, 'machine_events', m), join(to, 'machine_events', m));
}

describe('the memory of a streaming replay', () => {
  // Nothing stays per task in a streaming replay: the dictionary forgets a job once it holds none of
  // its tasks, and waits are kept exactly only up to a bound (then sketched). Before the dictionary
  // forgot jobs, its keys kept about 20 bytes per job (the generator's jobs have about 3 tasks) and
  // this measured 22 bytes per task; a plan holds 61 bytes per task in its columns. Now it measures
  // 0 within the settled heap's noise (−8.5 to −0.4 in three runs: a few hundred KiB over 30,000
  // tasks), which the bound leaves room for; the dictionary's room is checked exactly below.
  const BOUND = 12;
  it(`retains under ${BOUND} bytes per task after the run: the trace 4× longer retains no more per task than that`, async () => {
    const base = join(tmp.dir, 'mem-base');
    await generateTrace({ format: 'google2011', machines: 40, tasks: 10_000, seed: 9, dir: base, realFeatures: false, tasksPerMachine: 4 });
    tile(base, join(tmp.dir, 'x1'), 1);
    tile(base, join(tmp.dir, 'x4'), 4);
    // What a finished replay retains: the live heap with it, less the live heap once it is dropped.
    const retained = async (dir: string): Promise<{ bytes: number; tasks: number; held: number; jobs: number }> => {
      let replay: StreamReplay | undefined = await openReplayStream({ format: 'google2011', dir }, { shape }, { horizon: 600 });
      const result = await replay.run();
      const { tasks, maxHeld: held } = replay.counts;
      const jobs = replay.records.tasks.dictionary.jobs;
      expect(result.containers.submitted).toBe(tasks);
      expect(jobs.size).toBeGreaterThan(tasks / 10); // the jobs interned (several tasks each) …
      const alive = await liveBytes();
      replay = undefined;
      return { bytes: alive - (await liveBytes()), tasks, held, jobs: jobs.bound }; // … and the room they took
    };
    await retained(join(tmp.dir, 'x4')); // warm the code up
    const one = await retained(join(tmp.dir, 'x1'));
    const four = await retained(join(tmp.dir, 'x4'));
    expect(four.tasks).toBeGreaterThan(3.9 * one.tasks);
    const perTask = (four.bytes - one.bytes) / (four.tasks - one.tasks);
    expect(perTask).toBeLessThan(BOUND);
    // What the stream holds at once follows the look-ahead (a reader's batch and the horizon), not the
    // trace; and so do the jobs the dictionary holds.
    expect(four.held).toBeLessThan(1.5 * one.held + 1000);
    expect(four.jobs).toBeLessThan(1.5 * one.jobs + 100);
  });
});
