import { cryptoRandomSource, type RandomSource } from './signing-random.js';

/**
 * The placeholder `msToken` F2's `TokenManager.gen_false_msToken` sends when the real token
 * endpoint is unreachable: 182 characters drawn from `A-Za-z0-9+-`, then `==` (184 characters).
 */

/** The 64 characters a fake msToken is drawn from. */
export const FAKE_MS_TOKEN_CHARSET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-';

const CHARS: readonly string[] = Object.freeze([...FAKE_MS_TOKEN_CHARSET]);

export interface FakeMsTokenOptions {
  /** 182 `choice()` draws over {@link FAKE_MS_TOKEN_CHARSET}'s characters. @default cryptoRandomSource */
  random?: Pick<RandomSource, 'choice'>;
}

/**
 * Generates a fake msToken (184 characters, ending in `==`).
 * @example generateFakeMsToken().length // 184
 */
export function generateFakeMsToken(options: FakeMsTokenOptions = {}): string {
  const random = options.random ?? cryptoRandomSource;
  let token = '';
  for (let i = 0; i < 182; i++) token += random.choice(CHARS);
  return `${token}==`;
}
