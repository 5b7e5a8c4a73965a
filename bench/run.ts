// `npm run bench`: runs every benchmark in turn and writes each one's figures to bench/results/.
// Pass names to run only some: `npm run bench -- simulate kube`.
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const all = ['simulate', 'lifecycle', 'performance', 'placement', 'kube', 'packing', 'traces', 'inputs', 'experiments', 'dynamics', 'usage', 'autoscaling', 'distributed'];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length > 0 ? wanted : all;
mkdirSync(join(here, 'results'), { recursive: true });
for (const name of names) {
  const file = join(here, `${name}.ts`);
  if (!existsSync(file)) {
    console.log(`bench ${name}: no bench/${name}.ts here, skipped`);
    continue;
  }
  console.log(`\n## ${name}\n`);
  const mod = (await import(pathToFileURL(file).href)) as { main?: () => Promise<string | void> };
  const out = await mod.main?.();
  if (typeof out === 'string' && name === 'simulate') writeFileSync(join(here, 'results', `${name}.md`), out + '\n');
}
