import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJson } from '../../src/utils/json.js';
import { sharedDir } from '../helpers/shared.js';

/** Real captured Douyin bodies (see ../shared/fixtures/douyin/SOURCES.md). */
export function fixtureDir(): string {
  return sharedDir('fixtures', 'douyin');
}

export function fixtureText(name: string): string {
  return readFileSync(join(fixtureDir(), `${name}.json`), 'utf8');
}

/** Parsed losslessly: ids above 2^53 arrive as bigint. */
export function loadFixture(name: string): unknown {
  return parseJson(fixtureText(name));
}

/** Parsed with `JSON.parse`: ids above 2^53 arrive rounded. */
export function loadFixturePlain(name: string): unknown {
  return JSON.parse(fixtureText(name)) as unknown;
}

/** Every `*.json` fixture, without the extension. */
export function fixtureNames(): string[] {
  return readdirSync(fixtureDir())
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

/** Walks a parsed body along `path` (test-side only; the filters never do this). */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
