/**
 * Body parts that are cached and never change (serialised items, fixed punctuation). A run of
 * them in a reply is the same bytes whenever the same buffers appear in the same order, so
 * encodings of the run (gzip) can be cached under the buffers' ids.
 */
// A hidden property rather than a WeakMap: it is read for every part of every reply.
const ID = Symbol('douyin-kit.cachedPartId');
let lastId = 0;

type Tagged = Buffer & { [ID]?: number };

/** Registers `part` as cached (its bytes must never be mutated) and returns it. */
export function cachedPart(part: Buffer): Buffer {
  if ((part as Tagged)[ID] === undefined) Object.defineProperty(part, ID, { value: ++lastId, enumerable: false });
  return part;
}

/** The id of a cached part, or undefined for a per-request one. */
export function cachedPartId(part: Buffer): number | undefined {
  return (part as Tagged)[ID];
}
