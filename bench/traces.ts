// Trace replay readers: parsing speed (rows/s) against bare line counting over the same file, and
// memory as the file is read (1M, 5M, 10M rows), on a generated Google 2011 task_events file.
//
//   npx tsx bench/traces.ts            # full run: 10M-row CSV + 2M-row gzip, writes bench/results/traces.md
//   npx tsx bench/traces.ts --quick    # 1M rows, for a smoke test
//
// Files are written to os.tmpdir() and deleted afterwards.
import { execFileSync } from 'node:child_process';
import { closeSync, createReadStream, createWriteStream, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createGunzip, createGzip } from 'node:zlib';
import { generateTrace, readGoogle2011Tasks } from '../src/traces/index.js';
import { countLines, isGzipFile } from '../src/traces/line-source.js';
import { machine, median, table } from './util.js';

const here = dirname(fileURLToPath(import.meta.url));
const shape = { cpu: 64_000, memory: 256 * 2 ** 30 };
/** Rows per generated task, measured on the generator (SUBMIT, SCHEDULE, end, plus a few evictions and updates). */
const ROWS_PER_TASK = 3.1;

/**
 * Writes `copies` copies of a generated task_events file one after the other, each shifted in time
 * (past the end of the previous one) and in job IDs, so that the result is a valid, time-sorted trace
 * `copies` times as long. Generating 10M rows directly would take most of the time budget; tiling
 * a 1M-row trace is ~20× faster and keeps the same row mix.
 */
function tile(base: string, out: string, copies: number): number {
  const src = readFileSync(base);
  const digits = (from: number, to: number): number => {
    let v = 0;
    for (let i = from; i < to; i++) v = v * 10 + ((src[i] as number) - 48);
    return v;
  };
  // Span of one copy: its last time (first column of the last line) plus one second.
  const lastStart = src.lastIndexOf(10, src.length - 2) + 1;
  const span = digits(lastStart, src.indexOf(44, lastStart)) + 1_000_000;
  const fd = openSync(out, 'w');
  const buf = Buffer.allocUnsafe(1 << 22);
  const tmp = new Uint8Array(24);
  let used = 0;
  let rows = 0;
  const put = (n: number): void => {
    let k = 0;
    do {
      const q = Math.floor(n / 10);
      tmp[k++] = 48 + (n - q * 10);
      n = q;
    } while (n > 0);
    while (k > 0) buf[used++] = tmp[--k] as number;
  };
  for (let copy = 0; copy < copies; copy++) {
    const dt = copy * span;
    const dj = copy * 100_000_000;
    for (let pos = 0; pos < src.length; ) {
      let nl = src.indexOf(10, pos);
      if (nl < 0) nl = src.length;
      if (used + (nl - pos) + 64 > buf.length) {
        writeSync(fd, buf, 0, used);
        used = 0;
      }
      const c1 = src.indexOf(44, pos); // end of time
      const c3 = src.indexOf(44, c1 + 2); // end of job ID (field 2; field 1 is empty)
      put(digits(pos, c1) + dt);
      buf[used++] = 44;
      buf[used++] = 44;
      put(digits(c1 + 2, c3) + dj);
      used += src.copy(buf, used, c3, nl);
      buf[used++] = 10;
      rows++;
      pos = nl + 1;
    }
  }
  writeSync(fd, buf, 0, used);
  closeSync(fd);
  return rows;
}

/** Baseline 1: the readers' own line splitter, counting non-empty lines. */
async function splitterCount(file: string): Promise<number> {
  return countLines(file);
}

/** Baseline 2: node:readline counting lines (the obvious way to read a file line by line). */
async function readlineCount(file: string): Promise<number> {
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  const input = (await isGzipFile(file)) ? raw.pipe(createGunzip()) : raw;
  let n = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) if (line.length > 0) n++;
  return n;
}

/** The reader under test: every row parsed, runs paired into tasks. */
async function parse(file: string): Promise<number> {
  const stream = readGoogle2011Tasks(file, { shape });
  let tasks = 0;
  for await (const batch of stream.batches()) tasks += batch.length;
  if (tasks === 0) throw new Error('no tasks read');
  return stream.report.rows;
}

async function time(fn: () => Promise<number>): Promise<{ ms: number; cpuMs: number; rows: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const rows = await fn();
  const c = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, rows };
}

interface Speed {
  name: string;
  /** Rows per second of wall-clock time. */
  rowsPerSecond: number[];
  /** Rows per second of this process's CPU time (user + system), steadier on a shared machine. */
  rowsPerCpuSecond: number[];
}

/** Times each case `runs` times (cases in turn), after one warm-up of the parser; `readlineRuns` for the slow readline case. */
async function speeds(file: string, runs: number, readlineRuns = runs): Promise<Speed[]> {
  const cases: [string, (f: string) => Promise<number>, number][] = [
    ['line count, same splitter (baseline)', splitterCount, runs],
    [`line count, node:readline${readlineRuns < runs ? ` (${readlineRuns} run${readlineRuns === 1 ? '' : 's'})` : ''}`, readlineCount, readlineRuns],
    ['readGoogle2011Tasks (parse + pair)', parse, runs],
  ];
  const out: Speed[] = cases.map(([name]) => ({ name, rowsPerSecond: [], rowsPerCpuSecond: [] }));
  await parse(file); // warm-up (JIT, page cache)
  for (let r = 0; r < runs; r++) {
    for (let c = 0; c < cases.length; c++) {
      const [, fn, n] = cases[c] as [string, (f: string) => Promise<number>, number];
      if (r >= n) continue;
      const { ms, cpuMs, rows } = await time(() => fn(file));
      out[c]?.rowsPerSecond.push((rows / ms) * 1000);
      out[c]?.rowsPerCpuSecond.push((rows / cpuMs) * 1000);
    }
  }
  return out;
}

interface MemoryPoint {
  rows: number;
  heapUsedMiB: number;
  rssMiB: number;
}

/** Child process mode: read the file, sampling memory (after a full GC) when passing the checkpoints. */
async function memoryChild(file: string, checkpoints: number[]): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with --expose-gc');
  gc();
  const base = process.memoryUsage();
  const points: MemoryPoint[] = [];
  const stream = readGoogle2011Tasks(file, { shape });
  let next = 0;
  const sample = (rows: number): void => {
    gc();
    const m = process.memoryUsage();
    points.push({ rows, heapUsedMiB: m.heapUsed / 2 ** 20, rssMiB: m.rss / 2 ** 20 });
  };
  for await (const _batch of stream.batches()) {
    while (next < checkpoints.length && stream.report.rows >= (checkpoints[next] as number)) {
      sample(checkpoints[next] as number);
      next++;
    }
  }
  if (next < checkpoints.length) sample(stream.report.rows);
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ baseHeapMiB: base.heapUsed / 2 ** 20, baseRssMiB: base.rss / 2 ** 20, points, peakRssMiB }));
}

function memoryRun(file: string, checkpoints: number[]): { baseHeapMiB: number; baseRssMiB: number; points: MemoryPoint[]; peakRssMiB: number } {
  const self = fileURLToPath(import.meta.url);
  const out = execFileSync(process.execPath, [...process.execArgv, '--expose-gc', self, '--memory-child', file, checkpoints.join(',')], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out) as ReturnType<typeof memoryRun>;
}

const f0 = (x: number): string => x.toFixed(0);
const f1 = (x: number): string => x.toFixed(1);
const mrows = (x: number): string => `${(x / 1e6).toFixed(2)} M`;

function speedTable(speed: Speed[]): string {
  const base = median(speed[0]?.rowsPerSecond ?? [1]);
  const baseCpu = median(speed[0]?.rowsPerCpuSecond ?? [1]);
  return table(
    ['', 'median rows/s (wall)', 'runs (M rows/s)', 'ratio to splitter count (wall)', 'median rows per CPU-second', 'ratio (CPU)'],
    speed.map((s) => [
      s.name,
      mrows(median(s.rowsPerSecond)),
      s.rowsPerSecond.map((x) => (x / 1e6).toFixed(2)).join(', '),
      `${(median(s.rowsPerSecond) / base).toFixed(2)}×`,
      mrows(median(s.rowsPerCpuSecond)),
      `${(median(s.rowsPerCpuSecond) / baseCpu).toFixed(2)}×`,
    ]),
  );
}

export async function main(): Promise<string> {
  const quick = process.argv.includes('--quick');
  const rowsWanted = quick ? 1_000_000 : 10_000_000;
  const gzRowsWanted = quick ? 300_000 : 2_000_000;
  const runs = 3;
  const dir = mkdtempSync(join(tmpdir(), 'podsim-bench-traces-'));
  const lines: string[] = [];
  const loadBefore = loadavg()[0] as number;
  try {
    const log = (s: string): void => console.log(s);
    const copies = quick ? 2 : 20;
    log(`generating a ${rowsWanted / copies / 1e6}M-row task_events base in ${dir} …`);
    let t0 = performance.now();
    const base = await generateTrace({ format: 'google2011', machines: 2_000, tasks: Math.ceil(rowsWanted / copies / ROWS_PER_TASK), seed: 1, dir: join(dir, 'base') });
    const baseFile = base.files['task_events']?.[0] as string;
    const genSeconds = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const file = join(dir, 'task_events.csv');
    const rows = tile(baseFile, file, copies);
    const fileMiB = statSync(file).size / 2 ** 20;
    log(`  base ${base.rows['task_events']} rows in ${f1(genSeconds)} s; tiled ×${copies}: ${rows} rows, ${f0(fileMiB)} MiB in ${f1((performance.now() - t0) / 1000)} s`);
    rmSync(join(dir, 'base'), { recursive: true, force: true });
    log('timing (plain CSV) …');
    const plain = await speeds(file, runs, 1);
    log(speedTable(plain));

    log('memory while reading (child process, --expose-gc) …');
    const checkpoints = quick ? [100_000, 500_000, rows] : [1_000_000, 5_000_000, rows];
    const mem = memoryRun(file, checkpoints);
    const memTable = table(
      ['rows read', 'heapUsed after GC (MiB)', 'RSS (MiB)'],
      [['0 (before reading)', f1(mem.baseHeapMiB), f1(mem.baseRssMiB)], ...mem.points.map((p) => [p.rows.toLocaleString('en-US'), f1(p.heapUsedMiB), f1(p.rssMiB)])],
    );
    log(memTable);
    log(`peak RSS of the reading process: ${f1(mem.peakRssMiB)} MiB`);
    log(`gzip of the first ${gzRowsWanted / 1e6}M rows …`);
    t0 = performance.now();
    const gzFile = join(dir, 'task_events-head.csv.gz');
    const headFile = join(dir, 'task_events-head.csv');
    {
      const fd = openSync(headFile, 'w');
      const all = createReadStream(file, { highWaterMark: 1 << 20 });
      let left = gzRowsWanted;
      for await (const chunk of all as AsyncIterable<Buffer>) {
        let cut = chunk.length;
        for (let i = 0; i < chunk.length && left > 0; i++) if (chunk[i] === 10 && --left === 0) cut = i + 1;
        writeSync(fd, chunk, 0, cut);
        if (left === 0) break;
      }
      all.destroy();
      closeSync(fd);
    }
    await pipeline(createReadStream(headFile), createGzip(), createWriteStream(gzFile));
    rmSync(headFile);
    rmSync(file);
    const gzRows = gzRowsWanted;
    log(`  ${f0(statSync(gzFile).size / 2 ** 20)} MiB compressed, ${f1((performance.now() - t0) / 1000)} s`);
    const gzSpeed = await speeds(gzFile, runs);
    log(speedTable(gzSpeed));

    const parseRate = median(plain[2]?.rowsPerSecond ?? [0]);
    const parseCpuRate = median(plain[2]?.rowsPerCpuSecond ?? [0]);
    lines.push(
      `Machine: ${machine()}; 1-minute load average ${loadBefore.toFixed(1)} at the start, ${(loadavg()[0] as number).toFixed(1)} at the end.`,
      '',
      `Google 2011 \`task_events\`: a ${(rows / copies / 1e6).toFixed(1)}M-row trace from \`generateTrace\` (seed 1, 2,000 machines, ~8,000 tasks alive at a time) tiled ${copies}× (each copy shifted in time and job IDs) into ${rows.toLocaleString('en-US')} rows, ${f0(fileMiB)} MiB of plain CSV; its first ${gzRows.toLocaleString('en-US')} rows gzipped for the gzip case. Medians of ${runs} runs after a warm-up, the cases run in turn in one process. Wall-clock rates depend on what else the machine runs; rows per CPU-second (this process's user + system time) are steadier on a shared machine.`,
      '',
      '### Plain CSV',
      '',
      speedTable(plain),
      '',
      `Target: ≥ 500,000 rows/s — measured ${mrows(parseRate)} rows/s wall-clock (${parseRate >= 500_000 ? 'met' : 'NOT met'}), ${mrows(parseCpuRate)} rows per CPU-second.`,
      '',
      '### gzip',
      '',
      speedTable(gzSpeed),
      '',
      '### Memory while reading the plain file',
      '',
      memTable,
      '',
      `Peak RSS of the reading process (whole run, Node runtime and tsx included): ${f1(mem.peakRssMiB)} MiB. Memory holds one 1 MiB chunk, the tasks alive at the current row and the batch being handed over, so it does not grow with the file.`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const out = lines.join('\n');
  if (!process.argv.includes('--quick')) {
    mkdirSync(join(here, 'results'), { recursive: true });
    writeFileSync(join(here, 'results', 'traces.md'), `# Trace readers benchmark\n\n${out}\n`);
  }
  console.log(`\n${out}`);
  return out;
}

const argv = process.argv;
if (argv.includes('--memory-child')) {
  const i = argv.indexOf('--memory-child');
  await memoryChild(argv[i + 1] as string, (argv[i + 2] as string).split(',').map(Number));
} else if (import.meta.url === pathToFileURL(argv[1] ?? '').href) await main();
