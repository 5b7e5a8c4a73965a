import ts from 'typescript';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script, without types
import { inlineOffsets } from '../../scripts/inline-offsets.mjs';

/** Compiles in-memory files with the build's transformer and returns the emitted JavaScript by file. */
function emit(files: Record<string, string>): Record<string, string> {
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022, moduleResolution: ts.ModuleResolutionKind.Bundler, strict: true, isolatedModules: true };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host), exists = host.fileExists.bind(host), getSource = host.getSourceFile.bind(host);
  host.fileExists = (f) => f in files || exists(f);
  host.directoryExists = (d) => d === '/p' || ts.sys.directoryExists(d);
  host.readFile = (f) => files[f] ?? read(f);
  host.getSourceFile = (f, v) => (f in files ? ts.createSourceFile(f, files[f] as string, v) : getSource(f, v));
  const out: Record<string, string> = {};
  host.writeFile = (f, text) => { out[f] = text; };
  const program = ts.createProgram({ rootNames: Object.keys(files), options, host });
  program.emit(undefined, undefined, undefined, false, { before: [inlineOffsets(program)] });
  return out;
}

describe('the build writes named integer offsets as literals', () => {
  it('replaces reads of all-caps integer constants, across imports, and leaves everything else', () => {
    const out = emit({
      '/p/offsets.ts': 'export const I_HOST = 2;\nexport const I_STRIDE = 7;\nexport const NEG = -3;\nexport const RATIO = 0.5;\nexport let MUTABLE = 4;\nexport const lower = 5;\nexport const BIG = 1 << 20;\n',
      '/p/use.ts': [
        "import { I_HOST, I_STRIDE, NEG, RATIO, MUTABLE, lower, BIG } from './offsets.js';",
        'const LOCAL = 9;',
        'export function f(a: Int32Array, s: number): number { return a[s * I_STRIDE + I_HOST]! + NEG + RATIO + MUTABLE + lower + BIG + LOCAL; }',
        'export const o = { I_HOST, key: I_STRIDE };',
        'export function g(I_HOST: number): number { return I_HOST; }',
      ].join('\n'),
    });
    const js = out['/p/use.js'] as string;
    expect(js).toContain('return a[s * 7 + 2] + (-3) + RATIO + MUTABLE + lower + BIG + 9;');
    // A shorthand property keeps its name (and reads the binding); a parameter that shadows the name is left alone.
    expect(js).toContain('export const o = { I_HOST, key: 7 };');
    expect(js).toContain('function g(I_HOST) { return I_HOST; }');
    // The definitions themselves are kept (they are the package's exports).
    expect(out['/p/offsets.js']).toContain('export const I_HOST = 2;');
  });
});
