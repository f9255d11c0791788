import { describe, expect, it } from 'vitest';
import { detectContainer, magicMatches } from '../../src/dl/index.js';
import { MEDIA_KINDS, readAsset } from '../../src/emulator/media/index.js';

describe('magic bytes', () => {
  it('recognise the head of every container the emulator serves', () => {
    for (const kind of MEDIA_KINDS) {
      const head = readAsset({ id: `magic-${kind}`, kind, size: 10_000 }, 0, 189);
      expect(detectContainer(head), kind).toBe(kind);
      expect(magicMatches(head, [kind])).toBe(true);
      expect(magicMatches(head, MEDIA_KINDS.filter((k) => k !== kind))).toBe(false);
    }
    const animated = readAsset({ id: 'anim', kind: 'webp', size: 10_000, animated: true }, 0, 189);
    expect(detectContainer(animated)).toBe('webp');
  });

  it('refuse error pages and JSON as media; text files take anything but HTML', () => {
    const html = Buffer.from('<!DOCTYPE html><html><head><title>403</title>');
    const json = Buffer.from('{"status_code":2053,"status_msg":"expired"}');
    for (const kind of MEDIA_KINDS) {
      expect(magicMatches(html, [kind])).toBe(false);
      expect(magicMatches(json, [kind])).toBe(false);
    }
    expect(magicMatches(Buffer.from('[{"text":"a","timeId":"1"}]'), ['lrc'])).toBe(true);
    expect(magicMatches(Buffer.from('  <html><body>'), ['txt'])).toBe(false);
    expect(magicMatches(Buffer.from('GIF89a....'), ['gif'])).toBe(true);
    expect(magicMatches(Buffer.from([0xff, 0xfb, 0x90, 0x44]), ['mp3'])).toBe(true);
    expect(magicMatches(Buffer.alloc(0), [])).toBe(true);
  });
});
