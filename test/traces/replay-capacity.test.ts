import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { generateTrace, openReplayStream, readTrace, replayCounts, replaySimulation, replayTrace, replayWarnings, traceToScenario, type MachineEventBatch, type ReplayPlan, type TraceMachine } from '../../src/traces/index.js';
import { MachineEventKind } from '../../src/traces/machine-batch.js';
import { tempDir } from './tmp-dir.js';

// Issue 15 §2: machine capacity UPDATEs replayed as capacity changes (Simulation.setHostCapacity).

const tmp = tempDir('replay-capacity');
afterAll(() => tmp.remove());
const GiB = 2 ** 30;

// The plan as the replay saw it before capacity updates were modelled: the UPDATE rows left out, and
// a machine re-added with the capacity of its first addition.
function withoutUpdates(plan: ReplayPlan): ReplayPlan {
  const m = plan.machines, keep: number[] = [];
  for (let i = 0; i < m.length; i++) if (m.kind[i] !== MachineEventKind.Update) keep.push(i);
  const first = new Map<number, number>();
  for (let i = 0; i < m.length; i++) if (m.kind[i] === MachineEventKind.Add && !first.has(m.machine[i] as number)) first.set(m.machine[i] as number, i);
  const pick = <T extends Float64Array | Int32Array | Uint8Array>(a: T, f: (i: number) => number = (i) => a[i] as number): T => {
    const out = new (a.constructor as new (n: number) => T)(keep.length);
    keep.forEach((i, k) => { out[k] = f(i); });
    return out;
  };
  const firstOf = (i: number) => first.get(m.machine[i] as number) as number;
  const machines: MachineEventBatch = { length: keep.length, time: pick(m.time), kind: pick(m.kind), machine: pick(m.machine), cpu: pick(m.cpu, (i) => m.cpu[firstOf(i)] as number), memory: pick(m.memory, (i) => m.memory[firstOf(i)] as number) };
  return { ...plan, machines };
}

describe('machine capacity updates in a replay', () => {
  const m = (id: string, time: number, event: TraceMachine['event'], cpu: number): TraceMachine => ({ id, time, event, capacity: { cpu, memory: 4 * GiB } });

  it('a growth lets a task in that fitted no machine before (it was rejected)', async () => {
    const plan = await traceToScenario({
      machines: [m('m1', 0, 'add', 1000), m('m1', 30, 'update', 2000)],
      tasks: [{ id: 'big', submit: 31, duration: 10, request: { cpu: 2000, memory: GiB } }],
    }, { mode: 'reschedule' });
    const now = replayTrace(plan), before = replayTrace(withoutUpdates(plan));
    expect(before.containers).toMatchObject({ submitted: 1, rejected: 1 });
    expect(now.containers).toMatchObject({ submitted: 1, placed: 1, completed: 1 });
    expect(now.wait.max).toBe(0);
  });

  it('a shrink below what runs evicts nothing; a task arriving after the first one ended waits until the host is under its new capacity', async () => {
    // m1: 2 CPUs, a (ends at 30) and b (ends at 60) hold both; shrunk to 1 CPU at 10; c arrives at 40.
    const plan = await traceToScenario({
      machines: [m('m1', 0, 'add', 2000), m('m1', 10, 'update', 1000)],
      tasks: [
        { id: 'a', submit: 0, duration: 30, request: { cpu: 1000, memory: GiB } },
        { id: 'b', submit: 0, duration: 60, request: { cpu: 1000, memory: GiB } },
        { id: 'c', submit: 40, duration: 10, request: { cpu: 1000, memory: GiB } },
      ],
    }, { mode: 'reschedule' });
    const run = replaySimulation(plan);
    const now = run.run().result(), before = replayTrace(withoutUpdates(plan));
    expect(before.wait.max).toBe(0); // c placed at 40 beside b
    expect(now.wait.max).toBe(20); // c waits for b to end at 60
    expect(now.containers).toMatchObject({ submitted: 3, completed: 3 });
    expect(now.containers.lost).toBeUndefined();
    expect(now.simulatedTime).toBe(70);
    // ∫ allocated = 2000·30 + 1000·30 + 1000·10 = 100,000 m·s; ∫ capacity = 2000·30 + 1000·40 = 100,000.
    expect(now.utilization.cpu).toBeCloseTo(1, 12);
    expect(replayCounts(run)).toEqual({ added: 0, removed: 0, capacityUpdates: 1, machineGone: 0 });
    expect(replayWarnings(run, plan)).toEqual([]);
  });

  it('a machine re-added after a removal comes back with the capacity of its new addition', async () => {
    const plan = await traceToScenario({
      machines: [m('m1', 0, 'add', 1000), m('m1', 10, 'remove', 1000), m('m1', 20, 'add', 3000)],
      tasks: [{ id: 'big', submit: 25, duration: 5, request: { cpu: 3000, memory: GiB } }],
    }, { mode: 'reschedule' });
    const run = replaySimulation(plan);
    const r = run.run().result();
    expect(r.containers).toMatchObject({ submitted: 1, completed: 1 });
    expect(run.cluster.capacityOf(0).cpu).toBe(3000);
    expect(replayCounts(run)).toMatchObject({ added: 1, removed: 1, capacityUpdates: 0 });
  });

  it('a generated Google 2011 trace with UPDATE rows: hosts end at their last row\'s capacity, never overcommitted, the stream equals the plan, and the result differs from ignoring the updates', async () => {
    const shape = { cpu: 64_000, memory: 256 * GiB };
    const { dir, truth } = await generateTrace({ format: 'google2011', machines: 40, tasks: 3000, seed: 11, dir: join(tmp.dir, 'g2011'), truth: true });
    const updates = (truth?.machineEvents ?? []).filter((e) => e.event === 'update').length;
    expect(updates).toBeGreaterThan(0);
    const plan = await traceToScenario(readTrace({ format: 'google2011', dir }, { shape }), { mode: 'reschedule' });
    const run = replaySimulation(plan, { scheduler: { policy: 'best-fit' } });
    const c = run.cluster;
    let over = 0;
    run.observe((e) => { if (e.kind === 'placed' && (c.allocated[e.host * c.D] as number) > (c.capacity[e.host * c.D] as number)) over++; });
    const r = run.run().result();
    expect(over).toBe(0);
    expect(replayCounts(run).capacityUpdates).toBe(updates);
    expect(replayWarnings(run, plan).filter((w) => w.path === 'machines')).toEqual([]);
    // Each host's capacity (once its shrinks are done) is its machine's last row's.
    const last = new Map<string, number>();
    for (const e of truth?.machineEvents ?? []) if (e.event !== 'remove') last.set(e.id, e.cpu * shape.cpu);
    // (Each machine is a host group of one, named by its id: its host is `<id>-0`.)
    for (let h = 0; h < c.hostCount; h++) expect(c.targetCapacity(h, 0), c.hostNames[h]).toBe(last.get((c.hostNames[h] as string).replace(/-0$/, '')));
    const before = replayTrace(withoutUpdates(plan), { scheduler: { policy: 'best-fit' } });
    expect(JSON.stringify(r)).not.toBe(JSON.stringify(before));
    // The stream applies them alike: byte-identical to the plan's replay.
    const replay = await openReplayStream({ format: 'google2011', dir }, { shape }, { horizon: 60, scheduler: { policy: 'best-fit' } });
    const streamed = await replay.run();
    expect(JSON.stringify(streamed)).toBe(JSON.stringify(replayTrace(plan, { scheduler: { policy: 'best-fit' } })));
    expect(replay.machineCounts().capacityUpdates).toBe(updates);
  });
});
