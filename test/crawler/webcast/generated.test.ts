/** The committed schema and generated code are exactly what the scripts produce (no hand edits, no drift). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot, sharedDir } from '../../helpers/shared.js';

const tmp = mkdtempSync(join(tmpdir(), 'douyin-kit-proto-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function tsx(script: string, args: string[]): void {
  execFileSync(process.execPath, ['--import', 'tsx', join(projectRoot, 'scripts', script), ...args], { cwd: projectRoot, stdio: 'pipe' });
}

describe('generated code is up to date', () => {
  it('proto/douyin_webcast.proto = schema listing + wirefix corrections', () => {
    const out = join(tmp, 'douyin_webcast.proto');
    tsx('gen-webcast-proto.ts', [sharedDir('docs', 'webcast-schema-listing.txt'), sharedDir('docs', 'webcast-wirefix-changes.txt'), out]);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(projectRoot, 'proto', 'douyin_webcast.proto'), 'utf8'));
    expect(readFileSync(join(tmp, 'douyin_webcast_methods.json'), 'utf8')).toBe(
      readFileSync(join(projectRoot, 'proto', 'douyin_webcast_methods.json'), 'utf8'),
    );
  });

  it('src/crawler/webcast/generated/* = scripts/gen-proto.ts output', () => {
    const out = join(tmp, 'generated');
    tsx('gen-proto.ts', [out]);
    const committed = join(projectRoot, 'src', 'crawler', 'webcast', 'generated');
    const files = readdirSync(out).sort();
    expect(files).toEqual(['codec.ts', 'methods.ts', 'types.ts']);
    for (const f of files) expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(committed, f), 'utf8'));
  });

  it('every "!! WIRE" field of the listing has its real-traffic integer type in the proto', () => {
    const root = new protobuf.Root();
    root.resolvePath = (_origin, target) => join(projectRoot, 'proto', target.replace(/^.*[\\/]/, ''));
    root.loadSync(['douyin_webcast.proto', 'douyin_webcast_extra.proto'], { keepCase: true });
    root.resolveAll();
    let message = '';
    let checked = 0;
    for (const line of readFileSync(sharedDir('docs', 'webcast-schema-listing.txt'), 'utf8').split('\n')) {
      const header = /^\s*message ([\w.]+)/.exec(line);
      if (header) message = header[1]!;
      const flagged = /^\s+(\d+)\s+(\w+)\s+(?:optional|repeated)\s+string\s+!! WIRE: real traffic = (repeated )?(\w+)/.exec(line);
      if (!flagged) continue;
      const field = root.lookupType(`douyin.${message}`).fieldsById[Number(flagged[1])]!;
      expect([field.name, field.repeated, field.type], `${message}.${flagged[2]}`).toEqual([flagged[2], Boolean(flagged[3]), flagged[4]]);
      checked++;
    }
    expect(checked).toBe(95);
  });
});
