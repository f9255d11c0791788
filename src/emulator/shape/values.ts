import type { World } from '../world/world.js';
import { avalanche, fnv1a } from '../world/random.js';
import type { MediaUrls } from './media-urls.js';

/** What every response builder needs: the world and where its media lives. */
export interface ShapeContext {
  world: World;
  urls: MediaUrls;
}

/**
 * A decimal id as Douyin sends it in a number field: a JSON number, exact even above 2^53
 * (bigint, written bare by `stringifyJson`). The `*_str` twin carries the same digits as text.
 */
export function idNum(decimal: string): number | bigint {
  const n = Number(decimal);
  return Number.isSafeInteger(n) ? n : BigInt(decimal);
}

export interface UrlStruct {
  uri: string;
  url_list: string[];
  width: number;
  height: number;
  [key: string]: unknown;
}

export function urlStruct(uri: string, urlList: string[], width = 720, height = 720, extra?: Record<string, unknown>): UrlStruct {
  return extra ? { uri, url_list: urlList, width, height, ...extra } : { uri, url_list: urlList, width, height };
}

const HEX = '0123456789ABCDEF';

/** hash32(`${seq}|${tag}`) as `digits` upper-case hex digits (leading ones), from the state after `${seq}|`. */
function hexOf(base: number, tag: string, digits: number): string {
  const h = avalanche(fnv1a(tag, base));
  let out = '';
  for (let shift = 28; shift > 28 - 4 * digits; shift -= 4) out += HEX[(h >>> shift) & 15];
  return out;
}

let stampFor = -1;
let stamp = '';

/** `extra` and `log_pb` blocks: `logid`/`impr_id` = yyyyMMddHHmmss (UTC+8) + 20 hex digits. */
export function logId(nowMs: number, seq: number): string {
  const second = Math.floor(nowMs / 1000);
  if (second !== stampFor) {
    const d = new Date(second * 1000 + 8 * 3600_000);
    const p = (n: number) => String(n).padStart(2, '0');
    stamp = `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
    stampFor = second;
  }
  const base = fnv1a(`${seq}|`);
  return `${stamp}${hexOf(base, 'a', 8)}${hexOf(base, 'b', 8)}${hexOf(base, 'c', 4)}`;
}

export function extraBlock(nowMs: number, id: string): Record<string, unknown> {
  return { fatal_item_ids: [], logid: id, now: nowMs };
}

export function logPb(id: string): Record<string, unknown> {
  return { impr_id: id };
}

/** `1` / `0` as Douyin's list endpoints spell `has_more`. */
export function flag(b: boolean): 0 | 1 {
  return b ? 1 : 0;
}
