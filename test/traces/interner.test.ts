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
