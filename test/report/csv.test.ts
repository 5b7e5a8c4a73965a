import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containersCsv } from '../../src/report/containers-csv.js';
import { csvField, csvLines } from '../../src/report/csv-field.js';
import { timeSeriesCsv } from '../../src/report/timeseries-csv.js';

/** A small RFC 4180 reader, to check what the writer wrote. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = '', quoted = false, i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"') { quoted = true; i++; continue; }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; continue; }
    field += c; i++;
  }
  return rows;
}

describe('CSV output', () => {
  it('reads back every text and number it wrote', () => {
    const cell = fc.oneof(fc.string({ unit: 'binary' }), fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)));
    fc.assert(fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 20 }), (rows) => {
      const back = readCsv(csvLines(rows));
      expect(back).toEqual(rows.map((r) => r.map((v) => (typeof v === 'number' ? String(v) : v))));
      // Numbers come back as the same number (text that merely starts with a digit stays text).
      rows.forEach((r, i) => r.forEach((v, j) => { if (typeof v === 'number') expect(Number(back[i]?.[j])).toBe(v); }));
    }), { examples: [[[['0\u0000'], ['']]], [[[1e21, '1e21x', -5e-324]]]] });
  });

  it('leaves undefined and non-finite numbers empty', () => {
    expect([csvField(undefined), csvField(Infinity), csvField(NaN)]).toEqual(['', '', '']);
  });

  it('writes one row per sample with a column per resource and series', () => {
    const csv = timeSeriesCsv({ time: [0, 10], utilization: { cpu: [0.25, 0.5], 'example.com/fpga': [0, 1] }, pending: [0, 3], running: [1, 2], hostsInUse: [1, 1] });
    expect(csv).toBe('time,utilization_cpu,utilization_example.com/fpga,pending,running,hosts_in_use\n0,0.25,0,0,1,1\n10,0.5,1,3,2,1\n');
  });

  it('writes only the container columns some row has', () => {
    expect(containersCsv([{ name: 'web-0', workload: 'web', host: 'node-0', placed: 1 }, { name: 'w,1', workload: 'web', placed: 2, finished: 4 }]))
      .toBe('name,workload,host,placed,finished\nweb-0,web,node-0,1,\n"w,1",web,,2,4\n');
  });
});
