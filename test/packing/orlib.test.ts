import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pack } from '../../src/packing/index.js';
import { packingProblems } from './check-packing.js';

/** The OR-Library bin-packing files, when the shared data directory is present (not part of the repo). */
const dir = resolve(__dirname, '../../../shared/data/orlib-binpack');
const have = existsSync(join(dir, 'binpack1.txt'));

interface OrlibInstance {
  name: string;
  capacity: number;
  bestKnown: number;
  sizes: number[];
}

/** Reads one binpack file; t-class sizes have one decimal and are multiplied by 10. */
function readOrlib(file: string): OrlibInstance[] {
  const tok = readFileSync(join(dir, file), 'utf8').trim().split(/\s+/);
  let p = 0;
  const count = Number(tok[p++]);
  const out: OrlibInstance[] = [];
  for (let i = 0; i < count; i++) {
    const name = tok[p++] as string;
    const capText = tok[p++] as string;
    const n = Number(tok[p++]);
    const bestKnown = Number(tok[p++]);
    const scale = capText.includes('.') ? 10 : 1;
    const sizes: number[] = [];
    for (let j = 0; j < n; j++) sizes.push(Math.round(Number(tok[p++]) * scale));
    out.push({ name, capacity: Math.round(Number(capText) * scale), bestKnown, sizes });
  }
  return out;
}

describe('OR-Library instances (Falkenauer u and t classes)', () => {
  if (!have) {
    it('orlib instances (absent: skipped, data dir not found)', () => {
      expect(have).toBe(false);
    });
  } else {
    it('the pipeline reaches the best-known number of bins on a few u120 and t60 instances', () => {
      const picks = [
        ...readOrlib('binpack1.txt').slice(0, 3),
        ...readOrlib('binpack5.txt').slice(0, 3),
      ];
      for (const inst of picks) {
        const input = {
          items: inst.sizes.map((s, i) => ({ name: `${inst.name}-${i}`, request: { size: s } })),
          hostTypes: [{ name: 'bin', capacity: { size: inst.capacity } }],
        };
        const r = pack({ ...input, timeLimitMs: Infinity, maxIterations: 100_000 });
        expect(packingProblems(input, r), inst.name).toEqual([]);
        expect(r.hostCount, inst.name).toBeLessThanOrEqual(inst.bestKnown);
      }
    });
  }
});
