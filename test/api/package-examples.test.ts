// The example at the top of each entry point (the root and every subpath) is the first code a user
// reads on that module's API page: each one type-checks against podsim's types and runs as written,
// with `podsim` and `podsim/<area>` mapped to this repository's source.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
const areas = Object.keys(pkg.exports).filter((k) => k === '.' || /^\.\/[a-z]+$/.test(k)).map((k) => (k === '.' ? '' : k.slice(2)));

/** The first ```ts block of the file's leading TSDoc comment, without the ` * ` margins. */
function packageExample(file: string): string {
  const head = /^\/\*\*([\s\S]*?)\*\//.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
  const text = head.split('\n').map((l) => l.replace(/^ \* ?/, '')).join('\n');
  const m = /@example\n```ts\n([\s\S]*?)```/.exec(text);
  if (m === null) throw new Error(`${file} has no @example in its package documentation`);
  return m[1] as string;
}

const dir = mkdtempSync(join(tmpdir(), 'podsim-examples-'));
const examples = areas.map((a) => {
  const name = a === '' ? 'podsim' : `podsim/${a}`;
  const code = packageExample(join(root, 'src', a, 'index.ts'))
    .replace(/from 'podsim(?:\/([a-z]+))?'/g, (_, sub: string | undefined) => `from ${JSON.stringify(join(root, 'src', sub ?? '', 'index.ts'))}`);
  const file = join(dir, `${a === '' ? 'root' : a}.ts`);
  writeFileSync(file, `${code}\nexport {};\n`);
  return { name, file };
});
writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');

describe('the example at the top of each entry point', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('type-checks against podsim\'s types', () => {
    const program = ts.createProgram(examples.map((e) => e.file), {
      module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022,
      strict: true, noEmit: true, allowImportingTsExtensions: true, skipLibCheck: true, types: ['node'], typeRoots: [join(root, 'node_modules/@types')],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.file === undefined || d.file.fileName.startsWith(dir));
    expect(diagnostics.map((d) => `${d.file?.fileName.slice(dir.length + 1) ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)).toEqual([]);
  }, 120_000);

  it.each(examples.map((e) => [e.name, e.file] as const))('%s runs', (_name, file) => {
    const r = spawnSync(join(root, 'node_modules/.bin/tsx'), [file], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 90_000);
});
