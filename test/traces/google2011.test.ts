import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { PodsimError } from '../../src/errors.js';
import { readGoogle2011Machines, readGoogle2011Tasks } from '../../src/traces/index.js';
import { tempDir } from './tmp-dir.js';

const tmp = tempDir('g2011');
afterAll(() => tmp.remove());
const shape = { cpu: 1000, memory: 1000 };

/** time(s), job, index, machine, type, priority, cpu, memory → a task_events row. */
function row(t: number, job: number, index: number, machine: string, type: number, prio: number | '', cpu: number | '', mem: number | ''): string {
  return `${t * 1e6},,${job},${index},${machine},${type},user=,0,${prio},${cpu},${mem},0.0001,0`;
}

const EVENTS = [
  row(0, 100, 0, '', 0, 9, 0.5, 0.25), // SUBMIT
  row(0, 100, 0, 'm1', 1, 9, '', ''), // SCHEDULE, request fields empty: keeps the submitted ones
  row(5, 100, 1, '', 0, 2, 0.125, 0.0625),
  row(6, 100, 1, '', 7, 2, 0.25, ''), // UPDATE_PENDING: the new CPU request applies
  row(7, 100, 1, 'm2', 1, 2, '', ''),
  row(8, 100, 1, 'm2', 8, 2, 0.5, ''), // UPDATE_RUNNING: ignored
  row(10, 100, 0, 'm1', 4, 9, '', ''), // FINISH
  row(12, 100, 1, 'm2', 2, 2, '', ''), // EVICT
  row(13, 100, 1, '', 0, 2, 0.25, 0.0625), // resubmitted
  row(14, 100, 1, 'm3', 1, 2, '', ''),
  row(15, 100, 2, '', 0, 0, 0.001, 0.001),
  row(16, 100, 2, '', 5, 0, '', ''), // KILL while pending
  row(20, 100, 3, '', 0, 0, 0.001, 0.001), // still pending at the end
].join('\n');

function write(name: string, text: string | Buffer): string {
  const file = join(tmp.dir, name);
  writeFileSync(file, text);
  return file;
}

describe('readGoogle2011Tasks', () => {
  it('pairs SUBMIT, SCHEDULE and the end of each run into tasks with scaled requests', async () => {
    const file = write('events.csv', `${EVENTS}\n`);
    const stream = readGoogle2011Tasks(file, { shape });
    const tasks = await stream.toArray();
    expect(tasks).toEqual([
      { id: '100/0', submit: 0, start: 0, duration: 10, request: { cpu: 500, memory: 250 }, priority: 9, machine: 'm1' },
      { id: '100/1', submit: 5, start: 7, duration: 5, request: { cpu: 250, memory: 63 }, priority: 2, machine: 'm2' },
      // Still running at the end of the input: ends at the last row's time (20 s).
      { id: '100/1', submit: 13, start: 14, duration: 6, request: { cpu: 250, memory: 63 }, priority: 2, machine: 'm3' },
      // Still pending: no start, no duration.
      { id: '100/3', submit: 20, request: { cpu: 1, memory: 1 }, priority: 0 },
    ]);
    expect(stream.report.rows).toBe(13);
    expect(stream.report.records).toBe(4);
    expect(stream.report.skipped).toEqual({ endedWhilePending: 1 });
    expect(stream.report.notes).toMatchObject({ runningUpdateIgnored: 1, runningAtWindowEnd: 1, pendingAtWindowEnd: 1 });
  });

  it('clamps runs alive at the window start to 0 and stops at the window end', async () => {
    const file = write('events-window.csv', EVENTS);
    const stream = readGoogle2011Tasks(file, { shape, window: { start: 6, end: 13 } });
    const tasks = await stream.toArray();
    expect(tasks).toEqual([
      { id: '100/0', submit: 0, start: 0, duration: 4, request: { cpu: 500, memory: 250 }, priority: 9, machine: 'm1' },
      { id: '100/1', submit: 0, start: 1, duration: 5, request: { cpu: 250, memory: 63 }, priority: 2, machine: 'm2' },
    ]);
    expect(stream.report.stoppedAtWindowEnd).toBe(true);
    expect(stream.report.rows).toBe(9); // the row at 13 s is read, then reading stops
  });

  it('ends runs still going at the window end at the window end', async () => {
    const file = write('events-window2.csv', EVENTS);
    const tasks = await readGoogle2011Tasks(file, { shape, window: { start: 0, end: 9 } }).toArray();
    expect(tasks.map((t) => [t.id, t.submit, t.start, t.duration])).toEqual([
      ['100/0', 0, 0, 9],
      ['100/1', 5, 7, 2],
    ]);
  });

  it('drops runs that began before the window when includeRunningAtStart is false', async () => {
    const file = write('events-window3.csv', EVENTS);
    const tasks = await readGoogle2011Tasks(file, { shape, window: { start: 6, end: 13 }, includeRunningAtStart: false }).toArray();
    expect(tasks).toEqual([]);
  });

  it('reads gzip files exactly like plain ones', async () => {
    const plain = await readGoogle2011Tasks(write('p.csv', EVENTS), { shape }).toArray();
    const gz = await readGoogle2011Tasks(write('p.csv.gz', gzipSync(EVENTS)), { shape }).toArray();
    expect(gz).toEqual(plain);
    expect(gz).toHaveLength(4);
  });

  it('accepts CRLF line ends, a byte-order mark, blank lines and a header line', async () => {
    const text = `\ufefftime,missing,job,index,machine,type,user,class,priority,cpu,mem,disk,diff\r\n${EVENTS.split('\n').join('\r\n\r\n')}`;
    const tasks = await readGoogle2011Tasks(write('crlf.csv', text), { shape }).toArray();
    expect(tasks.map((t) => t.id)).toEqual(['100/0', '100/1', '100/1', '100/3']);
  });

  it('reads several part files as one trace, lines crossing 1 MiB chunk boundaries included', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 12_000; i++) {
      lines.push(row(i, 7, i, '', 0, 1, 0.01, 0.02), row(i, 7, i, 'm', 1, 1, '', ''), row(i + 1, 7, i, 'm', 4, 1, '', ''));
    }
    // Sort by time as the trace is; stable so SUBMIT precedes SCHEDULE.
    const sorted = lines.map((l, i) => ({ l, i, t: Number(l.split(',')[0]) })).sort((a, b) => a.t - b.t || a.i - b.i).map((x) => x.l);
    const half = sorted.length / 2;
    const a = write('part-00000-of-00002.csv', sorted.slice(0, half).join('\n') + '\n');
    const b = write('part-00001-of-00002.csv.gz', gzipSync(sorted.slice(half).join('\n')));
    const stream = readGoogle2011Tasks([a, b], { shape });
    const tasks = await stream.toArray();
    expect(stream.report.rows).toBe(36_000);
    expect(tasks).toHaveLength(12_000);
    expect(tasks.every((t) => t.duration === 1 && t.request.cpu === 10 && t.request.memory === 20)).toBe(true);
  });

  it('reports malformed lines with file and line, and strict mode fails with all of them', async () => {
    const lines = EVENTS.split('\n');
    lines.splice(2, 0, 'not,a,row');
    lines.splice(5, 0, row(5, 100, 9, '', 11, 0, 0.1, 0.1)); // unknown event type
    lines.splice(7, 0, 'abc,,1,1,,0,u,0,0,0.1,0.1,0,0'); // bad time
    lines.splice(9, 0, row(6, 100, 9, '', 0, 0, -1, 0.1)); // negative request
    const file = write('bad.csv', lines.join('\n'));
    const error = await readGoogle2011Tasks(file, { shape }).toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PodsimError);
    const issues = (error as PodsimError).issues;
    expect(issues.map((i) => [i.code, i.line, i.file, i.path])).toEqual([
      ['wrong_column_count', 3, file, ''],
      ['invalid_event_type', 6, file, ''],
      ['invalid_time', 8, file, ''],
      ['invalid_request', 10, file, ''],
    ]);
    expect((error as PodsimError).message).toContain(`${file}:3:`);

    const lenient = readGoogle2011Tasks(file, { shape, strict: false });
    const tasks = await lenient.toArray();
    expect(tasks).toHaveLength(4);
    expect(lenient.report.badLines).toBe(4);
    expect(lenient.report.issues).toHaveLength(4);
  });

  it('caps the issue list and counts the rest', async () => {
    const lines = Array.from({ length: 250 }, (_, i) => `bad line ${i}`);
    const file = write('many-bad.csv', lines.join('\n'));
    const lenient = readGoogle2011Tasks(file, { shape, strict: false });
    expect(await lenient.toArray()).toEqual([]);
    expect(lenient.report.issues).toHaveLength(100);
    expect(lenient.report.moreIssues).toBe(150);
    expect(lenient.report.badLines).toBe(250);
    const strict = readGoogle2011Tasks(file, { shape, maxIssues: 10 });
    const error = (await strict.toArray().catch((e: unknown) => e)) as PodsimError;
    expect(error.issues).toHaveLength(10);
    expect(strict.report.rows).toBe(10); // a strict read stops once its list is full
  });

  it('turns a truncated gzip file into an issue instead of a raw exception', async () => {
    const gz = gzipSync(EVENTS + '\n' + EVENTS.replaceAll(',100,', ',200,'));
    const file = write('truncated.csv.gz', gz.subarray(0, gz.length - 30));
    const error = (await readGoogle2011Tasks(file, { shape }).toArray().catch((e: unknown) => e)) as PodsimError;
    expect(error).toBeInstanceOf(PodsimError);
    expect(error.issues.some((i) => i.code === 'gzip_error' && i.file === file)).toBe(true);
    const lenient = readGoogle2011Tasks(file, { shape, strict: false });
    await lenient.toArray();
    expect(lenient.report.issues.map((i) => i.code)).toContain('gzip_error');
  });

  it('fails with file_not_found for missing files, in lenient mode too', async () => {
    const error = (await readGoogle2011Tasks([join(tmp.dir, 'nope.csv'), join(tmp.dir, 'nope2.csv')], { shape, strict: false })
      .toArray()
      .catch((e: unknown) => e)) as PodsimError;
    expect(error).toBeInstanceOf(PodsimError);
    expect(error.issues.map((i) => i.code)).toEqual(['file_not_found', 'file_not_found']);
  });

  it('flags rows out of time order once per file', async () => {
    const lines = EVENTS.split('\n');
    [lines[3], lines[4]] = [lines[4] as string, lines[3] as string];
    const file = write('unsorted.csv', lines.join('\n'));
    const error = (await readGoogle2011Tasks(file, { shape }).toArray().catch((e: unknown) => e)) as PodsimError;
    expect(error.issues).toEqual([expect.objectContaining({ code: 'unsorted', line: 5, file })]);
  });

  it('rejects bad options with every problem listed', () => {
    expect(() => readGoogle2011Tasks('x', { shape: { cpu: 0, memory: 1.5 }, window: { start: 5, end: 2 }, sample: { fraction: 2 } })).toThrowError(PodsimError);
    try {
      readGoogle2011Tasks('x', { shape: { cpu: 0, memory: 1.5 }, window: { start: 5, end: 2 }, sample: { fraction: 2 } });
    } catch (e) {
      expect((e as PodsimError).issues.map((i) => i.path)).toEqual(['shape.cpu', 'shape.memory', 'window.end', 'sample.fraction']);
    }
  });

  it('stops reading and closes the file when the consumer breaks out early', async () => {
    const file = write('early.csv', EVENTS);
    const stream = readGoogle2011Tasks(file, { shape });
    for await (const t of stream) {
      expect(t.id).toBe('100/0');
      break;
    }
    expect(stream.report.records).toBeGreaterThan(0);
  });
});

describe('readGoogle2011Machines', () => {
  it('folds events before the window into adds at time 0 and scales capacities', async () => {
    const file = write(
      'machines.csv',
      ['0,1,0,p1,0.5,0.25', '0,2,0,p1,1,1', '0,3,0,p2,0.5,0.5', `${5e6},3,1,,,`, `${8e6},2,2,p1,1,0.5`, `${12e6},4,0,p2,0.25,0.25`, `${20e6},1,1,,,`].join('\n'),
    );
    const machines = await readGoogle2011Machines(file, { shape, window: { start: 6, end: 15 } }).toArray();
    expect(machines).toEqual([
      { id: '1', time: 0, event: 'add', capacity: { cpu: 500, memory: 250 }, labels: { platform: 'p1' } },
      { id: '2', time: 0, event: 'add', capacity: { cpu: 1000, memory: 1000 }, labels: { platform: 'p1' } },
      { id: '2', time: 2, event: 'update', capacity: { cpu: 1000, memory: 500 }, labels: { platform: 'p1' } },
      { id: '4', time: 6, event: 'add', capacity: { cpu: 250, memory: 250 }, labels: { platform: 'p2' } },
    ]);
  });

  it('keeps the last known capacity on a remove without one', async () => {
    const file = write('machines2.csv', ['0,1,0,p1,0.5,0.25', `${5e6},1,1,,,`].join('\n'));
    const machines = await readGoogle2011Machines(file, { shape }).toArray();
    expect(machines[1]).toEqual({ id: '1', time: 5, event: 'remove', capacity: { cpu: 500, memory: 250 }, labels: { platform: 'p1' } });
  });
});

describe('task ids', () => {
  it('keep the trace text of job and index, whatever its form', async () => {
    const file = join(tmp.dir, 'ids.csv');
    writeFileSync(
      file,
      [
        '0,,007,1,,0,u,0,0,0.1,0.1,0,0',
        '0,,12345678901234567890,2,,0,u,0,0,0.1,0.1,0,0',
        '0,,6251812952,0,,0,u,0,0,0.1,0.1,0,0',
        `${1e6},,007,1,m,1,u,0,0,,,0,0`,
        `${1e6},,12345678901234567890,2,m,1,u,0,0,,,0,0`,
        `${1e6},,6251812952,0,m,1,u,0,0,,,0,0`,
        `${2e6},,007,1,m,4,u,0,0,,,0,0`,
        `${2e6},,12345678901234567890,2,m,4,u,0,0,,,0,0`,
        `${3e6},,9,9,,0,u,0,0,0.1,0.1,0,0`,
      ].join('\n'),
    );
    const tasks = await readGoogle2011Tasks(file, { shape }).toArray();
    expect(tasks.map((t) => t.id)).toEqual(['007/1', '12345678901234567890/2', '6251812952/0', '9/9']);
  });
});

describe('line reading', () => {
  it('skips a line longer than 1 MiB with an issue and goes on with the next line', async () => {
    const lines = EVENTS.split('\n');
    lines.splice(3, 0, 'x'.repeat(1_500_000));
    const file = write('long-line.csv', lines.join('\n'));
    const stream = readGoogle2011Tasks(file, { shape, strict: false });
    const tasks = await stream.toArray();
    expect(tasks.map((t) => t.id)).toEqual(['100/0', '100/1', '100/1', '100/3']);
    expect(stream.report.issues).toEqual([expect.objectContaining({ code: 'line_too_long', line: 4, file })]);
  });
});
