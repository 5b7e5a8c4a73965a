import { isAbsolute, relative, resolve } from 'node:path';
import { PodsimError, type Issue } from '../errors.js';
import { loadScenario, validateFiles } from '../inputs/load-scenario.js';
import type { LoadOptions } from '../inputs/types.js';
import type { Scenario } from '../scenario/schema.js';

/**
 * What the CLI loaded: the merged scenario, the warnings, and the files read (named as the user
 * typed them, relative to the working directory).
 *
 * @example
 * ```ts
 * const { scenario, sources } = loadInput(['scenario.yaml'], process.cwd());
 * ```
 */
export interface LoadedInput {
  readonly scenario: Scenario;
  readonly warnings: readonly Issue[];
  readonly sources: readonly string[];
}

/** Shows a path the way the user would type it from `cwd`. */
function display(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function relativeIssues(cwd: string, issues: readonly Issue[]): Issue[] {
  return issues.map((i) => (i.file === undefined ? i : { ...i, file: display(cwd, i.file) }));
}

/** The CLI's "no hosts": the files read and the flag that adds hosts. */
function noHostsForCli(paths: readonly string[], issue: Issue): Issue {
  const { file: _file, line: _line, ...rest } = issue;
  return { ...rest, message: `no hosts in ${paths.join(', ')}: ${paths.length === 1 ? 'it holds' : 'they hold'} no Node objects and no scenario file with hosts; add hosts with --hosts NAME=COUNTxCPU/MEMORY, such as --hosts node=3x4/16Gi (repeatable)` };
}

/**
 * Loads scenario files, manifests and Compose files (or folders of them) relative to `cwd`, with
 * {@link loadScenario}; its errors keep their file, line and path, with file names relative to `cwd`.
 *
 * @throws PodsimError listing every problem.
 * @example
 * ```ts
 * const { scenario } = loadInput(['cluster.yaml', 'deploy/'], ctx.cwd);
 * ```
 */
export function loadInput(paths: readonly string[], cwd: string, options: LoadOptions = {}): LoadedInput {
  try {
    const r = loadScenario(paths.map((p) => resolve(cwd, p)), options);
    return { scenario: r.scenario, warnings: relativeIssues(cwd, r.warnings), sources: r.sources.map((s) => display(cwd, s)) };
  } catch (e) {
    if (e instanceof PodsimError) throw new PodsimError(relativeIssues(cwd, e.issues).map((i) => (i.code === 'no_hosts' ? noHostsForCli(paths, i) : i)), 'could not load the scenario');
    throw e;
  }
}

/**
 * Checks files as {@link loadInput} would read them and returns every issue and warning, file names
 * relative to `cwd`.
 *
 * @example
 * ```ts
 * const r = validateInput(['scenario.yaml'], ctx.cwd);
 * if (!r.ok) r.issues.forEach((i) => console.log(formatIssue(i)));
 * ```
 */
export function validateInput(paths: readonly string[], cwd: string, options: LoadOptions = {}): { ok: boolean; issues: readonly Issue[]; warnings: readonly Issue[] } {
  const r = validateFiles(paths.map((p) => resolve(cwd, p)), options);
  return { ok: r.ok, issues: relativeIssues(cwd, r.issues).map((i) => (i.code === 'no_hosts' ? noHostsForCli(paths, i) : i)), warnings: relativeIssues(cwd, r.warnings) };
}
