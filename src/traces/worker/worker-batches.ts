import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PodsimError } from '../../errors.js';
import { callerFile } from '../../util/caller-file.js';
import { workerExecArgv } from '../../util/worker-exec-argv.js';
import type { TraceDictionary } from '../trace-dictionary.js';
import type { TraceReport } from '../trace-report.js';
import { DeltaReader } from './dictionary-delta.js';
import type { FromWorker, ToWorker, WorkerJob } from './worker-messages.js';

/**
 * How to start a parse worker here: its built `.js` file, or, when podsim runs from its TypeScript
 * sources (tests, tsx), its `.ts` file loaded through tsx's loader. undefined when neither works.
 * @internal
 * @example
 * ```ts
 * const entry = workerEntry();
 * if (entry !== undefined) new Worker(entry.code, { eval: entry.eval, workerData });
 * ```
 */
export function workerEntry(): { code: string; eval: boolean; execArgv?: string[] } | undefined {
  const here = callerFile();
  if (here === undefined) return undefined;
  const ext = extname(here);
  const file = join(dirname(here), `parse-worker${ext}`);
  if (!existsSync(file)) return undefined;
  // Compiled JavaScript needs no TypeScript loader, whatever the parent runs under.
  if (ext === '.js' || ext === '.cjs' || ext === '.mjs') return { code: file, eval: false, execArgv: workerExecArgv(process.execArgv, false) };
  try {
    const tsx = join(dirname(createRequire(here).resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs');
    const code = `import(${JSON.stringify(pathToFileURL(tsx).href)}).then((api) => { api.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); });`;
    return { code, eval: true };
  } catch {
    return undefined;
  }
}

/**
 * Reads one stream of a trace in a worker thread and yields its batches here, with their indices
 * translated into `dictionary`; `report` is kept up to date (rows as batches arrive, the whole
 * report at the end). The worker parses ahead of the consumer by a few batches, so reading overlaps
 * whatever the consumer does with them. Stopping early terminates the worker.
 * @internal
 * @example
 * ```ts
 * for await (const b of workerBatches(job, stream, remapTasks)) use(b);
 * ```
 */
export async function* workerBatches<B>(
  job: WorkerJob,
  into: { report: TraceReport; readonly dictionary: TraceDictionary },
  remap: (batch: B, map: DeltaReader) => void,
): AsyncGenerator<B, void, undefined> {
  const entry = workerEntry();
  if (entry === undefined) throw new PodsimError([{ code: 'worker_unavailable', path: 'worker', message: 'the parse worker cannot be started here (its file was not found); read without `worker`' }], 'cannot read the trace');
  const worker = new Worker(entry.code, { eval: entry.eval, workerData: job, ...(entry.execArgv === undefined ? {} : { execArgv: entry.execArgv }) });
  const queue: (FromWorker | { type: 'crash'; error: Error })[] = [];
  let wake: (() => void) | undefined;
  const push = (m: FromWorker | { type: 'crash'; error: Error }): void => {
    queue.push(m);
    wake?.();
  };
  worker.on('message', (m: FromWorker) => push(m));
  worker.on('error', (error: Error) => push({ type: 'crash', error }));
  worker.on('exit', (code) => push({ type: 'crash', error: new Error(`the parse worker stopped (exit code ${code})`) }));
  const map = new DeltaReader(into.dictionary);
  let done = false;
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      const m = queue.shift() as FromWorker | { type: 'crash'; error: Error };
      if (m.type === 'batch') {
        worker.postMessage({ type: 'ack' } satisfies ToWorker);
        map.apply(m.delta);
        const batch = m.batch as B;
        remap(batch, map);
        into.report.rows = m.rows;
        into.report.records += (batch as { length: number }).length;
        yield batch;
      } else if (m.type === 'end') {
        Object.assign(into.report, m.report);
        done = true;
        return;
      } else if (m.type === 'error') {
        if (m.report !== undefined) Object.assign(into.report, m.report);
        done = true;
        if (m.issues !== undefined) throw new PodsimError(m.issues, m.message.split(':\n')[0] ?? m.message);
        throw new Error(m.message);
      } else {
        done = true;
        throw m.error;
      }
    }
  } finally {
    if (!done) await worker.terminate();
    else worker.removeAllListeners();
  }
}
