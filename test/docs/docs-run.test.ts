// Every command and code block in README.md and docs/*.md is executed here, against the built
// package as a user gets it, so that none can rot. See markdown-blocks.ts for the directives a doc
// uses to say what a block is (a file to save, the output of the block before, …).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ensureBuilt, ROOT as repoRoot } from '../helpers/built-package.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { consoleSteps, markdownBlocks, outputMismatch, shellCommands, type DocBlock, type Directive } from './markdown-blocks.js';

const root = repoRoot;
// Every doc; PODSIM_DOCS="docs/a.md docs/b.md" runs only those (while writing a doc).
const allDocs = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
const only = process.env.PODSIM_DOCS?.split(/\s+/).filter((d) => d !== '');
const docs = only === undefined || only.length === 0 ? allDocs : allDocs.filter((d) => only.includes(d));
const BLOCK_TIMEOUT = 180_000;

interface Ran {
  readonly output: string;
  readonly status: number;
}

// A fresh project folder in which `podsim` is the package under test: node_modules holds links to
// this repository (as `podsim`) and to its dependencies, and `podsim` is on PATH.
function sandbox(doc: string): string {
  const dir = mkdtempSync(join(tmpdir(), `podsim-doc-${basename(doc, '.md')}-`));
  const fixtures = join(root, 'test/docs/fixtures', basename(doc, '.md'));
  if (existsSync(fixtures)) cpSync(fixtures, dir, { recursive: true });
  const nm = join(dir, 'node_modules');
  mkdirSync(join(nm, '.bin'), { recursive: true });
  for (const e of readdirSync(join(root, 'node_modules'))) {
    if (e === '.bin' || e.startsWith('.')) continue;
    symlinkSync(join(root, 'node_modules', e), join(nm, e), 'dir');
  }
  symlinkSync(root, join(nm, 'podsim'), 'dir');
  writeFileSync(join(nm, '.bin/podsim'), `#!/bin/sh\nexec node ${JSON.stringify(join(root, 'dist/esm/cli/bin.js'))} "$@"\n`, { mode: 0o755 });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'doc-sandbox', private: true, type: 'module' }));
  return dir;
}

function env(dir: string): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${join(dir, 'node_modules/.bin')}:${process.env.PATH ?? ''}`, FORCE_COLOR: '0', NO_COLOR: '1', COLUMNS: '100' };
}

function bash(command: string, dir: string): Ran {
  const r = spawnSync('bash', ['-c', `${command} 2>&1`], { cwd: dir, env: env(dir), encoding: 'utf8', timeout: BLOCK_TIMEOUT - 5000 });
  return { output: (r.stdout ?? '') + (r.error !== undefined ? String(r.error) : ''), status: r.status ?? -1 };
}

// `npm install …` in a doc: podsim is the package under test (already linked); any other package
// named must already resolve, pinned as the doc pins it.
function npmInstall(command: string, dir: string): Ran | undefined {
  const m = /^npm (?:install|i)\s+(.*)$/.exec(command);
  if (m === null) return undefined;
  const pkgs = (m[1] as string).split(/\s+/).filter((p) => p !== '' && !p.startsWith('-'));
  for (const p of pkgs) {
    const name = p.replace(/(?<=.)@.*$/, '');
    if (name === 'podsim') continue;
    if (!existsSync(join(dir, 'node_modules', name))) return { output: `${name} does not resolve in the sandbox`, status: 1 };
    if (name === 'typescript' && !/@5/.test(p)) return { output: 'an unpinned `typescript` installs TypeScript 7, which ts-node and typedoc cannot use: pin typescript@5', status: 1 };
  }
  return { output: '', status: 0 };
}

function runTs(block: DocBlock, dir: string): Ran {
  const setup = block.directives.flatMap((d) => (d.kind === 'setup' ? [d.code] : []));
  const file = join(dir, `block-${block.line}.ts`);
  // Set-up goes after the block's own imports (imports are hoisted anyway) so that a set-up may use them.
  writeFileSync(file, [...setup, block.code].join('\n') + '\n');
  const r = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), file], { cwd: dir, env: env(dir), encoding: 'utf8', timeout: BLOCK_TIMEOUT - 5000 });
  return { output: (r.stdout ?? '') + (r.stderr ?? ''), status: r.status ?? -1 };
}

function has<K extends Directive['kind']>(b: DocBlock, kind: K): Extract<Directive, { kind: K }> | undefined {
  return b.directives.find((d) => d.kind === kind) as Extract<Directive, { kind: K }> | undefined;
}

function label(doc: string, b: DocBlock): string {
  const first = b.code.split('\n').find((l) => l.trim() !== '') ?? '';
  return `${doc}:${b.line} ${b.lang || 'text'}: ${first.trim().slice(0, 60)}`;
}

// Blocks a doc shows but that cannot run in a test, each with the reason and what covers it instead.
const notRunList: string[] = [];
afterAll(() => {
  if (notRunList.length > 0) console.info(`doc blocks not run (with their reasons):\n  ${notRunList.join('\n  ')}`);
});

describe.sequential.each(docs)('%s', (doc) => {
  const blocks = markdownBlocks(readFileSync(join(root, doc), 'utf8'));
  let dir = '';
  let last: Ran | undefined;
  afterAll(() => { if (dir !== '') rmSync(dir, { recursive: true, force: true }); });

  it('has its blocks set up to run (directives parse, a sandbox is made)', () => {
    ensureBuilt();
    dir = sandbox(doc);
    expect(existsSync(join(dir, 'node_modules/podsim/package.json'))).toBe(true);
  }, BLOCK_TIMEOUT);

  for (const b of blocks) {
    const notRun = has(b, 'not-run');
    if (notRun !== undefined) {
      notRunList.push(`${label(doc, b)}: ${notRun.reason}`);
      continue;
    }
    it(label(doc, b), () => {
      const file = has(b, 'file');
      const exit = has(b, 'exit')?.code ?? 0;
      const lang = b.lang.toLowerCase();
      if (file !== undefined) {
        mkdirSync(join(dir, file.name, '..'), { recursive: true });
        writeFileSync(join(dir, file.name), b.code + '\n');
        return;
      }
      if (has(b, 'output') !== undefined) {
        if (last === undefined) throw new Error('an output block must follow a block that runs');
        const diff = outputMismatch(b.code.split('\n'), last.output.split('\n'));
        expect(diff, diff).toBeUndefined();
        return;
      }
      if (lang === 'ts' || lang === 'typescript') {
        last = runTs(b, dir);
        expect(last.status, `exit ${last.status}:\n${last.output}`).toBe(exit);
        return;
      }
      if (lang === 'sh' || lang === 'bash' || lang === 'shell') {
        let out = '';
        for (const c of shellCommands(b.code)) {
          const r = npmInstall(c, dir) ?? bash(c, dir);
          out += r.output;
          expect(r.status, `\`${c}\` exited ${r.status}:\n${r.output}`).toBe(exit);
        }
        last = { output: out, status: 0 };
        return;
      }
      if (lang === 'console') {
        for (const step of consoleSteps(b.code)) {
          const r = bash(step.command, dir);
          const diff = outputMismatch(step.output, r.output.split('\n'));
          expect(diff, `$ ${step.command}\n${diff ?? ''}`).toBeUndefined();
          last = r;
        }
        return;
      }
      if (lang === 'yaml' || lang === 'yml' || lang === 'json') {
        const data: unknown = lang === 'json' ? JSON.parse(b.code) : parseYaml(b.code);
        expect(data).toBeDefined();
        // A whole scenario shown inline must be a valid one.
        if (has(b, 'shape') === undefined && typeof data === 'object' && data !== null && 'hosts' in data && 'workloads' in data) {
          const v = validateScenario(data);
          expect(v.ok, JSON.stringify(v.issues)).toBe(true);
        }
        return;
      }
      if (lang === '' || lang === 'text') {
        // A one-line synopsis such as `podsim run [options] <files...>` must be what --help prints.
        const lines = b.code.trim().split('\n');
        const m = /^podsim (\S+)/.exec(lines[0] ?? '');
        if (lines.length === 1 && m !== null) {
          const help = bash(`podsim ${m[1]} --help`, dir);
          expect(help.output).toContain(`Usage: ${lines[0]}`);
          return;
        }
        throw new Error(`${doc}:${b.line}: a block without a language must say what it is: <!-- doc-test: output --> (the output of the block before), <!-- doc-test: file NAME -->, or a \`podsim <command>\` synopsis`);
      }
      throw new Error(`${doc}:${b.line}: no runner for \`${b.lang}\` blocks: give it <!-- doc-test: not-run REASON --> or a runnable language`);
    }, BLOCK_TIMEOUT);
  }
});
