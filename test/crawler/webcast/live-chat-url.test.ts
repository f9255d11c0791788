import { describe, expect, expectTypeOf, it } from 'vitest';
import type { GiftMessage, UnknownMessage } from '../../../src/crawler/webcast/index.js';
import type { DecodedMessageOf, LiveChatEvents } from '../../../src/crawler/webcast/live-chat-events.js';
import { buildPushUrl, fallbackPreload, generateUserUniqueId, pushEndpoint, quoteAll } from '../../../src/crawler/webcast/live-chat-url.js';
import { LIVE_CHAT_EVENT_OF } from '../../../src/crawler/webcast/live-chat-events.js';
import { isRoomIdInput } from '../../../src/crawler/webcast/live-chat-room.js';
import { resolveLiveChatOptions } from '../../../src/crawler/webcast/live-chat-options.js';
import { WEBCAST_METHOD_TYPES } from '../../../src/crawler/webcast/index.js';
import { PUSH_URL_PARAMS, verifyPushSignature } from '../../../src/emulator/webcast/index.js';
import { DEFAULT_USER_AGENT } from '../../../src/options.js';
import { WebcastSigner } from '../../../src/utils/webcast-signature.js';

const ROOM = '7382517534467115826';
const UID = '7382524529011246630';
const EXT = 'internal_src:pushserver|first_req_ms:1721637762628|wss_msg_type:r|wrds_v:7394381263487898168';
const CURSOR = 't-1721638553798_r-7394381280667779385_d-7394374675008061440_u-1_h-1';

function url(signature = new WebcastSigner().sign(ROOM, UID)) {
  return buildPushUrl({ base: 'wss://webcast5-ws-web-hl.douyin.com', roomId: ROOM, userUniqueId: UID, cursor: CURSOR, internalExt: EXT, signature, userAgent: DEFAULT_USER_AGENT });
}

describe('live-chat push URL', () => {
  it('carries every documented parameter, in F2 order, with the F2 values', () => {
    const u = url();
    expect(u.startsWith('wss://webcast5-ws-web-hl.douyin.com/webcast/im/push/v2/?app_name=douyin_web&version_code=180800&')).toBe(true);
    const names = u.split('?')[1]!.split('&').map((kv) => kv.slice(0, kv.indexOf('=')));
    expect(names).toEqual([...PUSH_URL_PARAMS]);
    const q = new URL(u).searchParams;
    expect(Object.fromEntries(['aid', 'live_id', 'did_rule', 'identity', 'webcast_sdk_version', 'update_version_code', 'compress', 'im_path', 'heartbeatDuration', 'host', 'tz_name', 'insert_task_id', 'live_reason'].map((k) => [k, q.get(k)]))).toEqual({
      aid: '6383', live_id: '1', did_rule: '3', identity: 'audience', webcast_sdk_version: '1.0.14-beta.0', update_version_code: '1.0.14-beta.0',
      compress: 'gzip', im_path: '/webcast/im/fetch/', heartbeatDuration: '0', host: 'https://live.douyin.com', tz_name: 'Asia/Hong_Kong',
      insert_task_id: '', live_reason: '',
    });
    expect(q.get('room_id')).toBe(ROOM);
    expect(q.get('user_unique_id')).toBe(UID);
  });

  it('sends browser_version as the whole UA without "Mozilla/", fully quoted like Python quote(safe="")', () => {
    const raw = url().match(/browser_version=([^&]+)/)![1]!;
    expect(raw).toBe(quoteAll(DEFAULT_USER_AGENT.slice('Mozilla/'.length)));
    expect(raw).toContain('%28Windows%20NT%2010.0%3B%20Win64%3B%20x64%29');
    expect(new URL(url()).searchParams.get('browser_version')).toBe(DEFAULT_USER_AGENT.slice(8));
  });

  it('sends cursor and internal_ext raw (| and :), like F2, dycast and jwwsjlm; anything unusual is encoded', () => {
    const u = url();
    expect(u).toContain(`&cursor=${CURSOR}&`);
    expect(u).toContain(`&internal_ext=${EXT}&`);
    const odd = buildPushUrl({ base: 'wss://h', roomId: ROOM, userUniqueId: UID, cursor: 'a b&c', internalExt: 'x#y', signature: 's', userAgent: 'UA' });
    expect(new URL(odd).searchParams.get('cursor')).toBe('a b&c');
    expect(new URL(odd).searchParams.get('internal_ext')).toBe('x#y');
  });

  it('signs with the native signature, which verifies against the URL\'s own parameters', () => {
    for (let i = 0; i < 50; i++) {
      const q = new URL(url()).searchParams;
      expect(q.get('signature')).toHaveLength(16);
      expect(verifyPushSignature(q.get('signature')!, q)).toBe(true);
    }
    const q = new URL(url(new WebcastSigner().sign(ROOM, '1'))).searchParams;
    expect(verifyPushSignature(q.get('signature')!, q)).toBe(false);
  });

  it('normalises push hosts: bare host, https, ws URL with a path; rejects non-hosts', () => {
    expect(pushEndpoint('webcast100-ws-web-lq.douyin.com')).toBe('wss://webcast100-ws-web-lq.douyin.com/webcast/im/push/v2/');
    expect(pushEndpoint('wss://webcast100-ws-web-hl.douyin.com/webcast/im/push/v2/')).toBe('wss://webcast100-ws-web-hl.douyin.com/webcast/im/push/v2/');
    expect(pushEndpoint('https://a.example:8443/x')).toBe('wss://a.example:8443/webcast/im/push/v2/');
    expect(pushEndpoint('ws://127.0.0.1:9/')).toBe('ws://127.0.0.1:9/webcast/im/push/v2/');
    expect(pushEndpoint('')).toBeNull();
    expect(pushEndpoint('ftp://x')).toBeNull();
  });

  it('makes up ids and preload values in the documented shapes', () => {
    let n = 0;
    const random = () => ((n++ * 0.37) % 1);
    expect(generateUserUniqueId(random)).toMatch(/^7\d{18}$/);
    const made = fallbackPreload(ROOM, UID, 1721638553798, random);
    expect(made.cursor).toMatch(/^d-1_u-1_fh-7\d{18}_t-1721638553798_r-1$/);
    expect(made.internalExt).toMatch(new RegExp(`^internal_src:dim\\|wss_push_room_id:${ROOM}\\|wss_push_did:${UID}\\|first_req_ms:1721638553798\\|`));
  });

  it('routes room ids to reflow/info and the rest to web/enter', () => {
    expect(isRoomIdInput(ROOM)).toBe(true);
    expect(isRoomIdInput('https://webcast.amemv.com/douyin/webcast/reflow/7382517534467115826')).toBe(true);
    expect(isRoomIdInput('123456789012')).toBe(false);
    expect(isRoomIdInput('https://live.douyin.com/123456789012')).toBe(false);
  });

  it('has one camelCase event per method', () => {
    expect(Object.keys(LIVE_CHAT_EVENT_OF).sort()).toEqual(Object.keys(WEBCAST_METHOD_TYPES).sort());
    const names = Object.values(LIVE_CHAT_EVENT_OF);
    expect(new Set(names).size).toBe(33);
    for (const n of names) expect(n).toMatch(/^[a-z][A-Za-z]*$/);
    expectTypeOf<LiveChatEvents['gift']>().toEqualTypeOf<[data: GiftMessage, message: DecodedMessageOf<'WebcastGiftMessage'>]>();
    expectTypeOf<LiveChatEvents['raw']>().toEqualTypeOf<[message: UnknownMessage]>();
    expectTypeOf<LiveChatEvents['disconnected'][0]['willReconnect']>().toEqualTypeOf<boolean>();
    expect(LIVE_CHAT_EVENT_OF).toMatchObject({ WebcastChatMessage: 'chat', WebcastGiftMessage: 'gift', WebcastLikeMessage: 'like', WebcastMemberMessage: 'member', WebcastSocialMessage: 'social', WebcastRoomUserSeqMessage: 'roomUserSeq', WebcastUpdateFanTicketMessage: 'fanTicket' });
  });

  it('validates options', () => {
    expect(resolveLiveChatOptions({}, 10_000)).toMatchObject({ heartbeatIntervalMs: 10_000, silenceTimeoutMs: 30_000, connectTimeoutMs: 10_000, reconnect: { retries: 10, baseDelayMs: 1000, maxDelayMs: 30_000 }, relay: false, jsonl: false });
    expect(resolveLiveChatOptions({ relay: {} }, 1).relay).toEqual({ port: 8765, host: '127.0.0.1' });
    expect(() => resolveLiveChatOptions({ heartbeat: 1 } as never, 1)).toThrow(/Unexpected live chat option `heartbeat`/);
    expect(() => resolveLiveChatOptions({ heartbeatIntervalMs: 0 }, 1)).toThrow(/heartbeatIntervalMs/);
    expect(() => resolveLiveChatOptions({ userUniqueId: '12x' }, 1)).toThrow(/userUniqueId/);
    expect(() => resolveLiveChatOptions({ jsonl: { path: '' } }, 1)).toThrow(/jsonl/);
    expect(() => resolveLiveChatOptions({ relay: { port: 70_000 } }, 1)).toThrow(/relay.port/);
  });
});
