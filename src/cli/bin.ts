#!/usr/bin/env node
// The `podsim` executable: runs the CLI with the process's own streams and sets the exit code.
import { main } from './main.js';
import { processIo } from './cli-io.js';

main(process.argv.slice(2), processIo()).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    process.stderr.write(`podsim: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
