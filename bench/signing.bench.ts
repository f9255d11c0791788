/**
 * Signing throughput: X-Bogus, a_bogus (GET and POST) through the built-in `Signer`s the crawler
 * uses, and the webcast signature — each against one node:crypto hash of the same input, measured
 * in the same run (`ratio_to_baseline` = rate / baseline rate; `hashes_per_sign` its inverse).
 * Targets on the 2-core reference machine: X-Bogus ≥ 100k/s, a_bogus ≥ 50k/s, webcast ≥ 100k/s.
 */
import type { BenchCase } from './harness.js';
import { resolveSigner } from '../src/utils/signer.js';
import { digestHex } from '../src/utils/signing-primitives.js';
import { WebcastSigner, webcastRawString } from '../src/utils/webcast-signature.js';

const USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0';

/** A user-post page query as the crawler sends it (~870 characters, msToken included). */
const PARAMS = [
  'device_platform=webapp', 'aid=6383', 'channel=channel_pc_web',
  'sec_user_id=MS4wLjABAAAA5OCaznf4ihGfC65u0imbLzmBOuWDpUMo58CdnVTcX_R8bD9HZQknOJ4ZX9FdZnIq',
  'max_cursor=1713796127000', 'locate_query=false', 'show_live_replay_strategy=1', 'need_time_list=1',
  'time_list_query=0', 'whale_cut_token=', 'cut_version=1', 'count=18', 'publish_video_strategy_type=2',
  'pc_client_type=1', 'version_code=290100', 'version_name=29.1.0', 'cookie_enabled=true',
  'screen_width=1920', 'screen_height=1080', 'browser_language=zh-CN', 'browser_platform=Win32',
  'browser_name=Edge', 'browser_version=130.0.0.0', 'browser_online=true', 'engine_name=Blink',
  'engine_version=130.0.0.0', 'os_name=Windows', 'os_version=10', 'cpu_core_num=12', 'device_memory=8',
  'platform=PC', 'downlink=10', 'effective_type=4g', 'round_trip_time=50', 'webid=7376294349792396827',
  'msToken=p9Y7fUBuq9DKvAuN27Peml6JbaMqG2ZcXfFiyDv1jcHrCN00uidYqUgSuLsKl1onC-E_n82m-aKKYE0QGEmxIWZx9iueQ6WLbvzPfqnMk4GBAlQIHcDzxb38FLXXQxAm',
].join('&');
/** A POST body like post_stats' (62 characters). */
const BODY = 'aweme_type=0&item_id=7467485482314763572&play_delta=1&source=0';
const ROOM_ID = '7382517534467115826';
const USER_UNIQUE_ID = '7382524529011246630';

/** `rates` holds the baseline when it ran in this process; otherwise (a filtered run) time it here. */
function baselineRate(name: string, fn: () => unknown, rates: ReadonlyMap<string, number>): number {
  const known = rates.get(name);
  if (known !== undefined) return known;
  for (let i = 0; i < 20_000; i++) fn();
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < 500) {
    for (let i = 0; i < 1000; i++) fn();
    calls += 1000;
  }
  return (calls * 1000) / (performance.now() - start);
}

// The cheapest node:crypto call: one-shot `crypto.hash` with a hex string result.
const sm3Params = () => digestHex('sm3', PARAMS);
const md5Params = () => digestHex('md5', PARAMS);

function versus(baseline: string, fn: () => unknown, target: number): NonNullable<BenchCase['extra']> {
  return (_ctx, rate, rates) => {
    const base = baselineRate(baseline, fn, rates);
    return {
      [`ratio_to_${baseline}`]: (rate / base).toFixed(3),
      hashes_per_sign: (base / rate).toFixed(2),
      target,
      meets_target: rate >= target ? 'yes' : 'no',
    };
  };
}

// Signers are built once, as the crawler builds them once per kit.
const xb = resolveSigner('xb');
const ab = resolveSigner('ab');
const webcast = new WebcastSigner();
const md5RawString = () => digestHex('md5', webcastRawString(ROOM_ID, USER_UNIQUE_ID));

export const benchmarks: BenchCase[] = [
  { name: 'baseline_sm3_params', fn: sm3Params, extra: () => ({ input_chars: PARAMS.length }) },
  { name: 'baseline_md5_params', fn: md5Params, extra: () => ({ input_chars: PARAMS.length }) },
  { name: 'baseline_md5_raw_string', fn: md5RawString },
  {
    name: 'xbogus',
    fn: () => xb.sign({ method: 'GET', query: PARAMS, userAgent: USER_AGENT }),
    extra: versus('baseline_md5_params', md5Params, 100_000),
  },
  {
    name: 'abogus_get',
    fn: () => ab.sign({ method: 'GET', query: PARAMS, userAgent: USER_AGENT }),
    extra: versus('baseline_sm3_params', sm3Params, 50_000),
  },
  {
    name: 'abogus_post',
    fn: () => ab.sign({ method: 'POST', query: PARAMS, body: BODY, userAgent: USER_AGENT }),
    extra: versus('baseline_sm3_params', sm3Params, 50_000),
  },
  {
    name: 'webcast_signature',
    fn: () => webcast.sign(ROOM_ID, USER_UNIQUE_ID),
    extra: versus('baseline_md5_raw_string', md5RawString, 100_000),
  },
];
