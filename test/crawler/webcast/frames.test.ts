import { describe, expect, it } from 'vitest';
import { DecodeError, InvalidInputError } from '../../../src/errors.js';
import {
  ackFrame,
  decodeFrame,
  decodePushFrame,
  decodeResponse,
  encodeMessage,
  encodePushFrame,
  encodeResponse,
  heartbeatFrame,
  isGzip,
  type DecodedMessage,
} from '../../../src/crawler/webcast/index.js';
import { manifest, readFixture, sha256 } from './fixtures.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('client frames', () => {
  it('heartbeatFrame() is byte-identical to client_heartbeat.pushframe.bin (3a 02 68 62)', () => {
    const fixture = readFixture('frames/frame/client_heartbeat.pushframe.bin');
    expect(hex(heartbeatFrame())).toBe(hex(fixture));
    expect(hex(heartbeatFrame())).toBe('3a026862');
  });

  it('ackFrame(logId, internalExt) for the real capture is byte-identical to the fixture', () => {
    const fixture = readFixture('frames/frame/client_ack_for_real_capture.pushframe.bin');
    const entry = manifest().files.find((f) => f.path.endsWith('client_ack_for_real_capture.pushframe.bin'))!;
    // The inputs come from decoding the frame and Response the ACK answers.
    const { frame, response } = decodeFrame(readFixture('frames/real/jwwsjlm_20240722_like_member.synthetic-pushframe.bin'));
    expect(response!.needAck).toBe(true);
    const ack = ackFrame(frame.logId, response!.internalExt);
    expect(hex(ack)).toBe(hex(fixture));
    expect(hex(ack)).toBe(entry.hex);
    expect(sha256(ack)).toBe('07644b1d0a0d05cb46343ebd88ff1eaa3a5bf6ea908b9914c818f28cb84591be');
    expect(hex(ackFrame(BigInt(frame.logId), response!.internalExt))).toBe(hex(fixture));
  });

  it('does not reproduce F2\'s malformed ACK (internal_ext in payloadType, no payload)', () => {
    const f2 = readFixture('frames/frame/client_ack_f2style_for_real_capture.pushframe.bin');
    const ours = ackFrame('7394381280667779385', 'internal_src:pushserver|first_req_ms:1721637762628|wss_msg_type:r|wrds_v:7394381263487898168');
    expect(hex(ours)).not.toBe(hex(f2));
    const f2Frame = decodePushFrame(f2);
    expect(f2Frame.payloadType).toMatch(/^internal_src:/);
    expect(f2Frame.payload.length).toBe(0);
    const ourFrame = decodePushFrame(ours);
    expect(ourFrame.payloadType).toBe('ack');
    expect(Buffer.from(ourFrame.payload).toString('utf8')).toBe(f2Frame.payloadType);
  });

  it('encodes logId as unsigned 64-bit, also above 2^63', () => {
    for (const logId of ['0', '1', '9007199254740993', '9223372036854775808', '18446744073709551615']) {
      expect(decodePushFrame(ackFrame(logId, 'x')).logId).toBe(logId);
    }
  });

  it('rejects a logId that is a JS number, negative, fractional or beyond 64 bits', () => {
    for (const bad of [7394381280667779385, -1n, '-1', '1.5', '18446744073709551616', '', 'abc', null]) {
      expect(() => ackFrame(bad as never, 'x')).toThrow(InvalidInputError);
    }
    expect(() => ackFrame('1', 5 as never)).toThrow(InvalidInputError);
  });

  it('UTF-8 encodes a non-ASCII internal_ext', () => {
    const frame = decodePushFrame(ackFrame('42', 'wrds_v:1|中文'));
    expect(Buffer.from(frame.payload).toString('utf8')).toBe('wrds_v:1|中文');
  });
});

describe('server frames (emulator side)', () => {
  const chat: DecodedMessage & { method: 'WebcastChatMessage' } = {
    kind: 'decoded',
    method: 'WebcastChatMessage',
    msgId: '7394381278768763700',
    data: {
      common: { method: 'WebcastChatMessage', msg_id: '7394381278768763700', room_id: '7394369720813816630', create_time: '1721638553798' },
      user: { id: '18446744073709551615', short_id: '2812460863', nickname: '心静致远', follow_info: { following_count: '116' } },
      content: '你好 hello',
    },
  };

  it('encodePushFrame({gzip: true}) + encodeResponse round-trip through decodeFrame', () => {
    const response = encodeResponse({
      messages: [
        { method: chat.method, data: chat.data, msgId: chat.msgId, msgType: 1 },
        { method: 'WebcastSomethingNew', payload: new Uint8Array([8, 1]), msgId: 5n },
      ],
      cursor: 'c-1',
      now: '1721638553798',
      internalExt: 'internal_src:pushserver|wrds_v:7394381263487898168',
      needAck: true,
      heartbeatDuration: '15',
      fetchInterval: 1000n,
      routeParams: { a: 'b' },
    });
    const bytes = encodePushFrame({ seqId: '3', logId: '7394381280667779385', payload: response, gzip: true, headers: { 'im-cursor': 'c-1' } });
    const { frame, response: decoded } = decodeFrame(bytes);
    expect(frame).toMatchObject({ seqId: '3', logId: '7394381280667779385', payloadType: 'msg', payloadEncoding: 'pb' });
    expect(frame.headersList).toEqual([
      { key: 'compress_type', value: 'gzip' },
      { key: 'im-cursor', value: 'c-1' },
    ]);
    expect(isGzip(frame.payload)).toBe(true);
    expect(decoded).toMatchObject({
      cursor: 'c-1',
      now: '1721638553798',
      needAck: true,
      heartbeatDuration: '15',
      fetchInterval: '1000',
      routeParams: { a: 'b' },
      internalExt: 'internal_src:pushserver|wrds_v:7394381263487898168',
    });
    expect(decoded!.messages).toEqual([chat, { kind: 'unknown', method: 'WebcastSomethingNew', msgId: '5', payload: new Uint8Array([8, 1]) }]);
  });

  it('an uncompressed payload decodes the same way', () => {
    const response = encodeResponse({ messages: [{ method: chat.method, data: chat.data, msgId: chat.msgId }] });
    const { frame, response: decoded } = decodeFrame(encodePushFrame({ logId: '1', payload: response }));
    expect(frame.headers).toEqual({});
    expect(isGzip(frame.payload)).toBe(false);
    expect(decoded!.messages).toEqual([chat]);
  });

  it('non-msg frames carry no Response', () => {
    expect(decodeFrame(heartbeatFrame()).response).toBeUndefined();
    expect(decodeFrame(encodePushFrame({ payloadType: 'close' })).frame.payloadType).toBe('close');
  });

  it('encoders reject unknown methods and mistyped fields with InvalidInputError naming the field', () => {
    expect(() => encodeMessage('WebcastNope', {})).toThrow(InvalidInputError);
    expect(() => encodeMessage('WebcastChatMessage', { user: { id: 12.5 } } as never)).toThrow(/douyin\.User\.id/);
    expect(() => encodeMessage('WebcastChatMessage', { content: 5 } as never)).toThrow(/douyin\.ChatMessage\.content/);
    expect(() => encodeMessage('WebcastMemberMessage', { member_count: '-1' })).toThrow(/douyin\.MemberMessage\.member_count/);
    expect(() => encodeMessage('WebcastChatMessage', { common: { room_id: '1e3' } })).toThrow(InvalidInputError);
    expect(() => encodeResponse({ messages: [{ method: 'WebcastNope', data: {} }] })).toThrow(InvalidInputError);
  });

  it('a decoded Response is re-encodable by the emulator', () => {
    const real = decodeResponse(readFixture('frames/real/jwwsjlm_20240722_like_member.payload.gz'));
    const again = decodeResponse(
      encodeResponse({
        ...real,
        messages: real.messages.map((m) => ({ method: m.method, msgId: m.msgId, data: (m as DecodedMessage).data })),
      }),
    );
    expect(again).toEqual(real);
  });

  it('decodePushFrame rejects garbage with a DecodeError', () => {
    expect(() => decodePushFrame(new Uint8Array([0x0a, 0xff]))).toThrow(DecodeError);
  });
});
