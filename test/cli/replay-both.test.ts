import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTrace } from '../../src/traces/index.js';
import { tempDir } from '../traces/tmp-dir.js';
import { podsim } from './cli-harness.js';

const tmp = tempDir('replay-both-cli');
afterAll(() => tmp.remove());

describe('podsim replay --mode both: recorded and rescheduled, compared', () => {
  beforeAll(async () => {
    await generateTrace({ format: 'google2011', machines: 12, tasks: 600, seed: 9, dir: join(tmp.dir, 'trace') });
  });

  it('replays in each mode as the single modes do, prints both summaries and the comparison, and writes each mode\'s outputs and comparison.csv', async () => {
    const both = await podsim(['replay', 'trace', '--format', 'google2011', '--mode', 'both', '--policy', 'best-fit', '--out', 'both'], tmp.dir);
    expect(both.code, both.stderr).toBe(0);
    const recordedAlone = await podsim(['replay', 'trace', '--format', 'google2011', '--mode', 'recorded', '--policy', 'best-fit', '--out', 'recorded'], tmp.dir);
    const rescheduledAlone = await podsim(['replay', 'trace', '--format', 'google2011', '--mode', 'reschedule', '--policy', 'best-fit', '--out', 'reschedule'], tmp.dir);
    // Each mode's outputs are those of the mode run alone, byte for byte.
    for (const [mode, alone] of [['recorded', 'recorded'], ['reschedule', 'reschedule']] as const) {
      for (const f of ['result.json', 'containers.csv', 'timeseries.csv', 'priority-waits.csv']) {
        expect(readFileSync(join(tmp.dir, 'both', mode, f), 'utf8') === readFileSync(join(tmp.dir, alone, f), 'utf8'), `${mode}/${f}`).toBe(true);
      }
    }
    // The printed summaries are the single modes' (minus their "wrote" lines), then the comparison.
    const body = (out: string): string => out.replace(/\nwrote .*\n$/, '');
    expect(both.stdout.startsWith(`${body(recordedAlone.stdout)}\n${body(rescheduledAlone.stdout)}\nrecorded vs rescheduled (best-fit; waits in seconds, utilisation as a fraction):\n`)).toBe(true);
    expect(both.stdout).toMatch(/\n {2}FIGURE +RECORDED +RESCHEDULE +DIFFERENCE\n {2}containers submitted +[\d,]+ +[\d,]+ +[+−]?[\d,]+\n/);
    // comparison.csv: the two results' figures, and their difference.
    const rec = JSON.parse(readFileSync(join(tmp.dir, 'recorded', 'result.json'), 'utf8'));
    const res = JSON.parse(readFileSync(join(tmp.dir, 'reschedule', 'result.json'), 'utf8'));
    const csv = readFileSync(join(tmp.dir, 'both', 'comparison.csv'), 'utf8').trimEnd().split('\n').map((l) => l.split(','));
    expect(csv[0]).toEqual(['figure', 'recorded', 'reschedule', 'difference']);
    const find = (figure: string): number[] => (csv.find((r) => r[0] === figure) as string[]).slice(1).map(Number);
    expect(find('wait p99')).toEqual([rec.wait.p99, res.wait.p99, res.wait.p99 - rec.wait.p99]);
    expect(find('containers placed')).toEqual([rec.containers.placed, res.containers.placed, res.containers.placed - rec.containers.placed]);
    expect(find('utilisation cpu')).toEqual([rec.utilization.cpu, res.utilization.cpu, res.utilization.cpu - rec.utilization.cpu]);
    expect(find('hosts peak in use')).toEqual([rec.hosts.peakInUse, res.hosts.peakInUse, res.hosts.peakInUse - rec.hosts.peakInUse]);
    expect(csv.some((r) => r[0]?.startsWith('wait p99 (priority '))).toBe(true);
    expect(both.stdout).toMatch(/wrote both\/recorded\/result\.json, .*both\/reschedule\/result\.json, .*both\/comparison\.csv\n$/);
  });

  it('--json prints both results and the comparison; --report writes one report per mode', async () => {
    const r = await podsim(['replay', 'trace', '--format', 'google2011', '--mode', 'both', '--json', '--report', 'cmp.html'], tmp.dir);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['recorded', 'reschedule', 'comparison']);
    expect(j.recorded.trace.mode).toBe('recorded');
    expect(j.reschedule.trace.mode).toBe('reschedule');
    expect(j.comparison.find((c: { figure: string }) => c.figure === 'wait mean')).toEqual({ figure: 'wait mean', recorded: j.recorded.wait.mean, reschedule: j.reschedule.wait.mean });
    expect(r.stderr).toMatch(/wrote cmp\.recorded\.html, cmp\.reschedule\.html\n$/);
    for (const f of ['cmp.recorded.html', 'cmp.reschedule.html']) expect(existsSync(join(tmp.dir, f))).toBe(true);
  });

  it('a bad --mode names the three modes', async () => {
    const r = await podsim(['replay', 'trace', '--format', 'google2011', '--mode', 'all'], tmp.dir);
    expect(r).toMatchObject({ code: 2, stderr: 'podsim replay: --mode: "all" is not reschedule, recorded or both\n' });
  });
});
