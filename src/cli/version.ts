/**
 * podsim's version, as `podsim --version` prints it. A test keeps it equal to package.json's.
 *
 * @example
 * ```ts
 * console.log(VERSION); // '0.1.0'
 * ```
 */
export const VERSION = '0.1.0';
