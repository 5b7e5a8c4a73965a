import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Simulation, simulate } from '../../src/index.js';
import type { ArrivalSource } from '../../src/engine/index.js';
import { generateTrace, readTrace, replayCounts, replayScenario, replaySimulation, replayTrace, replayWarnings, traceToScenario, type TraceMachine, type TraceTask } from '../../src/traces/index.js';
import { tempDir } from './tmp-dir.js';

const tmp = tempDir('replay-trace');
afterAll(() => tmp.remove());
const req = { cpu: 500, memory: 2 ** 30 };
const machines = [
  { id: 'm1', time: 0, event: 'add' as const, capacity: { cpu: 1000, memory: 2 ** 32 } },
  { id: 'm2', time: 0, event: 'add' as const, capacity: { cpu: 1000, memory: 2 ** 32 } },
];
const tasks: TraceTask[] = [
  { id: 'a', submit: 0, start: 0, duration: 10, request: req, machine: 'm2' },
  { id: 'b', submit: 1, start: 4, duration: 5, request: req, machine: 'm2' },
  { id: 'c', submit: 2, start: 2, duration: 3, request: { cpu: 1000, memory: 2 ** 30 }, machine: 'm1' },
  { id: 'd', submit: 2, request: req }, // never started: no run time
];

describe('an external arrival source (Simulation options.arrivals)', () => {
  it('submits what the source hands over, at its times, with its run times', () => {
    const times = Float64Array.of(0, 5, 5, 12);
    let next = 0;
    const source: ArrivalSource = {
      start(ctx) {
        const ARRIVE = ctx.sim.on(() => {
          ctx.submit(0, -1, 60);
          if (++next < times.length) ctx.sim.scheduleAt(times[next] as number, ARRIVE, 0);
        });
        ctx.sim.scheduleAt(times[0] as number, ARRIVE, 0);
      },
    };
    const run = new Simulation({ hosts: [{ name: 'n', capacity: { cpu: 4 } }], workloads: [{ name: 'job', arrival: { process: 'explicit', times: [] }, request: { cpu: 1 } }] }, { arrivals: source });
    const r = run.run().result();
    expect(r.containers).toMatchObject({ submitted: 4, placed: 4, completed: 4 });
    expect(r.simulatedTime).toBe(72);
  });
});

describe('replayTrace(plan): the plan streamed into the simulation', () => {
  it('recorded mode: each task on its recorded machine at its recorded start; a task never started is left out', async () => {
    const plan = await traceToScenario({ tasks, machines }, { mode: 'recorded' });
    const r = replayTrace(plan, { timeseries: { interval: 1 } });
    expect(r.containers).toMatchObject({ submitted: 3, placed: 3, completed: 3 });
    expect(r.wait.max).toBe(0);
    expect(r.simulatedTime).toBe(10);
    const at5 = r.timeseries?.time.indexOf(5) ?? -1;
    expect(r.timeseries?.hostsInUse[at5]).toBe(1);
  });

  it('reschedule mode: podsim places the tasks at their submit times; a task of unknown run time runs to the end', async () => {
    const plan = await traceToScenario({ tasks, machines }, { mode: 'reschedule' });
    const run = replaySimulation(plan, { scheduler: { policy: 'worst-fit' } });
    // One workload: each task is a container of it with its own request.
    expect(run.scenario.workloads.map((w) => w.name)).toEqual(['trace']);
    const r = run.run().result();
    expect(r.containers).toMatchObject({ submitted: 4, completed: 3, running: 1 });
  });

  it('replays a generated trace like replayScenario does: the same tasks, placements and waits (machines fixed)', async () => {
    const dir = join(tmp.dir, 'g2011');
    await generateTrace({ format: 'google2011', machines: 8, tasks: 600, seed: 4, dir, realFeatures: false });
    const shape = { cpu: 16_000, memory: 2 ** 36 };
    for (const mode of ['recorded', 'reschedule'] as const) {
      const plan = await traceToScenario(readTrace({ format: 'google2011', dir }, { shape }), { mode });
      const streamed = replayTrace(plan, { seed: 3 });
      const arrays = simulate(replayScenario(plan, { seed: 3 }));
      expect(streamed.containers.submitted).toBeGreaterThan(0);
      expect(streamed.containers).toEqual(arrays.containers);
      expect(streamed.hosts).toEqual(arrays.hosts);
      expect(streamed.simulatedTime).toBe(arrays.simulatedTime);
      expect(streamed.wait.mean).toBeCloseTo(arrays.wait.mean, 9);
      expect(streamed.utilization.cpu).toBeCloseTo(arrays.utilization.cpu as number, 9);
    }
  });

  it('with machine events, every task of the plan is submitted or counted as machineGone', async () => {
    const dir = join(tmp.dir, 'g2011-real');
    await generateTrace({ format: 'google2011', machines: 8, tasks: 600, seed: 4, dir });
    const plan = await traceToScenario(readTrace({ format: 'google2011', dir }, { shape: { cpu: 16_000, memory: 2 ** 36 } }), { mode: 'recorded' });
    const run = replaySimulation(plan);
    const r = run.run().result();
    const dropped = Object.values(plan.dropped).reduce((a, b) => a + b, 0);
    expect(r.containers.submitted + replayCounts(run).machineGone + dropped).toBe(plan.tasks.length);
    expect(replayCounts(run).added).toBeGreaterThan(0);
  });

  it('is deterministic: the same plan and seed give the same result', async () => {
    const dir = join(tmp.dir, 'g2019');
    await generateTrace({ format: 'google2019', machines: 6, tasks: 400, seed: 9, dir });
    const plan = await traceToScenario(readTrace({ format: 'google2019', dir }, { shape: { cpu: 16_000, memory: 2 ** 36 } }));
    expect(JSON.stringify(replayTrace(plan, { scheduler: { policy: 'random' } }))).toBe(JSON.stringify(replayTrace(plan, { scheduler: { policy: 'random' } })));
  });
});

describe('machine events as cluster dynamics', () => {
  const cap = { cpu: 1000, memory: 2 ** 32 };
  const events: TraceMachine[] = [
    { id: 'm1', time: 0, event: 'add', capacity: cap },
    { id: 'm2', time: 5, event: 'add', capacity: cap },
    { id: 'm1', time: 20, event: 'remove', capacity: cap },
    { id: 'm2', time: 30, event: 'update', capacity: { cpu: 2000, memory: 2 ** 32 } },
  ];
  const whole = { cpu: 1000, memory: 2 ** 30 };

  it('a machine added later is absent until then, a removal takes its host (its tasks are lost), a capacity update changes its host\'s capacity', async () => {
    const plan = await traceToScenario({
      tasks: [
        { id: 'a', submit: 0, start: 0, duration: 100, request: whole, machine: 'm1' },
        { id: 'b', submit: 1, start: 5, duration: 10, request: whole, machine: 'm2' },
      ],
      machines: events,
    }, { mode: 'reschedule' });
    const run = replaySimulation(plan);
    const placedOn: string[] = [];
    run.observe((e) => { if (e.kind === 'placed') placedOn.push(`${run.cluster.hostNames[e.host]}@${e.time}`); });
    const r = run.run().result();
    expect(placedOn).toEqual(['m1-0@0', 'm2-0@5']);
    expect(r.wait.max).toBe(4); // b waited for m2 to be added
    expect(r.containers.lost).toBe(1); // a, on m1 when it was removed
    expect(replayCounts(run)).toEqual({ added: 1, removed: 1, capacityUpdates: 1, machineGone: 0 });
    expect(run.cluster.capacityOf(1)).toEqual({ cpu: 2000, memory: 2 ** 32 }); // m2 after its update at 30
    expect(replayWarnings(run, plan)).toEqual([]);
  });

  it('recorded mode: a task whose machine is absent at its start is not replayed, and counted', async () => {
    const plan = await traceToScenario({
      tasks: [
        { id: 'a', submit: 0, start: 2, duration: 1, request: whole, machine: 'm2' }, // m2 comes at 5
        { id: 'b', submit: 0, start: 6, duration: 1, request: whole, machine: 'm2' },
        { id: 'c', submit: 0, start: 25, duration: 1, request: whole, machine: 'm1' }, // m1 left at 20
      ],
      machines: events,
    }, { mode: 'recorded' });
    const run = replaySimulation(plan);
    const r = run.run().result();
    expect(r.containers).toMatchObject({ submitted: 1, completed: 1 });
    expect(replayCounts(run).machineGone).toBe(2);
    expect(replayWarnings(run, plan).find((w) => w.code === 'dropped_tasks')?.message).toMatch(/^2 task\(s\) are not replayed in recorded mode \(machineGone\)/);
  });

  it('a trace whose machines are all present from time 0 pays nothing for dynamics', async () => {
    const plan = await traceToScenario({ tasks: [{ id: 'a', submit: 0, duration: 1, request: whole }], machines: [events[0] as TraceMachine] });
    const run = replaySimulation(plan);
    run.run();
    expect(run.hostState(0)).toBe('up');
    expect(run.result().containers.lost).toBeUndefined();
  });
});
