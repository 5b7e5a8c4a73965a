import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { podsim } from '../cli/cli-harness.js';

// Every code block of docs/experiments.md runs here:
// - a ```yaml block whose first line is `# <file>: …` is written to that file;
// - each `$ podsim …` line of a ```console block runs in-process and must exit 0 and print the lines
//   shown under it, in that order;
// - each ```ts block runs through tsx, with `podsim`, `podsim/experiments` and `podsim/theory`
//   mapped to this repository's source; a ```text block right after one (past an "It prints:" line)
//   is its exact output.
const root = fileURLToPath(new URL('../..', import.meta.url));
const doc = readFileSync(join(root, 'docs/experiments.md'), 'utf8');

interface Block { lang: string; body: string; before: string }
const blocks: Block[] = [];
{
  const re = /```(\w*)\n([\s\S]*?)```/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(doc)) !== null) {
    blocks.push({ lang: m[1] as string, body: m[2] as string, before: doc.slice(last, m.index) });
    last = re.lastIndex;
  }
}

// The public manifests live beside the repository (../shared/data/manifests), or two levels up from a worktree.
const manifests = [join(root, '..', 'shared', 'data', 'manifests'), join(root, '..', '..', 'shared', 'data', 'manifests')].find((d) => existsSync(join(d, 'online-boutique.yaml')));

describe('docs/experiments.md', () => {
  const dir = mkdtempSync(join(tmpdir(), 'podsim-doc-experiments-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(dir, 'podsim.ts'), `export * from ${JSON.stringify(join(root, 'src/index.ts'))};\n`);
  writeFileSync(join(dir, 'podsim-experiments.ts'), `export * from ${JSON.stringify(join(root, 'src/experiments/index.ts'))};\n`);
  writeFileSync(join(dir, 'podsim-theory.ts'), `export * from ${JSON.stringify(join(root, 'src/theory/index.ts'))};\n`);
  if (manifests !== undefined) symlinkSync(join(manifests, 'online-boutique.yaml'), join(dir, 'online-boutique.yaml'));

  it('has the blocks this test knows how to run, and no others', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8);
    for (const b of blocks) expect(['ts', 'yaml', 'console', 'text']).toContain(b.lang);
  });

  // Files first: the commands read them.
  for (const b of blocks.filter((x) => x.lang === 'yaml')) {
    const name = /^# ([\w.-]+):/.exec(b.body)?.[1];
    if (name !== undefined) writeFileSync(join(dir, name), b.body);
  }

  blocks.forEach((b, i) => {
    if (b.lang === 'console') {
      const commands = b.body.split(/^\$ /m).slice(1);
      it(`runs console block ${i}: ${commands.map((c) => c.split('\n')[0]?.slice(0, 60)).join('; ')}`, async () => {
        for (const c of commands) {
          const [line, ...shown] = c.trimEnd().split('\n');
          const argv = (line as string).match(/'[^']*'|\S+/g)?.map((a) => a.replace(/^'(.*)'$/, '$1')) ?? [];
          expect(argv[0]).toBe('podsim');
          const r = await podsim(argv.slice(1), dir);
          expect(r.stderr).toBe('');
          expect(r.code).toBe(0);
          // The lines shown appear in the output, in order.
          const out = r.stdout.split('\n');
          let at = 0;
          for (const want of shown.filter((l) => l.trim() !== '')) {
            const k = out.indexOf(want, at);
            expect(k, `line not printed (in order): ${want}`).toBeGreaterThanOrEqual(0);
            at = k + 1;
          }
        }
      }, 240_000);
    }
    if (b.lang === 'ts') {
      const next = blocks[i + 1];
      const expected = next?.lang === 'text' && /It prints:\s*$/.test(next.before) ? next.body : undefined;
      const needsManifests = b.body.includes('online-boutique.yaml');
      const title = `runs ts block ${i}${expected !== undefined ? ' and prints what the doc shows' : ''}`;
      if (needsManifests && manifests === undefined) {
        it(`SKIPPED (../shared/data/manifests/online-boutique.yaml is absent): ${title}`, () => expect(manifests).toBeUndefined());
        return;
      }
      it(title, () => {
        const file = join(dir, `block-${i}.ts`);
        writeFileSync(file, b.body
          .replace(/from 'podsim'/g, "from './podsim.ts'")
          .replace(/from 'podsim\/experiments'/g, "from './podsim-experiments.ts'")
          .replace(/from 'podsim\/theory'/g, "from './podsim-theory.ts'"));
        const r = spawnSync(join(root, 'node_modules/.bin/tsx'), [file], { cwd: dir, encoding: 'utf8', timeout: 240_000 });
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        if (expected !== undefined) expect(r.stdout).toBe(expected);
      }, 240_000);
    }
  });
});
