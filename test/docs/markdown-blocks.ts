/**
 * Reads the fenced code blocks of a Markdown file and the `doc-test` directives before them, so that
 * every command and code block in README.md and docs/ can be executed by a test.
 *
 * Directives are HTML comments (invisible on GitHub and in typedoc) right before a fence, blank lines
 * allowed between:
 * - `<!-- doc-test: file NAME -->`: write the block into the sandbox as NAME (yaml, json, text …).
 * - `<!-- doc-test: output -->`: the block is the output of the block before it (compared line by
 *   line; a line `…` stands for any number of lines).
 * - `<!-- doc-test: exit N -->`: the commands of the block are expected to exit with N.
 * - `<!-- doc-test: setup` … `-->`: TypeScript run before the block (invisible set-up, such as the
 *   `scenario` a snippet assumes).
 * - `<!-- doc-test: shape -->`: a YAML/JSON fragment that is only parsed (part of a bigger file
 *   the text describes, or, with `file`, a file that is invalid on purpose).
 * - `<!-- doc-test: not-run REASON -->`: the block is shown but cannot run here (REASON says why and
 *   what covers it instead); the test lists these.
 * - `<!-- doc-test: needs PATH [as NAME] -->`: the block reads a file of the shared data set (PATH relative
 *   to it, such as `manifests/online-boutique.yaml`), linked into the sandbox as NAME (its base name by
 *   default); when the data set is absent the block is skipped with a visible reason.
 * - `<!-- doc-test: cell -->`: a notebook cell: the TypeScript runs after the doc's earlier cells (their
 *   code first, as a kernel keeps it), and its output is what this cell prints.
 * - `<!-- doc-test: in-repo -->`: the commands run in the repository itself, as in a fresh clone after
 *   `npm install` (README's quick start).
 *
 * A YAML/JSON/text block whose first line is a comment naming a file (`# scenario.yaml` or
 * `# scenario.yaml: what it is`) is also written into the sandbox under that name.
 *
 * How blocks run (test/docs/docs-run.test.ts): each doc gets a folder in one shared sandbox whose
 * node_modules links this repository as `podsim` (the built package) and its dependencies, with
 * `podsim` on PATH. The files a doc shows are written before its first block runs; files a doc only
 * mentions live in test/docs/fixtures/<doc name>/ and are copied in. `ts` blocks run with tsx; `sh`
 * blocks run in one bash each (so `cd` carries over), every command expected to exit 0 (or `exit N`),
 * with an `npm` that checks `npm install …` resolves instead of installing and does not re-run
 * `npm test`; `console` blocks are `$ command` lines with their exact output (`…` for any lines);
 * a one-line `podsim <command> …` text block must be that command's `--help` usage line. Notebook
 * cells get a stand-in `tslab` whose display functions print what they were given.
 */
export interface DocBlock {
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The fence's language tag ('' when none). */
  readonly lang: string;
  readonly code: string;
  readonly directives: readonly Directive[];
}

export type Directive =
  | { readonly kind: 'file'; readonly name: string }
  | { readonly kind: 'output' }
  | { readonly kind: 'exit'; readonly code: number }
  | { readonly kind: 'setup'; readonly code: string }
  | { readonly kind: 'shape' }
  | { readonly kind: 'not-run'; readonly reason: string }
  | { readonly kind: 'needs'; readonly path: string; readonly as: string }
  | { readonly kind: 'in-repo' }
  | { readonly kind: 'cell' };

const DIRECTIVE = /^<!--\s*doc-test:\s*([a-z-]+)\s*([\s\S]*?)\s*-->$/;

/** The fenced blocks of a Markdown text, in order, with their directives. Indented fences (in lists) count too. */
export function markdownBlocks(text: string): DocBlock[] {
  const lines = text.split('\n');
  const blocks: DocBlock[] = [];
  let pending: Directive[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const trimmed = line.trim();
    if (trimmed.startsWith('<!--') && trimmed.includes('doc-test:')) {
      // A directive, possibly over several lines.
      let j = i;
      let body = trimmed;
      while (!body.endsWith('-->') && j + 1 < lines.length) body += '\n' + (lines[++j] as string);
      i = j;
      const m = DIRECTIVE.exec(body.trim());
      if (m === null) throw new Error(`line ${i + 1}: malformed doc-test directive: ${body}`);
      pending.push(parseDirective(m[1] as string, m[2] as string, i + 1));
      continue;
    }
    const fence = /^(\s*)(```+)\s*([A-Za-z0-9_-]*)\s*$/.exec(line);
    if (fence !== null) {
      const indent = (fence[1] as string).length;
      const ticks = fence[2] as string;
      const start = i;
      const body: string[] = [];
      for (i++; i < lines.length; i++) {
        const l = lines[i] as string;
        if (l.trim() === ticks) break;
        body.push(l.slice(Math.min(indent, l.length - l.trimStart().length)));
      }
      blocks.push({ line: start + 1, lang: fence[3] as string, code: body.join('\n'), directives: pending });
      pending = [];
      continue;
    }
    if (trimmed !== '' && pending.length > 0 && !trimmed.startsWith('<!--')) {
      throw new Error(`line ${i + 1}: a doc-test directive must come right before a code block`);
    }
  }
  return blocks;
}

function parseDirective(kind: string, rest: string, line: number): Directive {
  switch (kind) {
    case 'file':
      if (rest === '') throw new Error(`line ${line}: doc-test: file needs a name`);
      return { kind, name: rest };
    case 'output':
    case 'shape':
    case 'in-repo':
    case 'cell':
      return { kind };
    case 'needs': {
      const m = /^(\S+)(?:\s+as\s+(\S+))?$/.exec(rest);
      if (m === null) throw new Error(`line ${line}: doc-test: needs PATH [as NAME]`);
      const path = m[1] as string;
      return { kind, path, as: m[2] ?? path.slice(path.lastIndexOf('/') + 1) };
    }
    case 'exit': {
      const code = Number(rest);
      if (!Number.isInteger(code)) throw new Error(`line ${line}: doc-test: exit needs an integer`);
      return { kind, code };
    }
    case 'setup':
      return { kind, code: rest };
    case 'not-run':
      if (rest.length < 10) throw new Error(`line ${line}: doc-test: not-run needs a reason`);
      return { kind, reason: rest };
    default:
      throw new Error(`line ${line}: unknown doc-test directive "${kind}"`);
  }
}

/** The file a block names on its first line (`# scenario.yaml` or `# scenario.yaml: …`), if any. */
export function namedFile(block: DocBlock): string | undefined {
  if (!['yaml', 'yml', 'json', 'text', 'csv', ''].includes(block.lang.toLowerCase())) return undefined;
  const first = block.code.split('\n', 1)[0] ?? '';
  return /^(?:#|\/\/)\s*([\w./-]+\.(?:ya?ml|json|csv|txt))\s*(?::.*)?$/.exec(first)?.[1];
}

/**
 * The commands of a shell block: one per line, comments and blank lines dropped, `\` continuations joined.
 * A trailing `# comment` is dropped too.
 */
export function shellCommands(code: string): string[] {
  const out: string[] = [];
  let acc = '';
  for (const raw of code.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (acc === '' && (line.trim() === '' || line.trim().startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      acc += line.slice(0, -1) + ' ';
      continue;
    }
    out.push(stripComment(acc + line).trim());
    acc = '';
  }
  if (acc !== '') out.push(stripComment(acc).trim());
  return out.filter((c) => c !== '');
}

// Drops a trailing ` # comment` outside quotes.
function stripComment(line: string): string {
  let q: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (q !== undefined) {
      if (c === q) q = undefined;
    } else if (c === "'" || c === '"') q = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] as string))) return line.slice(0, i);
  }
  return line;
}

/** A console transcript: `$ command` lines, each followed by its expected output. */
export function consoleSteps(code: string): Array<{ command: string; output: string[] }> {
  const steps: Array<{ command: string; output: string[] }> = [];
  for (const line of code.split('\n')) {
    if (line.startsWith('$ ')) steps.push({ command: line.slice(2).trim(), output: [] });
    else if (steps.length === 0) throw new Error(`console block: output before any "$ " command: ${line}`);
    else (steps[steps.length - 1] as { output: string[] }).output.push(line);
  }
  return steps;
}

/**
 * Whether `actual` output matches the documented lines: the same lines in order after trimming
 * trailing spaces, where a documented `…` line matches any number of lines. Returns the first
 * difference, or undefined.
 */
export function outputMismatch(expected: readonly string[], actual: readonly string[]): string | undefined {
  const norm = (l: string) => l.replace(/\s+$/, '');
  const exp = trimBlank(expected.map(norm));
  const act = trimBlank(actual.map(norm));
  const match = (i: number, j: number): boolean => {
    if (i === exp.length) return j === act.length;
    if (exp[i] === '…') {
      for (let k = j; k <= act.length; k++) if (match(i + 1, k)) return true;
      return false;
    }
    return j < act.length && exp[i] === act[j] && match(i + 1, j + 1);
  };
  if (match(0, 0)) return undefined;
  let i = 0;
  while (i < exp.length && i < act.length && (exp[i] === act[i] || exp[i] === '…')) i++;
  return `documented and actual output differ at line ${i + 1}:\n  documented: ${JSON.stringify(exp[i] ?? '(end)')}\n  actual:     ${JSON.stringify(act[i] ?? '(end)')}\nwhole actual output:\n${act.join('\n')}`;
}

function trimBlank(lines: string[]): string[] {
  let a = 0, b = lines.length;
  while (a < b && lines[a] === '') a++;
  while (b > a && lines[b - 1] === '') b--;
  return lines.slice(a, b);
}
