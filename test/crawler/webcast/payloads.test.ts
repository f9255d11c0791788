import { describe, expect, it, vi } from 'vitest';
import {
  decodeMessage,
  decodeResponse,
  encodeMessage,
  encodeResponse,
  isKnownWebcastMethod,
  WEBCAST_METHOD_TYPES,
  type DecodedMessage,
} from '../../../src/crawler/webcast/index.js';
import { payloadFiles, readFixture } from './fixtures.js';
import { Reader } from '../../../src/crawler/webcast/wire.js';
import { wireMethod } from '../../helpers/webcast-wire-method.js';

describe('payloads/*.bin (real, desensitised Message.payload samples)', () => {
  const files = payloadFiles();
  const samples = files.map((file) => {
    const bytes = readFixture(`payloads/${file}`);
    return { file, bytes, method: wireMethod(bytes) };
  });

  it('every sample names its method in Common', () => {
    expect(files.length).toBe(61);
    for (const s of samples) expect(s.method, s.file).toMatch(/^Webcast\w+$/);
  });

  it('covers the known methods it has samples for', () => {
    const known = samples.filter((s) => isKnownWebcastMethod(s.method!)).map((s) => s.method);
    // 23 of the 32 F2 methods have a sample; ControlMessage has none.
    expect(new Set(known)).toEqual(
      new Set([
        'WebcastBattleTeamTaskMessage', 'WebcastChatMessage', 'WebcastEmojiChatMessage', 'WebcastFansclubMessage',
        'WebcastGiftMessage', 'WebcastInRoomBannerMessage', 'WebcastLightGiftMessage', 'WebcastLikeMessage',
        'WebcastLinkMessage', 'WebcastLinkMicMethod', 'WebcastLinkerContributeMessage', 'WebcastMemberMessage',
        'WebcastNotifyEffectMessage', 'WebcastProfitInteractionScoreMessage', 'WebcastRanklistHourEntranceMessage',
        'WebcastRoomDataSyncMessage', 'WebcastRoomMessage', 'WebcastRoomRankMessage', 'WebcastRoomStatsMessage',
        'WebcastRoomStreamAdaptationMessage', 'WebcastRoomUserSeqMessage', 'WebcastScreenChatMessage', 'WebcastSocialMessage',
      ]),
    );
  });

  it.each(samples.map((s) => [s.file, s] as const))('%s decodes with the type its Common.method names', (_file, s) => {
    const method = s.method!;
    const result = decodeMessage(method, s.bytes);
    if (!isKnownWebcastMethod(method)) {
      expect(result).toEqual({ kind: 'unknown', method, msgId: '0', payload: s.bytes });
      return;
    }
    expect(result.kind).toBe('decoded');
    const decoded = result as DecodedMessage;
    expect(decoded.method).toBe(method);
    expect((decoded.data as { common?: { method?: string } }).common?.method).toBe(method);
    // Re-encoding what we decoded and decoding again gives the same object.
    const again = decodeMessage(method, encodeMessage(method, decoded.data));
    expect(again).toEqual(decoded);
  });

  it('a Response mixing all samples decodes each by its method, keeping unknown ones', () => {
    const bytes = encodeResponse({ messages: samples.map((s, i) => ({ method: s.method!, payload: s.bytes, msgId: String(i + 1) })) });
    const response = decodeResponse(bytes);
    expect(response.messages.map((m) => [m.kind, m.method, m.msgId])).toEqual(
      samples.map((s, i) => [isKnownWebcastMethod(s.method!) ? 'decoded' : 'unknown', s.method, String(i + 1)]),
    );
    expect(Object.keys(WEBCAST_METHOD_TYPES)).toHaveLength(33);
  });
});

describe('the real capture decodes with the wirefix schema without skipping a field', () => {
  it('Reader.skip is never needed for the Like and Member messages', () => {
    const skip = vi.spyOn(Reader.prototype, 'skip');
    const response = decodeResponse(readFixture('frames/real/jwwsjlm_20240722_like_member.response.bin'));
    expect(response.messages.map((m) => m.kind)).toEqual(['decoded', 'decoded']);
    expect(skip).not.toHaveBeenCalled();
  });
});
