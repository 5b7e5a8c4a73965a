import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Piscina } from 'piscina';
import type { Scenario } from '../scenario/schema.js';
import type { ExperimentRunner } from './runner.js';
import type { RunOutcome } from './run-task.js';

/**
 * The file this function is compiled into, from V8's structured call sites: the same code then
 * finds itself in the ESM build, the CommonJS build and the TypeScript source (under tsx or a
 * test runner), where `import.meta.url` and `__filename` each exist in only some of them.
 * Source maps do not apply to structured call sites, so this is the file actually running.
 */
function thisFile(): string {
  const previous = Error.prepareStackTrace;
  try {
    Error.prepareStackTrace = (_e, sites) => sites;
    const sites = new Error().stack as unknown as NodeJS.CallSite[];
    const name = sites[0]?.getFileName();
    if (name === undefined || name === null) throw new Error('podsim: cannot locate the experiments module to start worker threads; use workers: 1');
    return name.startsWith('file:') ? fileURLToPath(name) : name;
  } finally {
    Error.prepareStackTrace = previous;
  }
}

/**
 * Where the worker module is, and the Node flags a worker needs to load it: from the TypeScript
 * source (tests, tsx), workers need tsx's loader, which they inherit when this process has it.
 * @internal
 */
export function workerModule(): { filename: string; execArgv: string[] } {
  const here = thisFile();
  const ts = here.endsWith('.ts');
  const filename = join(dirname(here), ts ? 'run-worker.ts' : 'run-worker.js');
  const execArgv = [...process.execArgv];
  if (ts && !execArgv.some((a) => a.includes('tsx'))) {
    let loader: string;
    try {
      loader = pathToFileURL(createRequire(here).resolve('tsx')).href;
    } catch {
      throw new Error('podsim: worker threads need tsx to load the TypeScript source (npm install -D tsx), or use workers: 1');
    }
    execArgv.push('--import', loader);
  }
  return { filename, execArgv };
}

/**
 * A runner that spreads tasks over `workers` worker threads through a piscina pool. Tasks go in
 * small batches (a few per worker, at least one) so that short runs cost little in messaging and
 * long ones still balance. The scenario reaches each worker once; only the requested metrics come
 * back, unless the settings ask for whole results.
 *
 * @param scenario - The sweep's base scenario.
 * @param workers - Threads, ≥ 1.
 * @example
 * ```ts
 * const runner = poolRunner(scenario, 2);
 * try { await runner.run(settings, tasks, onOutcome); } finally { await runner.close(); }
 * ```
 */
export function poolRunner(scenario: Scenario, workers: number): ExperimentRunner {
  const { filename, execArgv } = workerModule();
  // piscina is loaded on first use, so that importing podsim costs nothing for it; the threads start
  // now, while the caller prepares its first tasks.
  const pool: Promise<Piscina> = import('piscina').then((m) => new m.Piscina({ filename, execArgv, workerData: { scenario }, minThreads: workers, maxThreads: workers, idleTimeout: 60_000, concurrentTasksPerWorker: 1 }));
  pool.catch(() => undefined);
  return {
    async run(settings, tasks, onOutcome) {
      // About eight batches per worker, of at most 64 tasks.
      const size = Math.max(1, Math.min(64, Math.floor(tasks.length / (workers * 8))));
      const p = await pool;
      const batches: Promise<void>[] = [];
      for (let i = 0; i < tasks.length; i += size) {
        const batch = tasks.slice(i, i + size);
        batches.push((p.run({ settings, tasks: batch }) as Promise<RunOutcome[]>).then((outcomes) => { for (const o of outcomes) onOutcome(o); }));
      }
      await Promise.all(batches);
    },
    async close() {
      await (await pool).destroy();
    },
  };
}
