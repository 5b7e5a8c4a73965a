import { describe, expect, it } from 'vitest';
import { KubeSchedulerAdapter } from '../../src/kube/sim/kube-adapter.js';
import { replaySimulation, replayTrace, traceToScenario, type TraceTask } from '../../src/traces/index.js';

const Mi = 2 ** 20;
const machines = ['m1', 'm2', 'm3'].map((id) => ({ id, time: 0, event: 'add' as const, capacity: { cpu: 4000, memory: 16 * 1024 * Mi } }));
// One job of three tasks, each its own request shape (the trace's jitter), all submitted at once.
const tasks: TraceTask[] = [0, 1, 2].map((k) => ({ id: `a/${k}`, submit: 0, start: 0, duration: 100, request: { cpu: 100 + k, memory: 400 * Mi } }));

async function hostsOf(kubeOwner: 'job' | 'none'): Promise<{ hosts: string[]; ownersAt50: number; ownersAtEnd: number }> {
  const plan = await traceToScenario({ tasks, machines }, { mode: 'reschedule' });
  // binpack (MostAllocated) packs unless default spreading pushes a job's tasks apart.
  const run = replaySimulation(plan, { scheduler: { policy: 'binpack' }, kubeOwner });
  const hosts: string[] = [];
  run.observe((e) => { if (e.kind === 'placed') hosts.push(run.scenario.hosts[e.host]?.name as string); });
  const store = (run.scheduler as KubeSchedulerAdapter).kube.state.store;
  run.run({ until: 50 });
  const ownersAt50 = store.liveOwners;
  run.run();
  return { hosts, ownersAt50, ownersAtEnd: store.liveOwners };
}

describe('trace replay under kube-scheduler: a task’s pod is owned by its job', () => {
  it('the tasks of one job spread against each other (default PodTopologySpread), whatever their request shapes; bare pods (kubeOwner none) pack', async () => {
    const byJob = await hostsOf('job');
    expect(new Set(byJob.hosts).size).toBe(3);
    // One owner while the job runs, forgotten with its last pod.
    expect(byJob.ownersAt50).toBe(1);
    expect(byJob.ownersAtEnd).toBe(0);
    const bare = await hostsOf('none');
    expect(new Set(bare.hosts).size).toBe(1);
    expect(bare.ownersAt50).toBe(0);
  });

  it('is deterministic, and every task of a generated trace with many jobs and request shapes is placed', async () => {
    const many: TraceTask[] = [];
    for (let j = 0; j < 300; j++) for (let k = 0; k < 3; k++) many.push({ id: `j${j}/${k}`, submit: j, start: j, duration: 50 + ((j * 7 + k) % 40), request: { cpu: 100 + ((j * 13 + k * 5) % 700), memory: (64 + ((j * 11 + k) % 500)) * Mi } });
    const cluster = Array.from({ length: 40 }, (_, i) => ({ id: `n${i}`, time: 0, event: 'add' as const, capacity: { cpu: 4000, memory: 16 * 1024 * Mi } }));
    const plan = await traceToScenario({ tasks: many, machines: cluster }, { mode: 'reschedule' });
    const a = replayTrace(plan, { scheduler: { policy: 'kube' } });
    const b = replayTrace(plan, { scheduler: { policy: 'kube' } });
    expect(a.containers.submitted).toBe(900);
    expect(a.containers.placed).toBe(900);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
