import { isDouyinKitError, type DouyinKitErrorCode } from '../errors.js';

/** Process exit codes of the `douyin-kit` command (documented in the README). */
export const EXIT = Object.freeze({
  /** Everything asked for was done. */
  OK: 0,
  /** The run finished but some files or posts failed (or an unexpected local failure). */
  PARTIAL: 1,
  /** Bad command line, bad config file or bad input (URL without an id, unknown option). */
  USAGE: 2,
  /** Network, login, signature or a refusal by Douyin / Volcengine: nothing (more) could be fetched. */
  REMOTE: 3,
  /** Interrupted with Ctrl-C. */
  INTERRUPTED: 130,
});

const USAGE_CODES = new Set<DouyinKitErrorCode>(['ERR_INVALID_INPUT', 'ERR_INVALID_OPTION']);
const REMOTE_CODES = new Set<DouyinKitErrorCode>([
  'ERR_SIGNATURE', 'ERR_TOKEN', 'ERR_HTTP', 'ERR_NETWORK', 'ERR_TIMEOUT', 'ERR_EMPTY_RESPONSE', 'ERR_API_STATUS',
  'ERR_RISK_CONTROL', 'ERR_RATE_LIMITED', 'ERR_LOGIN_REQUIRED', 'ERR_NOT_FOUND', 'ERR_PRIVATE', 'ERR_CIRCUIT_OPEN',
  'ERR_LIVE_OFFLINE', 'ERR_LIVE_STATE', 'ERR_VOLCENGINE', 'ERR_DECODE',
]);

/** The exit code for an error that ended a command. */
export function exitCodeFor(error: unknown): number {
  if (!isDouyinKitError(error)) return EXIT.PARTIAL;
  if (error.code === 'ERR_ABORTED') return EXIT.INTERRUPTED;
  if (USAGE_CODES.has(error.code)) return EXIT.USAGE;
  if (REMOTE_CODES.has(error.code)) return EXIT.REMOTE;
  return EXIT.PARTIAL;
}
