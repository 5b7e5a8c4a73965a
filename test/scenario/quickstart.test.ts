import { afterEach, describe, expect, it, vi } from 'vitest';
import { validateScenario } from '../../src/scenario/validate.js';
import { simulate } from '../../src/simulation/simulate.js';

describe('examples/quickstart.ts', () => {
  afterEach(() => vi.restoreAllMocks());

  it('the quickstart example runs and prints a readable summary', async () => {
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { printed.push(args.map(String).join(' ')); });
    const { scenario } = await import('../../examples/quickstart.js');
    const text = printed.join('\n');
    expect(text).toMatch(/podsim quickstart/);
    expect(text).toMatch(/containers\s+\d+ submitted/);
    expect(text).toMatch(/wait\s+mean [\d.]+ s/);
    expect(validateScenario(scenario).ok).toBe(true);
  });

  it('the quickstart scenario runs to completion with every container accounted for', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const { scenario } = await import('../../examples/quickstart.js');
    const r = simulate(scenario);
    const expected = scenario.workloads.reduce((s, w) => s + (w.count ?? 0), 0);
    expect(r.containers.submitted).toBe(expected);
    expect(r.containers.completed + r.containers.rejected).toBe(expected);
    expect(r.containers.pending + r.containers.running).toBe(0);
    expect(r.utilization.cpu).toBeGreaterThan(0);
    expect(r.utilization.cpu).toBeLessThanOrEqual(1);
    expect(JSON.stringify(simulate(scenario))).toBe(JSON.stringify(r));
  });
});
