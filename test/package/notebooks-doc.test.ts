// docs/notebooks.md's REPL steps, run as written: the shell commands of "ts-node REPL" in a fresh
// folder (with `npm install podsim` taking the package packed from this build, everything else from
// the registry), then each console session typed line by line into the REPL it starts, in a
// pseudo-terminal (script(1)), comparing what the REPL prints with what the page shows.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../helpers/built-package.js';
import { describeRequiring, onPath, type Requirement } from '../helpers/requires.js';

const DOC = readFileSync(join(ROOT, 'docs/notebooks.md'), 'utf8');

/** The text of a `## title` section. */
function section(title: string): string {
  const start = DOC.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`docs/notebooks.md has no section "## ${title}"`);
  const end = DOC.indexOf('\n## ', start + 4);
  return DOC.slice(start, end < 0 ? undefined : end);
}

/** The fenced blocks of one language in a section. */
function blocks(text: string, lang: string): string[] {
  return [...text.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1] as string);
}

interface Step { readonly input: string; readonly expected: readonly string[] }
interface Session { readonly command: string; readonly steps: readonly Step[] }

/** `$ cmd` then `> input` lines, each followed by the lines the REPL prints (`…` for anything). */
function parseSession(block: string): Session {
  const lines = block.trimEnd().split('\n');
  const first = lines.shift() ?? '';
  if (!first.startsWith('$ ')) throw new Error(`a console block must start with "$ command", got ${first}`);
  const steps: { input: string; expected: string[] }[] = [];
  for (const l of lines) {
    if (l.startsWith('> ')) steps.push({ input: l.slice(2), expected: [] });
    else steps[steps.length - 1]?.expected.push(l);
  }
  return { command: first.slice(2), steps };
}

const tsNode = section('ts-node REPL');
const SETUP = blocks(tsNode, 'sh')[0] ?? '';
const SESSIONS = [...blocks(tsNode, 'console'), ...blocks(section('Node\'s own REPL'), 'console')].map(parseSession);

function registryReachable(): string | undefined {
  if (onPath('script') === undefined) return 'script(1) is not on PATH (util-linux)';
  const r = spawnSync('npm', ['ping'], { encoding: 'utf8', timeout: 20_000 });
  return r.status === 0 ? undefined : `npm ping failed: ${(r.stderr || r.error?.message || '').trim().split('\n').pop() ?? ''}`;
}

const REGISTRY: Requirement = {
  name: 'the npm registry (and script(1))',
  env: 'PODSIM_REQUIRE_REGISTRY',
  missing: registryReachable(),
  install: 'these steps install typescript@5, ts-node and @types/node from the registry',
};

// CSI sequences and carriage returns, as a terminal would hide them.
const strip = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');

/** Starts `command` in a pseudo-terminal and types each input once the REPL prompts for it. */
async function drive(command: string, cwd: string, inputs: readonly string[]): Promise<string[]> {
  const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd, env: { ...process.env, TERM: 'dumb', NO_COLOR: '1' } });
  let raw = '';
  child.stdout.on('data', (d: Buffer) => { raw += d.toString('utf8'); });
  child.stderr.on('data', (d: Buffer) => { raw += d.toString('utf8'); });
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  const prompt = async (from: number): Promise<string> => {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const text = strip(raw.slice(from));
      if (/(^|\n)> $/.test(text)) return text;
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`${command}: no prompt; it printed:\n${strip(raw)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await prompt(0);
  const outputs: string[] = [];
  for (const input of inputs) {
    const from = raw.length;
    child.stdin.write(`${input}\n`);
    const text = await prompt(from);
    // What follows the echoed input line, up to the next prompt.
    const lines = text.replace(/> $/, '').split('\n');
    const at = lines.findIndex((l) => l.endsWith(input));
    outputs.push(lines.slice(at + 1).join('\n').trim());
  }
  child.stdin.write('.exit\n');
  await closed;
  return outputs;
}

describeRequiring(REGISTRY, 'docs/notebooks.md: the ts-node and Node REPL steps, as written', () => {
  const work = mkdtempSync(join(tmpdir(), 'podsim-notebooks-doc-'));
  let project = '';
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  beforeAll(() => {
    ensureBuilt();
    const out = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' });
    const tarball = join(work, out.trim().split('\n').pop() as string);
    expect(SETUP).toMatch(/^npm install podsim /m);
    const script = `${SETUP.replace(/^npm install podsim /m, `npm install ${tarball} `)}\npwd\n`;
    const r = spawnSync('bash', ['-euo', 'pipefail', '-c', script], { cwd: work, encoding: 'utf8', timeout: 600_000 });
    if (r.status !== 0) throw new Error(`the setup commands failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    project = r.stdout.trim().split('\n').pop() as string;
  }, 900_000);

  it('installs TypeScript 5 (TypeScript 7 has no JavaScript API for ts-node)', () => {
    const ts = JSON.parse(readFileSync(join(project, 'node_modules/typescript/package.json'), 'utf8')) as { version: string };
    expect(ts.version).toMatch(/^5\./);
  });

  it.each(SESSIONS.map((s) => [s.command, s] as const))('`%s` prints what the page shows, line by line', async (_command, session) => {
    expect(session.steps.length).toBeGreaterThan(2);
    const outputs = await drive(session.command, project, session.steps.map((s) => s.input));
    session.steps.forEach((step, i) => {
      const got = outputs[i] as string;
      expect(got, step.input).not.toMatch(/Error|error TS|Uncaught/);
      if (step.expected.length === 0) expect(['', 'undefined'], `${step.input} printed ${got}`).toContain(got);
      else if (!step.expected.includes('…')) expect(got, step.input).toBe(step.expected.join('\n'));
    });
  }, 300_000);
});
