/** Shared fixture access for the webcast tests (reads ../shared/fixtures/webcast). */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir } from '../../helpers/shared.js';

export const webcastDir = (): string => sharedDir('fixtures', 'webcast');
export const readFixture = (rel: string): Buffer => readFileSync(join(webcastDir(), rel));
export const readJson = <T = any>(rel: string): T => JSON.parse(readFileSync(join(webcastDir(), rel), 'utf8')) as T;
export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export interface ManifestFile {
  path: string;
  kind: string;
  expected?: string;
  schema?: string;
  expected_json?: Record<string, unknown>;
  hex?: string;
}
export const manifest = (): { files: ManifestFile[] } => readJson('frames/MANIFEST.json');

/** Every `payloads/*.bin` file name. */
export const payloadFiles = (): string[] =>
  readdirSync(join(webcastDir(), 'payloads')).filter((f) => f.endsWith('.bin')).sort();

/**
 * Our decoded value in proto3 canonical JSON form (what the *.expected.json files hold):
 * bytes → base64; everything else is already JSON-shaped (64-bit as strings, absent defaults omitted).
 */
export function canonical(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = canonical(v);
    return out;
  }
  return value;
}
