import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';

/**
 * Receives the lines of a file as byte ranges of a buffer; returns false to stop reading. @internal
 * @example
 * ```ts
 * const sink: LineSink = { line: (buf, s, e) => e > s };
 * ```
 */
export interface LineSink {
  line(buf: Buffer, start: number, end: number, lineNo: number): boolean;
}

/**
 * Why a file could not be read to its end. @internal
 * @example
 * ```ts
 * const f: ReadFailure = { code: 'gzip_error', message: 'unexpected end of file', line: 12 };
 * ```
 */
export interface ReadFailure {
  readonly code: 'file_not_found' | 'read_error' | 'gzip_error' | 'line_too_long';
  readonly message: string;
  readonly line?: number;
}

/**
 * Longest line accepted; longer ones are skipped (a sign of a wrong or binary file). @internal
 * @example
 * ```ts
 * if (length > MAX_LINE_BYTES) skip();
 * ```
 */
export const MAX_LINE_BYTES = 1 << 20;
const CHUNK = 1 << 20;

/**
 * True when the file starts with the gzip magic bytes. @internal
 * @example
 * ```ts
 * await isGzipFile('task_events.csv.gz'); // true
 * ```
 */
export async function isGzipFile(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * An open file as chunks of bytes; chunks may be reused, so a consumer must copy what it keeps. @internal
 * @example
 * ```ts
 * for await (const chunk of (await openBytes(file)).chunks) use(chunk);
 * ```
 */
export interface ByteSource {
  readonly chunks: AsyncIterable<Buffer>;
  readonly gzip: boolean;
  close(): void;
}

/**
 * Plain files are read into two buffers in turn: the next chunk is read (on libuv's thread pool)
 * while the consumer parses the current one, so reading overlaps parsing. A chunk stays valid until
 * the consumer asks for the next one but one; no allocation per chunk.
 */
async function* plainChunks(handle: FileHandle): AsyncGenerator<Buffer> {
  const buffers: readonly Buffer[] = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
  let k = 0;
  // A read that fails while the consumer parses is reported when it is awaited, not as unhandled.
  const start = (b: Buffer): Promise<{ bytesRead: number }> => {
    const read = handle.read(b, 0, CHUNK, null);
    read.catch(() => undefined);
    return read;
  };
  let pending = start(buffers[0] as Buffer);
  try {
    for (;;) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) return;
      const buffer = buffers[k] as Buffer;
      k ^= 1;
      // Reads are sequential (position null): the next one starts where this one ended.
      pending = start(buffers[k] as Buffer);
      yield bytesRead === CHUNK ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    // The consumer stopped early (or a read failed): let the read under way end before the file is
    // closed and the buffers are let go; its outcome no longer matters.
    await pending.catch(() => undefined);
  }
}

/**
 * Opens a file as chunks of bytes, gunzipping it when it starts with the gzip magic bytes. @internal
 * @example
 * ```ts
 * const source = await openBytes('part-00000-of-00500.csv.gz');
 * try { for await (const chunk of source.chunks) use(chunk); } finally { source.close(); }
 * ```
 */
export async function openBytes(file: string): Promise<ByteSource> {
  const gzip = await isGzipFile(file);
  if (!gzip) {
    const handle = await open(file, 'r');
    return { chunks: plainChunks(handle), gzip, close: () => void handle.close().catch(() => undefined) };
  }
  const raw = createReadStream(file, { highWaterMark: CHUNK });
  const gunzip = createGunzip({ chunkSize: 1 << 18 });
  raw.on('error', (e) => gunzip.destroy(e));
  raw.pipe(gunzip);
  return {
    chunks: gunzip as AsyncIterable<Buffer>,
    close: () => {
      raw.unpipe(gunzip);
      raw.destroy();
      gunzip.destroy();
    },
    gzip,
  };
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Reads a file (gzip or plain) and hands every line to the sink, without copying lines that lie
 * inside one chunk. Yields once per chunk so that the caller can pass on what the sink produced;
 * memory is one chunk plus at most one line. Strips a UTF-8 byte-order mark and `\r` before `\n`.
 * Returns a failure instead of throwing when the file cannot be read to its end.
 * @internal
 * @example
 * ```ts
 * const it = pumpLines(file, sink);
 * for (let step = await it.next(); step.done !== true; step = await it.next()) drain();
 * ```
 */
export async function* pumpLines(file: string, sink: LineSink): AsyncGenerator<void, ReadFailure | undefined> {
  let source: ByteSource;
  try {
    source = await openBytes(file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') return { code: 'file_not_found', message: `cannot read ${file}: no such file` };
    return { code: 'read_error', message: `cannot read ${file}: ${describe(e)}` };
  }
  let carry: Buffer | undefined;
  let skipping = false; // inside an over-long line
  let lineNo = 0;
  let failure: ReadFailure | undefined;
  let stopped = false;
  const emit = (buf: Buffer, start: number, end: number): boolean => {
    lineNo++;
    if (end > start && buf[end - 1] === 13) end--;
    if (lineNo === 1 && end - start >= 3 && buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf) start += 3;
    return sink.line(buf, start, end, lineNo);
  };
  try {
    outer: for await (const chunk of source.chunks) {
      let pos = 0;
      const len = chunk.length;
      if (carry !== undefined || skipping) {
        const nl = chunk.indexOf(10, 0);
        if (nl < 0) {
          if (!skipping) {
            carry = carry === undefined ? Buffer.from(chunk) : Buffer.concat([carry, chunk]);
            if (carry.length > MAX_LINE_BYTES) {
              failure ??= { code: 'line_too_long', message: `line ${lineNo + 1} is longer than ${MAX_LINE_BYTES} bytes: is this the right file?`, line: lineNo + 1 };
              carry = undefined;
              skipping = true;
            }
          }
          yield;
          continue;
        }
        if (!skipping && (carry as Buffer).length + nl > MAX_LINE_BYTES) {
          failure ??= { code: 'line_too_long', message: `line ${lineNo + 1} is longer than ${MAX_LINE_BYTES} bytes: is this the right file?`, line: lineNo + 1 };
          carry = undefined;
          skipping = true;
        }
        if (skipping) {
          lineNo++;
          skipping = false;
        } else {
          const whole = Buffer.concat([carry as Buffer, chunk.subarray(0, nl)]);
          carry = undefined;
          if (!emit(whole, 0, whole.length)) {
            stopped = true;
            break outer;
          }
        }
        pos = nl + 1;
      }
      while (pos < len) {
        const nl = chunk.indexOf(10, pos);
        if (nl < 0) {
          if (len - pos > MAX_LINE_BYTES) {
            failure ??= { code: 'line_too_long', message: `line ${lineNo + 1} is longer than ${MAX_LINE_BYTES} bytes: is this the right file?`, line: lineNo + 1 };
            skipping = true;
          } else carry = Buffer.from(chunk.subarray(pos));
          break;
        }
        if (!emit(chunk, pos, nl)) {
          stopped = true;
          break outer;
        }
        pos = nl + 1;
      }
      yield;
    }
    if (!stopped && carry !== undefined && carry.length > 0) {
      const last = carry;
      carry = undefined;
      emit(last, 0, last.length);
    }
  } catch (e) {
    const what = source.gzip ? 'gzip_error' : 'read_error';
    return { code: what, message: `${file} could not be read to its end after line ${lineNo}: ${describe(e)}`, line: lineNo + 1 };
  } finally {
    source.close();
  }
  return failure;
}

/**
 * Counts the lines of a file with the same splitter as the readers (the benchmark's baseline).
 * @internal
 * @example
 * ```ts
 * await countLines('task_events.csv'); // 1234
 * ```
 */
export async function countLines(file: string): Promise<number> {
  let n = 0;
  const sink: LineSink = {
    line(_b, s, e) {
      if (e > s) n++;
      return true;
    },
  };
  const it = pumpLines(file, sink);
  for (;;) {
    const step = await it.next();
    if (step.done === true) break;
  }
  return n;
}
