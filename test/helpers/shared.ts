import { resolve, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';

const projectRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

/** `../shared` beside the project (fixtures and docs). Throws when absent. */
export function sharedDir(...parts: string[]): string {
  const dir = join(projectRoot, '..', 'shared', ...parts);
  if (!existsSync(dir)) throw new Error(`shared material not found: ${dir}`);
  return dir;
}

export { projectRoot };
