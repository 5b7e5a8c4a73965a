import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { countLines, pumpLines, type LineSink } from '../../src/traces/line-source.js';
import { tempDir } from './tmp-dir.js';

const tmp = tempDir('line-source');
afterAll(() => tmp.remove());

/** Lines of every length from 0 to 3,000 bytes (a seeded walk), so that many cross the 1 MiB chunk boundaries. */
function text(lines: number): { text: string; lines: string[] } {
  const out: string[] = [];
  let x = 12345;
  for (let i = 0; i < lines; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const len = x % 3001;
    out.push(`${i},`.padEnd(Math.max(len, String(i).length + 1), String.fromCharCode(97 + (i % 26))));
  }
  return { text: out.join('\n') + '\n', lines: out };
}

async function read(file: string, stopAt = Infinity): Promise<{ lines: string[]; done: boolean }> {
  const lines: string[] = [];
  const sink: LineSink = {
    line(buf, s, e, n) {
      lines.push(buf.toString('latin1', s, e));
      return n < stopAt;
    },
  };
  const it = pumpLines(file, sink);
  for (;;) {
    const step = await it.next();
    if (step.done === true) return { lines, done: step.value === undefined };
  }
}

describe('pumpLines', () => {
  // About 4.5 MiB: five 1 MiB chunks, read ahead into two buffers in turn.
  const { text: content, lines } = text(3000);
  const plain = join(tmp.dir, 'lines.csv');
  const gz = join(tmp.dir, 'lines.csv.gz');
  writeFileSync(plain, content);
  writeFileSync(gz, gzipSync(content));

  it('hands over every line of a file of several chunks, plain or gzip, byte for byte', async () => {
    expect(content.length).toBeGreaterThan(4 * 2 ** 20);
    for (const file of [plain, gz]) {
      const got = await read(file);
      expect(got.done).toBe(true);
      expect(got.lines.length).toBe(lines.length);
      expect(got.lines).toEqual(lines);
      expect(await countLines(file)).toBe(lines.filter((l) => l.length > 0).length);
    }
  });

  it('stops when the sink says so, in any chunk, and can read the file again afterwards', async () => {
    for (const stopAt of [1, 700, 2999]) {
      const got = await read(plain, stopAt);
      expect(got.lines).toEqual(lines.slice(0, stopAt));
    }
    expect((await read(plain)).lines.length).toBe(lines.length);
  });

  it('stops cleanly when the consumer stops iterating between chunks', async () => {
    const it = pumpLines(plain, { line: () => true });
    await it.next();
    await it.next();
    const end = await it.return(undefined);
    expect(end.done).toBe(true);
    expect(await countLines(plain)).toBeGreaterThan(0);
  });
});
