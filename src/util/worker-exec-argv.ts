// Node options that load a TypeScript transpiler: a flag that takes a module, and the packages that
// are such loaders. A flag's value may follow as the next argument or after `=`.
const MODULE_FLAGS = new Set(['--require', '-r', '--import', '--loader', '--experimental-loader']);
const LOADER = /(^|[\\/@])(tsx|ts-node|@swc-node|@esbuild-kit|esbuild-register)([\\/@.]|$)/;

/**
 * The Node options a worker thread starts with: the parent's own (`process.execArgv`: heap limits,
 * inspector, conditions), without the TypeScript loaders when the worker runs compiled JavaScript.
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
 * workerExecArgv(['--import', 'file:///p/node_modules/tsx/dist/loader.mjs', '--max-old-space-size=8192'], false);
 * // ['--max-old-space-size=8192']
 * ```
 */
export function workerExecArgv(parent: readonly string[], workerIsTypeScript: boolean): string[] {
  if (workerIsTypeScript) return [...parent];
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
  return out;
}
