import { describe, expect, it } from 'vitest';
import { priorityTable, resolvePriority } from '../../src/kube/priority.js';
import { compileScenario } from '../../src/scenario/compile.js';

const host = { name: 'n', capacity: { cpu: 4, memory: '8Gi' } };
const wl = (extra: Record<string, unknown>) => ({ name: 'w', count: 1, arrival: { process: 'interval', every: 1 }, request: { cpu: 1 }, ...extra });

describe('resolvePriority(fields, table)', () => {
  it('gives a system class its built-in value', () => {
    expect(resolvePriority({ priorityClassName: 'system-node-critical' }, priorityTable([])).value).toBe(2000001000);
    expect(resolvePriority({ priorityClassName: 'system-cluster-critical' }, priorityTable(undefined)).value).toBe(2000000000);
  });
  it('takes the class value over the pod\'s own priority, as the Priority admission plugin does', () => {
    const t = priorityTable([{ name: 'high', value: 1000, preemptionPolicy: 'Never' }]);
    expect(resolvePriority({ priorityClassName: 'high', priority: 5 }, t)).toEqual({ value: 1000, preemptionPolicy: 'Never' });
  });
  it('falls back to the global default, then 0', () => {
    expect(resolvePriority({}, priorityTable([{ name: 'd', value: 7, globalDefault: true }])).value).toBe(7);
    expect(resolvePriority({ priority: 3 }, priorityTable([{ name: 'd', value: 7, globalDefault: true }])).value).toBe(3);
    expect(resolvePriority({}, priorityTable([])).value).toBe(0);
  });
});

describe('compileScenario(s).workloads[i].priority', () => {
  it('is the same value kube-scheduler uses for system-node-critical (one resolver)', () => {
    const c = compileScenario({ hosts: [host], workloads: [wl({ priorityClassName: 'system-node-critical' })] });
    expect(c.workloads[0]?.priority).toBe(2000001000);
  });
});
