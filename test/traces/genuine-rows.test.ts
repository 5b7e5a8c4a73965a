import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.js';
import {
  readAlibaba2018Machines,
  readAlibaba2018Tasks,
  readGoogle2011Machines,
  readGoogle2011Tasks,
  readGoogle2019Tasks,
  readTrace,
  replayScenario,
  TaskFlag,
  traceToScenario,
} from '../../src/traces/index.js';
import { genuine, onGenuine } from './genuine.js';
import { planTasks } from './plan-rows.js';
import { tempDir } from './tmp-dir.js';

// Each bug found on real trace rows (issue 15), tested on those rows, read from ../shared/data/traces.
const tmp = tempDir('genuine');
afterAll(() => tmp.remove());
const GiB = 2 ** 30;
const alibabaShape = { cpu: 96_000, memory: 100 * GiB };
const googleShape = { cpu: 64_000, memory: 256 * GiB };

function copyWithHeader(file: string, header: string): string {
  const out = join(tmp.dir, `header-${file.split('/').pop() as string}`);
  writeFileSync(out, `${header}\n${readFileSync(genuine(file), 'utf8')}`);
  return out;
}

describe('Alibaba container_meta (genuine c_1 rows at 0, 287942 and 338909 s)', () => {
  onGenuine(['alibaba2018/container_meta.csv'], 'a container runs from its first row to the input\'s last time (not 0 s): every row counts towards that time', async () => {
    const stream = readAlibaba2018Tasks({ containerMeta: genuine('alibaba2018/container_meta.csv') }, { shape: alibabaShape });
    const tasks = await stream.toArray();
    expect(tasks).toEqual([{ id: 'c_1', submit: 0, start: 0, duration: 338_909, request: { cpu: 4000, memory: Math.round(0.0156 * 100 * GiB) }, machine: 'm_2556' }]);
    expect(stream.report.notes).toMatchObject({ containerRowsMerged: 2, runningAtWindowEnd: 1 });
    const batch = (await stream.batches().next()).value;
    expect(batch?.flags[0]).toBe(TaskFlag.RunningAtEnd);
    expect(stream.dictionary.jobs.name(batch?.job[0] as number)).toBe('app_5052');
  });

  onGenuine(['alibaba2018/container_meta.csv'], 'with a window, the container runs to the window end', async () => {
    const tasks = await readAlibaba2018Tasks({ containerMeta: genuine('alibaba2018/container_meta.csv') }, { shape: alibabaShape, window: { start: 100_000, end: 300_000 } }).toArray();
    expect(tasks.map((t) => [t.id, t.submit, t.duration])).toEqual([['c_1', 0, 200_000]]);
  });
});

describe('Alibaba start_time 0 (before or after the 8-day span)', () => {
  onGenuine(['alibaba2018/batch_task.csv'], 'a genuine batch_task row whose start is set to 0 began before the trace: kept from time 0, not dropped as neverStarted', async () => {
    // The genuine rows of job j_3 all start inside the span; the first one, with start_time 0 as the
    // trace writes for a task already running when it begins.
    const row = (readFileSync(genuine('alibaba2018/batch_task.csv'), 'utf8').split('\n')[0] as string).split(',');
    expect(row).toEqual(['M1', '12846.0', 'j_3', '1', 'Terminated', '157213', '157295', '100.0', '0.3']);
    row[5] = '0';
    const file = join(tmp.dir, 'start0.csv');
    writeFileSync(file, `${row.join(',')}\n`);
    const stream = readAlibaba2018Tasks({ batchTask: file }, { shape: alibabaShape });
    const tasks = await stream.toArray();
    expect(tasks).toHaveLength(12_846);
    expect(tasks[0]).toEqual({ id: 'j_3/M1/0', submit: 0, start: 0, duration: 157_295, request: { cpu: 1000, memory: Math.round(0.003 * 100 * GiB) } });
    expect(stream.report.skipped).toEqual({});
    expect(stream.report.notes).toMatchObject({ startBeforeTrace: 1 });
  });

  it('a start of 0 with a Waiting status never ran; a finished run with start and end both 0 has unknown times', async () => {
    const file = join(tmp.dir, 'start0-b.csv');
    writeFileSync(file, ['M1,2,j_1,1,Waiting,0,0,100,0.5', 'M2,3,j_1,1,Terminated,0,0,100,0.5', 'M3,1,j_1,1,Running,0,0,100,0.5'].join('\n'));
    const stream = readAlibaba2018Tasks({ batchTask: file }, { shape: alibabaShape });
    const tasks = await stream.toArray();
    expect(tasks.map((t) => [t.id, t.submit, t.duration])).toEqual([['j_1/M3/0', 0, 0]]);
    expect(stream.report.skipped).toEqual({ neverStarted: 2, unknownTimes: 3 });
  });
});

describe('Alibaba header lines', () => {
  for (const [file, header] of [
    ['alibaba2018/batch_task.csv', 'task_name,instance_num,job_name,task_type,status,start_time,end_time,plan_cpu,plan_mem'],
    ['alibaba2018/container_meta.csv', 'container_id,machine_id,time_stamp,app_du,status,cpu_request,cpu_limit,mem_size'],
  ] as const) {
    onGenuine([file], `${file} with a header line reads like the file without one`, async () => {
      const key = file.includes('batch') ? 'batchTask' : 'containerMeta';
      const plain = readAlibaba2018Tasks({ [key]: genuine(file) }, { shape: alibabaShape });
      const headed = readAlibaba2018Tasks({ [key]: copyWithHeader(file, header) }, { shape: alibabaShape });
      const [a, b] = [await plain.toArray(), await headed.toArray()];
      expect(b).toEqual(a);
      expect(a.length).toBeGreaterThan(0);
      expect(headed.report.rows).toBe(plain.report.rows);
      expect(headed.report.notes['headerLine']).toBe(1);
    });
  }

  onGenuine(['alibaba2018/machine_meta.csv'], 'machine_meta with a header line reads like the file without one', async () => {
    const plain = await readAlibaba2018Machines(genuine('alibaba2018/machine_meta.csv'), { shape: alibabaShape }).toArray();
    const headed = await readAlibaba2018Machines(copyWithHeader('alibaba2018/machine_meta.csv', 'machine_id,time_stamp,failure_domain_1,failure_domain_2,cpu_num,mem_size,status'), { shape: alibabaShape }).toArray();
    expect(headed).toEqual(plain);
  });
});

describe('Alibaba machine_meta status (genuine table: 4034 machines, m_2739 only ever IMPORT_INSTALLING)', () => {
  onGenuine(['alibaba2018/machine_meta.csv'], 'a machine never in service is never added; the others are added when first USING', async () => {
    const stream = readAlibaba2018Machines(genuine('alibaba2018/machine_meta.csv'), { shape: alibabaShape });
    const events = await stream.toArray();
    const added = new Set(events.filter((e) => e.event === 'add').map((e) => e.id));
    expect(added.has('m_2739')).toBe(false);
    expect(added.size).toBe(4033);
    expect(events.every((e) => e.event === 'add')).toBe(true);
    expect(events.filter((e) => e.time > 0)).toHaveLength(146);
    expect(stream.report.skipped).toEqual({ notInService: 5 });
    expect(stream.report.notes).toMatchObject({ status_IMPORT_INSTALLING: 5 });
    expect(events.find((e) => e.id === 'm_1')).toEqual({ id: 'm_1', time: 0, event: 'add', capacity: { cpu: 96_000, memory: 100 * GiB }, labels: { failureDomain1: '219', failureDomain2: '17' } });
  });

  onGenuine(['alibaba2018/machine_meta.csv', 'alibaba2018/container_meta.csv'], 'replayScenario makes hosts of the machines in service only, and warns about the later additions it cannot model', async () => {
    const plan = await traceToScenario(
      readTrace({ format: 'alibaba2018', files: { machine_meta: genuine('alibaba2018/machine_meta.csv'), container_meta: genuine('alibaba2018/container_meta.csv') } }, { shape: alibabaShape }),
      { mode: 'recorded' },
    );
    const scenario = replayScenario(plan);
    expect(scenario.hosts).toHaveLength(4033);
    expect(scenario.hosts.some((h) => h.name === 'm_2739')).toBe(false);
    expect(plan.warnings).toEqual([expect.objectContaining({ code: 'not_modelled', path: 'machines', message: expect.stringContaining('146 later additions') })]);
    const r = simulate(scenario);
    expect(r.containers).toMatchObject({ submitted: 1, placed: 1 });
  });
});

describe('recorded-mode replay of tasks without a recorded machine (genuine issue-82 row)', () => {
  onGenuine(['alibaba2018/batch_task_issue82.csv'], 'the 371 instances are counted as dropped and warned about, not silently lost; reschedule mode replays them', async () => {
    const source = { format: 'alibaba2018' as const, files: { batch_task: genuine('alibaba2018/batch_task_issue82.csv') } };
    const hosts = [{ name: 'node', count: 4, capacity: { cpu: 96, memory: '100Gi' } }];
    const recorded = await traceToScenario(readTrace(source, { shape: alibabaShape }), { mode: 'recorded' });
    expect(recorded.tasks.length).toBe(371);
    expect(recorded.dropped).toEqual({ noRecordedMachine: 371 });
    expect(recorded.warnings).toEqual([expect.objectContaining({ code: 'dropped_tasks', message: expect.stringMatching(/^371 task\(s\) are not replayed in recorded mode \(noRecordedMachine\)/) })]);
    expect(replayScenario(recorded, { hosts }).workloads).toEqual([]);
    const rescheduled = await traceToScenario(readTrace(source, { shape: alibabaShape }));
    const scenario = replayScenario(rescheduled, { hosts });
    expect(scenario.workloads.reduce((n, w) => n + (w.arrival?.process === 'explicit' ? w.arrival.times.length : 0), 0)).toBe(371);
    expect(simulate(scenario).containers).toMatchObject({ submitted: 371, completed: 371 });
  });
});

describe('a plan with only pending tasks (the 3 genuine Google 2011 rows)', () => {
  onGenuine(['google2011/task_events/part-00000-of-00500.csv', 'google2011/machine_events/part-00000-of-00001.csv'], 'pending tasks do not complete at t = 0: they run until the simulation ends', async () => {
    const records = readTrace({ format: 'google2011', dir: genuine('google2011') }, { shape: googleShape });
    const plan = await traceToScenario(records);
    expect(planTasks(plan)).toEqual([
      { id: '3418309/0', submit: 0, request: { cpu: 0, memory: 0 }, priority: 9 },
      { id: '3418309/1', submit: 0, request: { cpu: 0, memory: 0 }, priority: 9 },
      { id: '3418314/0', submit: 0, request: { cpu: 8000, memory: Math.round(0.07446 * 256 * GiB) }, priority: 9 },
    ]);
    expect(Array.from(plan.tasks.flags, (f) => f & TaskFlag.PendingAtEnd)).toEqual([2, 2, 2]);
    expect(records.tasks.report.notes).toMatchObject({ pendingAtWindowEnd: 3, missingRequest: 2 });
    const r = simulate(replayScenario(plan, { until: 3600 })); // No task ends: the run needs its own until (needs_until otherwise).
    expect(r.containers).toMatchObject({ submitted: 3, placed: 3, completed: 0, running: 3 });
    // In recorded mode the trace never started them: counted, not replayed.
    const recorded = await traceToScenario(readTrace({ format: 'google2011', dir: genuine('google2011') }, { shape: googleShape }), { mode: 'recorded' });
    expect(recorded.dropped).toEqual({ neverStarted: 3 });
  });

  onGenuine(['google2011/machine_events/part-00000-of-00001.csv'], 'the genuine machine_events rows are three adds at time 0', async () => {
    const machines = await readGoogle2011Machines(genuine('google2011/machine_events/part-00000-of-00001.csv'), { shape: googleShape }).toArray();
    expect(machines.map((m) => [m.id, m.time, m.event, m.capacity.cpu])).toEqual([
      ['5', 0, 'add', 32_000],
      ['6', 0, 'add', 32_000],
      ['7', 0, 'add', 32_000],
    ]);
  });
});

describe('QUEUE/ENABLE/UPDATE rows for unknown tasks are counted', () => {
  onGenuine(['google2019/instance_events_filtered_example.json'], 'the genuine 2019 ENABLE row of a task never submitted in the file is counted as enableForUnknownTask', async () => {
    const stream = readGoogle2019Tasks(genuine('google2019/instance_events_filtered_example.json'), { shape: googleShape });
    expect(await stream.toArray()).toEqual([]);
    expect(stream.report.rows).toBe(1);
    expect(stream.report.skipped).toEqual({ enableForUnknownTask: 1 });
  });

  onGenuine(['google2019/instance_events-000000000000.json'], 'the genuine 2019 alloc-instance SUBMIT is counted as allocInstance, and kept as a pending task with includeAllocs', async () => {
    const file = genuine('google2019/instance_events-000000000000.json');
    const skipped = readGoogle2019Tasks(file, { shape: googleShape });
    expect(await skipped.toArray()).toEqual([]);
    expect(skipped.report.skipped).toEqual({ allocInstance: 1 });
    const kept = await readGoogle2019Tasks(file, { shape: googleShape, includeAllocs: true }).toArray();
    expect(kept).toEqual([{ id: '380676713775/0', submit: 535_439.029406, request: { cpu: 0, memory: 0 }, priority: 0 }]);
  });

  it('Google 2011 UPDATE_PENDING/RUNNING rows of unknown tasks and 2019 QUEUE rows are counted by kind', async () => {
    const file = join(tmp.dir, 'unknown.csv');
    writeFileSync(file, ['1000000,,7,0,,7,u,0,0,0.1,0.1,0,0', '2000000,,7,1,m,8,u,0,0,0.1,0.1,0,0', '3000000,,7,2,,4,u,0,0,,,0,0'].join('\n'));
    const stream = readGoogle2011Tasks(file, { shape: googleShape });
    await stream.toArray();
    expect(stream.report.skipped).toEqual({ updateForUnknownTask: 2, unmatchedEnd: 1 });
    const json = join(tmp.dir, 'unknown.json');
    writeFileSync(json, [JSON.stringify({ time: 5, type: 1, collection_id: 9, instance_index: 0 }), JSON.stringify({ time: 6, type: 9, collection_id: 9, instance_index: 0 })].join('\n'));
    const s2019 = readGoogle2019Tasks(json, { shape: googleShape });
    await s2019.toArray();
    expect(s2019.report.skipped).toEqual({ queueForUnknownTask: 1, updateForUnknownTask: 1 });
  });
});
