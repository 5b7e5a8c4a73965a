import { Worker } from 'node:worker_threads';

// Node options that load a TypeScript transpiler: a flag that takes a module, and the packages that
// are such loaders. A flag's value may follow as the next argument or after `=`.
const MODULE_FLAGS = new Set(['--require', '-r', '--import', '--loader', '--experimental-loader']);
const LOADER = /(^|[\\/@])(tsx|ts-node|@swc-node|@esbuild-kit|esbuild-register)([\\/@.]|$)/;

/**
 * The Node options a worker thread starts with: the parent's own (`process.execArgv`: inspector,
 * conditions, source maps), without those Node refuses in a worker, and without the TypeScript
 * loaders when the worker runs compiled JavaScript.
 *
 * Node parses a worker's `execArgv` with its per-isolate and per-environment options only: a
 * per-process option (`--title`, `--v8-pool-size`, `--zero-fill-buffers`, …) or a V8 option
 * (`--expose-gc`, `--max-old-space-size`, `--stack-size`, `--trace-gc`, …) makes `new Worker` throw
 * `ERR_WORKER_INVALID_EXEC_ARGV` (Node 20: `src/node_worker.cc`, `Worker::New`, which parses them with
 * the per-isolate parser and reports the options it does not know). Which options those are depends
 * on the Node version, so each distinct option is tried once per process on a worker that is ended at
 * once (about 3 ms; {@link acceptedByWorkers}). Nothing is lost: V8's flags hold for the whole
 * process, workers included (a worker of `node --expose-gc` has `gc`); a worker's heap limits go in
 * its `resourceLimits`.
 *
 * A parent started through tsx or ts-node passes its loader on to every thread it starts, and a
 * thread under such a loader runs podsim's compiled code at about half its speed (measured: 2.4×
 * the CPU time per run of a short simulation, 2026-12-07), for nothing: the worker module and
 * everything it imports are already JavaScript. When the worker module is TypeScript (podsim's own
 * tests and benchmarks, run from the source), the loader stays.
 *
 * @internal
 * @param parent - The parent's options, `process.execArgv`.
 * @param workerIsTypeScript - Whether the worker module is a `.ts` file.
 * @example
 * ```ts
 * workerExecArgv(['--import', 'file:///p/node_modules/tsx/dist/loader.mjs', '--expose-gc', '--enable-source-maps'], false);
 * // ['--enable-source-maps']
 * ```
 */
export function workerExecArgv(parent: readonly string[], workerIsTypeScript: boolean): string[] {
  if (workerIsTypeScript) return acceptedByWorkers(parent);
  const out: string[] = [];
  for (let i = 0; i < parent.length; i++) {
    const a = parent[i] as string;
    const eq = a.indexOf('=');
    const flag = eq > 0 ? a.slice(0, eq) : a;
    if (MODULE_FLAGS.has(flag)) {
      const value = eq > 0 ? a.slice(eq + 1) : parent[i + 1];
      if (value !== undefined && LOADER.test(value)) {
        if (eq < 0) i++;
        continue;
      }
    }
    out.push(a);
  }
  return acceptedByWorkers(out);
}

/** Whether a worker accepts an option (with its values), by Node's own rule; tried once per process. */
const accepted = new Map<string, boolean>();

/**
 * The options of `argv` that Node accepts in a worker thread's `execArgv`, in order. An option is an
 * argument starting with `-` and the arguments after it that do not (its values, `--conditions dev`).
 * Each distinct option is tried on its own: a worker is built with it (Node checks the options in
 * the constructor) and ended at once; the answer is kept for the process.
 *
 * @internal
 * @param argv - Node options, as `process.execArgv`.
 * @example
 * ```ts
 * acceptedByWorkers(['--expose-gc', '--conditions', 'development', '--max-old-space-size=8192']);
 * // ['--conditions', 'development']
 * ```
 */
export function acceptedByWorkers(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; ) {
    let j = i + 1;
    while (j < argv.length && !(argv[j] as string).startsWith('-')) j++;
    const option = argv.slice(i, j);
    const key = option.join('\0');
    let ok = accepted.get(key);
    if (ok === undefined) {
      ok = tryInWorker(option);
      accepted.set(key, ok);
    }
    if (ok) out.push(...option);
    i = j;
  }
  return out;
}

function tryInWorker(option: string[]): boolean {
  // Modules to load and the inspector are worker options (per environment): not tried, so that a
  // module is not run nor a port opened for nothing.
  const flag = (option[0] as string).split('=')[0] as string;
  if (MODULE_FLAGS.has(flag) || flag.startsWith('--inspect')) return true;
  try {
    const w = new Worker('', { eval: true, execArgv: option, stdout: true, stderr: true });
    w.on('error', () => undefined);
    w.unref();
    void w.terminate();
    return true;
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_WORKER_INVALID_EXEC_ARGV') return false;
    throw e;
  }
}
