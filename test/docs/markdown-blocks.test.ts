// The docs harness's reader: directives, named files, shell commands and output comparison.
import { describe, expect, it } from 'vitest';
import { consoleSteps, markdownBlocks, namedFile, outputMismatch, shellCommands } from './markdown-blocks.js';

describe('markdownBlocks', () => {
  it('reads fences with their directives, including needs, cell and in-repo', () => {
    const md = [
      '<!-- doc-test: needs manifests/online-boutique.yaml -->',
      '<!-- doc-test: cell -->',
      '```ts',
      'x',
      '```',
      '<!-- doc-test: needs traces/a.csv as b.csv -->',
      '<!-- doc-test: in-repo -->',
      '```sh',
      'npm start',
      '```',
    ].join('\n');
    const [a, b] = markdownBlocks(md);
    expect(a?.directives).toEqual([{ kind: 'needs', path: 'manifests/online-boutique.yaml', as: 'online-boutique.yaml' }, { kind: 'cell' }]);
    expect(b?.directives).toEqual([{ kind: 'needs', path: 'traces/a.csv', as: 'b.csv' }, { kind: 'in-repo' }]);
  });

  it('refuses unknown directives, a not-run without a reason, and a directive not followed by a block', () => {
    expect(() => markdownBlocks('<!-- doc-test: nope -->\n```ts\n```')).toThrow(/unknown doc-test directive/);
    expect(() => markdownBlocks('<!-- doc-test: not-run x -->\n```ts\n```')).toThrow(/needs a reason/);
    expect(() => markdownBlocks('<!-- doc-test: output -->\ntext\n```ts\n```')).toThrow(/right before a code block/);
  });

  it('names a file from a first-line comment', () => {
    const [a, b, c] = markdownBlocks('```yaml\n# scenario.yaml: ten hosts\nseed: 1\n```\n```yaml\n# cluster.yaml\n```\n```yaml\n# not a file name\n```');
    expect(namedFile(a!)).toBe('scenario.yaml');
    expect(namedFile(b!)).toBe('cluster.yaml');
    expect(namedFile(c!)).toBeUndefined();
  });
});

describe('shellCommands and consoleSteps', () => {
  it('drops comments, joins continuations, keeps # inside quotes', () => {
    expect(shellCommands("# c\nnpm install podsim   # a comment\npodsim run a.yaml \\\n  --seed 7\necho '#x'")).toEqual(['npm install podsim', 'podsim run a.yaml    --seed 7', "echo '#x'"]);
  });
  it('splits a transcript into commands and outputs', () => {
    expect(consoleSteps('$ a\n1\n$ b\n')).toEqual([{ command: 'a', output: ['1'] }, { command: 'b', output: [''] }]);
  });
});

describe('outputMismatch', () => {
  it('matches exactly, with … for any lines, ignoring trailing spaces and blank edges', () => {
    expect(outputMismatch(['a', '…', 'd'], ['a', 'b', 'c', 'd  '])).toBeUndefined();
    expect(outputMismatch(['a', '…'], ['a'])).toBeUndefined();
    expect(outputMismatch(['a', 'b'], ['', 'a', 'b', ''])).toBeUndefined();
    expect(outputMismatch(['a', 'b'], ['a', 'c'])).toMatch(/line 2/);
    expect(outputMismatch(['a'], ['a', 'extra'])).toBeDefined();
  });
});
