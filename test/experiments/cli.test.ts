import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOneLineFailure, podsim, workspace } from '../cli/cli-harness.js';

// An M/M/c queue with c = hosts[0].count (one container per host).
const MMC = `seed: 1
hosts:
  - name: node
    count: 10
    capacity: { cpu: 1, memory: 4Gi }
workloads:
  - name: web
    count: 4000
    arrival: { process: poisson, rate: 8 }
    duration: { distribution: exponential, mean: 1 }
    request: { cpu: 1, memory: 1Gi }
`;

describe('podsim sweep', () => {
  it('prints a table of points with intervals and writes points.csv, points.json and the report', async () => {
    const dir = workspace({ 'scenario.yaml': MMC });
    const r = await podsim(['sweep', 'scenario.yaml', '--vary', 'hosts[0].count=10,12', '--vary', 'scheduler.policy=first-fit,kube', '--baseline', 'scheduler.policy=first-fit', '--reps', '3', '--metric', 'wait.mean,wait.p99', '--workers', '1', '--out', 'sweep', '--report', 'sweep.html'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('podsim sweep: scenario.yaml');
    expect(lines[2]).toMatch(/^hosts\[0\]\.count +scheduler\.policy +n +wait\.mean +wait\.p99 +Δ wait\.mean +Δ wait\.p99$/);
    expect(lines[3]).toMatch(/^ +10 +first-fit +3 +[\d.]+ ± [\d.]+ +[\d.]+ ± [\d.]+ +0 ± 0 +0 ± 0$/);
    expect(r.stdout).toContain('4 points, 3 replications each (common random numbers); mean ± half-width of the 95% interval; warm-up 0 s (none)');
    expect(r.stdout).toContain('wrote sweep/points.csv, sweep/points.json, sweep.html');
    const csv = readFileSync(join(dir, 'sweep/points.csv'), 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe('hosts[0].count,scheduler.policy,wait.mean.mean,wait.mean.lo,wait.mean.hi,wait.p99.mean,wait.p99.lo,wait.p99.hi,n,stopped,wait.mean.diff.mean,wait.mean.diff.lo,wait.mean.diff.hi,wait.p99.diff.mean,wait.p99.diff.lo,wait.p99.diff.hi,issue');
    expect(csv).toHaveLength(5);
    const json = JSON.parse(readFileSync(join(dir, 'sweep/points.json'), 'utf8'));
    expect(json.points).toHaveLength(4);
    expect(json.points[1].differences['wait.mean'].mean).toBeGreaterThan(0);
    const html = readFileSync(join(dir, 'sweep.html'), 'utf8');
    expect(html).toContain('<h1>podsim sweep</h1>');
    expect(html.match(/<figure class="chart" id="chart-metric-/g)).toHaveLength(2);
    expect(html).not.toMatch(/<script/);
  });

  it('prints JSON with --json, and fails with exit 2 and one line on bad input', async () => {
    const dir = workspace({ 'scenario.yaml': MMC });
    const r = await podsim(['sweep', 'scenario.yaml', '--reps', '2', '--metric', 'wait.mean', '--workers', '1', '--json'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).points[0].replications).toBe(2);
    expect(expectOneLineFailure(await podsim(['sweep', 'scenario.yaml', '--vary', 'hosts[4].count=1,2'], dir))).toBe('podsim sweep: vary["hosts[4].count"]: hosts has 1 entry, so there is no [4]');
    expect(expectOneLineFailure(await podsim(['sweep', 'scenario.yaml', '--reps', '2', '--metric', 'wait.p999', '--workers', '1'], dir))).toMatch(/^podsim sweep: metrics\[0\]: metric "wait.p999" is not in the result; closest numeric paths: wait\.p99/);
    expect(expectOneLineFailure(await podsim(['sweep', 'scenario.yaml', '--vary', 'seed'], dir))).toMatch(/^podsim sweep: option '--vary <path=values>' argument 'seed' is invalid/);
    expect(expectOneLineFailure(await podsim(['sweep', 'scenario.yaml', '--reps', '5..50'], dir))).toBe('podsim sweep: --reps 5..50 needs --target, the precision to reach (such as 0.05 for ±5% of the mean)');
  });

  it('reports a failed point on stderr and completes the rest', async () => {
    const dir = workspace({ 'scenario.yaml': MMC });
    const r = await podsim(['sweep', 'scenario.yaml', '--vary', 'hosts[0].count=0,12', '--reps', '2', '--metric', 'wait.mean', '--workers', '1', '--out', 'o'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('podsim sweep: point {"hosts[0].count":0} failed: hosts[0].count: must be at least 1\n');
    expect(readFileSync(join(dir, 'o/points.csv'), 'utf8')).toContain('0,,,,0,failed,hosts[0].count: must be at least 1\n');
  });
});

describe('podsim plan', () => {
  it('prints the answer, the analytic estimate and the evidence, exits 0, and writes the report', async () => {
    const dir = workspace({ 'scenario.yaml': MMC });
    const r = await podsim(['plan', 'scenario.yaml', '--vary', 'hosts[0].count', '--range', '1..200', '--slo', 'wait.mean<=0.13', '--confidence', '0.95', '--workers', '1', '--report', 'plan.html', '--out', 'plan'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('answer: hosts[0].count = 11 is the smallest value meeting wait.mean ≤ 0.13 with 95% confidence; 10 fails\nanalytic estimate: 11 (M/M/c (Erlang C), steady state)\n');
    expect(r.stdout).toMatch(/step +hosts\[0\]\.count +status +n +wait\.mean\n +1 +11 +meets +\d+ +[\d.]+ ± [\d.]+\n +2 +10 +fails/);
    const html = readFileSync(join(dir, 'plan.html'), 'utf8');
    expect(html).toContain('id="chart-search-path"');
    expect(existsSync(join(dir, 'plan/points.csv'))).toBe(true);
  });

  it('exits 1 when nothing in range meets the objectives, and 2 on bad input', async () => {
    const dir = workspace({ 'scenario.yaml': MMC });
    const r = await podsim(['plan', 'scenario.yaml', '--vary', 'hosts[0].count', '--range', '1..9', '--slo', 'wait.mean<=0.13', '--workers', '1'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('no answer: not found in range: even hosts[0].count = 9 does not meet wait.mean ≤ 0.13 with 95% confidence');
    expect(expectOneLineFailure(await podsim(['plan', 'scenario.yaml', '--vary', 'hosts[0].count', '--range', '1-9', '--slo', 'wait.mean<=1'], dir))).toBe('podsim plan: --range 1-9: expected low..high, such as 1..200');
    expect(expectOneLineFailure(await podsim(['plan', 'scenario.yaml', '--vary', 'hosts[0].count', '--range', '1..9', '--slo', 'wait.mean<1'], dir))).toMatch(/^podsim plan: option '--slo <metric<=value>' argument 'wait.mean<1' is invalid/);
    expect(expectOneLineFailure(await podsim(['plan', 'scenario.yaml', '--range', '1..9', '--slo', 'wait.mean<=1'], dir))).toMatch(/required option '--vary <path>'/);
  });
});

describe('RunsProgress', () => {
  it('draws a bar with runs done and the ETA on a terminal after a second, and nothing elsewhere', async () => {
    const { RunsProgress } = await import('../../src/cli/commands/experiment-flags.js');
    let t = 0, tty = '', pipe = '';
    const bar = new RunsProgress({ stdout: { write: () => true }, stderr: { write: (s: string) => { tty += s; return true; }, isTTY: true, columns: 100 }, clock: () => t }, 'sweeping');
    bar.update({ done: 0, total: 40, failed: 0 });
    expect(tty).toBe('');
    t = 1500;
    bar.update({ done: 10, total: 40, failed: 1 });
    bar.stop();
    expect(tty).toMatch(/sweeping \[[^\]]+\] 10\/40 runs, 1 failed \| ETA /);
    const quiet = new RunsProgress({ stdout: { write: () => true }, stderr: { write: (s: string) => { pipe += s; return true; } }, clock: () => t }, 'sweeping');
    t = 10_000;
    quiet.update({ done: 10, total: 40, failed: 0 });
    quiet.stop();
    expect(pipe).toBe('');
  });
});
