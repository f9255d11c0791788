import { InvalidInputError } from '../errors.js';
import { cryptoRandomSource, type RandomSource } from './signing-random.js';

/**
 * The browser fingerprint a_bogus embeds, as F2 0.0.1.7's `BrowserFingerprintGenerator` makes it:
 * `iw|ih|ow|oh|0|screenY|0|0|sizeW|sizeH|availW|availH|iw|ih|24|24|platform`.
 */

/** Browser names F2 knows; any other string falls back to Chrome (the lookup is case-sensitive). */
export type BrowserType = 'Chrome' | 'Firefox' | 'Safari' | 'Edge' | (string & {});

/**
 * Generates a fingerprint with 9 draws, in F2's order: `randint(1024,1920)` inner width,
 * `randint(768,1080)` inner height, `randint(24,32)` and `randint(75,90)` outer-minus-inner,
 * `choice([0,30])` screen Y, `randint(1024,1920)` / `randint(768,1080)` size,
 * `randint(1280,1920)` / `randint(800,1080)` available size. Platform: `MacIntel` for
 * `'Safari'`, `Win32` otherwise.
 * @param random where the draws come from. @default cryptoRandomSource
 * @example generateBrowserFingerprint('Edge') // '1161|1059|1186|1142|0|0|0|0|1531|998|1763|994|1161|1059|24|24|Win32'
 */
export function generateBrowserFingerprint(
  browserType: BrowserType = 'Edge',
  random: Pick<RandomSource, 'randint' | 'choice'> = cryptoRandomSource,
): string {
  const platform = browserType === 'Safari' ? 'MacIntel' : 'Win32';
  const draw = (min: number, max: number): number => integer(random.randint(min, max));
  const innerWidth = draw(1024, 1920);
  const innerHeight = draw(768, 1080);
  const outerWidth = innerWidth + draw(24, 32);
  const outerHeight = innerHeight + draw(75, 90);
  const screenY = integer(random.choice([0, 30]));
  const sizeWidth = draw(1024, 1920);
  const sizeHeight = draw(768, 1080);
  const availWidth = draw(1280, 1920);
  const availHeight = draw(800, 1080);
  return [
    innerWidth, innerHeight, outerWidth, outerHeight, 0, screenY, 0, 0,
    sizeWidth, sizeHeight, availWidth, availHeight, innerWidth, innerHeight, 24, 24, platform,
  ].join('|');
}

function integer(value: number): number {
  if (!Number.isSafeInteger(value)) {
    throw new InvalidInputError(`the random source returned ${String(value)} where an integer was expected`);
  }
  return value;
}
