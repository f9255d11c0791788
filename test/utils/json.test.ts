import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { idString, parseJson, stringifyJson } from '../../src/utils/json.js';
import { sharedDir } from '../helpers/shared.js';

describe('lossless JSON', () => {
  it('keeps 64-bit ids exact and round-trips them as numbers', () => {
    const text = '{"room":{"id":7394369720813816630,"id_str":"7394369720813816630"},"n":12,"f":1.5,"neg":-9007199254740993}';
    const v = parseJson(text) as { room: { id: unknown }; n: unknown; f: unknown; neg: unknown };
    expect(v.room.id).toBe(7394369720813816630n);
    expect(v.n).toBe(12);
    expect(v.f).toBe(1.5);
    expect(v.neg).toBe(-9007199254740993n);
    expect(stringifyJson(v)).toBe(text);
    expect(idString(v.room.id)).toBe('7394369720813816630');
    expect(idString(12)).toBe('12');
    expect(idString('')).toBeNull();
    expect(idString(undefined)).toBeNull();
  });

  it('is not fooled by numbers inside strings (JSON-in-JSON) or long decimals', () => {
    const strings = JSON.stringify({
      extra: '{"contract_item_id":7253290037918354691,"x":[7253290037918354692]}',
      url: 'https://x/obj/7253290131958942522.mp3?l=202307211825566527AF3C1',
      quote: 'a \\" 1234567890123456789012 "',
    });
    const text = `${strings.slice(0, -1)},"id":7253290130763467557,"d":0.12345678901234567890,"arr":[9007199254740993,1]}`;
    const v = parseJson(text) as Record<string, unknown>;
    expect(v.id).toBe(7253290130763467557n);
    expect(v.arr).toEqual([9007199254740993n, 1]);
    expect(v.d).toBeCloseTo(0.123456789);
    expect(v.extra).toBe('{"contract_item_id":7253290037918354691,"x":[7253290037918354692]}');
  });

  it('falls back to a full lossless parse when key order differs from the text', () => {
    // Integer-like keys are iterated first by JavaScript, out of document order.
    const text = '{"b":9007199254740993,"1":9007199254740995}';
    expect(parseJson(text)).toEqual({ b: 9007199254740993n, 1: 9007199254740995n });
  });

  it('reads every big id of a real capture exactly', () => {
    const text = readFileSync(join(sharedDir('fixtures', 'douyin'), 'user_post__1.json'), 'utf8');
    const v = parseJson(text) as { aweme_list: { music: { id: unknown; id_str: string } }[] };
    expect(v.aweme_list[0]!.music.id).toBe(BigInt(v.aweme_list[0]!.music.id_str));
    expect(parseJson(stringifyJson(v))).toEqual(v);
  });
});
