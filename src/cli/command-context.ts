import type { CliIo } from './cli-io.js';

/**
 * What every command's action gets: the injected world, and the resolved working directory.
 *
 * @example
 * ```ts
 * const ctx: CommandContext = { io, cwd: '/tmp', command: 'run', exitCode: 0 };
 * ```
 */
export interface CommandContext {
  /** Streams, environment and clock. */
  readonly io: CliIo;
  /** Where relative paths start. */
  readonly cwd: string;
  /** The command running, for messages (`podsim run: …`); set by the command's action. */
  command: string;
  /** The exit code when the action returns normally (`podsim validate` sets 2 when it finds problems). */
  exitCode: number;
}
