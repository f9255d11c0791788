import { InvalidInputError } from '../errors.js';
import { checkUnitFloat, cryptoRandomSource, systemClock, type Clock, type RandomSource } from './signing-random.js';

/**
 * `verifyFp` / `s_v_web_id` as F2 0.0.1.7's `VerifyFpManager.gen_verify_fp` makes them:
 * `"verify_" + base36(ms) + "_" + 36 characters`, with `_` at 8, 13, 18, 23, `4` at 14, and
 * position 19 limited to `8`/`9`/`A`/`B` (`(3 & n) | 8`). 52 characters for dates 1972–2059.
 */

const BASE_STR = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export interface VerifyFpOptions {
  /** The time in milliseconds. @default clock() */
  nowMs?: number;
  /** @default Date.now */
  clock?: Clock;
  /** 31 `random()` draws, positions 0..35 in order (skipping the fixed ones). @default cryptoRandomSource */
  random?: Pick<RandomSource, 'random'>;
}

/**
 * Generates a `verifyFp` value (also usable as the `s_v_web_id` cookie).
 * @throws {InvalidInputError} when `nowMs` is not an integer or a draw is outside `[0, 1)`.
 * @example generateVerifyFp({ nowMs: 1700000000000 }) // 'verify_loyw3v28_…'
 */
export function generateVerifyFp(options: VerifyFpOptions = {}): string {
  const nowMs = options.nowMs ?? (options.clock ?? systemClock)();
  if (!Number.isInteger(nowMs)) {
    throw new InvalidInputError(`verifyFp needs the time as integer milliseconds, got ${String(nowMs)}`);
  }
  const random = options.random ?? cryptoRandomSource;
  // F2's loop: `ms % 36` then `int(ms / 36)` (float division); doubles reproduce it exactly.
  let base36 = '';
  for (let ms = nowMs; ms > 0; ms = Math.trunc(ms / 36)) base36 = (ms % 36).toString(36) + base36;
  let tail = '';
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) tail += '_';
    else if (i === 14) tail += '4';
    else {
      let n = Math.trunc(checkUnitFloat(random.random(), 'a verifyFp random draw') * 62);
      if (i === 19) n = (3 & n) | 8;
      tail += BASE_STR[n]!;
    }
  }
  return `verify_${base36}_${tail}`;
}

/** F2's `gen_s_v_web_id`: the same value as {@link generateVerifyFp}. */
export function generateSVWebId(options: VerifyFpOptions = {}): string {
  return generateVerifyFp(options);
}
