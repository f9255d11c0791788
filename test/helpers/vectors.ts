import { readFileSync, existsSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

/** The vectors folder: `$VECTORS_DIR`, else `../shared/vectors` beside the project. */
export function vectorsDir(): string {
  const dir = process.env.VECTORS_DIR ?? join(projectRoot, '..', 'shared', 'vectors');
  return resolve(projectRoot, dir);
}

/**
 * Reads one vector family (`xbogus` → `xbogus.json`). Throws — so the test fails, never skips —
 * when the folder or the file is missing.
 */
export function loadVectors<T = Record<string, unknown>>(family: string): T {
  const dir = vectorsDir();
  if (!existsSync(dir)) throw new Error(`vectors folder not found: ${dir} (set VECTORS_DIR)`);
  const file = join(dir, `${family}.json`);
  if (!existsSync(file)) throw new Error(`vector family missing: ${file}`);
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Throws when a family holds no vectors in a list the test relies on. */
export function nonEmpty<T>(list: readonly T[] | undefined, what: string): readonly T[] {
  if (!list || list.length === 0) throw new Error(`no vectors in ${what}`);
  return list;
}
