import { CommanderError } from 'commander';
import { resolve } from 'node:path';
import { PodsimError, formatIssue } from '../errors.js';
import { processIo, type CliIo } from './cli-io.js';
import type { CommandContext } from './command-context.js';
import { createProgram } from './program.js';
import { UsageError } from './usage-error.js';

/**
 * Runs the `podsim` command line and returns its exit code, without exiting the process: 0 for
 * success, 2 for bad input (one line on stderr naming the file, path or flag, and no stack
 * trace), 1 for an internal error. Everything is written to `io`, so tests can run it in-process.
 *
 * @param argv - The arguments after the program name: `['run', 'scenario.yaml', '--out', 'out']`.
 * @param io - Streams, working directory, environment and clock. @defaultValue the process's own
 * @example
 * ```ts
 * // what bin.ts does:
 * process.exitCode = await main(process.argv.slice(2), processIo());
 * ```
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const ctx: CommandContext = { io, cwd: resolve(io.cwd ?? process.cwd()), command: '', exitCode: 0 };
  const prefix = () => `podsim${ctx.command === '' ? '' : ` ${ctx.command}`}: `;
  try {
    const program = createProgram(ctx);
    if (argv.length === 0) {
      io.stderr.write(program.helpInformation());
      return 2;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof UsageError) {
      io.stderr.write(`${prefix()}${e.message}\n`);
      return 2;
    }
    if (e instanceof PodsimError) {
      const [first, ...rest] = e.issues;
      const fromFiles = e.issues.some((i) => i.file !== undefined);
      const more = rest.length === 0 ? '' : ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'}${fromFiles ? ': podsim validate lists them all' : ''})`;
      io.stderr.write(`${prefix()}${first === undefined ? e.message.split('\n')[0] : formatIssue(first)}${more}\n`);
      return 2;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    const debug = (io.env ?? process.env).PODSIM_DEBUG;
    io.stderr.write(`${prefix()}internal error: ${err.message}${debug ? `\n${err.stack ?? ''}` : ' (set PODSIM_DEBUG=1 for the stack trace, and please report it)'}\n`);
    return 1;
  }
}
