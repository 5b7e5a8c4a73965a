import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { kubePlugin } from '../../src/kube/plugin-registry.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The ```ts blocks of a doc that contain `marker`. */
function blocks(doc: string, marker: string): string[] {
  const text = readFileSync(join(root, doc), 'utf8');
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string).filter((b) => b.includes(marker));
}

describe('docs/scheduling-kube.md "Adding a plugin"', () => {
  const file = join(root, '.tmp', `doc-kube-plugin-${process.pid}.ts`);
  afterEach(() => rmSync(file, { force: true }));

  it('runs as written: the plugin registered from code, enabled from YAML with its args, chooses the ssd host', async () => {
    const [code] = blocks('docs/scheduling-kube.md', 'registerKubePlugin(');
    expect(code).toBeDefined();
    // The package's import names, pointed at the sources.
    const src = (code as string)
      .replace(/from 'podsim\/([a-z]+)'/g, (_, sub: string) => `from '${join(root, 'src', sub, 'index.ts')}'`)
      .replace(/from 'podsim'/g, `from '${join(root, 'src', 'index.ts')}'`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, src);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await import(/* @vite-ignore */ file);
      expect(log.mock.calls.map((c) => c[0])).toEqual([
        [],
        '"PreferLable" is not a known scheduler plugin; did you mean "PreferLabel"?',
        'ssd-1',
        { plugin: 'PreferLabel', weight: 5, raw: 100, normalized: 100, skipped: false },
      ]);
      expect(kubePlugin('PreferLabel')?.points).toEqual(['score']);
    } finally {
      log.mockRestore();
    }
  });
});
