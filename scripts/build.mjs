// Builds the ESM and CommonJS outputs with the TypeScript compiler, then marks dist/cjs as CommonJS
// so that Node and TypeScript read its .js and .d.ts files as CJS. The emitted JavaScript has the
// named integer offsets written in as literals (scripts/inline-offsets.mjs); the declarations and
// the source keep the names.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import ts from 'typescript';
import { inlineOffsets } from './inline-offsets.mjs';

const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => fail([d]) };
const format = { getCanonicalFileName: (f) => f, getCurrentDirectory: ts.sys.getCurrentDirectory, getNewLine: () => ts.sys.newLine };

function fail(diagnostics) {
  process.stderr.write(ts.formatDiagnosticsWithColorAndContext(diagnostics, format));
  process.exit(1);
}

function build(project) {
  const config = ts.getParsedCommandLineOfConfigFile(project, undefined, host);
  if (config.errors.length > 0) fail(config.errors);
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, projectReferences: config.projectReferences });
  const emitted = program.emit(undefined, undefined, undefined, false, { before: [inlineOffsets(program)] });
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
  if (diagnostics.length > 0) fail(diagnostics);
}

rmSync('dist', { recursive: true, force: true });
build('tsconfig.build.json');
build('tsconfig.cjs.json');
mkdirSync('dist/cjs', { recursive: true });
writeFileSync('dist/cjs/package.json', JSON.stringify({ type: 'commonjs' }) + '\n');
writeFileSync('dist/esm/package.json', JSON.stringify({ type: 'module' }) + '\n');
