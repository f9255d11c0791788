/**
 * File-type checks by magic bytes, so an HTML error page, a JSON "link expired" answer or a body
 * of another format served with 200 never counts as a finished media file.
 */

/** Containers the downloader can verify (`txt`/`lrc`/`json` are text and have no magic). */
export type MediaContainer = 'mp4' | 'webp' | 'jpeg' | 'mp3' | 'flv' | 'ts' | 'gif' | 'txt' | 'lrc';

/** How many leading bytes `detectContainer` wants (the TS check looks at the second packet). */
export const MAGIC_PROBE_BYTES = 189;

const MP4_BOXES = new Set(['ftyp', 'styp', 'moov', 'mdat', 'free', 'skip', 'wide', 'pnot']);
const TS_PACKET = 188;

function ascii(head: Uint8Array, start: number, end: number): string {
  return Buffer.from(head.buffer, head.byteOffset + start, Math.max(0, Math.min(end, head.length) - start)).toString('latin1');
}

function isMp3(head: Uint8Array): boolean {
  if (ascii(head, 0, 3) === 'ID3') return true;
  // MPEG audio frame sync: 11 set bits, then a layer that is not "reserved".
  return head.length >= 2 && head[0] === 0xff && (head[1]! & 0xe0) === 0xe0 && (head[1]! & 0x06) !== 0;
}

/** The container `head` (the first bytes of a file) starts like, or `null` when none matches. */
export function detectContainer(head: Uint8Array): Exclude<MediaContainer, 'txt' | 'lrc'> | null {
  if (head.length >= 8 && MP4_BOXES.has(ascii(head, 4, 8))) return 'mp4';
  if (head.length >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return 'webp';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.length >= 4 && ascii(head, 0, 3) === 'FLV' && head[3] === 1) return 'flv';
  if (head.length >= 6 && (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a')) return 'gif';
  if (head.length > TS_PACKET && head[0] === 0x47 && head[TS_PACKET] === 0x47) return 'ts';
  if (isMp3(head)) return 'mp3';
  return null;
}

/**
 * Whether `head` may start a file of one of `expected`. Text containers accept anything but
 * bytes that look like an HTML page; an empty `expected` accepts everything.
 */
export function magicMatches(head: Uint8Array, expected: readonly MediaContainer[]): boolean {
  if (expected.length === 0) return true;
  const found = detectContainer(head);
  for (const container of expected) {
    if (container === 'txt' || container === 'lrc') {
      if (!/^\s*<(?:!doctype|html)/i.test(ascii(head, 0, 64))) return true;
    } else if (container === found) {
      return true;
    }
  }
  return false;
}

/** Short readable description of `head` for error messages (`"<!DOCTYPE h"`, `ff d8 ff e0`). */
export function describeHead(head: Uint8Array): string {
  const slice = head.subarray(0, 12);
  const text = Buffer.from(slice).toString('latin1');
  if (/^[\x20-\x7e]+$/.test(text)) return JSON.stringify(text);
  return Array.from(slice, (b) => b.toString(16).padStart(2, '0')).join(' ');
}
