// The report's power and cost charts (issue 12 §5): drawn from timeseries.power and timeseries.cost, present
// only when the scenario has a power model or prices.
import { describe, expect, it } from 'vitest';
import { costChart } from '../../src/report/charts/cost-chart.js';
import { powerChart } from '../../src/report/charts/power-chart.js';
import { reportCharts, renderReport } from '../../src/report/render-report.js';
import { simulate } from '../../src/simulation/simulate.js';

const scenario = (extra: object) => ({
  until: 3600, timeseries: { interval: 600 },
  hosts: [{ name: 'n', count: 2, capacity: { cpu: 2 }, ...extra }],
  workloads: [{ name: 'w', count: 2, arrival: { process: 'explicit' as const, times: [0, 1800] }, request: { cpu: 1 }, usage: { cpu: 1 } }],
});

describe('power and cost over time', () => {
  it('plots the sampled watts and the accrued cost', () => {
    const r = simulate(scenario({ price: 0.6, power: { idle: 50, max: 150 } }));
    const ts = r.timeseries;
    if (ts === undefined) throw new Error('no series');
    const power = (powerChart(ts).data as { values: { t: number; watts: number }[] }).values;
    // One core of 2 used from 0 (100 W + 50 W idle), a second from 1800 s on (150 W + 50 W).
    expect(power.map((p) => p.watts)).toEqual([150, 150, 150, 200, 200, 200, 200]);
    const cost = (costChart(ts).data as { values: { t: number; cost: number }[] }).values;
    expect(cost.map((c) => Number(c.cost.toFixed(12)))).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1, 1.2]);
    expect(cost.at(-1)?.cost).toBeCloseTo(r.cost?.total as number, 12);
  });

  it('are in the report only when the scenario has power or prices', async () => {
    const ids = (extra: object) => reportCharts({ result: simulate(scenario(extra)) }).map((c) => c.id);
    expect(ids({ price: 1, power: { idle: 1, max: 2 } })).toEqual(expect.arrayContaining(['power', 'cost']));
    expect(ids({ price: 1 })).not.toContain('power');
    expect(ids({})).not.toContain('cost');
    const html = await renderReport({ result: simulate(scenario({ price: 1, power: { idle: 1, max: 2 } })) });
    expect(html).toMatch(/id="chart-power"[^>]*>\s*<svg/);
    expect(html).toMatch(/id="chart-cost"[^>]*>\s*<svg/);
    expect(html).toMatch(/<th>energy<\/th><td>[\d.]+ kWh {3}\(utilisation from usage\)<\/td>/);
  });
});
