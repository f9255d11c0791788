import { decodeCommon } from '../../src/crawler/webcast/generated/codec.js';
import { Reader } from '../../src/crawler/webcast/wire.js';

/**
 * The wire method of a sampled `Message.payload`: `Common.method` of the first length-delimited
 * field that decodes as a `Common` naming a `Webcast…` method (field 1 in most types, field 2 in a
 * few, e.g. PreviewCjRpMessage).
 */
export function wireMethod(bytes: Uint8Array): string | undefined {
  const r = new Reader(bytes);
  while (r.pos < r.len) {
    const tag = r.uint32();
    if ((tag & 7) !== 2) {
      r.skip(tag, r.len, 0);
      continue;
    }
    const end = r.delimited(r.len);
    try {
      const method = decodeCommon(r, end, 1).method;
      if (method?.startsWith('Webcast')) return method;
    } catch {
      // not a Common
    }
    r.pos = end;
  }
  return undefined;
}
