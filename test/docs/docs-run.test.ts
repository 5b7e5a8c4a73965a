// Every command and code block in README.md and docs/*.md is executed here, against the built
// package as a user gets it, so that none can rot. See markdown-blocks.ts for the directives a doc
// uses to say what a block is (a file to save, the output of the block before, …).
//
// One sandbox holds node_modules (links to this repository as `podsim` and to its dependencies) and
// the `npm` shim; each doc gets a folder in it. The docs run concurrently (PODSIM_DOCS_JOBS, default
// up to 3), the blocks of one doc in order; each block is a test that awaits its outcome.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ensureBuilt, ROOT as repoRoot } from '../helpers/built-package.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { consoleSteps, markdownBlocks, namedFile, outputMismatch, shellCommands, type DocBlock, type Directive } from './markdown-blocks.js';

const root = resolve(repoRoot);
// Every doc; PODSIM_DOCS="docs/a.md docs/b.md" runs only those (while writing a doc).
const allDocs = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
const only = process.env.PODSIM_DOCS?.split(/\s+/).filter((d) => d !== '');
const docs = only === undefined || only.length === 0 ? allDocs : allDocs.filter((d) => only.includes(d));
const JOBS = Number(process.env.PODSIM_DOCS_JOBS ?? Math.min(3, Math.max(1, availableParallelism())));
const BLOCK_TIMEOUT = 180_000;
// The shared data set (/work/shared/data): real manifests and traces, never copied into the project.
// PODSIM_DATA names it (and only it) when set.
const DATA = (process.env.PODSIM_DATA !== undefined ? [process.env.PODSIM_DATA] : [join(root, '../shared/data'), join(root, '../../shared/data'), '/work/shared/data'])
  .find((d) => existsSync(d));

interface Ran {
  readonly output: string;
  readonly status: number;
}
type Outcome = { readonly ok: true } | { readonly ok: false; readonly message: string } | { readonly skipped: string };

function has<K extends Directive['kind']>(b: DocBlock, kind: K): Extract<Directive, { kind: K }> | undefined {
  return b.directives.find((d) => d.kind === kind) as Extract<Directive, { kind: K }> | undefined;
}

function label(doc: string, b: DocBlock): string {
  const first = b.code.split('\n').find((l) => l.trim() !== '') ?? '';
  return `${doc}:${b.line} ${b.lang || 'text'}: ${first.trim().slice(0, 60)}`;
}

// An `npm` in front of the real one: `npm install …` checks that what it names resolves (podsim is
// the package under test, linked already; others pinned as the doc pins them) instead of installing;
// `npm test` is the suite this test is part of, so it is only checked to exist; the rest is npm.
const NPM_SHIM = `#!/usr/bin/env node
const { existsSync, readFileSync } = require('node:fs');
const { join, dirname } = require('node:path');
const { spawnSync } = require('node:child_process');
const [cmd, ...args] = process.argv.slice(2);
function resolves(name) {
  for (let d = process.cwd(); ; d = dirname(d)) {
    if (existsSync(join(d, 'node_modules', name, 'package.json'))) return true;
    if (dirname(d) === d) return false;
  }
}
if (cmd === 'install' || cmd === 'i' || cmd === 'add' || cmd === 'ci') {
  for (const p of args.filter((a) => !a.startsWith('-'))) {
    const name = p.replace(/(?<=.)@.*$/, '');
    if (name === 'typescript' && !/@5/.test(p)) { console.error('an unpinned \`typescript\` installs TypeScript 7, which ts-node and typedoc cannot use: pin typescript@5'); process.exit(1); }
    if (name !== 'podsim' && !resolves(name)) { console.error(name + ' does not resolve in the sandbox'); process.exit(1); }
  }
  if (args.length === 0 && !existsSync('package.json')) { console.error('npm install: no package.json here'); process.exit(1); }
  process.exit(0);
}
if (cmd === 'test' || cmd === 't') {
  const scripts = existsSync('package.json') ? JSON.parse(readFileSync('package.json', 'utf8')).scripts ?? {} : {};
  if (typeof scripts.test !== 'string') { console.error('npm test: no test script'); process.exit(1); }
  process.exit(0);
}
const r = spawnSync('npm', [cmd, ...args].filter((a) => a !== undefined), { stdio: 'inherit', env: { ...process.env, PATH: process.env.PODSIM_DOCS_REAL_PATH } });
process.exit(r.status ?? 1);
`;

// The shared sandbox: node_modules with links to the repository (as podsim) and its dependencies,
// podsim on PATH, and the npm shim.
function makeSandbox(): string {
  const base = mkdtempSync(join(tmpdir(), 'podsim-docs-'));
  const nm = join(base, 'node_modules');
  mkdirSync(join(nm, '.bin'), { recursive: true });
  for (const e of readdirSync(join(root, 'node_modules'))) {
    if (e === '.bin' || e.startsWith('.') || e === 'node_modules') continue;
    symlinkSync(join(root, 'node_modules', e), join(nm, e), 'dir');
  }
  symlinkSync(root, join(nm, 'podsim'), 'dir');
  writeFileSync(join(nm, '.bin/podsim'), `#!/bin/sh\nexec node ${JSON.stringify(join(root, 'dist/esm/cli/bin.js'))} "$@"\n`, { mode: 0o755 });
  // Notebook cells call tslab's display functions; tslab (a Jupyter kernel) is not a dependency, so
  // a stand-in prints what a cell displays (its kind and size) instead of sending it to Jupyter.
  if (!existsSync(join(nm, 'tslab'))) {
    mkdirSync(join(nm, 'tslab'));
    writeFileSync(join(nm, 'tslab/package.json'), JSON.stringify({ name: 'tslab', version: '0.0.0-doc-test', main: 'index.js', types: 'index.d.ts' }));
    writeFileSync(join(nm, 'tslab/index.js'), `const show = (kind) => (s) => { if (typeof s !== 'string' || s === '') throw new Error('tslab.display.' + kind + ' needs a non-empty string'); console.log('[tslab display.' + kind + ': ' + s.length + ' characters' + (s.includes('<svg') ? ', svg' : '') + ']'); };\nexports.display = { html: show('html'), text: show('text'), markdown: show('markdown') };\n`);
    writeFileSync(join(nm, 'tslab/index.d.ts'), 'export declare const display: { html(s: string): void; text(s: string): void; markdown(s: string): void };\n');
  }
  mkdirSync(join(base, 'shims'));
  writeFileSync(join(base, 'shims/npm'), NPM_SHIM, { mode: 0o755 });
  return base;
}

function docDir(base: string, doc: string): string {
  const dir = join(base, basename(doc, '.md'));
  mkdirSync(dir);
  const fixtures = join(root, 'test/docs/fixtures', basename(doc, '.md'));
  if (existsSync(fixtures)) cpSync(fixtures, dir, { recursive: true });
  symlinkSync(join(base, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'doc-sandbox', private: true, type: 'module' }));
  return dir;
}

function env(base: string): NodeJS.ProcessEnv {
  const path = process.env.PATH ?? '';
  return {
    ...process.env,
    PATH: `${join(base, 'shims')}:${join(base, 'node_modules/.bin')}:${path}`,
    PODSIM_DOCS_REAL_PATH: path,
    FORCE_COLOR: '0',
    NO_COLOR: '1',
    COLUMNS: '100',
  };
}

function run(cmd: string, args: string[], cwd: string, base: string): Promise<Ran> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd, env: env(base), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), BLOCK_TIMEOUT - 10_000);
    child.on('error', (e) => (output += String(e)));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ output: output + (signal !== null ? `\n(killed by ${signal})` : ''), status: code ?? -1 });
    });
  });
}

const EXIT_MARK = '@@doc-test-exit@@';

// The commands of a sh block run in one bash, in order (so `cd` carries over); each must exit with
// `exit` (0 by default) or the block stops there.
async function runShell(b: DocBlock, cwd: string, base: string): Promise<Ran & { failed?: string | undefined }> {
  const exit = has(b, 'exit')?.code ?? 0;
  const commands = shellCommands(b.code);
  if (commands.some((c) => /\bpip3? install\b/.test(c))) return { output: 'pip install would install from the network: give the block a not-run reason', status: 1, failed: 'pip install' };
  const script = ['exec 2>&1', ...commands.flatMap((c, i) => [c, `__s=$?; if [ "$__s" != ${exit} ]; then printf '${EXIT_MARK}%s %s' ${i} "$__s"; exit 0; fi`])].join('\n');
  const r = await run('bash', ['-c', script], cwd, base);
  const at = r.output.indexOf(EXIT_MARK);
  if (at < 0) return r;
  const [i, s] = r.output.slice(at + EXIT_MARK.length).split(' ');
  return { output: r.output.slice(0, at), status: Number(s), failed: commands[Number(i)] };
}

const CELL_MARK = '@@doc-test-cell@@';

// `cells`: the code of the doc's notebook cells before this one, run first (a cell's output is what
// it prints after them).
async function runTs(b: DocBlock, cwd: string, base: string, cells: readonly string[] = []): Promise<Ran> {
  const setup = b.directives.flatMap((d) => (d.kind === 'setup' ? [d.code] : []));
  const file = join(cwd, `block-${b.line}.ts`);
  // Set-up goes after the block's own imports (imports are hoisted anyway) so that a set-up may use them.
  const mark = cells.length > 0 ? [`console.log(${JSON.stringify(CELL_MARK)});`] : [];
  writeFileSync(file, [...setup, ...cells, ...mark, b.code].join('\n') + '\n');
  const r = await run(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), file], cwd, base);
  const at = r.output.indexOf(CELL_MARK + '\n');
  return at < 0 ? r : { ...r, output: r.output.slice(at + CELL_MARK.length + 1) };
}

// A YAML/JSON block parses; a whole scenario shown (hosts and workloads) must be a valid one.
function checkData(b: DocBlock): string | undefined {
  const lang = b.lang.toLowerCase();
  const data: unknown = lang === 'json' ? JSON.parse(b.code) : parseYaml(b.code);
  if (data === undefined || data === null) return 'the block parses to nothing';
  if (has(b, 'shape') === undefined && typeof data === 'object' && 'hosts' in data && 'workloads' in data) {
    const v = validateScenario(data);
    if (!v.ok) return `not a valid scenario: ${JSON.stringify(v.issues)}`;
  }
  return undefined;
}

/** Runs the blocks of one doc in order; returns each block's outcome (indexed as the blocks). */
async function runDoc(doc: string, blocks: readonly DocBlock[], base: string): Promise<Outcome[]> {
  const dir = docDir(base, doc);
  // The files a doc shows are there from the start, as a reader has them (the first version of each
  // name); a file block still writes its file again where it stands.
  const seen = new Set<string>();
  for (const b of blocks) {
    const name = has(b, 'not-run') === undefined ? (has(b, 'file')?.name ?? namedFile(b)) : undefined;
    if (name === undefined || seen.has(name)) continue;
    seen.add(name);
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), b.code + '\n');
  }
  const outcomes: Outcome[] = [];
  let last: Ran | undefined;
  const cells: string[] = [];
  for (const b of blocks) {
    try {
      outcomes.push(await runBlock(doc, b, dir, base, last, (r) => (last = r), cells));
      if (has(b, 'cell') !== undefined) cells.push(b.code);
    } catch (e) {
      outcomes.push({ ok: false, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return outcomes;
}

async function runBlock(doc: string, b: DocBlock, dir: string, base: string, last: Ran | undefined, ran: (r: Ran) => void, cells: readonly string[]): Promise<Outcome> {
  const fail = (message: string): Outcome => ({ ok: false, message });
  if (has(b, 'not-run') !== undefined) return { skipped: (has(b, 'not-run') as { reason: string }).reason };
  for (const d of b.directives) {
    if (d.kind !== 'needs') continue;
    const src = isAbsolute(d.path) ? d.path : DATA === undefined ? undefined : join(DATA, d.path);
    if (src === undefined || !existsSync(src)) return { skipped: `needs ${d.path} from the shared data set, which is absent here` };
    const dest = join(dir, d.as);
    if (!existsSync(dest)) {
      mkdirSync(dirname(dest), { recursive: true });
      symlinkSync(src, dest);
    }
  }
  const exit = has(b, 'exit')?.code ?? 0;
  const lang = b.lang.toLowerCase();
  const cwd = has(b, 'in-repo') !== undefined ? root : dir;
  const file = has(b, 'file')?.name ?? namedFile(b);
  if (file !== undefined) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), b.code + '\n');
  }
  if (lang === 'yaml' || lang === 'yml' || lang === 'json') {
    const bad = checkData(b);
    return bad === undefined ? { ok: true } : fail(bad);
  }
  if (file !== undefined) return { ok: true };
  if (has(b, 'output') !== undefined) {
    if (last === undefined) return fail('an output block must follow a block that runs');
    const diff = outputMismatch(b.code.split('\n'), last.output.split('\n'));
    return diff === undefined ? { ok: true } : fail(diff);
  }
  if (lang === 'ts' || lang === 'typescript') {
    const r = await runTs(b, cwd, base, has(b, 'cell') !== undefined ? cells : []);
    ran(r);
    return r.status === exit ? { ok: true } : fail(`exit ${r.status} (expected ${exit}):\n${r.output}`);
  }
  if (lang === 'sh' || lang === 'bash' || lang === 'shell') {
    const r = await runShell(b, cwd, base);
    ran({ output: r.output, status: r.status });
    return r.failed === undefined ? { ok: true } : fail(`\`${r.failed}\` exited ${r.status} (expected ${exit}):\n${r.output}`);
  }
  if (lang === 'console') {
    for (const step of consoleSteps(b.code)) {
      const r = await run('bash', ['-c', `${step.command} 2>&1`], cwd, base);
      ran(r);
      const diff = outputMismatch(step.output, r.output.split('\n'));
      if (diff !== undefined) return fail(`$ ${step.command}\n${diff}`);
      if (has(b, 'exit') !== undefined && r.status !== exit) return fail(`$ ${step.command}\nexited ${r.status} (expected ${exit})`);
    }
    return { ok: true };
  }
  if (lang === '' || lang === 'text') {
    // A one-line synopsis such as `podsim run [options] <files...>` must be what --help prints.
    const lines = b.code.trim().split('\n');
    const m = /^podsim (\S+)/.exec(lines[0] ?? '');
    if (lines.length === 1 && m !== null) {
      const help = await run('bash', ['-c', `podsim ${m[1]} --help 2>&1`], dir, base);
      return help.output.includes(`Usage: ${lines[0]}`) ? { ok: true } : fail(`\`podsim ${m[1]} --help\` does not print "Usage: ${lines[0]}":\n${help.output}`);
    }
    return fail(`${doc}:${b.line}: a block without a language must say what it is: <!-- doc-test: output --> (the output of the block before), <!-- doc-test: file NAME -->, or a \`podsim <command>\` synopsis`);
  }
  return fail(`${doc}:${b.line}: no runner for \`${b.lang}\` blocks: give it <!-- doc-test: not-run REASON --> or a runnable language`);
}

// Blocks a doc shows but that cannot run in a test, each with the reason and what covers it instead.
const notRunList: string[] = [];
const parsed = docs.map((doc) => ({ doc, blocks: markdownBlocks(readFileSync(join(root, doc), 'utf8')) }));
for (const { doc, blocks } of parsed) {
  for (const b of blocks) {
    const n = has(b, 'not-run');
    if (n !== undefined) notRunList.push(`${label(doc, b)}: ${n.reason}`);
  }
}

let base = '';
const results = new Map<string, Promise<Outcome[]>>();

beforeAll(() => {
  ensureBuilt();
  base = makeSandbox();
  // The docs run JOBS at a time, each doc's blocks in order.
  const queue = [...parsed];
  const starters = new Map<string, () => void>();
  for (const { doc, blocks } of parsed) {
    results.set(doc, new Promise<Outcome[]>((done) => starters.set(doc, () => void runDoc(doc, blocks, base).then(done, (e: unknown) => done(blocks.map(() => ({ ok: false, message: String(e) })))))));
  }
  const next = (): void => {
    const d = queue.shift();
    if (d === undefined) return;
    (starters.get(d.doc) as () => void)();
    void (results.get(d.doc) as Promise<Outcome[]>).then(next);
  };
  for (let i = 0; i < JOBS; i++) next();
}, 5 * 60_000);

afterAll(() => {
  if (notRunList.length > 0) console.info(`doc blocks not run (with their reasons):\n  ${notRunList.join('\n  ')}`);
  if (base !== '' && process.env.PODSIM_DOCS_KEEP === undefined) rmSync(base, { recursive: true, force: true });
});

it('lists the blocks that are not run, each with a reason that says what covers it instead', () => {
  for (const n of notRunList) expect(n).toMatch(/: .{10,}/);
  // not-run is for the rare block that cannot run here; more than this many means docs are drifting from running.
  if (only === undefined) expect(notRunList.length).toBeLessThanOrEqual(16);
});

describe.each(parsed)('$doc', ({ doc, blocks }) => {
  blocks.forEach((b, i) => {
    it(label(doc, b), async (ctx) => {
      const outcome = (await (results.get(doc) as Promise<Outcome[]>))[i] as Outcome;
      if ('skipped' in outcome) {
        // Visible in the report: the reason is the skip note.
        ctx.skip(outcome.skipped);
        return;
      }
      if (!outcome.ok) throw new Error(outcome.message);
    }, 15 * 60_000);
  });
});
