import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonFields, JsonKind } from '../../src/traces/json-fields.js';

const KEYS = ['time', 'type', 'collection_id', 'resource_request', 'a'];

function parsesAsObject(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

describe('JsonFields', () => {
  it('scan(line) accepts exactly the lines JSON.parse reads as an object, and finds the same values', () => {
    const value = fc.oneof(fc.jsonValue(), fc.constantFrom(-0.5, 1e-7, 12345678901234567890, 'x"y', 'é\\n'));
    const object = fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string()), value, { maxKeys: 8 });
    const f = new JsonFields(KEYS);
    fc.assert(
      fc.property(object, fc.nat(), fc.constantFrom('', ' ', '\t'), (obj, cut, pad) => {
        const text = pad + JSON.stringify(obj, null, cut % 3 === 0 ? undefined : 1).replace(/\n/g, ' ') + pad;
        // Also a damaged copy: cut short, or with a character dropped.
        for (const line of [text, text.slice(0, cut % (text.length + 1)), text.slice(0, cut % text.length) + text.slice((cut % text.length) + 1)]) {
          const buf = Buffer.from(line);
          const ok = f.scan(buf, 0, buf.length);
          expect(ok, line).toBe(parsesAsObject(line));
          if (!ok) continue;
          const parsed = JSON.parse(line) as Record<string, unknown>;
          KEYS.forEach((k, i) => {
            const v = parsed[k];
            const kind = f.kind(i);
            if (v === undefined) expect(kind).toBe(JsonKind.Absent);
            else if (v === null) expect(kind).toBe(JsonKind.Null);
            else if (typeof v === 'number') expect(f.number(i)).toBe(v);
            else if (typeof v === 'string') expect(f.text(i)).toBe(v);
            else if (typeof v === 'boolean') expect(kind).toBe(JsonKind.Bool);
            else expect(kind).toBe(Array.isArray(v) ? JsonKind.Array : JsonKind.Object);
          });
        }
      }),
      { numRuns: 400 },
    );
  });

  it('int64(k) reads JSON integers and BigQuery digit strings, and rejects other values', () => {
    const f = new JsonFields(['a', 'b', 'c', 'd', 'e', 'f']);
    const line = Buffer.from('{"a": 42, "b": "9007199254740993", "c": 1.5, "d": "x1", "e": null, "f": "-7"}');
    expect(f.scan(line, 0, line.length)).toBe(true);
    expect([f.int64(0), f.int64(1), f.int64(2), f.int64(3), f.int64(4), f.int64(5)]).toEqual([42, 9007199254740992, NaN, NaN, undefined, -7]);
    expect([f.uint(0), f.uint(1), f.uint(5)]).toEqual([42, -1, -1]);
  });

  it('scanNested reads the keys of an object value', () => {
    const outer = new JsonFields(['resource_request']);
    const inner = new JsonFields(['cpus', 'memory']);
    const line = Buffer.from('{"resource_request": {"memory": 6.25e-05, "cpus": "0.5"}, "x": [1, {"cpus": 9}]}');
    expect(outer.scan(line, 0, line.length)).toBe(true);
    expect(inner.scanNested(line, outer.valueStart(0), outer.valueEnd(0))).toBe(true);
    expect([inner.number(1), inner.text(0), inner.kind(0)]).toEqual([0.0000625, '0.5', JsonKind.String]);
  });
});
