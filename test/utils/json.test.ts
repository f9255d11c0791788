import { describe, expect, it } from 'vitest';
import { idString, parseJson, stringifyJson } from '../../src/utils/json.js';

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
});
