import { describe, expect, it } from 'vitest';
import { randomSourceFromFloats } from '../../src/utils/signing-random.js';
import {
  WEBCAST_SIGNATURE_ALPHABET,
  WEBCAST_WARMUP_STUB,
  WebcastSigner,
  computeWebcastSignature,
  computeWebcastSignatureF2,
  computeWebcastSignatureForRoom,
  webcastRawString,
  webcastXMsStub,
} from '../../src/utils/webcast-signature.js';
import { signXBogus } from '../../src/utils/x-bogus.js';
import { loadVectors, nonEmpty } from '../helpers/vectors.js';

interface Signed {
  x_ms_stub?: string;
  bogus_index: number;
  randoms_used: number[];
  signature: string;
}
interface WsVector {
  id: string;
  input: { room_id: string; user_unique_id: string; effective_user_agent: string; math_random_values_in_order: number[] };
  raw_string: string;
  x_ms_stub: string;
  warmup_call: Signed & { x_ms_stub: string };
  expected: Signed;
}
interface Family {
  algorithm: { signature: string };
  vectors: WsVector[];
  findings: {
    unstubbed_same_input_5_runs: { signature: string; math_random_draws: { drawn: number[] } }[];
    ua_independence: { randoms: number[]; signatures_by_ua: Record<string, string> };
    time_independence: { randoms: number[]; Date_now_ms_to_signature: Record<string, string> };
    bogus_index_sequence_single_context: { x_ms_stub: string; calls: (Signed & { o0: number })[] };
    f2_xbogus_on_stub: {
      'webcast_signature_of_same_input(ws_00)': string;
      xbogus_outputs: { input: string; timestamp: number; x_bogus: string }[];
    };
  };
}

const family = loadVectors<Family>('webcast_signature');
const vectors = nonEmpty(family.vectors, 'webcast_signature.vectors');
const queue = (values: readonly number[]) => {
  let i = 0;
  return randomSourceFromFloats(() => {
    if (i >= values.length) throw new Error('more draws than recorded');
    return values[i++]!;
  });
};

describe('webcast signature vectors', () => {
  it('uses the recovered alphabet', () => {
    expect(family.algorithm.signature).toContain(WEBCAST_SIGNATURE_ALPHABET);
  });

  it.each(vectors)('$id: raw string, X-MS-STUB, F2 flow (warm-up at 1, request at 2)', (v) => {
    expect(webcastRawString(v.input.room_id, v.input.user_unique_id)).toBe(v.raw_string);
    expect(webcastXMsStub(v.input.room_id, v.input.user_unique_id)).toBe(v.x_ms_stub);
    const signer = new WebcastSigner({ mode: 'f2', random: queue(v.input.math_random_values_in_order) });
    expect(signer.sign(v.input.room_id, v.input.user_unique_id)).toBe(v.expected.signature);
  });

  it.each(vectors)('$id: pure function, warm-up and requested signature', (v) => {
    expect(v.warmup_call.x_ms_stub).toBe(WEBCAST_WARMUP_STUB);
    expect(computeWebcastSignature(v.warmup_call.x_ms_stub, v.warmup_call.randoms_used, v.warmup_call.bogus_index)).toBe(
      v.warmup_call.signature,
    );
    expect(computeWebcastSignature(v.x_ms_stub, v.expected.randoms_used, v.expected.bogus_index)).toBe(v.expected.signature);
    expect(
      computeWebcastSignatureForRoom(v.input.room_id, v.input.user_unique_id, v.expected.randoms_used, v.expected.bogus_index),
    ).toBe(v.expected.signature);
    expect(computeWebcastSignatureF2(v.x_ms_stub, v.input.math_random_values_in_order)).toBe(v.expected.signature);
    expect(v.input.math_random_values_in_order).toEqual([...v.warmup_call.randoms_used, ...v.expected.randoms_used]);
  });

  const sequence = family.findings.bogus_index_sequence_single_context;
  const calls = nonEmpty(sequence.calls, 'bogus_index_sequence_single_context.calls');

  it.each(calls.map((call, n) => ({ ...call, n })))('one context, call at bogusIndex $bogus_index (o0 $o0)', (call) => {
    const draws = calls.slice(0, call.n + 1).flatMap((c) => c.randoms_used);
    const signer = new WebcastSigner({ startIndex: calls[0]!.bogus_index, random: queue(draws) });
    let signature = '';
    for (let i = 0; i <= call.n; i++) {
      expect(signer.bogusIndex).toBe(calls[i]!.bogus_index);
      signature = signer.signStub(sequence.x_ms_stub);
    }
    expect(signature).toBe(call.signature);
    expect(call.bogus_index & 63).toBe(call.o0);
    expect(computeWebcastSignature(sequence.x_ms_stub, call.randoms_used, call.o0)).toBe(call.signature);
  });

  // The findings below were recorded on ws_00's input.
  const ws00 = vectors.find((v) => v.id === 'ws_00') ?? vectors[0]!;

  it.each(family.findings.unstubbed_same_input_5_runs)('unstubbed run giving $signature', (run) => {
    expect(new WebcastSigner({ mode: 'f2', random: queue(run.math_random_draws.drawn) }).signStub(ws00.x_ms_stub)).toBe(
      run.signature,
    );
  });

  it('does not depend on the user agent or the time', () => {
    const { ua_independence: ua, time_independence: time } = family.findings;
    const sign = (draws: number[]) => new WebcastSigner({ mode: 'f2', random: queue(draws) }).signStub(ws00.x_ms_stub);
    for (const signature of Object.values(ua.signatures_by_ua)) expect(sign(ua.randoms)).toBe(signature);
    for (const signature of Object.values(time.Date_now_ms_to_signature)) expect(sign(time.randoms)).toBe(signature);
  });

  it('is not X-Bogus: X-Bogus of the stub or the raw string gives other, 28-character values', () => {
    const finding = family.findings.f2_xbogus_on_stub;
    for (const out of finding.xbogus_outputs) {
      const { xBogus } = signXBogus(out.input, { userAgent: ws00.input.effective_user_agent, timestamp: out.timestamp });
      expect(xBogus).toBe(out.x_bogus);
      expect(xBogus).not.toBe(finding['webcast_signature_of_same_input(ws_00)']);
    }
  });

  it('F2 mode consumes exactly 8 draws per call and keeps no counter between calls', () => {
    const draws = [...ws00.input.math_random_values_in_order, ...ws00.input.math_random_values_in_order];
    const signer = new WebcastSigner({ mode: 'f2', random: queue(draws) });
    expect(signer.signStub(ws00.x_ms_stub)).toBe(ws00.expected.signature);
    expect(signer.signStub(ws00.x_ms_stub)).toBe(ws00.expected.signature);
  });
});
