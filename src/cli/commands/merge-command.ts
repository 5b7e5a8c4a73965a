import type { Command } from 'commander';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseExactJson } from '../../experiments/exact-json.js';
import { mergeShards, type ShardSource } from '../../experiments/shard-merge.js';
import type { ShardOutput } from '../../experiments/shard-run.js';
import type { CommandContext } from '../command-context.js';
import { UsageError } from '../usage-error.js';
import type { ExperimentFlags } from './experiment-flags.js';
import { printSweep } from './sweep-command.js';

const SHARD_FILE = /^shard-\d+-of-\d+\.json$/;

/**
 * Adds `podsim merge` to the program.
 * @internal
 * @example
 * ```ts
 * registerMerge(program, ctx);
 * ```
 */
export function registerMerge(program: Command, ctx: CommandContext): void {
  program
    .command('merge')
    .description('Combine the shard outputs of a sweep (podsim sweep --shard i/N --out DIR) into the result one run gives.')
    .argument('<paths...>', 'shard-<i>-of-<N>.json files, or folders holding them')
    .option('-o, --out <dir>', 'write points.csv and points.json into DIR')
    .option('-r, --report <file>', 'write a self-contained HTML report with charts')
    .option('--json', 'print the result as JSON instead of the table')
    .addHelpText('after', `
Every shard 0 … N-1 of one sweep must be there exactly once; missing or duplicated shards are
listed and the exit code is 2. The points are the same bytes a single podsim sweep writes.

Examples:
  $ podsim merge shards/
  $ podsim merge results/shard-*.json --out sweep/ --report sweep.html`)
    .action(async (paths: string[], flags: ExperimentFlags) => {
      ctx.command = 'merge';
      await mergeCommand(ctx, paths, flags);
    });
}

/** The shard files named: files as given, folders by their shard-<i>-of-<N>.json files. */
function shardFiles(cwd: string, paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let dir: boolean;
    try {
      dir = statSync(abs).isDirectory();
    } catch {
      throw new UsageError(`${p}: no such file or folder`);
    }
    if (!dir) {
      files.push(abs);
      continue;
    }
    const found = readdirSync(abs).filter((f) => SHARD_FILE.test(f)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    if (found.length === 0) throw new UsageError(`${p}: holds no shard-<i>-of-<N>.json files (podsim sweep --shard i/N --out ${p} writes them)`);
    files.push(...found.map((f) => join(abs, f)));
  }
  return files;
}

async function mergeCommand(ctx: CommandContext, paths: string[], flags: ExperimentFlags): Promise<void> {
  const shards: ShardSource[] = shardFiles(ctx.cwd, paths).map((file) => {
    const source = relative(ctx.cwd, file) || file;
    let output: unknown;
    try {
      output = parseExactJson(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new UsageError(`${source}: not a shard output (${e instanceof Error ? e.message : String(e)})`);
    }
    return { source, output: output as ShardOutput };
  });
  const ex = await mergeShards(shards);
  const first = (shards[0] as ShardSource).output;
  await printSweep(ctx, ex, first.sources ?? [], flags, `podsim merge: ${shards.length} shards of sweep ${ex.hash.slice(0, 12)}${first.sources !== undefined ? ` (${first.sources.join(', ')})` : ''}`);
}
