import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonFields, JsonKind } from '../../src/traces/json-fields.js';
import { generateTrace } from '../../src/traces/index.js';
import { genuine, onGenuine } from './genuine.js';
import { tempDir } from './tmp-dir.js';

// The field scanner against JSON.parse, line by line: on the genuine Google 2019 rows, on a generated
// trace with every real-trace feature, and on hand-made rows of everything the scanner must get
// right (BigQuery strings, alloc sets, exponents, 2⁶³−1, missing fields, nested objects and arrays
// it must skip, escapes, key orders that change from line to line).

const tmp = tempDir('json-differential');
afterAll(() => tmp.remove());

const INSTANCE = ['time', 'type', 'collection_id', 'instance_index', 'resource_request', 'priority', 'collection_type', 'machine_id'];
const COLLECTION = ['time', 'type', 'collection_id', 'collection_type', 'priority', 'parent_collection_id', 'user'];
const MACHINE = ['time', 'machine_id', 'type', 'capacity', 'platform_id', 'switch_id'];
const NESTED = ['cpus', 'memory'];

const CANONICAL = /^(0|[1-9][0-9]{0,14})$/;

/** Keys one byte away from the wanted ones (changed first, middle or last, one more, one less). */
const NEAR_KEYS = [...INSTANCE, ...NESTED].flatMap((k) => {
  const mid = k.length >> 1;
  return [`X${k.slice(1)}`, `${k.slice(0, mid)}X${k.slice(mid + 1)}`, `${k.slice(0, -1)}X`, `${k}X`, k.slice(0, -1)];
});

/** What JsonFields.int64 must give for a parsed value (strings: as BigQuery writes int64). */
function int64Of(v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return Number.isInteger(v) ? v : NaN;
  if (typeof v === 'string') return /^-?[0-9]+$/.test(v) ? Number(v) : NaN;
  return NaN;
}

/** Expects scanner `f` (and the nested scanners of `nestedKeys`) to hold what JSON.parse makes of `line`. */
function expectSame(f: JsonFields, keys: readonly string[], parsed: Record<string, unknown>, line: string, nested: Record<string, [JsonFields, readonly string[]]> = {}): void {
  keys.forEach((key, k) => {
    const v = Object.hasOwn(parsed, key) ? parsed[key] : undefined;
    const where = `${key} in ${line}`;
    const kind = f.kind(k);
    expect(f.int64(k), where).toBe(int64Of(v));
    if (v === undefined) expect(kind, where).toBe(JsonKind.Absent);
    else if (v === null) expect(kind, where).toBe(JsonKind.Null);
    else if (typeof v === 'boolean') expect(kind, where).toBe(JsonKind.Bool);
    else if (Array.isArray(v)) expect(kind, where).toBe(JsonKind.Array);
    else if (typeof v === 'number') {
      expect(kind, where).toBe(JsonKind.Number);
      expect(f.number(k), where).toBe(v);
      // A canonical id: written as String(n) writes it.
      expect(f.uint(k), where).toBe(CANONICAL.test(f.raw(k)) ? v : -1);
    } else if (typeof v === 'string') {
      expect(kind, where).toBe(JsonKind.String);
      expect(f.text(k), where).toBe(v);
      expect(f.number(k), where).toBe(NaN);
      expect(f.uint(k), where).toBe(CANONICAL.test(v) && !f.raw(k).includes('\\') ? Number(v) : -1);
    } else {
      expect(kind, where).toBe(JsonKind.Object);
      const inner = nested[key];
      if (inner !== undefined) expectSame(inner[0], inner[1], v as Record<string, unknown>, line);
    }
  });
}

/** One scanner per table, as the readers set them up (nested objects read in the same pass). */
function scanners(): { keys: readonly string[]; f: JsonFields; nested: Record<string, [JsonFields, readonly string[]]> }[] {
  const request = new JsonFields(NESTED);
  const capacity = new JsonFields(NESTED);
  return [
    { keys: INSTANCE, f: new JsonFields(INSTANCE, { resource_request: request }), nested: { resource_request: [request, NESTED] } },
    { keys: COLLECTION, f: new JsonFields(COLLECTION), nested: {} },
    { keys: MACHINE, f: new JsonFields(MACHINE, { capacity }), nested: { capacity: [capacity, NESTED] } },
  ];
}

/** Scans every line with every scanner, in order (so that key-order prediction carries from line to line). */
function checkLines(lines: readonly string[]): number {
  const all = scanners();
  let n = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const parsed = JSON.parse(line) as Record<string, unknown>;
    // Inside a larger buffer, as the line splitter hands lines over.
    const buf = Buffer.from(`}${line}}\n`);
    for (const { keys, f, nested } of all) {
      expect(f.scan(buf, 1, buf.length - 2), `${line}: ${f.error}`).toBe(true);
      expectSame(f, keys, parsed, line, nested);
    }
    n++;
  }
  return n;
}

/** Hand-made rows: every feature the readers meet or must survive. */
const FEATURE_ROWS = [
  // BigQuery export: int64 as strings; an alloc instance; exponent notation; ids beyond 2^53.
  '{"time": "3500000", "type": "0", "collection_id": "9007199254740993", "instance_index": "1", "priority": "0", "collection_type": "1", "resource_request": {"cpus": 6.25e-05, "memory": "0.5"}, "machine_id": "18446744073709551"}',
  // 2^63-1 ("after the trace") as a number and as a string; exponents in int64 fields.
  '{"time": 9223372036854775807, "type": 1e0, "collection_id": 1E3, "instance_index": 2.0, "resource_request": {"cpus": 1.5E-3, "memory": 0.0}, "priority": -0, "machine_id": 0}',
  '{"time": "9223372036854775807", "type": "-1", "collection_id": "007", "instance_index": "-0", "priority": "", "machine_id": "-1", "collection_type": "12345678901234567"}',
  // Missing fields, nulls, booleans, other kinds where numbers are expected.
  '{"time": 0}',
  '{}',
  '{"time": null, "type": true, "collection_id": false, "instance_index": [], "resource_request": null, "priority": {}, "machine_id": [1]}',
  // Nested objects and arrays it must skip, holding the wanted keys.
  '{"constraint": [{"name": "time", "value": [1, 2, {"time": 3}]}, [], [[]]], "time": 5, "x": {"type": 9, "collection_id": {"instance_index": 1}}, "type": 3, "collection_id": 7, "instance_index": 0}',
  '{"resource_request": {"cpus": 0.25, "memory": 0.5, "extra": {"cpus": 9}, "list": [{"memory": 1}]}, "time": 1, "type": 0, "collection_id": 7, "instance_index": 1}',
  // Escapes: in values, in keys (JSON.parse compares decoded keys), unicode, a quote in a string.
  '{"time": 2, "type": 0, "collection_id": "a\\"b\\\\c\\/d\\u00e9\\n", "user": "\\u0075\\ud83d\\ude00 x", "instance_index": 0}',
  '{"ti\\u006de": 7, "typ\\u0065": "4", "collection_\\u0069d": "\\u0031\\u0032", "instance_index": 1, "machine_id": "\\u0039"}',
  // Whitespace: none, tabs, several spaces, spaces before the colon; and unicode bytes.
  '{"time":1,"type":0,"collection_id":7,"instance_index":2,"resource_request":{"cpus":0.5,"memory":0.25},"user":"ü"}',
  ' \t{ "time" :\t1 ,  "type"  :  0 , "collection_id" : 7 , "instance_index":3, "resource_request" : { "cpus" : 0.5 , "memory" : 0.25 } }\t ',
  // Duplicate keys: the last one wins, also for a nested object.
  '{"time": 1, "time": 2, "resource_request": {"cpus": 1, "memory": 2}, "resource_request": {"cpus": 3}, "type": 0, "type": "6"}',
  '{"resource_request": {"cpus": 1, "memory": 2}, "resource_request": 5, "capacity": {"cpus": 1}, "capacity": null}',
  // Keys that start like the wanted ones, in a different order from the lines before.
  '{"timestamp": 9, "times": 8, "tim": 7, "time": 6, "type_": 5, "typ": 4, "type": 3, "collection_idx": 2, "collection_id": 1, "instance_index": 0}',
  '{"machine_id": 5, "instance_index": 4, "collection_id": 3, "type": 2, "time": 1}',
  // Keys one byte away from the wanted ones, where the lines before had those.
  `{${NEAR_KEYS.map((k, i) => `"${k}": ${i}`).join(', ')}}`,
  `{${NEAR_KEYS.map((k, i) => `"${k}": {"cpus": ${i}, "${NEAR_KEYS[i + 1] ?? 'x'}": 1}`).join(', ')}, "time": 1}`,
  // Large and long numbers: more than 15 digits, fractions and exponents out of the fast range.
  '{"time": 123456789012345678901234567890, "type": 0.1e1, "collection_id": 1234567890123456, "instance_index": 123456789012345, "resource_request": {"cpus": 0.123456789012345678, "memory": 1e-30}, "priority": 1e400}',
];

/** A row of many members (more than the scanner predicts by position) and many distinct keys (more than it learns). */
function wideRow(seed: number): string {
  const o: Record<string, unknown> = {};
  for (let i = 0; i < 90; i++) o[`k${(i * 7 + seed) % 150}_${'x'.repeat(i % 70)}`] = i % 3 === 0 ? `s${i}` : i;
  o['time'] = seed;
  o['resource_request'] = { cpus: seed / 8, memory: 0.5 };
  o[`late_${seed}`] = [seed];
  o['type'] = String(seed % 11);
  return JSON.stringify(o);
}

describe('JsonFields against JSON.parse', () => {
  it('reads hand-made rows of every feature as JSON.parse does (each line after every other, so the key order changes)', () => {
    expect(checkLines([...FEATURE_ROWS, ...FEATURE_ROWS.slice().reverse(), ...FEATURE_ROWS])).toBe(3 * FEATURE_ROWS.length);
  });

  it('reads wide rows (more members than it predicts, more keys than it learns) as JSON.parse does', () => {
    const lines = Array.from({ length: 40 }, (_, i) => wideRow(i));
    expect(checkLines([...lines, ...FEATURE_ROWS, ...lines])).toBe(80 + FEATURE_ROWS.length);
  });

  it('reads a generated Google 2019 trace with every real-trace feature as JSON.parse does', async () => {
    const g = await generateTrace({ format: 'google2019', machines: 40, tasks: 400, seed: 11, dir: tmp.dir });
    for (const table of ['instance_events', 'collection_events', 'machine_events']) {
      const text = readFileSync(g.files[table]?.[0] as string, 'utf8');
      const lines = text.split('\n').filter((l) => l !== '');
      expect(checkLines(lines)).toBe(g.rows[table]);
    }
    // The generator writes the features this test is about.
    const instances = readFileSync(g.files['instance_events']?.[0] as string, 'utf8');
    expect(instances).toMatch(/"time": "\d+"/);
    expect(instances).toMatch(/"collection_type": "?1"?/);
    expect(instances).toMatch(/\de-\d/);
  });

  onGenuine(['google2019/instance_events-000000000000.json', 'google2019/collection_events-000000000000.json', 'google2019/instance_events_filtered_example.json'], 'reads the genuine Google 2019 rows as JSON.parse does', () => {
    const files = ['google2019/instance_events-000000000000.json', 'google2019/collection_events-000000000000.json', 'google2019/instance_events_filtered_example.json'];
    const lines = files.flatMap((f) => readFileSync(genuine(f), 'utf8').split('\n'));
    expect(checkLines([...lines, ...FEATURE_ROWS, ...lines])).toBeGreaterThanOrEqual(6);
  });

  it('accepts exactly the lines JSON.parse reads as an object, also when the bytes after the line look like JSON', () => {
    const value = fc.oneof(fc.jsonValue(), fc.constantFrom(-0.5, 1e-7, 6.25e-5, 12345678901234567890, 'x"y', 'é\\n', '123', '-7', '0012'));
    const object = fc.dictionary(fc.oneof(fc.constantFrom(...INSTANCE, ...NESTED), fc.constantFrom(...NEAR_KEYS), fc.string()), value, { maxKeys: 10 });
    const { f, keys, nested } = scanners()[0] as ReturnType<typeof scanners>[number];
    fc.assert(
      fc.property(object, fc.nat(), fc.nat(), (obj, cut, drop) => {
        const text = JSON.stringify(obj);
        for (const line of [text, text.slice(0, cut % (text.length + 1)), text.slice(0, drop % text.length) + text.slice((drop % text.length) + 1)]) {
          // The line is followed by the rest of the object and a "}" that the scanner must not read.
          const buf = Buffer.from(`${line}${text.slice(line.length)}}, "x": 1}`);
          const end = Buffer.byteLength(line);
          let ok = true;
          try {
            const v: unknown = JSON.parse(line);
            ok = typeof v === 'object' && v !== null && !Array.isArray(v);
          } catch {
            ok = false;
          }
          expect(f.scan(buf, 0, end), line).toBe(ok);
          if (ok) expectSame(f, keys, JSON.parse(line) as Record<string, unknown>, line, nested);
        }
      }),
      { numRuns: 500 },
    );
  });
});
