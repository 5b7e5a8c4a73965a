import type { Command } from 'commander';
import { formatIssue } from '../../errors.js';
import type { CommandContext } from '../command-context.js';
import { addInputOptions, loadOptionsOf, type InputFlags } from '../input-flags.js';
import { validateInput } from '../load-input.js';

/**
 * Adds `podsim validate` to the program.
 * @internal
 * @example
 * ```ts
 * registerValidate(program, ctx);
 * ```
 */
export function registerValidate(program: Command, ctx: CommandContext): void {
  const command = program
    .command('validate')
    .description('Check scenario files and manifests and list every problem, one per line (file:line: path: message).')
    .argument('<files...>', 'scenario files, Kubernetes manifests, Compose files, or folders of them')
    .option('-q, --quiet', 'print nothing when the files are valid');
  addInputOptions(command)
    .addHelpText('after', `
Exit code 0 when the files are valid, 2 when any problem is found.

Examples:
  $ podsim validate scenario.yaml
  $ podsim validate cluster.yaml deploy/
  deploy/web.yaml:14: workloads[0].request.memory: "400m" is not a valid memory quantity: it is 0.4 bytes; bytes must be whole; did you mean "400Mi"?`)
    .action((files: string[], flags: { quiet?: boolean } & InputFlags) => {
      ctx.command = 'validate';
      const { io } = ctx;
      const r = validateInput(files, ctx.cwd, loadOptionsOf(flags));
      for (const w of r.warnings) io.stderr.write(`warning: ${formatIssue(w)}\n`);
      for (const i of r.issues) io.stdout.write(`${formatIssue(i)}\n`);
      if (r.issues.length > 0) {
        io.stderr.write(`${r.issues.length} problem${r.issues.length === 1 ? '' : 's'} found\n`);
        ctx.exitCode = 2;
      } else if (!flags.quiet) {
        io.stdout.write(`ok: ${files.join(', ')}${r.warnings.length > 0 ? ` (${r.warnings.length} warning${r.warnings.length === 1 ? '' : 's'})` : ''}\n`);
      }
    });
}
