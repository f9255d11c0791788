import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DecodeError, InvalidInputError, isDouyinKitError } from '../../../src/errors.js';
import {
  decodeFrame,
  decodeMessage,
  decodePushFrame,
  decodeResponse,
  encodeMessage,
  encodePushFrame,
  encodeResponse,
  isStreamEnd,
  maybeGunzip,
  type DecodedMessage,
  type FailedMessage,
} from '../../../src/crawler/webcast/index.js';
import { readFixture } from './fixtures.js';

const chat = encodeMessage('WebcastChatMessage', { common: { method: 'WebcastChatMessage', msg_id: '11' }, content: 'hi' });
/** A Common whose field 1 claims 100 bytes but only 3 follow. */
const truncated = new Uint8Array([0x0a, 0x64, 0x0a, 0x01, 0x41]);

describe('per-message failures', () => {
  it('an unknown method comes back as {kind: "unknown"} with its payload, never dropped', () => {
    const payload = new Uint8Array([0x0a, 0x02, 0x08, 0x01]);
    expect(decodeMessage('WebcastBrandNewMessage', payload)).toEqual({ kind: 'unknown', method: 'WebcastBrandNewMessage', msgId: '0', payload });
  });

  it('decodeMessage throws a DecodeError naming the method, with the payload (base64, capped)', () => {
    let error: unknown;
    try {
      decodeMessage('WebcastChatMessage', truncated);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DecodeError);
    const e = error as DecodeError;
    expect(isDouyinKitError(e)).toBe(true);
    expect(e.code).toBe('ERR_DECODE');
    expect(e.what).toBe('WebcastChatMessage');
    expect(e.payloadBase64).toBe(Buffer.from(truncated).toString('base64'));
    expect(e.hint).toMatch(/schema/);
    expect(e.message).toMatch(/WebcastChatMessage does not decode/);

    const big = new Uint8Array(5000).fill(0xff);
    const capped = (() => {
      try {
        decodeMessage('WebcastGiftMessage', big);
      } catch (x) {
        return x as DecodeError;
      }
      throw new Error('did not throw');
    })();
    expect(Buffer.from(capped.payloadBase64!, 'base64').length).toBe(2048);
  });

  it('in a Response, a corrupt message becomes {kind: "error"} and the batch continues', () => {
    const bytes = encodeResponse({
      messages: [
        { method: 'WebcastChatMessage', payload: chat, msgId: '1' },
        { method: 'WebcastGiftMessage', payload: truncated, msgId: '2' },
        { method: 'WebcastWhatever', payload: chat, msgId: '3' },
        { method: 'WebcastChatMessage', payload: chat, msgId: '4' },
      ],
      needAck: true,
    });
    const response = decodeResponse(gzipSync(bytes));
    expect(response.messages.map((m) => [m.kind, m.method, m.msgId])).toEqual([
      ['decoded', 'WebcastChatMessage', '1'],
      ['error', 'WebcastGiftMessage', '2'],
      ['unknown', 'WebcastWhatever', '3'],
      ['decoded', 'WebcastChatMessage', '4'],
    ]);
    const failed = response.messages[1] as FailedMessage;
    expect(failed.error).toBeInstanceOf(DecodeError);
    expect(failed.error.what).toBe('WebcastGiftMessage');
    expect(failed.payload).toEqual(truncated);
    expect((response.messages[3] as DecodedMessage).data).toEqual({ common: { method: 'WebcastChatMessage', msg_id: '11' }, content: 'hi' });
  });

  it.each([
    ['truncated length', truncated],
    ['truncated varint', new Uint8Array([0x08, 0xff])],
    ['varint longer than 10 bytes', new Uint8Array([0x08, ...new Array(11).fill(0xff), 0x01])],
    ['invalid wire type 7', new Uint8Array([0x0f])],
    ['field number 0', new Uint8Array([0x02, 0x00])],
    ['unexpected end-group', new Uint8Array([0x0c])],
    ['unterminated group', new Uint8Array([0x0b, 0x08, 0x01])],
    ['fixed64 past the end', new Uint8Array([0x09, 1, 2, 3])],
  ])('%s → DecodeError', (_name, payload) => {
    expect(() => decodeMessage('WebcastChatMessage', payload)).toThrow(DecodeError);
  });

  it('deeply nested input fails with a DecodeError, not a stack overflow', () => {
    const varint = (n: number) => {
      const out: number[] = [];
      for (; n >= 0x80; n >>>= 7) out.push((n & 0x7f) | 0x80);
      out.push(n);
      return Buffer.from(out);
    };
    // User.top_fans (#45, repeated User) is recursive: nest 150 Users inside ChatMessage.user.
    let user = Buffer.alloc(0);
    for (let i = 0; i < 150; i++) user = Buffer.concat([Buffer.from([0xea, 0x02]), varint(user.length), user]);
    const nested = Buffer.concat([Buffer.from([0x12]), varint(user.length), user]);
    expect(() => decodeMessage('WebcastChatMessage', nested)).toThrow(/nested deeper than 100/);
    // 50 levels are fine.
    let ok = Buffer.alloc(0);
    for (let i = 0; i < 50; i++) ok = Buffer.concat([Buffer.from([0xea, 0x02]), varint(ok.length), ok]);
    expect(decodeMessage('WebcastChatMessage', Buffer.concat([Buffer.from([0x12]), varint(ok.length), ok])).kind).toBe('decoded');
    // Unknown groups nested 200 deep are refused the same way.
    expect(() => decodeMessage('WebcastChatMessage', Buffer.alloc(200, 0x0b))).toThrow(DecodeError);
  });

  it('skips (does not mis-read) a field whose wire type does not match the schema', () => {
    // ChatMessage.content (#3, string) sent as a fixed32: skipped; the rest decodes.
    const payload = new Uint8Array([0x1d, 1, 2, 3, 4, 0x22, 0x00]);
    expect(decodeMessage('WebcastChatMessage', payload).data).toEqual({});
    // MemberMessage.member_count (#3, uint64) sent as a fixed64: skipped.
    expect(decodeMessage('WebcastMemberMessage', new Uint8Array([0x19, 1, 2, 3, 4, 5, 6, 7, 8])).data).toEqual({});
  });
});

describe('frame-level failures', () => {
  it('a corrupt PushFrame throws DecodeError("PushFrame")', () => {
    expect(() => decodePushFrame(new Uint8Array([0x42, 0x10, 0x01]))).toThrow(expect.objectContaining({ what: 'PushFrame', code: 'ERR_DECODE' }));
  });

  it('a corrupt gzip payload throws DecodeError("gzip")', () => {
    const gz = gzipSync(Buffer.from('hello world, hello world'));
    gz[12] = gz[12]! ^ 0xff;
    const frame = encodePushFrame({ payload: gz, headers: { compress_type: 'gzip' } });
    expect(() => decodeFrame(frame)).toThrow(expect.objectContaining({ what: 'gzip', code: 'ERR_DECODE' }));
  });

  it('a gzip payload that is not a Response throws DecodeError("Response")', () => {
    expect(() => decodeResponse(gzipSync(new Uint8Array([0x0a, 0x64, 0x00])))).toThrow(expect.objectContaining({ what: 'Response' }));
  });

  it('sniffs gzip by magic, not by header: a plain payload under compress_type=gzip still decodes', () => {
    const response = encodeResponse({ messages: [{ method: 'WebcastChatMessage', payload: chat }], cursor: 'c' });
    const { response: decoded } = decodeFrame(encodePushFrame({ payload: response, headers: { compress_type: 'gzip' } }));
    expect(decoded?.cursor).toBe('c');
    expect(decoded?.messages[0]?.kind).toBe('decoded');
    expect(maybeGunzip(response)).toBe(response);
  });

  it('non-bytes input is an InvalidInputError', () => {
    expect(() => decodePushFrame('abc' as never)).toThrow(InvalidInputError);
    expect(() => decodeResponse(null as never)).toThrow(InvalidInputError);
    expect(() => decodeMessage('WebcastChatMessage', [1, 2] as never)).toThrow(InvalidInputError);
  });
});

describe('ControlMessage (stream end)', () => {
  it('action 3 is a stream end; other actions are not', () => {
    const ended = decodeMessage('WebcastControlMessage', encodeMessage('WebcastControlMessage', { common: { method: 'WebcastControlMessage' }, action: '3', tips: '直播已结束' }));
    expect(ended.data).toEqual({ common: { method: 'WebcastControlMessage' }, action: '3', tips: '直播已结束' });
    expect(isStreamEnd(ended)).toBe(true);
    const pause = decodeMessage('WebcastControlMessage', encodeMessage('WebcastControlMessage', { action: '2' }));
    expect(isStreamEnd(pause)).toBe(false);
    const like = decodeResponse(readFixture('frames/real/jwwsjlm_20240722_like_member.response.bin')).messages[0] as DecodedMessage;
    expect(isStreamEnd(like)).toBe(false);
  });

  it('reads saermart\'s ControlMessage{common=1, status=2} encoding the same way', () => {
    // status = 3 as field 2 varint.
    expect(decodeMessage('WebcastControlMessage', new Uint8Array([0x10, 0x03])).data).toEqual({ action: '3' });
  });
});
