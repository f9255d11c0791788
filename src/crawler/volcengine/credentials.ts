import { InvalidOptionError } from '../../errors.js';

export interface VolcengineCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** STS session token; sent as `X-Security-Token`. */
  sessionToken?: string;
}

/** Environment variable pairs, in order of preference. */
const ENV_PAIRS = [
  ['VOLC_ACCESSKEY', 'VOLC_SECRETKEY'],
  ['ACCESS_KEY_ID', 'ACCESS_KEY_SECRET'],
] as const;

/**
 * Reads credentials from an environment object (the CLI passes `process.env`; the library never
 * reads it). `VOLC_ACCESSKEY`/`VOLC_SECRETKEY` win over `ACCESS_KEY_ID`/`ACCESS_KEY_SECRET`.
 * Returns `undefined` when neither pair is set, and throws when only half of a pair is.
 */
export function credentialsFromEnv(env: Readonly<Record<string, string | undefined>>): VolcengineCredentials | undefined {
  let halfSet: readonly [string, string] | undefined;
  for (const pair of ENV_PAIRS) {
    const accessKeyId = env[pair[0]]?.trim();
    const secretAccessKey = env[pair[1]]?.trim();
    if (accessKeyId && secretAccessKey) return { accessKeyId, secretAccessKey };
    if ((accessKeyId || secretAccessKey) && !halfSet) halfSet = accessKeyId ? pair : [pair[1], pair[0]];
  }
  if (halfSet) {
    throw new InvalidOptionError(halfSet[1], `${halfSet[0]} is set but ${halfSet[1]} is not`, {
      hint: 'Set both variables of the pair (the secret is never printed).',
    });
  }
  return undefined;
}

/** Checks a credentials object without ever echoing the secret. */
export function checkCredentials(value: unknown, key = 'credentials'): VolcengineCredentials {
  if (typeof value !== 'object' || value === null) {
    throw new InvalidOptionError(key, `Expected \`${key}\` to be { accessKeyId, secretAccessKey }, got ${value === null ? 'null' : typeof value}`, {
      hint: 'Pass credentials, or read them with credentialsFromEnv(process.env) in a CLI.',
    });
  }
  const { accessKeyId, secretAccessKey, sessionToken } = value as Record<string, unknown>;
  for (const [name, field] of [['accessKeyId', accessKeyId], ['secretAccessKey', secretAccessKey]] as const) {
    if (typeof field !== 'string' || field.trim() === '') {
      throw new InvalidOptionError(`${key}.${name}`, `Expected \`${key}.${name}\` to be a non-empty string`);
    }
  }
  if (sessionToken !== undefined && (typeof sessionToken !== 'string' || sessionToken === '')) {
    throw new InvalidOptionError(`${key}.sessionToken`, `Expected \`${key}.sessionToken\` to be a non-empty string when given`);
  }
  const checked: VolcengineCredentials = { accessKeyId: accessKeyId as string, secretAccessKey: secretAccessKey as string };
  if (typeof sessionToken === 'string') checked.sessionToken = sessionToken;
  return checked;
}
