import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LiveSegmentClosed } from '../../../src/dl/live/index.js';
import { SegmentSink } from '../../../src/dl/live/segment-sink.js';
import { listFiles, useLiveRigs } from './live-test-rig.js';

const { tmpRoot } = useLiveRigs();

function sink(root: string, closed: LiveSegmentClosed[], baseName = 'same') {
  return new SegmentSink({ root, folder: ['room'], baseName, protocol: 'hls', now: Date.now, chat: null, onOpened: () => undefined, onClosed: (c) => void closed.push(c) });
}

describe('SegmentSink', () => {
  it('numbers files, never overwrites one, and only shows finished files under their final names', async () => {
    const root = await tmpRoot();
    await writeFile(path.join(root, 'x'), '');
    await mkdir(path.join(root, 'room'));
    await writeFile(path.join(root, 'room', 'same_001.ts'), 'someone else');
    const closed: LiveSegmentClosed[] = [];
    const [a, b] = [sink(root, closed), sink(root, closed)];
    // Two recorders with the same name, opening at the same moment.
    await Promise.all([a.open(Buffer.from('A1')), b.open(Buffer.from('B1'))]);
    expect((await listFiles(root)).filter((f) => f.endsWith('.part')).length).toBe(2);
    await a.write(Buffer.from('-more'));
    await a.open(Buffer.from('A2'));
    await Promise.all([a.close(), b.close()]);
    const files = await listFiles(root);
    expect(files).toEqual(['room/same_001.ts', 'room/same_002.ts', 'room/same_003.ts', 'room/same_004.ts', 'x'].map((f) => f.replace('/', path.sep)));
    expect(await readFile(path.join(root, 'room', 'same_001.ts'), 'utf8')).toBe('someone else');
    const contents = await Promise.all(closed.map((c) => readFile(c.path, 'utf8')));
    expect(contents.sort()).toEqual(['A1-more', 'A2', 'B1']);
    expect(closed.map((c) => c.bytes).sort()).toEqual([2, 2, 7]);
  });

  it('keeps hostile names inside the root', async () => {
    const root = await tmpRoot();
    const closed: LiveSegmentClosed[] = [];
    const s = new SegmentSink({ root, folder: ['..', '/etc', 'a/../../b'], baseName: '../../../../tmp/evil\u0000name', protocol: 'flv', now: Date.now, chat: null, onOpened: () => undefined, onClosed: (c) => void closed.push(c) });
    await s.open(Buffer.from('FLV'));
    await s.close();
    expect(path.relative(root, closed[0]!.path).startsWith('..')).toBe(false);
    expect(closed[0]!.path.endsWith('_001.flv')).toBe(true);
    expect(await listFiles(root)).toEqual([path.relative(root, closed[0]!.path)]);
  });
});
