/**
 * The `podsim` command line as a function: `main(argv, io)` runs one command and returns its exit
 * code, writing only to the streams it is given and never exiting the process, so that scripts and
 * tests can run it in-process.
 *
 * @example
 * ```ts
 * import { main } from 'podsim/cli';
 * let out = '';
 * const code = await main(['--version'], { stdout: { write: (s: string) => (out += s) }, stderr: process.stderr });
 * console.log(code, out.trim()); // 0 and the version
 * ```
 * @packageDocumentation
 * @module podsim/cli
 */
export { main } from './main.js';
export { processIo } from './cli-io.js';
export type { CliIo, CliOutput } from './cli-io.js';
export { UsageError } from './usage-error.js';
export { VERSION } from './version.js';
