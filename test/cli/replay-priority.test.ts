import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTrace } from '../../src/traces/index.js';
import { writePriorityTrace } from '../traces/priority-trace.js';
import { tempDir } from '../traces/tmp-dir.js';
import { podsim } from './cli-harness.js';

const tmp = tempDir('replay-priority-cli');
afterAll(() => tmp.remove());

describe('podsim replay: waits per priority', () => {
  beforeAll(async () => {
    writePriorityTrace(join(tmp.dir, 'hand'));
    await generateTrace({ format: 'alibaba2018', machines: 4, tasks: 200, seed: 5, dir: join(tmp.dir, 'alibaba') });
  });

  it('prints the table of the hand-computed trace (test/traces/replay-priority-waits.test.ts) and writes it to result.json and priority-waits.csv', async () => {
    const r = await podsim(['replay', 'hand', '--format', 'google2011', '--out', 'out'], tmp.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`
per priority (trace priority values; waits in seconds; priorities do not order the queue):
  PRIORITY   TASKS   PLACED   WAITED   REJECTED   PENDING   WAIT MEAN   P50   P90   P99   MAX   CENSORED
  0              3        2        2          1         0         120   120   144   149   150          0
  9              3        2        1          0         1          90   130   138   140   140          1
  none           1        0        0          0         1         135   135   135   135   135          1
`);
    expect(r.stdout).toMatch(/wrote out\/result\.json, out\/containers\.csv, out\/timeseries\.csv, out\/priority-waits\.csv\n$/);
    expect(readFileSync(join(tmp.dir, 'out', 'priority-waits.csv'), 'utf8')).toBe(
      'priority,from,to,tasks,placed,waited,rejected,pending,mean,p50,p90,p99,max,censored\n' +
      '0,0,0,3,2,2,1,0,120,120,144,149.4,150,0\n' +
      '9,9,9,3,2,1,0,1,90,130,138,139.8,140,1\n' +
      'none,,,1,0,0,0,1,135,135,135,135,135,1\n');
    const result = JSON.parse(readFileSync(join(tmp.dir, 'out', 'result.json'), 'utf8'));
    expect(result.trace.priorityWaits).toBe('value');
    expect(result.priorities.by).toBe('value');
    expect(result.priorities.classes[1]).toEqual({ priority: '9', from: 9, to: 9, tasks: 3, placed: 2, waited: 1, rejected: 0, pending: 1, wait: { mean: 90, p50: 130, p90: 138, p99: 139.8, max: 140, censored: 1 } });
  });

  it('--priority-waits tier groups by the Google 2019 tiers, --json prints them, none leaves them out', async () => {
    const tier = await podsim(['replay', 'hand', '--format', 'google2011', '--priority-waits', 'tier'], tmp.dir);
    expect(tier.stdout).toContain('\n  TIER         PRIORITIES   TASKS   PLACED   WAITED   REJECTED   PENDING   WAIT MEAN   P50   P90   P99   MAX   CENSORED\n  free         0–99             6        4        3          1         1         102   130   146   150   150          1\n');
    expect(tier.stdout).toContain('\n  monitoring   ≥ 360            0        0        0          0         0           0     0     0     0     0          0\n  none         —                1');
    const json = JSON.parse((await podsim(['replay', 'hand', '--format', 'google2011', '--json'], tmp.dir)).stdout);
    expect(json.priorities.classes.map((c: { priority: string }) => c.priority)).toEqual(['0', '9', 'none']);
    const none = await podsim(['replay', 'hand', '--format', 'google2011', '--priority-waits', 'none', '--json'], tmp.dir);
    expect(JSON.parse(none.stdout)).not.toHaveProperty('priorities');
    const text = await podsim(['replay', 'hand', '--format', 'google2011', '--priority-waits', 'none'], tmp.dir);
    expect(text.stdout).toContain('\nper priority: none (not asked: --priority-waits none)\n');
  });

  it('--report writes a self-contained HTML report with the per-priority table, the charts and the per-host heatmap', async () => {
    const r = await podsim(['replay', 'hand', '--format', 'google2011', '--report', 'replay.html'], tmp.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\nwrote replay\.html\n$/);
    const html = readFileSync(join(tmp.dir, 'replay.html'), 'utf8');
    expect(html).toContain('<h1>podsim replay: hand</h1>');
    const table = html.slice(html.indexOf('<section id="priorities">'), html.indexOf('<section id="charts">'));
    expect(table).toContain('<h2>Per priority value</h2>');
    expect(table).toContain('<tr><th>9</th><td>3</td><td>2</td><td>1</td><td>0</td><td>1</td><td>90</td><td>130</td><td>138</td><td>140</td><td>140</td><td>1</td></tr>');
    const charts = [...html.matchAll(/<figure class="chart" id="chart-([\w-]+)"/g)].map((m) => m[1]);
    expect(charts).toEqual(expect.arrayContaining(['utilization', 'queue', 'wait-cdf', 'heatmap-cpu']));
    expect(html.includes('<script')).toBe(false);
    // With --out the report is written beside the outputs.
    const both = await podsim(['replay', 'hand', '--format', 'google2011', '--out', 'out2', '--report', 'out2/report.html'], tmp.dir);
    expect(both.stdout).toMatch(/wrote out2\/result\.json, out2\/containers\.csv, out2\/timeseries\.csv, out2\/priority-waits\.csv, out2\/report\.html\n$/);
    expect(readFileSync(join(tmp.dir, 'out2', 'report.html'), 'utf8') === html).toBe(true);
  });

  it('Alibaba 2018 has no priorities: it says so', async () => {
    const r = await podsim(['replay', 'alibaba', '--format', 'alibaba2018'], tmp.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('\nper priority: none (Alibaba 2018 tasks have no priority)\n');
  });

  it('a bad --priority-waits names the flag', async () => {
    const r = await podsim(['replay', 'hand', '--format', 'google2011', '--priority-waits', 'rank'], tmp.dir);
    expect(r).toMatchObject({ code: 2, stderr: 'podsim replay: --priority-waits: "rank" is not value, tier or none\n' });
  });
});
