import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from './tmp-dir.js';

// Every `ts` code block of docs/traces.md runs, as its own module, against podsim's sources.
const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const doc = readFileSync(join(repo, 'docs', 'traces.md'), 'utf8');
const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const index = pathToFileURL(join(repo, 'src', 'index.ts')).href;
const tmp = tempDir('docs-traces');
afterAll(() => tmp.remove());

describe('docs/traces.md', () => {
  it('has code blocks', () => expect(blocks.length).toBeGreaterThanOrEqual(5));
  blocks.forEach((code, i) => {
    const first = code.split('\n').find((l) => l.trim() !== '' && !l.startsWith('import')) ?? '';
    it(`block ${i + 1} runs: ${first.slice(0, 70)}`, () => {
      const file = join(tmp.dir, `block-${i + 1}.mts`);
      writeFileSync(file, code.replace(/from 'podsim(?:\/([a-z]+))?'/g, (_, sub: string | undefined) => `from ${JSON.stringify(sub === undefined ? index : join(index, '..', sub, 'index.ts'))}`));
      const out = execFileSync(process.execPath, ['--import', tsx, file], { cwd: tmp.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(out.length).toBeGreaterThan(0);
    }, 120_000);
  });
});
