import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTrace } from '../../src/traces/index.js';
import { genuine, onGenuine } from '../traces/genuine.js';
import { tempDir } from '../traces/tmp-dir.js';
import { podsim } from './cli-harness.js';

const tmp = tempDir('replay-cli');
afterAll(() => tmp.remove());

const csvRows = (file: string): string[][] => readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split(','));

describe('podsim replay on generated traces', () => {
  beforeAll(async () => {
    for (const format of ['google2011', 'google2019', 'alibaba2018'] as const) await generateTrace({ format, machines: 12, tasks: 600, seed: 5, dir: join(tmp.dir, format) });
  });

  it('replays a Google 2011 trace end to end: summary, result.json with the readers\' counts, one CSV and Parquet row per placement', async () => {
    const r = await podsim(['replay', 'google2011', '--format', 'google2011', '--policy', 'best-fit', '--out', 'out', '--parquet'], tmp.dir);
    // Machine capacity updates are applied (Simulation.setHostCapacity), not warned about.
    expect(r.stderr).not.toMatch(/not_modelled machines/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^podsim replay: google2011 \(google2011, reschedule, best-fit\)/);
    expect(r.stdout).toMatch(/trace tasks\s+[\d,]+ \([\d,]+ jobs\) on 1\d machines/);
    expect(r.stdout).toMatch(/rows skipped\s+.*endedWhilePending \d+/);
    const result = JSON.parse(readFileSync(join(tmp.dir, 'out', 'result.json'), 'utf8'));
    expect(result.policy).toBe('best-fit');
    expect(result.trace.tasks).toBe(result.containers.submitted);
    expect(result.trace.machineDynamics.added).toBeGreaterThan(0);
    expect(result.trace.machineDynamics.capacityUpdates).toBeGreaterThan(0);
    expect(result.trace.reports.tasks.skipped.endedWhilePending).toBeGreaterThan(0);
    expect(result.trace.warnings[0].code).toBe('not_modelled');
    const rows = csvRows(join(tmp.dir, 'out', 'containers.csv'));
    expect(rows[0]?.slice(0, 6)).toEqual(['id', 'name', 'workload', 'host', 'state', 'submitted']);
    // One row per placement: every container placed once (nothing evicted under best-fit here).
    expect(rows.length - 1).toBe(result.containers.placed);
    expect(new Set(rows.slice(1).map((row) => row[3])).size).toBeGreaterThan(1);
    // Hosts are named by the trace's machine ids.
    const machineIds = new Set(readFileSync(join(tmp.dir, 'google2011', 'machine_events', 'part-00000-of-00001.csv'), 'utf8').trim().split('\n').map((l) => l.split(',')[1]));
    expect(rows.slice(1).every((row) => machineIds.has(row[3]))).toBe(true);
    const pq = await parquetReadObjects({ file: await asyncBufferFromFile(join(tmp.dir, 'out', 'containers.parquet')) });
    expect(pq.length).toBe(rows.length - 1);
    expect(pq[0]?.name).toBe(rows[1]?.[1]);
    const ts = await parquetReadObjects({ file: await asyncBufferFromFile(join(tmp.dir, 'out', 'timeseries.parquet')) });
    expect(ts.length).toBe(csvRows(join(tmp.dir, 'out', 'timeseries.csv')).length - 1);
  });

  it('replays Google 2019 and Alibaba 2018 traces, in recorded mode too, and prints JSON with --json', async () => {
    for (const format of ['google2019', 'alibaba2018']) {
      for (const mode of ['reschedule', 'recorded']) {
        const r = await podsim(['replay', format, '--format', format, '--mode', mode, '--json'], tmp.dir);
        expect(r.code, r.stderr).toBe(0);
        const result = JSON.parse(r.stdout);
        expect(result.containers.submitted).toBeGreaterThan(0);
        expect(result.trace.mode).toBe(mode);
        const c = result.containers;
        expect(c.completed + c.running + c.pending + c.rejected + c.failed).toBe(c.submitted);
      }
    }
  });

  it('windows and samples the trace: fewer tasks', async () => {
    const all = JSON.parse((await podsim(['replay', 'google2011', '--format', 'google2011', '--json'], tmp.dir)).stdout);
    const part = JSON.parse((await podsim(['replay', '--dir', 'google2011', '--format', 'google2011', '--window', '600..1800', '--sample', '0.5', '--json'], tmp.dir)).stdout);
    expect(part.trace.tasks).toBeGreaterThan(0);
    expect(part.trace.tasks).toBeLessThan(all.trace.tasks / 2);
    expect(part.trace.reports.tasks.skipped.sampledOut).toBeGreaterThan(0);
  });

  it('bad flags and paths: one line naming the flag or path, exit 2', async () => {
    const r = await podsim(['replay', 'google2011', '--format', 'google2020', '--mode', 'x'], tmp.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^podsim replay: --format: "google2020" is not one of google2011, google2019, alibaba2018 \(and 1 more problem\)\n$/);
    const missing = await podsim(['replay', 'nowhere', '--format', 'google2011'], tmp.dir);
    expect(missing).toMatchObject({ code: 2, stderr: 'podsim replay: nowhere: no such file or folder\n' });
  });

  it('--help gives the synopsis', async () => {
    const r = await podsim(['replay', '--help'], tmp.dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: podsim replay \[options\] \[trace\]/);
    expect(r.stdout).toContain('--format <format>');
    expect(r.stdout).toContain('--window <start..end>');
  });
});

describe('podsim replay on genuine trace rows', () => {
  onGenuine(['google2011/task_events/part-00000-of-00500.csv', 'google2011/machine_events/part-00000-of-00001.csv'], 'the real Google 2011 rows replay end to end (3 tasks pending at the window end run until the end, not complete at once)', async () => {
    const r = await podsim(['replay', genuine('google2011'), '--format', 'google2011', '--json'], tmp.dir);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.trace.reports.tasks.rows).toBeGreaterThan(0);
    expect(result.trace.machines).toBe(3);
    expect(result.containers).toMatchObject({ submitted: 3, placed: 3, completed: 0, running: 3 });
  });

  onGenuine(['google2019/instance_events-000000000000.json'], 'the real Google 2019 rows (a file, no machine table) replay on --hosts', async () => {
    const noHosts = await podsim(['replay', genuine('google2019/instance_events-000000000000.json'), '--format', 'google2019'], tmp.dir);
    expect(noHosts.code).toBe(2);
    expect(noHosts.stderr).toMatch(/has no machine table; give --hosts/);
    const r = await podsim(['replay', genuine('google2019/instance_events-000000000000.json'), '--format', 'google2019', '--hosts', '100:64:256Gi', '--json'], tmp.dir);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.hosts.count).toBe(100);
    expect(result.containers.submitted).toBe(result.trace.tasks);
  });

  onGenuine(['alibaba2018/batch_task_issue82.csv'], 'the real issue-82 row in recorded mode: 371 tasks reported as not replayed (no recorded machine), not silently dropped', async () => {
    const r = await podsim(['replay', genuine('alibaba2018/batch_task_issue82.csv'), '--format', 'alibaba2018', '--mode', 'recorded', '--hosts', '10:96:512Gi'], tmp.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/not replayed\s+noRecordedMachine 371/);
    expect(r.stderr).toContain('dropped_tasks tasks: 371 task(s) are not replayed in recorded mode (noRecordedMachine)');
  });
});
