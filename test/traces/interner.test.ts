import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Interner, TraceDictionary } from '../../src/traces/trace-dictionary.js';

describe('Interner', () => {
  it('gives every name one index, whichever way it is looked up, and gives the name back', () => {
    const name = fc.oneof(
      fc.nat({ max: 5000 }).map((n) => String(n * 1_000_003 + 6_000_000_000)),
      fc.nat({ max: 50 }).map(String),
      fc.constantFrom('m_1', 'app_7', '007', '', '1e3', '123456789012345678'),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(name, fc.boolean()), { maxLength: 3000 }), (ops) => {
        const interner = new Interner();
        const map = new Map<string, number>();
        for (const [n, numeric] of ops) {
          let index: number;
          const canonical = /^(0|[1-9]\d{0,14})$/.test(n);
          if (numeric && canonical) {
            index = interner.findNumber(Number(n));
            if (index < 0) index = interner.addNumber(Number(n), n);
          } else index = interner.ofText(n);
          if (!map.has(n)) map.set(n, map.size);
          expect(index).toBe(map.get(n));
          expect(interner.find(n)).toBe(index);
          expect(interner.name(index)).toBe(n);
        }
        expect(interner.size).toBe(map.size);
        expect(interner.names).toEqual([...map.keys()]);
        expect(interner.namesFrom(Math.min(3, map.size))).toEqual([...map.keys()].slice(3));
        expect(interner.find('never-seen')).toBe(-1);
        expect(interner.findNumber(999_999_999_999_999)).toBe(-1);
      }),
      { numRuns: 40 },
    );
  });

  it('forgets names: a forgotten name is found no more, its index goes to the next new name, and every other name keeps its index', () => {
    // Names that collide in a small table (consecutive values and multiples of a large stride), so that
    // deleting from the middle of probe runs is exercised, and some text names.
    const name = fc.oneof(fc.nat({ max: 300 }).map(String), fc.nat({ max: 300 }).map((n) => String(n * 4096)), fc.constantFrom('m_1', 'app_7', '007', 'x'));
    const op = fc.oneof(fc.tuple(fc.constant('add' as const), name), fc.tuple(fc.constant('forget' as const), name));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 4000 }), (ops) => {
        const interner = new Interner();
        const model = new Map<string, number>();
        let interned = 0, bound = 0;
        const free: number[] = [];
        for (const [kind, n] of ops) {
          if (kind === 'add') {
            const before = model.get(n);
            const index = interner.ofText(n);
            if (before !== undefined) expect(index).toBe(before);
            else {
              const expected = free.length > 0 ? (free.pop() as number) : bound++;
              expect(index).toBe(expected);
              model.set(n, index);
              interned++;
            }
          } else {
            const index = model.get(n);
            if (index === undefined) continue;
            interner.forget(index);
            interner.forget(index); // twice: nothing more happens
            model.delete(n);
            free.push(index);
            expect(interner.find(n)).toBe(-1);
          }
        }
        for (const [n, index] of model) {
          expect(interner.find(n)).toBe(index);
          expect(interner.name(index)).toBe(n);
        }
        expect(interner.size).toBe(interned);
        expect(interner.bound).toBe(bound);
      }),
      { numRuns: 60 },
    );
  });

  it('a dictionary that forgets jobs keeps a job while any reference is held, and forgets it at the sweep after the last one is let go', () => {
    const dict = new TraceDictionary();
    dict.forgetJobs = true;
    dict.journalJobs();
    const a = dict.jobNumber(6251812952);
    const b = dict.job('j_1', 'c_');
    dict.retainJob(a);
    dict.retainJob(a);
    dict.retainJob(b);
    dict.releaseJob(a);
    dict.releaseJob(b);
    dict.sweepJobs();
    expect(dict.jobs.find('6251812952')).toBe(a);
    expect(dict.jobs.find('j_1')).toBe(-1);
    dict.releaseJob(a);
    dict.retainJob(a); // held again before the sweep: kept
    dict.sweepJobs();
    expect(dict.jobNumber(6251812952)).toBe(a);
    dict.releaseJob(a);
    dict.sweepJobs();
    expect(dict.findJobNumber(6251812952)).toBe(-1);
    // Interned again: a new index (one of the freed ones), with its own style; counted again.
    const again = dict.jobNumber(6251812952);
    expect([a, b]).toContain(again);
    expect(dict.taskId(again, 3)).toBe('6251812952/3');
    expect(dict.jobs.size).toBe(3);
    expect(dict.jobs.bound).toBe(2);
    expect(dict.drainJobs()).toEqual([a, b, again]);
    expect(dict.drainJobs()).toEqual([]);
  });

  it('a dictionary that does not forget jobs counts no references and keeps every key', () => {
    const dict = new TraceDictionary();
    const a = dict.job('7');
    dict.retainJob(a);
    dict.releaseJob(a);
    dict.releaseJob(a);
    dict.sweepJobs();
    expect(dict.jobs.find('7')).toBe(a);
  });

  it('keeps each job its id style', () => {
    const dict = new TraceDictionary();
    const a = dict.job('6251812952');
    const b = dict.job('j_1/M1', '{job}/ins_');
    const c = dict.addJobNumber(7, '7', 'c_');
    expect(dict.job('6251812952', 'c_')).toBe(a);
    expect([dict.taskId(a, 3), dict.taskId(b, 12), dict.taskId(c, 2)]).toEqual(['6251812952/3', 'j_1/M1/ins_12', 'c_2']);
    expect(dict.jobStyle(b)).toBe(dict.idStyles.find('{job}/ins_'));
  });
});
