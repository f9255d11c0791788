import { digestHex, digestOfHexBinary, EMPTY_MD5_MD5_BYTES_14_15, rc4Keystream } from '../../utils/signing-primitives.js';
import { WEBCAST_SIGNATURE_ALPHABET } from '../../utils/webcast-signature.js';

/** Every parameter of the push URL, in the order Douyin's web client (and F2) sends them. */
export const PUSH_URL_PARAMS = [
  'app_name', 'version_code', 'device_platform', 'cookie_enabled', 'screen_width', 'screen_height', 'browser_language',
  'browser_platform', 'browser_name', 'browser_version', 'browser_online', 'tz_name', 'host', 'aid', 'live_id', 'did_rule',
  'endpoint', 'support_wrds', 'identity', 'need_persist_msg_count', 'insert_task_id', 'live_reason', 'webcast_sdk_version',
  'update_version_code', 'compress', 'im_path', 'heartbeatDuration', 'room_id', 'user_unique_id', 'cursor', 'internal_ext',
  'signature',
] as const;

/** May be present and empty (F2 sends them so). */
const MAY_BE_EMPTY = new Set<string>(['insert_task_id', 'live_reason']);

/** The 13 keys of the signed stub, in order (missing ones sign as empty, like saermart builds it). */
const STUB_KEYS = [
  'live_id', 'aid', 'version_code', 'webcast_sdk_version', 'room_id', 'sub_room_id', 'sub_channel_id', 'did_rule',
  'user_unique_id', 'device_platform', 'device_type', 'ac', 'identity',
] as const;

const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) DECODE[WEBCAST_SIGNATURE_ALPHABET.charCodeAt(i)] = i;

/**
 * Whether `signature` is a webmssdk `frontierSign` X-Bogus of the stub these parameters make:
 * the 16 characters decode to `[d, k, rc4(k)(o)]` whose fixed bytes, the stub digest bytes 14–15
 * and the XOR check byte all match. The random parts (counter, draws) cannot be checked.
 */
export function verifyPushSignature(signature: string, params: URLSearchParams): boolean {
  if (signature.length !== 16) return false;
  const bytes = new Uint8Array(12);
  for (let g = 0; g < 4; g++) {
    let n = 0;
    for (let c = 0; c < 4; c++) {
      const code = signature.charCodeAt(g * 4 + c);
      const v = code < 128 ? DECODE[code]! : -1;
      if (v < 0) return false;
      n = (n << 6) | v;
    }
    bytes[g * 3] = (n >>> 16) & 255;
    bytes[g * 3 + 1] = (n >>> 8) & 255;
    bytes[g * 3 + 2] = n & 255;
  }
  if ((bytes[0]! & 0xef) !== 0x40) return false;
  const ks = rc4Keystream([bytes[1]!], 10);
  const o = Array.from({ length: 10 }, (_, j) => bytes[2 + j]! ^ ks[j]!);
  const raw = STUB_KEYS.map((k) => `${k}=${params.get(k) ?? ''}`).join(',');
  const u = digestOfHexBinary('md5', digestHex('md5', raw));
  const u14 = u.charCodeAt(14);
  const u15 = u.charCodeAt(15);
  const [x14, x15] = EMPTY_MD5_MD5_BYTES_14_15;
  return (
    o[1] === 0 && o[2] === 0 && o[3] === 0 && o[4] === x14 && o[5] === x15 && o[6] === u14 && o[7] === u15 &&
    o[9] === (o[0]! ^ x14 ^ x15 ^ u14 ^ u15 ^ o[8]!)
  );
}

export type SignatureCheck = 'verify' | 'presence';

/**
 * Why Douyin would refuse this push URL, or null when it is acceptable: a missing or empty
 * parameter (`missing:<name>`), a non-numeric id, a short `browser_version` (biliLive-tools#369:
 * blocked), `compress` other than gzip, or a signature that does not sign these parameters.
 */
export function pushRequestProblem(params: URLSearchParams, check: SignatureCheck): string | null {
  for (const name of PUSH_URL_PARAMS) {
    const value = params.get(name);
    if (value === null || (value === '' && !MAY_BE_EMPTY.has(name))) return `missing:${name}`;
  }
  if (!/^\d{1,20}$/.test(params.get('room_id')!)) return 'bad:room_id';
  if (!/^\d{1,20}$/.test(params.get('user_unique_id')!)) return 'bad:user_unique_id';
  if (params.get('browser_version')!.length < 20) return 'bad:browser_version';
  if (params.get('compress') !== 'gzip') return 'bad:compress';
  if (check === 'verify' && !verifyPushSignature(params.get('signature')!, params)) return 'bad:signature';
  return null;
}
