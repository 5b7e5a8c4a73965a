// Trace replay readers: parsing speed against baselines from the same run, the memory of the
// read → plan path at 12,500 machines, and the Parquet writer.
//
//   npx tsx bench/traces.ts            # full run, writes bench/results/traces.md
//   npx tsx bench/traces.ts --quick    # smaller inputs, for a smoke test
//   npm run build && npx tsx bench/traces.ts --dist   # the parsing parts on the built package (dist/esm)
//   … --dist --against ../other/dist   # and the readers of another build (e.g. main's) in the same rounds
//   … --readers [--rounds N]            # parts 1–2 only (the readers), N rounds (default 5)
//
// The cases of each part run in interleaved rounds (baseline, then each case, round after round), and
// medians are quoted: the machine is shared and its speed drifts. Rows per CPU-second (this
// process's user + system time) are steadier than wall-clock rates under load; the parse worker's
// rows are counted per wall-clock second (its CPU time is another thread's).
// Files are written to os.tmpdir() and deleted afterwards.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { containersCsv } from '../src/report/containers-csv.js';
import type { ContainerRow } from '../src/report/container-row.js';
import { generateTrace, readTrace, replayScenario, traceToScenario, writeContainersParquet } from '../src/traces/index.js';
import { machine, median, table } from './util.js';

const here = dirname(fileURLToPath(import.meta.url));
const fromDist = process.argv.includes('--dist');
/** Another build's `dist` folder whose readers run in the same rounds (a baseline: main's build, say). */
const against = process.argv.includes('--against') ? (process.argv[process.argv.indexOf('--against') + 1] as string) : undefined;

type Readers = typeof import('../src/traces/index.js');
type Lines = typeof import('../src/traces/line-source.js');

/**
 * The parsers and the line splitter timed in parts 1–2: with `--dist`, from the built package (what
 * users run; `npm run build` first), else from the source through tsx (esbuild's transform: slower).
 */
async function parsers(): Promise<{ readers: Readers; lines: Lines; from: string }> {
  if (!fromDist) return { readers: await import('../src/traces/index.js'), lines: await import('../src/traces/line-source.js'), from: 'the TypeScript source through tsx' };
  const dist = join(here, '..', 'dist', 'esm', 'traces');
  const readers = (await import(pathToFileURL(join(dist, 'index.js')).href)) as Readers;
  const lines = (await import(pathToFileURL(join(dist, 'line-source.js')).href)) as Lines;
  return { readers, lines, from: 'the built package (dist/esm, plain node)' };
}

/** The readers of the build given with `--against` (its `dist` folder), or undefined. */
async function otherReaders(): Promise<Readers | undefined> {
  if (against === undefined) return undefined;
  return (await import(pathToFileURL(join(against, 'esm', 'traces', 'index.js')).href)) as Readers;
}
const shape = { cpu: 64_000, memory: 256 * 2 ** 30 };

/**
 * Writes `copies` copies of a generated Google 2011 task_events file one after the other, each shifted
 * in time (past the end of the previous one) and in job IDs: a valid, time-sorted trace `copies` times
 * as long, ~20× faster than generating it. The base must have no rows at 2⁶³−1 (realFeatures: false).
 */
export function tile(base: string, out: string, copies: number): number {
  const src = readFileSync(base);
  const digits = (from: number, to: number): number => {
    let v = 0;
    for (let i = from; i < to; i++) v = v * 10 + ((src[i] as number) - 48);
    return v;
  };
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
      const c1 = src.indexOf(44, pos);
      const c3 = src.indexOf(44, c1 + 2);
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

interface Case {
  readonly name: string;
  /** Runs once; returns the rows it read. */
  readonly run: () => Promise<number>;
  /** Count rows per wall-clock second only (the work is in another thread). */
  readonly wallOnly?: boolean;
}

interface Timed {
  name: string;
  wall: number[];
  cpu: number[];
  wallOnly: boolean;
}

/** Interleaved rounds: every case once per round, after one warm-up round. */
async function rounds(cases: readonly Case[], n: number): Promise<Timed[]> {
  const out: Timed[] = cases.map((c) => ({ name: c.name, wall: [], cpu: [], wallOnly: c.wallOnly === true }));
  for (let r = -1; r < n; r++) {
    for (let k = 0; k < cases.length; k++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const rows = await (cases[k] as Case).run();
      const wall = (performance.now() - t0) / 1000;
      const c = process.cpuUsage(c0);
      if (r < 0) continue;
      (out[k] as Timed).wall.push(rows / wall);
      (out[k] as Timed).cpu.push(rows / ((c.user + c.system) / 1e6));
    }
  }
  return out;
}

const m = (x: number): string => `${(x / 1e6).toFixed(2)} M`;
const f1 = (x: number): string => x.toFixed(1);

function speedTable(t: readonly Timed[]): string {
  const base = t[0] as Timed;
  return table(
    ['', 'rows/s (wall), median', 'rows per CPU-second, median', 'ratio to the baseline (CPU; wall for the worker)'],
    t.map((s) => [
      s.name,
      m(median(s.wall)),
      s.wallOnly ? '—' : m(median(s.cpu)),
      s.wallOnly ? `${(median(s.wall) / median(base.wall)).toFixed(3)}× (wall)` : `${(median(s.cpu) / median(base.cpu)).toFixed(3)}×`,
    ]),
  );
}

async function drain(it: AsyncIterable<{ length: number }>): Promise<void> {
  for await (const _b of it);
}

/** JSON.parse of every line: what the Google 2019 reader did before its field scanner. */
async function jsonParseLines(pumpLines: Lines['pumpLines'], file: string): Promise<number> {
  let n = 0;
  const it = pumpLines(file, {
    line(buf, s, e) {
      if (e > s) {
        JSON.parse(buf.toString('utf8', s, e));
        n++;
      }
      return true;
    },
  });
  while ((await it.next()).done !== true);
  return n;
}

interface PlanMemory {
  tasks: number;
  rows: number;
  seconds: number;
  planBytesPerTask: number;
  scenarioBytesPerTask: number;
  peakRssMiB: number;
  baseRssMiB: number;
  jobs: number;
}

/**
 * Child process (--expose-gc): read → plan → scenario of one trace; memory retained per task after
 * full collections (heap + external: typed arrays live outside the heap), peak RSS. A first pass over
 * a small trace warms the code up, so that compiled code is not counted as the plan's.
 */
async function planChild(dir: string, warm: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc as () => void;
  const used = async (): Promise<number> => {
    // Array buffers are freed by a concurrent sweeper: collect, let it run, collect again.
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const u = process.memoryUsage();
    return u.heapUsed + u.external;
  };
  replayScenario(await traceToScenario(readTrace({ format: 'google2011', dir: warm }, { shape })));
  const base = await used();
  const baseRss = process.memoryUsage().rss;
  const t0 = performance.now();
  const records = readTrace({ format: 'google2011', dir }, { shape });
  const plan = await traceToScenario(records);
  const seconds = (performance.now() - t0) / 1000;
  const afterPlan = await used();
  const scenario = replayScenario(plan);
  const afterScenario = await used();
  const out: PlanMemory = {
    tasks: plan.tasks.length,
    rows: records.tasks.report.rows,
    seconds,
    planBytesPerTask: (afterPlan - base) / plan.tasks.length,
    scenarioBytesPerTask: (afterScenario - afterPlan) / plan.tasks.length,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    baseRssMiB: baseRss / 2 ** 20,
    jobs: plan.dictionary.jobs.size,
  };
  if (scenario.workloads.length === 0) throw new Error('no workloads');
  process.stdout.write(JSON.stringify(out));
}

function planRun(dir: string, warm: string): PlanMemory {
  const self = fileURLToPath(import.meta.url);
  const out = execFileSync(process.execPath, [...process.execArgv, '--expose-gc', self, '--plan-child', dir, warm], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out) as PlanMemory;
}

export async function main(): Promise<string> {
  const quick = process.argv.includes('--quick');
  const runs = process.argv.includes('--rounds') ? Number(process.argv[process.argv.indexOf('--rounds') + 1]) : quick ? 2 : 5;
  const readersOnly = process.argv.includes('--readers');
  const dir = mkdtempSync(join(tmpdir(), 'podsim-bench-traces-'));
  const log = (s: string): void => console.log(s);
  const out: string[] = [];
  const loadStart = loadavg()[0] as number;
  const { readers, lines, from } = await parsers();
  const other = await otherReaders();
  log(`Parsers from ${from}${other === undefined ? '' : `; also those of ${against as string}`}.`);
  try {
    // 1. Google 2011 task_events.
    const copies = quick ? 2 : readersOnly ? 3 : 6;
    log('Google 2011: generating …');
    const base = await generateTrace({ format: 'google2011', machines: 2000, tasks: quick ? 150_000 : 220_000, seed: 1, dir: join(dir, 'g11'), realFeatures: false });
    const g11Dir = join(dir, 'g11t');
    mkdirSync(join(g11Dir, 'task_events'), { recursive: true });
    const g11 = join(g11Dir, 'task_events', 'part-00000-of-00001.csv');
    const rows11 = tile(base.files['task_events']?.[0] as string, g11, copies);
    rmSync(join(dir, 'g11'), { recursive: true, force: true });
    log(`  ${rows11.toLocaleString('en-US')} rows, ${(statSync(g11).size / 2 ** 20).toFixed(0)} MiB`);
    const t11 = await rounds(
      [
        { name: 'line count, same line splitter (baseline)', run: () => lines.countLines(g11) },
        ...(other === undefined ? [] : [{ name: `\`readGoogle2011Tasks\` batches of ${against as string}`, run: async () => { const s = other.readGoogle2011Tasks(g11, { shape }); await drain(s.batches()); return s.report.rows; } }]),
        { name: '`readGoogle2011Tasks` batches (parse + pair)', run: async () => { const s = readers.readGoogle2011Tasks(g11, { shape }); await drain(s.batches()); return s.report.rows; } },
        { name: 'the same in arrival order (horizon 1 h)', run: async () => { const s = readers.readGoogle2011Tasks(g11, { shape }); await drain(s.batches({ arrival: { horizon: 3600 } })); return s.report.rows; } },
        ...(readersOnly ? [] : [{ name: '`readTrace(…, { worker: true })`: parsed in a worker thread', run: async () => { const s = readers.readTrace({ format: 'google2011', dir: g11Dir }, { shape, worker: true }).tasks; await drain(s.batches()); return s.report.rows; }, wallOnly: true }]),
      ],
      runs,
    );
    log(speedTable(t11));

    // 2. Google 2019 instance_events (JSON lines).
    log('Google 2019: generating …');
    const g19 = await generateTrace({ format: 'google2019', machines: 2000, tasks: quick ? 50_000 : 130_000, seed: 2, dir: join(dir, 'g19') });
    const f19 = g19.files['instance_events']?.[0] as string;
    // The same lines gzipped (the published 2019 shards are): what decompression adds, on its own.
    const gz19 = join(dir, 'g19gz', 'instance_events-000000000000.json.gz');
    mkdirSync(dirname(gz19), { recursive: true });
    writeFileSync(gz19, gzipSync(readFileSync(f19), { level: 6 }));
    const t19 = await rounds(
      [
        { name: 'line count, same line splitter (baseline)', run: () => lines.countLines(f19) },
        { name: '`JSON.parse` of every line (the reader before its field scanner, parse only)', run: () => jsonParseLines(lines.pumpLines, f19) },
        ...(other === undefined ? [] : [{ name: `\`readGoogle2019Tasks\` batches of ${against as string}`, run: async () => { const s = other.readGoogle2019Tasks(f19, { shape }); await drain(s.batches()); return s.report.rows; } }]),
        { name: '`readGoogle2019Tasks` batches (field scanner + pair)', run: async () => { const s = readers.readGoogle2019Tasks(f19, { shape }); await drain(s.batches()); return s.report.rows; } },
        { name: 'line count of the gzipped file (gunzip + splitter)', run: () => lines.countLines(gz19) },
        { name: '`readGoogle2019Tasks` of the gzipped file', run: async () => { const s = readers.readGoogle2019Tasks(gz19, { shape }); await drain(s.batches()); return s.report.rows; } },
      ],
      runs,
    );
    log(speedTable(t19));

    if (readersOnly) {
      out.push(
        `Parsers from ${from}. Machine: ${machine()}; 1-minute load average ${loadStart.toFixed(1)} at the start and ${(loadavg()[0] as number).toFixed(1)} at the end. ${runs} interleaved rounds after a warm-up round, medians.`,
        '',
        `### Google 2011 \`task_events\` (${rows11.toLocaleString('en-US')} rows)`,
        '',
        speedTable(t11),
        '',
        `### Google 2019 \`instance_events\` (${(g19.rows['instance_events'] ?? 0).toLocaleString('en-US')} JSON lines)`,
        '',
        speedTable(t19),
      );
      console.log(`\n${out.join('\n')}`);
      return out.join('\n');
    }

    // 3. read → plan memory at 12,500 machines.
    log('read → plan at 12,500 machines: generating …');
    const big = await generateTrace({ format: 'google2011', machines: 12_500, tasks: quick ? 60_000 : 250_000, seed: 3, dir: join(dir, 'g12k'), realFeatures: false, tasksPerMachine: 4 });
    const warm = await generateTrace({ format: 'google2011', machines: 100, tasks: 2000, seed: 4, dir: join(dir, 'warm'), realFeatures: false });
    const plans: PlanMemory[] = [];
    for (const k of quick ? [1, 2] : [1, 4]) {
      const d = join(dir, `plan${k}`);
      mkdirSync(join(d, 'task_events'), { recursive: true });
      tile(big.files['task_events']?.[0] as string, join(d, 'task_events', 'part-00000-of-00001.csv'), k);
      const p = planRun(d, warm.dir);
      log(`  ${p.tasks} tasks, ${p.jobs} jobs: ${f1(p.planBytesPerTask)} B/task plan, ${f1(p.scenarioBytesPerTask)} B/task scenario arrays, peak RSS ${f1(p.peakRssMiB)} MiB, ${f1(p.seconds)} s`);
      plans.push(p);
      rmSync(d, { recursive: true, force: true });
    }

    // 4. Parquet: per-container records, against containers.csv text of the same rows.
    const nRows = quick ? 200_000 : 1_000_000;
    const rows: ContainerRow[] = Array.from({ length: 50_000 }, (_, i) => ({ id: i, name: `trace-${i % 97}-${i}`, workload: `trace-${i % 97}`, host: `m${i % 12_500}`, state: 'completed', submitted: i * 0.37, placed: i * 0.37 + 0.01, finished: i * 0.37 + 301.5, wait: 0.01 }));
    const many = function* (): Generator<ContainerRow> {
      for (let i = 0; i < nRows; i++) yield rows[i % rows.length] as ContainerRow;
    };
    const pq = join(dir, 'containers.parquet');
    const tPq = await rounds(
      [
        { name: '`containersCsv` text of the same rows, in 50,000-row pieces (baseline)', run: async () => { let n = 0; const part: ContainerRow[] = []; for (const r of many()) { part.push(r); if (part.length === 50_000) { n += containersCsv(part).length > 0 ? part.length : 0; part.length = 0; } } return n; } },
        { name: '`writeContainersParquet` (row groups of 65,536, Snappy)', run: () => writeContainersParquet(pq, many()) },
      ],
      quick ? 1 : 3,
    );
    log(speedTable(tPq));
    const pqMiB = statSync(pq).size / 2 ** 20;
    const pqMem = JSON.parse(execFileSync(process.execPath, [...process.execArgv, '--expose-gc', fileURLToPath(import.meta.url), '--parquet-child', pq, String(nRows)], { encoding: 'utf8' })) as { mib: number[] };
    log(`  heap + external after GC every 100,000 rows (MiB): ${pqMem.mib.map(f1).join(', ')}`);

    const loadEnd = loadavg()[0] as number;
    const at12k = plans[plans.length - 1] as PlanMemory;
    out.push(
      `Parsers (parts 1–2) from ${from}. Machine: ${machine()}; 1-minute load average ${loadStart.toFixed(1)} at the start and ${loadEnd.toFixed(1)} at the end (other helpers' jobs share the 2 cores), so absolute rates are well below an idle machine's: quote the ratios.`,
      '',
      `### Google 2011 \`task_events\` (${rows11.toLocaleString('en-US')} rows: a generated trace, 2,000 machines, tiled ${copies}×)`,
      '',
      speedTable(t11),
      '',
      `### Google 2019 \`instance_events\` (${(g19.rows['instance_events'] ?? 0).toLocaleString('en-US')} JSON lines with BigQuery-style strings, alloc sets, exponents)`,
      '',
      speedTable(t19),
      '',
      `### Memory of read → plan at 12,500 machines (Google 2011, first-fit scenario not run)`,
      '',
      table(
        ['tasks (rows; jobs)', 'plan: bytes per task retained', 'replayScenario arrays: bytes per task', 'peak RSS (MiB)', 'read + plan (s)'],
        plans.map((p) => [`${p.tasks.toLocaleString('en-US')} (${p.rows.toLocaleString('en-US')}; ${p.jobs.toLocaleString('en-US')})`, f1(p.planBytesPerTask), f1(p.scenarioBytesPerTask), f1(p.peakRssMiB), f1(p.seconds)]),
      ),
      '',
      `At ${at12k.tasks.toLocaleString('en-US')} tasks the plan keeps ${f1(at12k.planBytesPerTask)} bytes per task: 61 in its typed-array columns (sorted by a radix sort), the rest in the dictionary, mostly job keys (the generator makes jobs of ~3 tasks; the real 2011 trace has ~37 tasks per job, so its dictionary costs less per task). The scenario's per-shape arrays (\`times\`, \`durations\`: JavaScript number arrays, as the scenario schema has them) add ${f1(at12k.scenarioBytesPerTask)}.`,
      '',
      `### Parquet output (${nRows.toLocaleString('en-US')} per-container records, ${pqMiB.toFixed(1)} MiB file)`,
      '',
      speedTable(tPq),
      '',
      `Memory while writing (heap + external after a full GC, every 100,000 rows, MiB): ${pqMem.mib.map(f1).join(', ')}: flat, one row group buffered.`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const text = out.join('\n');
  if (!process.argv.includes('--quick')) {
    mkdirSync(join(here, 'results'), { recursive: true });
    writeFileSync(join(here, 'results', 'traces.md'), `# Trace readers benchmark\n\n${text}\n`);
  }
  console.log(`\n${text}`);
  return text;
}

/** Child process (--expose-gc): writes `n` records and samples memory after GC every 100,000. */
async function parquetChild(file: string, n: number): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc as () => void;
  const mib: number[] = [];
  const row: ContainerRow = { id: 1, name: 'trace-1-1', workload: 'trace-1', host: 'm1', state: 'completed', submitted: 1, placed: 1.01, finished: 302.5, wait: 0.01 };
  await writeContainersParquet(file, (function* () {
    for (let i = 0; i < n; i++) {
      if (i % 100_000 === 0) {
        gc();
        const u = process.memoryUsage();
        mib.push((u.heapUsed + u.external) / 2 ** 20);
      }
      yield { ...row, id: i };
    }
  })());
  process.stdout.write(JSON.stringify({ mib }));
}

const argv = process.argv;
if (argv.includes('--parquet-child')) await parquetChild(argv[argv.indexOf('--parquet-child') + 1] as string, Number(argv[argv.indexOf('--parquet-child') + 2]));
else if (argv.includes('--plan-child')) await planChild(argv[argv.indexOf('--plan-child') + 1] as string, argv[argv.indexOf('--plan-child') + 2] as string);
else if (import.meta.url === pathToFileURL(argv[1] ?? '').href) await main();
