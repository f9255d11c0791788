import { describe, expect, it } from 'vitest';
import {
  decodeFrame,
  decodeMessage,
  decodePushFrame,
  decodeRawResponse,
  decodeResponse,
  isGzip,
  maybeGunzip,
  WEBCAST_METHOD_TYPES,
  type DecodedMessage,
  type MessageOutcome,
} from '../../../src/crawler/webcast/index.js';
import { canonical, manifest, readFixture, readJson, sha256 } from './fixtures.js';

interface ExpectedMessage {
  method: string;
  msg_id: string;
  type: string;
  decoded: unknown;
  payload_len?: number;
  payload_sha256?: string;
}
interface ExpectedFrame {
  frame?: Record<string, unknown>;
  response: Record<string, unknown>;
  messages: ExpectedMessage[];
}

function asDecoded(m: MessageOutcome | undefined): DecodedMessage {
  expect(m?.kind).toBe('decoded');
  return m as DecodedMessage;
}

/** The messages of a Response as the expected files list them. */
function expectedShape(messages: MessageOutcome[]): Omit<ExpectedMessage, 'payload_len' | 'payload_sha256'>[] {
  return messages.map((m) => {
    const d = asDecoded(m);
    return { method: d.method, msg_id: d.msgId, type: WEBCAST_METHOD_TYPES[d.method], decoded: canonical(d.data) };
  });
}

function withoutMessages(raw: Record<string, unknown>): Record<string, unknown> {
  const { messages: _messages, ...rest } = raw;
  return canonical(rest) as Record<string, unknown>;
}

const files = manifest().files;
const pushFrames = files.filter((f) => /pushframe\.bin$/.test(f.path) && f.expected);

describe('server PushFrames in frames/ decode to their *.expected.json', () => {
  it('the manifest lists the re-encoded and the real frames', () => {
    expect(pushFrames.length).toBeGreaterThanOrEqual(19);
    expect(pushFrames.filter((f) => f.schema === 'f2schema').length).toBeGreaterThanOrEqual(9);
    expect(pushFrames.some((f) => f.path.startsWith('frames/real/'))).toBe(true);
  });

  it.each(pushFrames.map((f) => [f.path, f] as const))('%s', (_path, file) => {
    const expected = readJson<ExpectedFrame>(file.expected!);
    const bytes = readFixture(file.path);
    const { frame, response } = decodeFrame(bytes);
    const ef = expected.frame!;

    expect({
      seqId: frame.seqId,
      logId: frame.logId,
      service: frame.service,
      method: frame.method,
      headersList: frame.headersList,
      payloadEncoding: frame.payloadEncoding,
      payloadType: frame.payloadType,
    }).toEqual({
      seqId: ef.seqId,
      logId: ef.logId,
      service: ef.service,
      method: ef.method,
      headersList: ef.headersList,
      payloadEncoding: ef.payloadEncoding,
      payloadType: ef.payloadType,
    });
    expect(isGzip(frame.payload)).toBe(ef.payload_gzip);
    if (file.schema !== 'f2schema') {
      // Byte-level facts hold for the wirefix (real-traffic) encoding the expected file describes.
      expect(frame.payload.length).toBe(ef.payload_len);
      expect(sha256(frame.payload)).toBe(ef.payload_sha256);
      expect(sha256(maybeGunzip(frame.payload))).toBe(ef.response_bytes_sha256);
    }

    expect(withoutMessages(decodeRawResponse(frame.payload) as Record<string, unknown>)).toEqual(expected.response);
    expect(response).toBeDefined();
    expect(expectedShape(response!.messages)).toEqual(expected.messages.map(({ method, msg_id, type, decoded }) => ({ method, msg_id, type, decoded })));
  });
});

describe('Response bytes and message payloads in frames/ decode to their expected JSON', () => {
  const responses = files.filter((f) => f.path.endsWith('.response.bin') && f.path.startsWith('frames/frame/'));
  it.each(responses.map((f) => [f.path] as const))('%s', (path) => {
    const expected = readJson<ExpectedFrame>(path.replace(/\.(f2schema|wirefix)\.response\.bin$/, '.expected.json'));
    const response = decodeResponse(readFixture(path));
    expect(response.messages.length).toBe(expected.messages.length);
    expect(expectedShape(response.messages)).toEqual(expected.messages.map(({ method, msg_id, type, decoded }) => ({ method, msg_id, type, decoded })));
  });

  const payloads = files.filter((f) => f.path.startsWith('frames/msg/') && f.path.endsWith('.bin'));
  it.each(payloads.map((f) => [f.path, f.expected!] as const))('%s', (path, expectedPath) => {
    const expected = readJson<{ common: { method: string } }>(expectedPath);
    const decoded = decodeMessage(expected.common.method, readFixture(path));
    expect(decoded.kind).toBe('decoded');
    expect(canonical((decoded as DecodedMessage).data)).toEqual(expected);
  });
});

describe('the real capture (jwwsjlm, 2024-07-22)', () => {
  const expected = readJson<ExpectedFrame>('frames/real/jwwsjlm_20240722_like_member.expected.wirefix.json');

  it('gunzips and decodes the published payload to the expected Response and messages', () => {
    const gz = readFixture('frames/real/jwwsjlm_20240722_like_member.payload.gz');
    const plain = readFixture('frames/real/jwwsjlm_20240722_like_member.response.bin');
    expect(isGzip(gz)).toBe(true);
    expect(Buffer.compare(Buffer.from(maybeGunzip(gz)), plain)).toBe(0);

    const raw = decodeRawResponse(gz);
    expect(withoutMessages(raw as Record<string, unknown>)).toEqual(expected.response);
    expect(raw.messages!.map((m) => [m.payload!.length, sha256(m.payload!)])).toEqual(
      expected.messages.map((m) => [m.payload_len, m.payload_sha256]),
    );
    const response = decodeResponse(gz);
    expect(expectedShape(response.messages)).toEqual(expected.messages.map(({ method, msg_id, type, decoded }) => ({ method, msg_id, type, decoded })));
  });

  it('yields the Like and Member messages with exact 64-bit integers', () => {
    const response = decodeResponse(readFixture('frames/real/jwwsjlm_20240722_like_member.payload.gz'));
    expect(response).toMatchObject({
      cursor: 't-1721638553798_r-7394381280667779385_d-7394374675008061440_u-1_h-1',
      now: '1721638553798',
      heartbeatDuration: '15',
      needAck: true,
      internalExt: 'internal_src:pushserver|first_req_ms:1721637762628|wss_msg_type:r|wrds_v:7394381263487898168',
    });
    const [like, member] = response.messages.map(asDecoded);
    if (like?.method !== 'WebcastLikeMessage' || member?.method !== 'WebcastMemberMessage') throw new Error('unexpected methods');

    expect(like.msgId).toBe('7394381278768763699');
    expect(like.data.common?.room_id).toBe('7394369720813816630');
    expect(like.data.user?.id).toBe('2880340959168492');
    expect(like.data.user?.short_id).toBe('2812460863');
    expect(like.data.user?.nickname).toBe('心静致远');
    expect(like.data.user?.follow_info).toMatchObject({ following_count: '116', follower_count: '4' });

    expect(member.msgId).toBe('7394381278601539109');
    expect(member.data.user?.id).toBe('103793327419');
    expect(member.data.user?.short_id).toBe('44830979582');
    expect(member.data.member_count).toBe('1095');
    expect(member.data.action).toBe('1');
    expect(member.data.user?.follow_info).toMatchObject({ following_count: '415', follower_count: '18' });

    // Every User.id in the capture is a decimal string that round-trips through BigInt unchanged.
    const ids = JSON.stringify(response.messages.map((m) => (m as DecodedMessage).data)).match(/"id":"[^"]*"/g) ?? [];
    expect(ids.length).toBeGreaterThan(2);
    for (const id of ids) {
      const text = id.slice(6, -1);
      expect(BigInt(text).toString()).toBe(text);
    }
  });

  it('decodes the int64-keyed badge_info_map with decimal keys (not protobufjs long hashes)', () => {
    const response = decodeResponse(readFixture('frames/real/jwwsjlm_20240722_like_member.payload.gz'));
    const like = asDecoded(response.messages[0]);
    if (like.method !== 'WebcastLikeMessage') throw new Error('unexpected method');
    const map = like.data.user?.public_area_badge_info?.badge_info_map ?? like.data.common?.display_text?.pieces?.[0]?.user_value?.user?.public_area_badge_info?.badge_info_map;
    expect(map).toBeDefined();
    const keys = Object.keys(map!);
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect(k).toMatch(/^-?\d+$/);
  });

  it('the synthetic PushFrame around it carries logId and the im-* headers', () => {
    const frame = decodePushFrame(readFixture('frames/real/jwwsjlm_20240722_like_member.synthetic-pushframe.bin'));
    expect(frame.logId).toBe('7394381280667779385');
    expect(frame.payloadType).toBe('msg');
    expect(frame.headers).toMatchObject({
      compress_type: 'gzip',
      'im-internal_ext': 'internal_src:pushserver|first_req_ms:1721637762628|wss_msg_type:r|wrds_v:7394381263487898168',
    });
  });
});
