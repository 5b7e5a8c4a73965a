export { main } from './main.js';
export { processIo } from './cli-io.js';
export type { CliIo, CliOutput } from './cli-io.js';
export { UsageError } from './usage-error.js';
export { VERSION } from './version.js';
