import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Piscina } from 'piscina';
import type { Scenario } from '../scenario/schema.js';
import type { ExperimentRunner } from './runner.js';
import type { RunOutcome, RunSettings, RunTask } from './run-task.js';
import { callerFile } from '../util/caller-file.js';
import { workerExecArgv } from '../util/worker-exec-argv.js';

/**
 * Where the worker module is, and the Node flags a worker needs to load it: from the TypeScript
 * source (tests, tsx), workers need tsx's loader, which they inherit when this process has it;
 * from the built package they need none, and a parent's TypeScript loader is left out
 * ({@link workerExecArgv}).
 * @internal
 */
export function workerModule(): { filename: string; execArgv: string[] } {
  const here = callerFile();
  if (here === undefined) throw new Error('podsim: cannot locate the experiments module to start worker threads; use workers: 1');
  const ts = here.endsWith('.ts');
  const filename = join(dirname(here), ts ? 'run-worker.ts' : 'run-worker.js');
  const execArgv = workerExecArgv(process.execArgv, ts);
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
 * A pool of worker threads that runs the tasks of any number of sweeps, each under its own key: a
 * thread receives a sweep's scenario the first time it runs one of its tasks (it asks for it) and
 * keeps the last few, so a scenario crosses to each thread once, not with every task. This is the
 * pool behind {@link poolRunner} and behind `podsim worker`, which serves whatever sweeps a queue
 * holds with one set of threads.
 * @internal
 * @example
 * ```ts
 * const pool = new ThreadPool(2);
 * const runner = pool.runner('3f9c…', scenario);
 * await runner.run(settings, tasks, onOutcome);
 * await pool.destroy();
 * ```
 */
export class ThreadPool {
  private readonly pool: Promise<Piscina>;

  /**
   * @param workers - Threads, ≥ 1.
   * @param preload - A sweep every thread starts with, so that its first tasks need no second trip.
   */
  constructor(readonly workers: number, preload?: { readonly key: string; readonly scenario: Scenario }) {
    const { filename, execArgv } = workerModule();
    // piscina is loaded on first use, so that importing podsim costs nothing for it; the threads start
    // now, while the caller prepares its first tasks.
    this.pool = import('piscina').then((m) => new m.Piscina({ filename, execArgv, workerData: { preload }, minThreads: workers, maxThreads: workers, idleTimeout: 60_000, concurrentTasksPerWorker: 1 }));
    this.pool.catch(() => undefined);
  }

  /**
   * Runs a batch of one sweep's tasks on some thread; aborting `signal` stops the batch (piscina ends
   * the thread running it and starts another). `onStart` is called when a thread begins the batch,
   * not when it is queued (a time-out counts from there).
   */
  async runBatch(key: string, scenario: Scenario, settings: RunSettings, tasks: readonly RunTask[], signal?: AbortSignal, onStart?: () => void): Promise<RunOutcome[]> {
    const p = await this.pool;
    const options = signal === undefined ? {} : { signal };
    // The thread raises this flag as it starts; a shared buffer, so that it is seen at once. The
    // notice comes as a task of its own, which may run after the batch's reply: onStart is then
    // not called (a time-out it would start would outlive the batch).
    const started = onStart === undefined ? undefined : new Int32Array(new SharedArrayBuffer(4));
    let settled = false;
    if (started !== undefined) {
      const w = (Atomics as unknown as AtomicsWaitAsync).waitAsync(started, 0, 0);
      if (w.async) void w.value.then(() => { if (!settled) onStart?.(); });
      else onStart?.();
    }
    try {
      const first = (await p.run({ key, settings, tasks, started }, options)) as BatchReply;
      if (Array.isArray(first)) return first;
      // This thread had not seen the sweep: send its scenario once.
      const second = (await p.run({ key, scenario, settings, tasks, started }, options)) as BatchReply;
      if (!Array.isArray(second)) throw new Error(`podsim: a worker thread lost the scenario of ${key}`);
      return second;
    } finally {
      settled = true;
    }
  }

  /**
   * A runner for one sweep on this pool. Tasks go in small batches (a few per thread, at least one)
   * so that short runs cost little in messaging and long ones still balance. Only the requested
   * metrics come back, unless the settings ask for whole results. Closing it leaves the pool running.
   */
  runner(key: string, scenario: Scenario): ExperimentRunner {
    return {
      run: async (settings, tasks, onOutcome, options) => {
        // About eight batches per thread, of at most 64 tasks.
        const size = Math.max(1, Math.min(64, Math.floor(tasks.length / (this.workers * 8))));
        const batches: Promise<void>[] = [];
        for (let i = 0; i < tasks.length; i += size) {
          batches.push(this.runBatch(key, scenario, settings, tasks.slice(i, i + size), options?.signal).then((outcomes) => { for (const o of outcomes) onOutcome(o); }));
        }
        await Promise.all(batches);
      },
      close: async () => undefined,
    };
  }

  /** Stops the threads. */
  async destroy(): Promise<void> {
    await (await this.pool).destroy();
  }
}

type BatchReply = RunOutcome[] | { readonly missing: string };

/** `Atomics.waitAsync` (Node 16+), which TypeScript's ES2022 library does not declare. */
interface AtomicsWaitAsync {
  waitAsync(array: Int32Array, index: number, value: number): { async: false; value: string } | { async: true; value: Promise<string> };
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
  const pool = new ThreadPool(workers, { key: 'sweep', scenario });
  const runner = pool.runner('sweep', scenario);
  return { run: runner.run, close: () => pool.destroy() };
}
