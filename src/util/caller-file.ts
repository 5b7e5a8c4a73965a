import { fileURLToPath } from 'node:url';

/**
 * The file of the function that calls this one, read from V8's structured call sites: the same
 * code then finds itself in the ESM build, the CommonJS build and the TypeScript source (under tsx
 * or a test runner), where `import.meta.url` and `__filename` each exist in only some of them.
 * Source maps do not apply to structured call sites, so this is the file actually running.
 *
 * @internal
 * @returns A path, or `undefined` when the stack does not say (stack traces turned off).
 * @example
 * ```ts
 * const here = callerFile(); // '/…/node_modules/podsim/dist/esm/experiments/pool-runner.js'
 * ```
 */
export function callerFile(): string | undefined {
  const previous = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  try {
    Error.prepareStackTrace = (_e, sites) => sites;
    Error.stackTraceLimit = 2;
    const sites = new Error().stack as unknown as NodeJS.CallSite[] | undefined;
    const name = sites?.[1]?.getFileName();
    if (name === undefined || name === null) return undefined;
    return name.startsWith('file:') ? fileURLToPath(name) : name;
  } finally {
    Error.prepareStackTrace = previous;
    Error.stackTraceLimit = limit;
  }
}
