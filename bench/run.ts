/**
 * `npm run bench [filter]`: runs every `bench/*.bench.ts` (each exports `benchmarks`) in this one
 * process and prints one line per case: `name<TAB>rate<TAB>unit[<TAB>key=value…]`.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { formatResult, runCase, type BenchCase } from './harness.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
const filter = process.argv[2];
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort();
const rates = new Map<string, number>();

for (const file of files) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { benchmarks: BenchCase<any>[] };
  for (const c of mod.benchmarks) {
    if (filter && !c.name.includes(filter)) continue;
    console.log(formatResult(await runCase(c, rates)));
  }
}
