import { pyStr } from './python-compat.js';

/**
 * How F2's signing managers turn a params dict into the string they sign:
 * `"&".join(f"{k}={v}" for k, v in params.items())` — no percent-encoding, every value through
 * Python `str()` (`True`, `None`, `0.5` are what Douyin receives from F2).
 */

/**
 * The query string F2's `model_2_endpoint` builds: `k=v` pairs in insertion order joined by `&`,
 * each value through Python `str()` (`pyStr`). Nothing is percent-encoded, exactly as in F2.
 * @example paramsToQueryString({ aid: 6383, cookie_enabled: true }) // 'aid=6383&cookie_enabled=True'
 */
export function paramsToQueryString(params: Readonly<Record<string, unknown>> | ReadonlyMap<string, unknown>): string {
  const entries = params instanceof Map ? [...params] : Object.entries(params);
  return entries.map(([k, v]) => `${k}=${pyStr(v)}`).join('&');
}

/** `base + ('&' if '?' in base else '?') + query`, as F2's managers join them. */
export function joinEndpoint(baseEndpoint: string, query: string): string {
  return `${baseEndpoint}${baseEndpoint.includes('?') ? '&' : '?'}${query}`;
}
