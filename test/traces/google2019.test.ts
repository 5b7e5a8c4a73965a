import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { PodsimError } from '../../src/errors.js';
import { readGoogle2019Collections, readGoogle2019Machines, readGoogle2019Tasks } from '../../src/traces/index.js';
import { tempDir } from './tmp-dir.js';

const tmp = tempDir('g2019');
afterAll(() => tmp.remove());
const shape = { cpu: 1000, memory: 1000 };

function ev(time: number, type: number, collection: number | string, index: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    time,
    type,
    collection_id: collection,
    scheduling_class: 1,
    missing_type: null,
    collection_type: 0,
    priority: 200,
    alloc_collection_id: 0,
    instance_index: index,
    machine_id: null,
    alloc_instance_index: -1,
    resource_request: { cpus: 0.5, memory: 0.25 },
    constraint: [],
    ...extra,
  });
}

function write(name: string, text: string | Buffer): string {
  const file = join(tmp.dir, name);
  writeFileSync(file, text);
  return file;
}

describe('readGoogle2019Tasks', () => {
  it('pairs SUBMIT, SCHEDULE and FINISH/EVICT, reads int64 written as strings, skips alloc instances', async () => {
    const lines = [
      ev(0, 0, 7, 0),
      ev(1_000_000, 1, 7, 0), // QUEUE
      ev(2_000_000, 2, 7, 0, { resource_request: { cpus: 0.25, memory: 0.25 } }), // ENABLE with a new request
      ev(3_000_000, 3, 7, 0, { machine_id: 42, resource_request: null }),
      // BigQuery style: int64 as strings, machine id beyond 2^53 kept exactly.
      JSON.stringify({ time: '3500000', type: '0', collection_id: '9007199254740993', instance_index: '1', priority: '0', resource_request: { cpus: 0.1, memory: 0.1 } }),
      JSON.stringify({ time: '4000000', type: '3', collection_id: '9007199254740993', instance_index: '1', machine_id: '18446744073709551', resource_request: null }),
      ev(4_500_000, 0, 8, 0, { collection_type: 1 }), // alloc instance
      ev(9_000_000, 6, 7, 0, { machine_id: 42 }), // FINISH
      ev(10_000_000, 4, '9007199254740993', 1), // EVICT
    ];
    const stream = readGoogle2019Tasks(write('instance_events-000000000000.json', lines.join('\n')), { shape });
    expect(await stream.toArray()).toEqual([
      { id: '7/0', submit: 0, start: 3, duration: 6, request: { cpu: 250, memory: 250 }, priority: 200, machine: '42' },
      { id: '9007199254740993/1', submit: 3.5, start: 4, duration: 6, request: { cpu: 100, memory: 100 }, priority: 0, machine: '18446744073709551' },
    ]);
    expect(stream.report.skipped).toEqual({ allocInstance: 1 });
  });

  it('keeps alloc instances when asked', async () => {
    const file = write('alloc.json', [ev(0, 0, 8, 0, { collection_type: 1 }), ev(1, 3, 8, 0, { collection_type: 1, machine_id: 5 })].join('\n'));
    const tasks = await readGoogle2019Tasks(file, { shape, includeAllocs: true }).toArray();
    expect(tasks.map((t) => t.id)).toEqual(['8/0']);
  });

  it('reads gzip and reports bad JSON with file and line', async () => {
    const text = [ev(0, 0, 1, 0), '{"time": 1, "type": 3', '[1,2]', ev(2, 12, 1, 0), JSON.stringify({ time: -5, type: 0, collection_id: 1, instance_index: 0 }), ev(3, 3, 1, 0, { resource_request: { cpus: 'x' } })].join('\n');
    const file = write('bad.json.gz', gzipSync(text));
    const error = (await readGoogle2019Tasks(file, { shape }).toArray().catch((e: unknown) => e)) as PodsimError;
    expect(error).toBeInstanceOf(PodsimError);
    expect(error.issues.map((i) => [i.code, i.line])).toEqual([
      ['invalid_json', 2],
      ['invalid_json', 3],
      ['invalid_event_type', 4],
      ['invalid_time', 5],
      ['invalid_request', 6],
    ]);
    expect(error.issues.every((i) => i.file === file)).toBe(true);
    const lenient = readGoogle2019Tasks(file, { shape, strict: false });
    expect(await lenient.toArray()).toEqual([{ id: '1/0', submit: 0, request: { cpu: 500, memory: 250 }, priority: 200 }]);
    expect(lenient.report.badLines).toBe(5);
  });
});

describe('readGoogle2019Machines', () => {
  it('maps ADD=1, REMOVE=2, UPDATE=3 and scales capacity', async () => {
    const m = (time: number, id: number, type: number, cpus: number | null, memory: number | null): string =>
      JSON.stringify({ time, machine_id: id, type, switch_id: 's1', capacity: cpus === null ? null : { cpus, memory }, platform_id: 'p', missing_data_reason: null });
    const file = write('machine_events-000000000000.json', [m(0, 1, 1, 0.5, 0.5), m(0, 2, 1, 1, 1), m(2e6, 1, 3, 0.75, 0.5), m(3e6, 2, 2, null, null), m(4e6, 3, 0, 1, 1)].join('\n'));
    const strict = await readGoogle2019Machines(file, { shape }).toArray().catch((e: unknown) => e);
    expect((strict as PodsimError).issues.map((i) => [i.code, i.line])).toEqual([['invalid_event_type', 5]]);
    const machines = await readGoogle2019Machines(file, { shape, strict: false }).toArray();
    expect(machines.map((x) => [x.id, x.time, x.event, x.capacity.cpu, x.capacity.memory])).toEqual([
      ['1', 0, 'add', 500, 500],
      ['2', 0, 'add', 1000, 1000],
      ['1', 2, 'update', 750, 500],
      ['2', 3, 'remove', 1000, 1000],
    ]);
    expect(machines[0]?.labels).toEqual({ platform: 'p', switch: 's1' });
  });
});

describe('readGoogle2019Collections', () => {
  it('yields job and alloc-set events inside the window', async () => {
    const c = (time: number, type: number, id: number, ctype: number): string =>
      JSON.stringify({ time, type, collection_id: id, collection_type: ctype, priority: 100, user: 'u', parent_collection_id: id === 2 ? 1 : null });
    const file = write('collection_events.json', [c(0, 0, 1, 0), c(5e6, 0, 2, 1), c(7e6, 6, 1, 0), c(9e6, 6, 2, 1)].join('\n'));
    const out = await readGoogle2019Collections(file, { shape, window: { start: 1, end: 8 } }).toArray();
    expect(out).toEqual([
      { id: '2', time: 4, event: 'submit', type: 'alloc_set', priority: 100, parent: '1', user: 'u' },
      { id: '1', time: 6, event: 'finish', type: 'job', priority: 100, user: 'u' },
    ]);
  });
});
