import { describe, expect, it } from 'vitest';
import { generateBrowserFingerprint } from '../../src/utils/browser-fingerprint.js';
import type { RandomSource } from '../../src/utils/signing-random.js';
import { loadVectors, nonEmpty } from '../helpers/vectors.js';

type LogEntry = [name: string, args: unknown[], returned: number];
interface FpVector {
  id: string;
  input: { browser_type: string; injected_values_in_order: number[] };
  consumption_log: LogEntry[];
  expected: { fingerprint: string; length: number };
}

const family = loadVectors<{ vectors: FpVector[] }>('fingerprint');

describe('browser fingerprint vectors', () => {
  it.each(nonEmpty(family.vectors, 'fingerprint.vectors'))('$id ($input.browser_type)', (v) => {
    let i = 0;
    const next = (name: string, args: unknown[]): number => {
      const entry = v.consumption_log[i++];
      expect(entry?.[0]).toBe(name);
      expect(entry?.[1]).toEqual(args);
      return entry![2];
    };
    const random: Pick<RandomSource, 'randint' | 'choice'> = {
      randint: (min, max) => next('random.randint', [min, max]),
      choice: <T>(items: readonly T[]) => next('random.choice', [items]) as T,
    };
    const fingerprint = generateBrowserFingerprint(v.input.browser_type, random);
    expect(fingerprint).toBe(v.expected.fingerprint);
    expect(fingerprint.length).toBe(v.expected.length);
    expect(i).toBe(v.consumption_log.length);
    expect(v.consumption_log.map((e) => e[2])).toEqual(v.input.injected_values_in_order);
  });
});
