import { describe, expect, it } from 'vitest';
import { InvalidInputError, SignatureError, isDouyinKitError } from '../../src/errors.js';
import {
  DEFAULT_XBOGUS_USER_AGENT,
  XBogus,
  signXBogus,
  xBogusModelToEndpoint,
  xBogusStrToEndpoint,
} from '../../src/utils/x-bogus.js';
import { loadVectors, nonEmpty } from '../helpers/vectors.js';

interface XbVector {
  id: string;
  input: { params: string; user_agent_arg: string | null; timestamp: number };
  expected: { x_bogus: string; params_with_xbogus: string; returned_user_agent: string };
}
interface XbErrorVector {
  id: string;
  input: { params: string; user_agent_arg: string | null; timestamp: number };
  expected_error: { type: string; message: string };
  why: string;
}
interface XbManagerVector {
  id: string;
  method: string;
  input: { base_endpoint: string | null; params: string | Record<string, unknown>; user_agent: string; timestamp: number };
  param_str: string;
  expected_endpoint: string;
}
interface XbFamily {
  constants: { default_user_agent: string };
  vectors: XbVector[];
  error_vectors: XbErrorVector[];
  manager_vectors: XbManagerVector[];
}

const family = loadVectors<XbFamily>('xbogus');

describe('X-Bogus vectors', () => {
  it('uses the default user agent of the vectors', () => {
    expect(DEFAULT_XBOGUS_USER_AGENT).toBe(family.constants.default_user_agent);
  });

  it.each(nonEmpty(family.vectors, 'xbogus.vectors'))('$id', (v) => {
    const userAgent = v.input.user_agent_arg ?? undefined;
    const result = signXBogus(v.input.params, { userAgent, timestamp: v.input.timestamp });
    expect(result).toEqual({
      xBogus: v.expected.x_bogus,
      params: v.expected.params_with_xbogus,
      userAgent: v.expected.returned_user_agent,
    });
    // The F2-shaped class reads its clock in seconds (floor), like int(time.time()).
    const viaClass = new XBogus(v.input.user_agent_arg, { clock: () => v.input.timestamp * 1000 + 250 });
    expect(viaClass.getXBogus(v.input.params).xBogus).toBe(v.expected.x_bogus);
  });

  it.each(nonEmpty(family.manager_vectors, 'xbogus.manager_vectors'))('$id ($method)', (v) => {
    const { user_agent: userAgent, timestamp, params, base_endpoint: base } = v.input;
    const endpoint =
      typeof params === 'string'
        ? xBogusStrToEndpoint(userAgent, params, { timestamp })
        : xBogusModelToEndpoint(userAgent, base ?? '', params, { timestamp });
    expect(endpoint).toBe(v.expected_endpoint);
    expect(endpoint).toContain(v.param_str);
  });

  it.each(nonEmpty(family.error_vectors, 'xbogus.error_vectors'))('$id throws a typed error: $why', (v) => {
    let caught: unknown;
    try {
      signXBogus(v.input.params, { userAgent: v.input.user_agent_arg ?? undefined, timestamp: v.input.timestamp });
    } catch (error) {
      caught = error;
    }
    expect(isDouyinKitError(caught)).toBe(true);
    expect(caught instanceof InvalidInputError || caught instanceof SignatureError).toBe(true);
    const { code, message } = caught as InvalidInputError;
    expect(['ERR_INVALID_INPUT', 'ERR_SIGNATURE']).toContain(code);
    expect(message).toMatch(expectedReason(v));
    if (/\bUA\b|user agent/i.test(v.why)) expect(message).toMatch(/user agent/);
  });
});

/** What the message must say, from the exception F2 raised. */
function expectedReason(v: XbErrorVector): RegExp {
  const { type, message } = v.expected_error;
  if (type === 'UnicodeEncodeError' || message.includes('range(0, 256)')) return /above U\+00FF/;
  if (/\bUA\b|user agent/i.test(v.why)) return /too short/;
  if (message === 'string index out of range') return /odd length/;
  return /not a lowercase hex digit/;
}
