import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { radixOrder } from '../../src/traces/radix-order.js';
import { generateTrace, readTrace, TaskFlag, type TaskBatch } from '../../src/traces/index.js';
import { tempDir } from './tmp-dir.js';

const tmp = tempDir('arrival');
afterAll(() => tmp.remove());
const shape = { cpu: 64_000, memory: 2 ** 38 };

interface Row {
  id: number;
  submit: number;
  start: number;
  duration: number;
  cpu: number;
  machine: number;
  flags: number;
}

function rows(batches: TaskBatch[]): Row[] {
  const out: Row[] = [];
  for (const b of batches) {
    for (let i = 0; i < b.length; i++) {
      out.push({ id: b.id[i] as number, submit: b.submit[i] as number, start: b.start[i] as number, duration: b.duration[i] as number, cpu: b.cpu[i] as number, machine: b.machine[i] as number, flags: b.flags[i] as number });
    }
  }
  return out;
}

describe('TraceStream.batches({ arrival })', () => {
  it('hands tasks over in submission order; those alive past the horizon come Open, then End with the columns of the end-order read', async () => {
    const dir = `${tmp.dir}/g`;
    await generateTrace({ format: 'google2011', machines: 20, tasks: 3000, seed: 5, dir, meanDuration: 120 });
    const collect = async (order: Parameters<ReturnType<typeof readTrace>['tasks']['batches']>[0]): Promise<Row[]> => {
      const out: TaskBatch[] = [];
      for await (const b of readTrace({ format: 'google2011', dir }, { shape, window: { start: 700, end: 2500 } }).tasks.batches(order)) out.push(b);
      return rows(out);
    };
    const complete = new Map((await collect({})).map((r) => [r.id, r]));
    expect(complete.size).toBeGreaterThan(1000);
    for (const horizon of [0, 30, 1e9]) {
      const got = await collect({ arrival: { horizon } });
      const arrivals = got.filter((r) => (r.flags & (TaskFlag.End | TaskFlag.Start)) === 0);
      for (let i = 1; i < arrivals.length; i++) expect(arrivals[i]!.submit).toBeGreaterThanOrEqual(arrivals[i - 1]!.submit);
      // Every complete task arrives once; so does every task released Open that was then killed
      // while still pending (its End row has no start): the end-order read skips those.
      const killedPending = new Set(got.filter((r) => (r.flags & TaskFlag.End) !== 0 && (r.flags & TaskFlag.PendingAtEnd) === 0 && Number.isNaN(r.start)).map((r) => r.id));
      expect(arrivals.map((r) => r.id).sort((a, b) => a - b)).toEqual([...complete.keys(), ...killedPending].sort((a, b) => a - b));
      const open = new Set<number>();
      const waiting = new Set<number>(); // released Open with no start yet
      let starts = 0;
      for (const r of got) {
        const want = complete.get(r.id) as Row;
        if ((r.flags & TaskFlag.Open) !== 0) {
          expect(Number.isNaN(r.duration)).toBe(true);
          open.add(r.id);
          if (Number.isNaN(r.start)) waiting.add(r.id);
        } else if ((r.flags & TaskFlag.Start) !== 0) {
          // Once, after an Open row without a start: the start, machine and request of the end-order row.
          expect(waiting.delete(r.id)).toBe(true);
          expect(open.has(r.id)).toBe(true);
          expect(Number.isNaN(r.duration)).toBe(true);
          expect({ ...r, flags: r.flags & ~TaskFlag.Start, duration: want.duration }).toEqual({ ...want, flags: want.flags & ~TaskFlag.RunningAtEnd });
          starts++;
        } else if ((r.flags & TaskFlag.End) !== 0) {
          expect(open.delete(r.id)).toBe(true);
          // An End row with a start after an Open row without one: its Start row came first.
          if (!Number.isNaN(r.start)) expect(waiting.has(r.id)).toBe(false);
          waiting.delete(r.id);
          if (killedPending.has(r.id)) expect(complete.has(r.id)).toBe(false);
          else expect({ ...r, flags: r.flags & ~TaskFlag.End }).toEqual(want);
        } else expect(r).toEqual(want);
      }
      expect(open.size).toBe(0);
      const opened = got.filter((r) => (r.flags & TaskFlag.Open) !== 0).length;
      if (horizon === 1e9) expect(opened).toBe(0);
      else expect(opened).toBeGreaterThan(0);
      if (horizon === 0) expect(starts).toBeGreaterThan(0);
    }
  });

  it('is refused for Alibaba tables, which are not in time order', async () => {
    const dir = `${tmp.dir}/a`;
    await generateTrace({ format: 'alibaba2018', machines: 3, tasks: 10, seed: 1, dir });
    const it = readTrace({ format: 'alibaba2018', dir }, { shape }).tasks.batches({ arrival: { horizon: 60 } });
    await expect(it.next()).rejects.toThrow(/arrival order/);
  });
});

describe('radixOrder(keys)', () => {
  it('is the stable sorting permutation of non-negative keys', () => {
    const key = fc.oneof(fc.constantFrom(0, -0, 1, 1.5, 600, Infinity, 2 ** 40), fc.double({ min: 0, max: 3e6, noNaN: true }), fc.integer({ min: 0, max: 50 }));
    fc.assert(
      fc.property(fc.array(key, { maxLength: 300 }), (values) => {
        const keys = Float64Array.from(values);
        const expected = values.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
        expect(Array.from(radixOrder(keys))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
