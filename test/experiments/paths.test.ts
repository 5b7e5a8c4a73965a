import { describe, expect, it } from 'vitest';
import { expandGrid } from '../../src/experiments/grid.js';
import { readMetric } from '../../src/experiments/metric-path.js';
import { setPath } from '../../src/experiments/set-path.js';
import { canonicalJson, sweepHash } from '../../src/experiments/sweep-hash.js';
import { simulate } from '../../src/index.js';
import type { Scenario } from '../../src/index.js';

const scenario: Scenario = {
  seed: 1,
  hosts: [{ name: 'node', count: 2, capacity: { cpu: 4, memory: '16Gi' } }],
  workloads: [{ name: 'web', count: 20, arrival: { process: 'poisson', rate: 2 }, duration: { distribution: 'exponential', mean: 1 }, request: { cpu: 1 } }],
};

describe('setPath(target, path, value)', () => {
  it('sets by index and by name in a list, creates missing objects, and leaves the original alone', () => {
    const a = setPath(scenario, 'hosts[0].count', 8);
    expect(a.ok && a.value.hosts[0]?.count).toBe(8);
    expect(scenario.hosts[0]?.count).toBe(2);
    const b = setPath(scenario, 'workloads.web.arrival.rate', 5);
    expect(b.ok && (b.value.workloads[0]?.arrival as { rate: number }).rate).toBe(5);
    const c = setPath(scenario, 'scheduler.policy', 'best-fit');
    expect(c.ok && c.value.scheduler).toEqual({ policy: 'best-fit' });
    const d = setPath(scenario, 'hosts[0].capacity["example.com/fpga"]', 1);
    expect(d.ok && d.value.hosts[0]?.capacity).toEqual({ cpu: 4, memory: '16Gi', 'example.com/fpga': 1 });
  });

  it('names the path and the reason when it cannot', () => {
    expect(setPath(scenario, 'hosts[3].count', 1)).toMatchObject({ ok: false, issue: { code: 'invalid_path', message: 'hosts has 1 entry, so there is no [3]' } });
    expect(setPath(scenario, 'workloads.api.count', 1)).toMatchObject({ ok: false, issue: { message: 'workloads is a list with no entry named "api" (names: web)' } });
    expect(setPath(scenario, 'seed.x', 1)).toMatchObject({ ok: false, issue: { message: 'seed is 1, not an object, so it has no "x"' } });
    expect(setPath(scenario, 'hosts..count', 1)).toMatchObject({ ok: false, issue: { code: 'invalid_path' } });
  });
});

describe('expandGrid(vary)', () => {
  it('lists the full grid, the first path varying slowest', () => {
    const g = expandGrid({ a: [1, 2], b: ['x', 'y', 'z'] });
    expect(g.ok && g.points).toEqual([
      { a: 1, b: 'x' }, { a: 1, b: 'y' }, { a: 1, b: 'z' }, { a: 2, b: 'x' }, { a: 2, b: 'y' }, { a: 2, b: 'z' },
    ]);
    expect(expandGrid({})).toEqual({ ok: true, points: [{}] });
  });

  it('reports every empty or repeated list at once', () => {
    const g = expandGrid({ a: [], b: [1, 1], 'c[': [1] });
    expect(g.ok).toBe(false);
    expect(!g.ok && g.issues.map((i) => i.path)).toEqual(['vary["a"]', 'vary["b"][1]', 'vary["c["]']);
  });
});

describe('readMetric(result, path)', () => {
  const result = simulate(scenario);

  it('reads any numeric path of the result', () => {
    expect(readMetric(result, 'wait.p99')).toEqual({ ok: true, value: result.wait.p99 });
    expect(readMetric(result, 'utilization.cpu')).toEqual({ ok: true, value: result.utilization.cpu });
    expect(readMetric(result, 'containers.completed')).toEqual({ ok: true, value: 20 });
    // Paths of results that later features add work the same way.
    expect(readMetric({ ...result, workloads: { web: { wait: { p99: 0.5 } } } }, 'workloads.web.wait.p99')).toEqual({ ok: true, value: 0.5 });
  });

  it('names an absent path and lists the closest numeric paths that exist', () => {
    const r = readMetric(result, 'wait.p999', 'metrics[0]');
    expect(r).toMatchObject({ ok: false, issue: { code: 'unknown_metric', path: 'metrics[0]' } });
    expect(!r.ok && r.issue.message).toMatch(/^metric "wait.p999" is not in the result; closest numeric paths: wait\.p99, /);
    expect(!r.ok && readMetric(result, 'wait').ok === false && (readMetric(result, 'wait') as { issue: { message: string } }).issue.message).toBe('metric "wait" is a group, not a number; pick one of wait.mean, wait.p50, wait.p90, wait.p99, wait.max, wait.censored');
    expect((readMetric(result, 'policy') as { issue: { message: string } }).issue.message).toMatch(/^metric "policy" is "first-fit", not a number/);
  });
});

describe('sweepHash(definition)', () => {
  it('ignores key order in objects but not order in lists', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
    expect(sweepHash({ x: 1, y: 2 })).toBe(sweepHash({ y: 2, x: 1 }));
    expect(sweepHash({ vary: [['a', [1]], ['b', [2]]] })).not.toBe(sweepHash({ vary: [['b', [2]], ['a', [1]]] }));
    expect(sweepHash({})).toMatch(/^[0-9a-f]{64}$/);
  });
});
