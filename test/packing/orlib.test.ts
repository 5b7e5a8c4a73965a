import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pack, parseOrlibBinpack, type OrlibInstance } from '../../src/packing/index.js';
import { packingProblems } from './check-packing.js';

/** The OR-Library bin-packing files, when the shared data directory is present (not part of the repo). */
const dir = resolve(__dirname, '../../../shared/data/orlib-binpack');
const have = existsSync(join(dir, 'binpack1.txt'));

/** Reads one binpack file; t-class sizes have one decimal and are multiplied by 10. */
function readOrlib(file: string): OrlibInstance[] {
  return parseOrlibBinpack(readFileSync(join(dir, file), 'utf8'));
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
