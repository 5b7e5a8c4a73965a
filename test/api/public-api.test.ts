// The public API as users see it: the root export and each subpath in package.json, read with the
// TypeScript compiler. Every exported name has TSDoc with an @example, every optional field of an
// options interface says its @defaultValue, and no internal helper leaks into the root.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };

/** `'.'` → `src/index.ts`, `'./kube'` → `src/kube/index.ts`, from the package's exports map. */
const entries: [string, string][] = Object.keys(pkg.exports)
  .filter((k) => k === '.' || /^\.\/[a-z]+$/.test(k))
  .map((k) => [k === '.' ? 'podsim' : `podsim/${k.slice(2)}`, join(root, 'src', k === '.' ? '' : k.slice(2), 'index.ts')]);

const program = ts.createProgram(entries.map(([, f]) => f), { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true });
const checker = program.getTypeChecker();

function exportsOf(file: string): ts.Symbol[] {
  const sf = program.getSourceFile(file);
  if (sf === undefined) throw new Error(`${file} is not in the program`);
  const mod = checker.getSymbolAtLocation(sf);
  return mod === undefined ? [] : checker.getExportsOfModule(mod);
}

function target(s: ts.Symbol): ts.Symbol {
  return s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
}

/** The TSDoc block of a declaration (for a variable, of its statement). */
function tagsOf(d: ts.Declaration): { hasDoc: boolean; tags: string[] } {
  const node: ts.Node = ts.isVariableDeclaration(d) ? d.parent.parent : d;
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  return { hasDoc: docs.length > 0, tags: docs.flatMap((j) => (j.tags ?? []).map((t) => t.tagName.text)) };
}

function where(d: ts.Declaration): string {
  const sf = d.getSourceFile();
  return `${sf.fileName.slice(root.length)}:${sf.getLineAndCharacterOfPosition(d.getStart()).line + 1}`;
}

describe('the public API', () => {
  it('package.json exports the root and every subpath this test reads', () => {
    expect(entries.map(([n]) => n)).toEqual([
      'podsim', 'podsim/kube', 'podsim/scheduling', 'podsim/packing', 'podsim/performance', 'podsim/traces',
      'podsim/inputs', 'podsim/report', 'podsim/engine', 'podsim/resources', 'podsim/random', 'podsim/metrics', 'podsim/cli',
      'podsim/experiments', 'podsim/theory', 'podsim/dynamics',
    ]);
  });

  it('documents every exported name with TSDoc and an @example', () => {
    const missing: string[] = [];
    for (const [name, file] of entries) {
      for (const s of exportsOf(file)) {
        const decls = target(s).getDeclarations() ?? [];
        const ok = decls.some((d) => tagsOf(d).tags.includes('example'));
        if (!ok) missing.push(`${name}: ${s.name} (${decls[0] === undefined ? '?' : where(decls[0])})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('gives every optional field of an exported options interface a @defaultValue', () => {
    const missing: string[] = [];
    const checked = new Set<string>();
    for (const [name, file] of entries) {
      for (const s of exportsOf(file)) {
        const t = target(s);
        if (!/Options$/.test(t.name) || !(t.flags & ts.SymbolFlags.Interface)) continue;
        checked.add(t.name);
        for (const p of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(t))) {
          if (!(p.flags & ts.SymbolFlags.Optional)) continue;
          const d = p.getDeclarations()?.[0];
          if (d === undefined || !tagsOf(d).tags.includes('defaultValue')) missing.push(`${name}: ${t.name}.${p.name}${d === undefined ? '' : ` (${where(d)})`}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect([...checked]).toEqual(expect.arrayContaining(['SimulationOptions', 'LoadOptions', 'ImportOptions', 'PackOptions', 'SimulateForReportOptions']));
  });

  it('keeps the root export to the user\'s API: no internal helpers, one name per concept', () => {
    const names = exportsOf(entries[0]![1]).map((s) => s.name).sort();
    for (const internal of ['csvField', 'scopeSvgIds', 'editDistance', 'didYouMean', 'waterFillInto', 'add', 'sum', 'equals', 'EventQueue', 'KubeScheduler']) {
      expect(names).not.toContain(internal);
    }
    expect(names.length).toBeLessThan(70);
  });

  it('defines each exported value once: a name exported by two entry points is the same declaration', () => {
    const seen = new Map<string, ts.Symbol>();
    const clashes: string[] = [];
    for (const [name, file] of entries) {
      for (const s of exportsOf(file)) {
        const t = target(s);
        const prev = seen.get(s.name);
        if (prev !== undefined && prev !== t) clashes.push(`${s.name} (again in ${name})`);
        seen.set(s.name, t);
      }
    }
    expect(clashes).toEqual([]);
  });
});
