import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

/**
 * Writes text lines to a file, optionally gzip-compressed, in ~1 MiB writes with back-pressure.
 * Call `push` per line and `flush` when it returns true.
 * @internal
 * @example
 * ```ts
 * const w = new LineWriter('/tmp/a.csv', false);
 * if (w.push('1,2,3')) await w.flush();
 * await w.close();
 * ```
 */
export class LineWriter {
  rows = 0;
  private text = '';
  private readonly file: WriteStream;
  private readonly sink: Writable;
  private error: unknown;

  constructor(readonly path: string, gzip: boolean) {
    this.file = createWriteStream(path);
    this.file.on('error', (e) => (this.error = e));
    if (gzip) {
      const z = createGzip();
      z.on('error', (e) => (this.error = e));
      z.pipe(this.file);
      this.sink = z;
    } else this.sink = this.file;
  }

  /** Adds one line; true when the buffer is big enough to be flushed. */
  push(line: string): boolean {
    this.text += line;
    this.text += '\n';
    this.rows++;
    return this.text.length >= 1 << 20;
  }

  async flush(): Promise<void> {
    if (this.error !== undefined) throw this.error;
    if (this.text.length === 0) return;
    const ok = this.sink.write(this.text);
    this.text = '';
    if (!ok) await once(this.sink, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.sink.end();
    await finished(this.file);
    if (this.error !== undefined) throw this.error;
  }
}
