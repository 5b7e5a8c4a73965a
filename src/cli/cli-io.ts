/**
 * Where the CLI writes: anything with `write(text)`, such as `process.stdout`. `isTTY` and
 * `columns` are read when present (the progress bar only draws on a TTY).
 *
 * @example
 * ```ts
 * let text = '';
 * const out: CliOutput = { write: (s: string) => { text += s; return true; } };
 * ```
 */
export interface CliOutput {
  /** Writes text. */
  write(text: string): unknown;
  /** Whether this is a terminal. @defaultValue false */
  readonly isTTY?: boolean;
  /** The terminal's width in characters. @defaultValue 80 */
  readonly columns?: number;
}

/**
 * The world {@link main} runs in, injected so that tests can run the CLI in-process.
 *
 * @example
 * ```ts
 * const io: CliIo = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };
 * const code = await main(['run', 'scenario.yaml'], io);
 * ```
 */
export interface CliIo {
  /** Standard output: tables, summaries, JSON. */
  readonly stdout: CliOutput;
  /** Standard error: problems, warnings and the progress bar. */
  readonly stderr: CliOutput;
  /**
   * The directory relative paths are read from and written to.
   * @defaultValue `process.cwd()`
   */
  readonly cwd?: string;
  /**
   * Environment variables (`PODSIM_DEBUG=1` prints stack traces of internal errors).
   * @defaultValue `process.env`
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * A monotonic clock in milliseconds, for the progress bar's one-second delay.
   * @defaultValue `performance.now`
   */
  readonly clock?: () => number;
}

/**
 * The process's own streams, directory and environment.
 *
 * @example
 * ```ts
 * process.exitCode = await main(process.argv.slice(2), processIo());
 * ```
 */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env, clock: () => performance.now() };
}
