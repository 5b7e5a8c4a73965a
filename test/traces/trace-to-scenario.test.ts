import { afterAll, describe, expect, it } from 'vitest';
import { PodsimError } from '../../src/errors.js';
import { generateTrace, readTrace, traceToScenario, type TraceTask } from '../../src/traces/index.js';
import { planMachines, planTasks } from './plan-rows.js';
import { tempDir } from './tmp-dir.js';

const tmp = tempDir('replay');
afterAll(() => tmp.remove());
const req = { cpu: 100, memory: 1024 };

describe('traceToScenario', () => {
  const tasks: TraceTask[] = [
    { id: 'a/0', submit: 5, start: 6, duration: 1, request: req, machine: 'm1' },
    { id: 'a/1', submit: 1, start: 1, duration: 2, request: req, machine: 'm2' },
    { id: 'a/0', submit: 2, start: 3, duration: 1, request: req, machine: 'm2' },
    { id: 'b/0', submit: 1, request: req },
  ];

  it('sorts tasks by submit time, ties in input order; every run keeps its own row', async () => {
    const plan = await traceToScenario({ tasks });
    expect(plan.mode).toBe('reschedule');
    expect(planTasks(plan).map((t) => [t.id, t.submit, t.machine])).toEqual([
      ['a/1', 1, 'm2'],
      ['b/0', 1, undefined],
      ['a/0', 2, 'm2'],
      ['a/0', 5, 'm1'],
    ]);
    expect(Array.from(plan.tasks.id)).toEqual([1, 3, 2, 0]);
    expect(plan.dropped).toEqual({});
  });

  it('in recorded mode sorts by recorded start (tasks never started last) and counts what it cannot replay', async () => {
    const plan = await traceToScenario({ tasks, machines: [{ id: 'm2', time: 0, event: 'add', capacity: { cpu: 1000, memory: 2 ** 20 } }] }, { mode: 'recorded' });
    expect(planTasks(plan).map((t) => [t.id, t.start])).toEqual([
      ['a/1', 1],
      ['a/0', 3],
      ['a/0', 6],
      ['b/0', undefined],
    ]);
    expect(plan.dropped).toEqual({ unknownMachine: 1, neverStarted: 1 });
    expect(plan.warnings.map((w) => [w.code, w.path])).toEqual([
      ['dropped_tasks', 'tasks'],
      ['dropped_tasks', 'tasks'],
    ]);
  });

  it('lists every invalid record with its path', async () => {
    const bad = [
      { id: '', submit: -1, request: { cpu: 1.5, memory: 1 } },
      { id: 'x', submit: 3, start: 2, duration: Number.NaN, request: req, machine: 'nowhere' },
    ] as TraceTask[];
    const machines = [{ id: 'm1', time: 0, event: 'add' as const, capacity: { cpu: 1000, memory: -1 } }];
    const error = (await traceToScenario({ tasks: bad, machines }, { mode: 'recorded' }).catch((e: unknown) => e)) as PodsimError;
    expect(error).toBeInstanceOf(PodsimError);
    expect(error.issues.map((i) => i.path)).toEqual([
      'machines[0].capacity.memory',
      'tasks[0].id',
      'tasks[0].submit',
      'tasks[0].request.cpu',
      'tasks[1].duration',
      'tasks[1].start',
    ]);
  });

  it('replays a generated Google trace window, following recorded placements on known machines', async () => {
    const dir = `${tmp.dir}/g`;
    await generateTrace({ format: 'google2011', machines: 8, tasks: 400, seed: 9, dir, gzip: true, realFeatures: false });
    const shape = { cpu: 32_000, memory: 2 ** 37 };
    const plan = await traceToScenario(readTrace({ format: 'google2011', dir }, { shape, window: { start: 700, end: 1300 } }), { mode: 'recorded' });
    expect(plan.machines.length).toBe(8);
    expect(planMachines(plan).every((m) => m.time === 0 && m.event === 'add')).toBe(true);
    expect(plan.tasks.length).toBeGreaterThan(0);
    const rows = planTasks(plan);
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1] as TraceTask, rows[i] as TraceTask];
      if (b.start !== undefined) expect(b.start).toBeGreaterThanOrEqual(a.start as number);
    }
    expect(new Set(plan.tasks.id).size).toBe(plan.tasks.length);
    for (const t of rows) {
      expect(t.submit).toBeLessThan(600);
      if (t.duration !== undefined) expect((t.start as number) + t.duration).toBeLessThanOrEqual(600 + 1e-9);
    }
    expect(plan.reports.tasks?.rows).toBeGreaterThan(0);
  });
});
