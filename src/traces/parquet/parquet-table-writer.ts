import { importEsm } from '../../report/import-esm.js';
import { PodsimError } from '../../errors.js';

/**
 * A column of a Parquet table: its name and type. Every column is nullable (`undefined` is null).
 * `DOUBLE` for times and figures, `INT32` for counts and ids below 2³¹, `STRING` for names.
 *
 * @example
 * ```ts
 * const c: ParquetColumn = { name: 'wait', type: 'DOUBLE' };
 * ```
 */
export interface ParquetColumn {
  readonly name: string;
  readonly type: 'DOUBLE' | 'INT32' | 'STRING' | 'BOOLEAN';
}

/**
 * Options of {@link ParquetTableWriter.open}.
 *
 * @example
 * ```ts
 * const o: ParquetWriteOptions = { rowGroupSize: 100_000 };
 * ```
 */
export interface ParquetWriteOptions {
  /** Rows buffered, then written as one row group. Memory is about this many rows. @defaultValue 65536 */
  readonly rowGroupSize?: number;
}

type Cell = string | number | boolean | null;

interface WriterModule {
  ParquetWriter: new (o: { writer: unknown; schema: unknown[]; createdBy?: string }) => {
    write(o: { columnData: { name: string; data: Cell[] }[]; rowGroupSize: number }): void | Promise<void>;
    finish(): void | Promise<void>;
  };
  fileWriter(path: string): unknown;
}

const SCHEMA: Record<ParquetColumn['type'], Record<string, unknown>> = {
  DOUBLE: { type: 'DOUBLE' },
  INT32: { type: 'INT32' },
  STRING: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  BOOLEAN: { type: 'BOOLEAN' },
};

/**
 * Writes a table to a Parquet file row group by row group, so that memory stays at one row group
 * however many rows are written: append rows (or columns), then close. Uses the hyparquet-writer
 * library (pure JavaScript, Snappy compression); the files are read by pandas/pyarrow, polars and
 * DuckDB.
 *
 * @example
 * ```ts
 * const w = await ParquetTableWriter.open('out.parquet', [{ name: 'time', type: 'DOUBLE' }, { name: 'host', type: 'STRING' }]);
 * await w.append({ time: 0.5, host: 'node-0' });
 * await w.close();
 * ```
 */
export class ParquetTableWriter {
  /** Rows written so far (appended, whether or not flushed). */
  rows = 0;
  private buffered = 0;
  private readonly data: Cell[][];
  private closed = false;

  private constructor(
    readonly path: string,
    readonly columns: readonly ParquetColumn[],
    private readonly writer: InstanceType<WriterModule['ParquetWriter']>,
    private readonly groupSize: number,
  ) {
    this.data = columns.map(() => new Array<Cell>(groupSize));
  }

  /** Creates (or replaces) the file and writes its header. */
  static async open(path: string, columns: readonly ParquetColumn[], options: ParquetWriteOptions = {}): Promise<ParquetTableWriter> {
    const groupSize = options.rowGroupSize ?? 65536;
    if (!Number.isSafeInteger(groupSize) || groupSize < 1) {
      throw new PodsimError([{ code: 'invalid_option', path: 'rowGroupSize', message: `${String(groupSize)} is not a positive integer` }], 'cannot write Parquet');
    }
    const names = new Set<string>();
    for (const c of columns) {
      if (names.has(c.name)) throw new PodsimError([{ code: 'duplicate_column', path: 'columns', message: `column "${c.name}" is given twice` }], 'cannot write Parquet');
      names.add(c.name);
    }
    const mod = await importEsm<WriterModule>('hyparquet-writer');
    const schema = [{ name: 'root', num_children: columns.length }, ...columns.map((c) => ({ name: c.name, repetition_type: 'OPTIONAL', ...SCHEMA[c.type] }))];
    const writer = new mod.ParquetWriter({ writer: mod.fileWriter(path), schema, createdBy: 'podsim' });
    return new ParquetTableWriter(path, columns, writer, groupSize);
  }

  /** Appends one row; a missing or undefined field is null. Writes a row group when the buffer is full. */
  async append(row: Readonly<Record<string, string | number | boolean | undefined>>): Promise<void> {
    const i = this.buffered++;
    this.columns.forEach((c, k) => {
      const v = row[c.name];
      (this.data[k] as Cell[])[i] = v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? null : v;
    });
    this.rows++;
    if (this.buffered === this.groupSize) await this.flush();
  }

  /** Appends `n` rows given as columns (arrays or typed arrays, by column name; NaN is null). */
  async appendColumns(columns: Readonly<Record<string, ArrayLike<string | number | boolean | undefined>>>, n: number): Promise<void> {
    for (let start = 0; start < n; ) {
      const take = Math.min(n - start, this.groupSize - this.buffered);
      this.columns.forEach((c, k) => {
        const src = columns[c.name];
        const dst = this.data[k] as Cell[];
        for (let j = 0; j < take; j++) {
          const v = src === undefined ? undefined : src[start + j];
          dst[this.buffered + j] = v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? null : v;
        }
      });
      this.buffered += take;
      this.rows += take;
      start += take;
      if (this.buffered === this.groupSize) await this.flush();
    }
  }

  private async flush(): Promise<void> {
    const n = this.buffered;
    if (n === 0) return;
    const columnData = this.columns.map((c, k) => ({ name: c.name, data: n === this.groupSize ? (this.data[k] as Cell[]) : (this.data[k] as Cell[]).slice(0, n) }));
    await this.writer.write({ columnData, rowGroupSize: n });
    this.buffered = 0;
  }

  /** Writes what is buffered and the file's footer. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flush();
    await this.writer.finish();
  }
}
