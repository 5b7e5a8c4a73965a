// Every TypeScript block in docs/architecture.md runs, as written, against the sources
// (`from 'podsim'` resolves to src/index.ts). Each block checks its own outcome and throws if wrong.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
const dir = join(root, '.tmp', 'architecture-doc');

describe('docs/architecture.md', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has code examples for a policy, a queue and an observer', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
  });

  blocks.forEach((code, i) => {
    const title = /^\/\/ (.*)$/m.exec(code)?.[1] ?? code.split('\n')[0];
    it(`example ${i + 1} runs: ${title}`, async () => {
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `block-${i}.ts`);
      const src = code
        .replace(/from 'podsim\/([a-z]+)'/g, (_, sub: string) => `from ${JSON.stringify(join(root, 'src', sub, 'index.js'))}`)
        .replaceAll("from 'podsim'", `from ${JSON.stringify(join(root, 'src', 'index.js'))}`);
      writeFileSync(file, src);
      await import(pathToFileURL(file).href);
    });
  });
});
