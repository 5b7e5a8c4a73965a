import { afterAll, describe, expect, it } from 'vitest';
import { PodsimError } from '../../src/errors.js';
import { generateTrace, readTrace, traceToScenario, type TraceTask } from '../../src/traces/index.js';
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

  it('sorts tasks by submit time, ties in input order, and numbers repeated runs', async () => {
    const plan = await traceToScenario({ tasks }, { mode: 'recorded' });
    expect(plan.mode).toBe('recorded');
    expect(plan.tasks.map((t) => [t.id, t.submit, t.machine])).toEqual([
      ['a/1', 1, 'm2'],
      ['b/0', 1, undefined],
      ['a/0', 2, 'm2'],
      ['a/0#2', 5, 'm1'],
    ]);
  });

  it('drops recorded machines and starts when re-scheduling', async () => {
    const plan = await traceToScenario({ tasks });
    expect(plan.mode).toBe('reschedule');
    expect(plan.tasks.every((t) => t.machine === undefined && t.start === undefined)).toBe(true);
    expect(plan.tasks[0]).toEqual({ id: 'a/1', submit: 1, duration: 2, request: req });
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
      'tasks[1].machine',
    ]);
  });

  it('replays a generated Google trace window, following recorded placements on known machines', async () => {
    const dir = `${tmp.dir}/g`;
    await generateTrace({ format: 'google2011', machines: 8, tasks: 400, seed: 9, dir, gzip: true });
    const shape = { cpu: 32_000, memory: 2 ** 37 };
    const plan = await traceToScenario(readTrace({ format: 'google2011', dir }, { shape, window: { start: 700, end: 1300 } }), { mode: 'recorded' });
    expect(plan.machines).toHaveLength(8);
    expect(plan.machines.every((m) => m.time === 0 && m.event === 'add')).toBe(true);
    expect(plan.tasks.length).toBeGreaterThan(0);
    for (let i = 1; i < plan.tasks.length; i++) expect((plan.tasks[i] as TraceTask).submit).toBeGreaterThanOrEqual((plan.tasks[i - 1] as TraceTask).submit);
    expect(new Set(plan.tasks.map((t) => t.id)).size).toBe(plan.tasks.length);
    for (const t of plan.tasks) {
      expect(t.submit).toBeLessThan(600);
      if (t.duration !== undefined) expect((t.start as number) + t.duration).toBeLessThanOrEqual(600 + 1e-9);
    }
  });
});
