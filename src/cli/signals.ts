import { AbortError } from '../errors.js';

/**
 * An AbortSignal that fires on the first Ctrl-C (SIGINT) or SIGTERM, so a command can stop
 * cleanly and still print its summary; a second Ctrl-C exits at once with code 130.
 */
export function interruptSignal(onFirst?: () => void): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  let count = 0;
  const handler = () => {
    count++;
    if (count === 1) {
      onFirst?.();
      controller.abort(new AbortError('Interrupted'));
    } else process.exit(130);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

/** A signal aborted after `ms` or by `parent`, whichever comes first. */
export function withDeadline(parent: AbortSignal, ms: number | undefined): AbortSignal {
  return ms === undefined ? parent : AbortSignal.any([parent, AbortSignal.timeout(ms)]);
}
