/**
 * One problem found in a user's input: a machine-readable code, the path of the
 * offending value (`hosts[0].capacity.cpu`), and a sentence saying why.
 *
 * @example
 * ```ts
 * const issue: Issue = {
 *   code: 'invalid_quantity',
 *   path: 'hosts[0].capacity.cpu',
 *   message: '"-1" is not a valid CPU quantity: it is negative',
 * };
 * ```
 */
export interface Issue {
  /** A stable identifier for the kind of problem, such as `invalid_quantity` or `unknown_key`. */
  readonly code: string;
  /** Where the problem is, as a dotted path with indices: `workloads[2].request.memory`; `''` for the root. */
  readonly path: string;
  /** A sentence for people, naming the value and the reason. */
  readonly message: string;
  /** The file the value came from, when it was read from one. */
  readonly file?: string;
  /** The 1-based line in {@link Issue.file}, when known. */
  readonly line?: number;
}

/**
 * Formats one issue as a single line: `file:line: path: message`.
 *
 * @example
 * ```ts
 * formatIssue({ code: 'x', path: 'seed', message: 'must be an integer' });
 * // → 'seed: must be an integer'
 * ```
 */
export function formatIssue(issue: Issue): string {
  const where = issue.file === undefined ? '' : issue.line === undefined ? `${issue.file}: ` : `${issue.file}:${issue.line}: `;
  return issue.path === '' ? `${where}${issue.message}` : `${where}${issue.path}: ${issue.message}`;
}

/**
 * The error podsim throws for bad input. It carries every problem found, as data,
 * so that callers can show them all at once; its `message` lists them one per line.
 *
 * @example
 * ```ts
 * try {
 *   simulate(scenario);
 * } catch (e) {
 *   if (e instanceof PodsimError) for (const issue of e.issues) console.error(formatIssue(issue));
 * }
 * ```
 */
export class PodsimError extends Error {
  /** Every problem found, in the order they were found. */
  readonly issues: readonly Issue[];

  constructor(issues: readonly Issue[], context = 'invalid input') {
    super(`${context}:\n${issues.map((i) => `  - ${formatIssue(i)}`).join('\n')}`);
    this.name = 'PodsimError';
    this.issues = issues;
  }
}

/**
 * Joins a parent path and a child key or index the way podsim prints paths:
 * `join('hosts', 0)` is `hosts[0]`, `join('hosts[0]', 'capacity')` is `hosts[0].capacity`.
 *
 * @example
 * ```ts
 * joinPath(joinPath('hosts', 0), 'capacity'); // 'hosts[0].capacity'
 * ```
 */
export function joinPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (!/^[A-Za-z_$][\w$-]*$/.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/**
 * Turns a path given as a list of keys (as zod and YAML parsers report them) into podsim's dotted form.
 *
 * @example
 * ```ts
 * pathToString(['hosts', 0, 'capacity', 'cpu']); // 'hosts[0].capacity.cpu'
 * ```
 */
export function pathToString(keys: readonly PropertyKey[]): string {
  let out = '';
  for (const k of keys) out = joinPath(out, typeof k === 'number' ? k : String(k));
  return out;
}

/**
 * Splits a path printed by podsim (`workloads[2].request["example.com/fpga"]`) back into keys:
 * the inverse of {@link pathToString}.
 *
 * @example
 * ```ts
 * parsePath('hosts[0].capacity.cpu'); // ['hosts', 0, 'capacity', 'cpu']
 * ```
 */
export function parsePath(p: string): Array<string | number> {
  const out: Array<string | number> = [];
  const re = /\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(p)) !== null) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(JSON.parse(m[3]) as string);
  }
  return out;
}
