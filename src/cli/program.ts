import { Command } from 'commander';
import type { CommandContext } from './command-context.js';
import { registerExplain } from './commands/explain-command.js';
import { registerMerge } from './commands/merge-command.js';
import { registerPack } from './commands/pack-command.js';
import { registerPlan } from './commands/plan-command.js';
import { registerReplay } from './commands/replay-command.js';
import { registerRun } from './commands/run-command.js';
import { registerStats } from './commands/stats-command.js';
import { registerSweep } from './commands/sweep-command.js';
import { registerValidate } from './commands/validate-command.js';
import { registerWorker } from './commands/worker-command.js';
import { VERSION } from './version.js';

/**
 * Turns commander's multi-line error text into one line.
 * @internal
 * @example
 * ```ts
 * oneLine("error: unknown option '--sed'\n(Did you mean --seed?)"); // "unknown option '--sed' (Did you mean --seed?)"
 * ```
 */
export function oneLine(text: string): string {
  return text.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * Builds the `podsim` command tree. Commander never exits the process: it throws, and
 * {@link main} turns what it throws into an exit code.
 *
 * @example
 * ```ts
 * await createProgram(ctx).parseAsync(['run', 'scenario.yaml'], { from: 'user' });
 * ```
 */
export function createProgram(ctx: CommandContext): Command {
  const { io } = ctx;
  const program = new Command('podsim');
  program
    .description('Simulate how containers are placed onto hosts and how they perform there.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => { io.stdout.write(s); },
      writeErr: (s) => { io.stderr.write(s); },
      outputError: (s, write) => { write(`podsim${ctx.command === '' ? '' : ` ${ctx.command}`}: ${oneLine(s)} (see podsim ${ctx.command === '' ? '' : `${ctx.command} `}--help)\n`); },
      getOutHelpWidth: () => io.stdout.columns ?? 80,
      getErrHelpWidth: () => io.stderr.columns ?? 80,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .addHelpText('after', `
Examples:
  $ podsim run scenario.yaml --report report.html
  $ podsim validate scenario.yaml deploy/
  $ podsim explain scenario.yaml --container web-0
  $ podsim pack scenario.yaml --list
  $ podsim stats scenario.yaml --at 10m
  $ podsim sweep scenario.yaml --vary 'hosts[0].count=8,10,12' --reps 10
  $ podsim plan scenario.yaml --vary 'hosts[0].count' --range 1..200 --slo 'wait.p99<=1'
  $ podsim worker --queue redis://redis:6379/0
  $ podsim merge shards/ --out sweep/
  $ podsim replay clusterdata-2011-2/ --format google2011 --window 600..86400 --out out/

Exit codes: 0 success, 2 bad input (one line on stderr names the file and path), 1 internal error.
Run \`podsim <command> --help\` for a command's options.`);
  // Commander reports errors before any action runs, so name the command for its messages here.
  program.hook('preSubcommand', (_p, sub) => { ctx.command = sub.name(); });
  registerRun(program, ctx);
  registerValidate(program, ctx);
  registerExplain(program, ctx);
  registerPack(program, ctx);
  registerStats(program, ctx);
  registerSweep(program, ctx);
  registerPlan(program, ctx);
  registerWorker(program, ctx);
  registerMerge(program, ctx);
  registerReplay(program, ctx);
  return program;
}
