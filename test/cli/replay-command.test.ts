import { describe, expect, it } from 'vitest';
import { parseReplayFlags, replayProgressLine } from '../../src/cli/commands/replay-command.js';

describe('parseReplayFlags(flags)', () => {
  it('turns the flags into the readers\' options, parsing the window as durations of trace time', () => {
    const { options, issues } = parseReplayFlags({ format: 'google2011', dir: 'trace', window: '10m..2h', sample: '0.25', seed: 'x', mode: 'recorded', policy: 'best-fit', hosts: '12500:32:128Gi', out: 'out', report: 'r.html', interval: '1h' });
    expect(issues).toEqual([]);
    expect(options).toEqual({
      source: { format: 'google2011', dir: 'trace' },
      read: { shape: { cpu: 64_000, memory: 256 * 2 ** 30 }, window: { start: 600, end: 7200 }, sample: { fraction: 0.25, seed: 'x' }, worker: true },
      mode: 'recorded',
      policy: 'best-fit',
      hosts: { count: 12_500, cpu: 32_000, memory: 128 * 2 ** 30 },
      out: 'out',
      report: 'r.html',
      parquet: false,
      interval: 3600,
      json: false,
      seed: 'x',
      priorityWaits: 'value',
      exactWaits: false,
    });
    expect(parseReplayFlags({ format: 'google2019', dir: 'd', exactWaits: true }).options?.exactWaits).toBe(true);
    expect(parseReplayFlags({ format: 'google2019', dir: 'd' }).options?.priorityWaits).toBe('tier');
    expect(parseReplayFlags({ format: 'alibaba2018', dir: 'd' }).options?.priorityWaits).toBe('none');
    expect(parseReplayFlags({ format: 'google2019', dir: 'd', priorityWaits: 'value' }).options?.priorityWaits).toBe('value');
    expect(parseReplayFlags({ format: 'alibaba2018', dir: 'd', out: 'o', window: '1d..', shape: '96,512Gi' }).options?.read).toEqual({ shape: { cpu: 96_000, memory: 512 * 2 ** 30 }, window: { start: 86_400 }, worker: true });
  });

  it('lists every problem at once, each naming its flag', () => {
    const { options, issues } = parseReplayFlags({ format: 'google2020', out: '', window: '2h..1h', sample: '1.5', mode: 'replay', policy: 'fastest', hosts: '10:x', shape: '64', interval: '-1', priorityWaits: 'rank' });
    expect(options).toBeUndefined();
    expect(issues.map((i) => i.path)).toEqual(['--format', '--dir', '--out', '--interval', '--window', '--sample', '--mode', '--policy', '--hosts', '--priority-waits', '--shape']);
  });
  it('reads --hosts and --shape quantities as scenario files do, and says what is wrong in each part', () => {
    expect(parseReplayFlags({ format: 'google2011', dir: 'd', hosts: '4:500m:1.5Gi' }).options?.hosts).toEqual({ count: 4, cpu: 500, memory: 1.5 * 2 ** 30 });
    expect(parseReplayFlags({ format: 'google2011', dir: 'd', shape: '0.5,1G' }).options?.read.shape).toEqual({ cpu: 500, memory: 1e9 });
    const hosts = parseReplayFlags({ format: 'google2011', dir: 'd', hosts: '0:32:128gb' }).issues;
    expect(hosts).toHaveLength(1);
    expect(hosts[0]?.message).toMatch(/^"0:32:128gb" is not COUNT:CPU:MEMORY \(such as 12500:32:128Gi\): count "0": .*; memory "128gb": .*did you mean "128Gi"\?$/);
    const shape = parseReplayFlags({ format: 'google2011', dir: 'd', shape: '0,64Gi,9' }).issues.map((i) => i.message);
    expect(shape).toEqual(['"0,64Gi,9" is not CPU,MEMORY of the largest machine (such as 64,256Gi): CPU "0": it must be more than 0']);
  });
});

describe('replayProgressLine(progress)', () => {
  it('says rows read, simulated time in a readable unit, tasks placed and pending', () => {
    expect(replayProgressLine({ rows: 1_250_000, simulatedSeconds: 7200, placed: 380_000, pending: 12 })).toBe('rows 1,250,000 · simulated 2.0 h · placed 380,000 · pending 12');
    expect(replayProgressLine({ rows: 0, simulatedSeconds: 2.5 * 86_400, placed: 0, pending: 0 })).toBe('rows 0 · simulated 2.5 d · placed 0 · pending 0');
  });
});
