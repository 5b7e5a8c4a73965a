/**
 * A mistake in how the CLI was called or in what it was given (a missing file, a value out of
 * range): the CLI prints its one-line message, without a stack trace, and exits with code 2.
 *
 * @example
 * ```ts
 * throw new UsageError('--at 9000: outside the simulated time 0 … 3600 s');
 * ```
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
