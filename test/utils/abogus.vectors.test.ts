import { describe, expect, it } from 'vitest';
import { InvalidInputError, SignatureError, isDouyinKitError } from '../../src/errors.js';
import {
  ABOGUS_ALPHABET,
  ABOGUS_UA_ALPHABET,
  DEFAULT_ABOGUS_OPTIONS,
  DEFAULT_ABOGUS_USER_AGENT,
  computeABogus,
  createABogusState,
} from '../../src/utils/a-bogus.js';
import { ABogus, aBogusModelToEndpoint, aBogusStrToEndpoint, signABogus } from '../../src/utils/a-bogus-session.js';
import type { RandomSource } from '../../src/utils/signing-random.js';
import { loadVectors, nonEmpty } from '../helpers/vectors.js';

type LogEntry = [name: string, args: unknown[], returned: unknown, extra?: { as_int_ms?: number }];
interface AbInput {
  params: string;
  body: string;
  user_agent_arg?: string | null;
  fp_arg?: string;
  options_arg?: number[] | null;
  start_ms: number;
  end_ms: number;
  random_values: number[];
}
interface AbVector {
  id: string;
  category: string;
  input: AbInput;
  effective: { user_agent: string; browser_fp: string; options: number[] };
  consumption_log: LogEntry[];
  expected: { a_bogus: string; params_with_abogus: string; returned_user_agent: string; returned_body: string };
}
interface AbSequence {
  id: string;
  user_agent: string;
  fp: string;
  calls: {
    call_index: number;
    input: AbInput;
    expected: { a_bogus: string; params_with_abogus: string };
    same_inputs_on_fresh_instance_a_bogus: string;
  }[];
}
interface AbManagerVector {
  id: string;
  method: string;
  input: { base_endpoint: string | null; params: string | Record<string, unknown>; body: string; user_agent: string };
  consumption_log: LogEntry[];
  expected_endpoint: string;
}
interface AbErrorVector {
  id: string;
  input: { params: string; body: string; user_agent_arg: string; fp_arg: string };
  expected_error: { type: string; message: string };
  why: string;
}
interface AbFamily {
  constants: {
    default_options: number[];
    alphabet0_final_encoding: string;
    alphabet1_ua_base64: string;
    big_array_initial: number[];
    default_user_agent: string;
  };
  vectors: AbVector[];
  sequences: AbSequence[];
  manager_vectors: AbManagerVector[];
  error_vectors: AbErrorVector[];
}

const family = loadVectors<AbFamily>('abogus');

/**
 * Replays F2's recorded calls (`random.randint`, `random.choice`, `time.time`, `random.random`) in
 * order, failing on any call F2 did not make at that point.
 */
function replay(log: readonly LogEntry[]): { random: RandomSource; clock: () => number; consumed: () => number } {
  let i = 0;
  const next = (name: string): LogEntry => {
    const entry = log[i++];
    if (!entry || entry[0] !== name) throw new Error(`call ${i - 1}: expected ${entry?.[0] ?? 'nothing'}, got ${name}`);
    return entry;
  };
  return {
    random: {
      random: () => next('random.random')[2] as number,
      randint: (min, max) => {
        const entry = next('random.randint');
        expect(entry[1]).toEqual([min, max]);
        return entry[2] as number;
      },
      choice: <T>(items: readonly T[]): T => {
        const entry = next('random.choice');
        expect(entry[1]).toEqual([items]);
        return entry[2] as T;
      },
    },
    clock: () => next('time.time')[3]!.as_int_ms!,
    consumed: () => i,
  };
}

describe('a_bogus vectors', () => {
  it('matches the constants of the vectors', () => {
    expect([...DEFAULT_ABOGUS_OPTIONS]).toEqual(family.constants.default_options);
    expect(ABOGUS_ALPHABET).toBe(family.constants.alphabet0_final_encoding);
    expect(ABOGUS_UA_ALPHABET).toBe(family.constants.alphabet1_ua_base64);
    expect([...createABogusState()]).toEqual(family.constants.big_array_initial);
    expect(DEFAULT_ABOGUS_USER_AGENT).toBe(family.constants.default_user_agent);
  });

  it.each(nonEmpty(family.vectors, 'abogus.vectors'))('$id ($category)', (v) => {
    const { input } = v;
    // 1. F2's object, with every clock reading and draw replayed in F2's order.
    const r = replay(v.consumption_log);
    const signer = new ABogus({
      fingerprint: input.fp_arg,
      userAgent: input.user_agent_arg ?? undefined,
      options: input.options_arg ?? undefined,
      random: r.random,
      clock: r.clock,
    });
    const result = signer.generateABogus(input.params, input.body);
    expect(r.consumed()).toBe(v.consumption_log.length);
    expect(result).toEqual({
      aBogus: v.expected.a_bogus,
      params: v.expected.params_with_abogus,
      userAgent: v.expected.returned_user_agent,
      body: v.expected.returned_body,
      fingerprint: v.effective.browser_fp,
    });
    // 2. The pure function, every input explicit.
    const pure = computeABogus({
      params: input.params,
      body: input.body,
      userAgent: input.user_agent_arg ?? '',
      fingerprint: v.effective.browser_fp,
      options: input.options_arg ?? undefined,
      startMs: input.start_ms,
      endMs: input.end_ms,
      randomValues: input.random_values,
    });
    expect(pure).toBe(v.expected.a_bogus);
  });

  const calls = nonEmpty(family.sequences, 'abogus.sequences').flatMap((s) =>
    s.calls.map((call) => ({ name: `${s.id} call ${call.call_index}`, sequence: s, upTo: call.call_index })),
  );

  it.each(calls)('$name (same instance, then a fresh one)', ({ sequence, upTo }) => {
    const instance = new ABogus({ fingerprint: sequence.fp, userAgent: sequence.user_agent });
    const state = createABogusState();
    for (const call of sequence.calls.slice(0, upTo + 1)) {
      const fixed = { startMs: call.input.start_ms, endMs: call.input.end_ms, randomValues: call.input.random_values };
      const viaInstance = instance.generateABogus(call.input.params, call.input.body, fixed);
      const viaState = computeABogus(
        { ...fixed, params: call.input.params, body: call.input.body, userAgent: sequence.user_agent, fingerprint: sequence.fp },
        state,
      );
      if (call.call_index !== upTo) continue;
      expect(viaInstance.aBogus).toBe(call.expected.a_bogus);
      expect(viaInstance.params).toBe(call.expected.params_with_abogus);
      expect(viaState).toBe(call.expected.a_bogus);
      const fresh = signABogus(call.input.params, call.input.body, { ...fixed, fingerprint: sequence.fp, userAgent: sequence.user_agent });
      expect(fresh.aBogus).toBe(call.same_inputs_on_fresh_instance_a_bogus);
    }
  });

  it.each(nonEmpty(family.manager_vectors, 'abogus.manager_vectors'))('$id ($method)', (v) => {
    const r = replay(v.consumption_log);
    const { user_agent: userAgent, params, body, base_endpoint: base } = v.input;
    const endpoint =
      typeof params === 'string'
        ? aBogusStrToEndpoint(userAgent, params, body, r)
        : aBogusModelToEndpoint(userAgent, base ?? '', params, body, r);
    expect(endpoint).toBe(v.expected_endpoint);
    expect(r.consumed()).toBe(v.consumption_log.length);
  });

  it.each(nonEmpty(family.error_vectors, 'abogus.error_vectors'))('$id throws a typed error: $why', (v) => {
    let caught: unknown;
    try {
      signABogus(v.input.params, v.input.body, {
        userAgent: v.input.user_agent_arg,
        fingerprint: v.input.fp_arg,
        startMs: 1717171717171,
        endMs: 1717171717173,
        randomValues: [0.1, 0.2, 0.3],
      });
    } catch (error) {
      caught = error;
    }
    expect(isDouyinKitError(caught)).toBe(true);
    expect(caught instanceof InvalidInputError || caught instanceof SignatureError).toBe(true);
    const { message } = caught as InvalidInputError;
    if (v.expected_error.message.includes('range(0, 256)') || v.expected_error.type === 'UnicodeEncodeError') {
      expect(message).toMatch(/above U\+00FF/);
    }
    if (/\bUA\b|user agent/i.test(v.why)) expect(message).toMatch(/user agent/);
  });
});
