import { isDouyinKitError, redactSecrets } from '../errors.js';

/** Secrets the CLI knows (cookie values, Volcengine keys) that must never reach the terminal. */
const knownSecrets = new Set<string>();

/** Remembers a secret value (and each cookie value in a cookie header) so output never shows it. */
export function registerSecret(value: string | undefined | null): void {
  if (!value) return;
  for (const part of value.split(';')) {
    const v = part.includes('=') ? part.slice(part.indexOf('=') + 1).trim() : part.trim();
    if (v.length >= 6) knownSecrets.add(v);
  }
  if (value.trim().length >= 6) knownSecrets.add(value.trim());
}

/** `redactSecrets` plus every secret registered with `registerSecret`. */
export function scrub(text: string): string {
  let out = redactSecrets(text);
  for (const secret of knownSecrets) out = out.split(secret).join('<redacted>');
  return out;
}

function sentence(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  if (t === '') return t;
  return /[.!?)]$/.test(t) ? t : `${t}.`;
}

/**
 * An error as the user sees it: one sentence, then `Hint: …` when there is one. A stack trace
 * only with `debug`. Never a cookie or key.
 */
export function formatError(error: unknown, debug = false): string {
  const lines: string[] = [];
  if (isDouyinKitError(error)) {
    lines.push(`Error (${error.code}): ${sentence(scrub(error.message))}`);
    if (error.hint) lines.push(`Hint: ${sentence(scrub(error.hint))}`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    lines.push(`Unexpected error: ${sentence(scrub(message))}`);
    if (!debug) lines.push('Hint: Run again with --debug for the details, and report it if it persists.');
  }
  if (debug && error instanceof Error && error.stack) lines.push(scrub(error.stack));
  if (debug && error instanceof Error && error.cause instanceof Error) lines.push(`Caused by: ${scrub(error.cause.stack ?? error.cause.message)}`);
  return lines.join('\n');
}
