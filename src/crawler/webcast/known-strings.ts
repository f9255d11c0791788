/**
 * A small set of strings found by their UTF-8 bytes, for values that repeat in every frame
 * (`Message.method`): returning the stored string skips decoding the bytes into a new string, and
 * a stored (internalized) string is a cheap `Map` key afterwards, where a new one is hashed.
 * @internal
 */
export class KnownStrings {
  /** By UTF-8 length. */
  private readonly byLength: (Bucket | undefined)[] = [];

  constructor(strings: Iterable<string>) {
    const encoder = new TextEncoder();
    for (const s of strings) {
      const bytes = encoder.encode(s);
      (this.byLength[bytes.length] ??= { entries: [], split: 0 }).entries.push([bytes, s]);
    }
    for (const bucket of this.byLength) {
      if (bucket === undefined || bucket.entries.length < 2) continue;
      const [first] = bucket.entries[0]!;
      let i = 0;
      while (i < first.length && bucket.entries.every(([b]) => b[i] === first[i])) i++;
      bucket.split = i;
    }
  }

  /** The known string whose UTF-8 is `buf[start, stop)`, or `undefined`. */
  find(buf: Uint8Array, start: number, stop: number): string | undefined {
    const bucket = this.byLength[stop - start];
    if (bucket === undefined) return undefined;
    const { entries, split } = bucket;
    for (let j = 0; j < entries.length; j++) {
      const [bytes, s] = entries[j]!;
      let i = split;
      while (i < bytes.length && buf[start + i] === bytes[i]) i++;
      if (i < bytes.length) continue;
      i = 0;
      while (i < split && buf[start + i] === bytes[i]) i++;
      if (i === split) return s;
    }
    return undefined;
  }
}

interface Bucket {
  /** UTF-8 of each string, and the string. */
  entries: (readonly [Uint8Array, string])[];
  /** First byte index where the entries differ ("Webcast…" names share 7 bytes): compared first. */
  split: number;
}
