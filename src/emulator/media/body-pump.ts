import type { ServerResponse } from 'node:http';
import type { BodyFault } from './body-fault.js';

/** Where a response body comes from. `chunk` returns bytes from `pos`, ending at most at `limit`. */
export interface BodySource {
  readonly length: number;
  chunk(pos: number, limit: number): { bytes: Buffer; release?: () => void };
}

const EMPTY = Buffer.alloc(0);
const RESET_DELAY_MS = 100;

/**
 * Writes `source` to `res` honouring backpressure, then ends the response — or misbehaves as
 * `fault` says. Every timer and listener it sets is dropped when the response closes.
 */
export function pumpBody(res: ServerResponse, source: BodySource, fault?: BodyFault): void {
  const total = source.length;
  const cutAt = fault?.kind === 'reset' || fault?.kind === 'truncate' ? Math.min(Math.floor(fault.atByte), total) : total;
  let pauseAt = fault?.kind === 'stall' ? Math.min(Math.floor(fault.atByte), total) : -1;
  const dripBytes = fault?.kind === 'drip' ? fault.chunkBytes : Infinity;
  let pos = 0;
  let timer: NodeJS.Timeout | undefined;
  let done = false;

  const stop = (): void => {
    done = true;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    res.removeListener('drain', step);
  };
  res.once('close', stop);

  const later = (ms: number): void => {
    timer = setTimeout(() => {
      timer = undefined;
      step();
    }, ms);
  };

  /** Runs `then` once everything written so far has reached the kernel. */
  const afterFlush = (then: () => void): void => {
    res.write(EMPTY, () => {
      if (!done) then();
    });
  };

  const finish = (): void => {
    if (cutAt === total) {
      stop();
      res.end();
      return;
    }
    afterFlush(() => {
      if (fault?.kind !== 'reset') {
        stop();
        res.destroy();
        return;
      }
      // libuv reports a hang-up that arrives together with unread data as a clean EOF, so
      // give the client a moment to read the bytes before the RST.
      timer = setTimeout(() => {
        stop();
        if (res.socket && !res.socket.destroyed) res.socket.resetAndDestroy();
        else res.destroy();
      }, RESET_DELAY_MS);
    });
  };

  function step(): void {
    if (done || res.destroyed) return;
    if (res.writableNeedDrain) {
      res.once('drain', step);
      return;
    }
    while (pos < cutAt) {
      if (pos === pauseAt && fault?.kind === 'stall') {
        pauseAt = -1;
        const ms = fault.ms;
        afterFlush(() => later(ms));
        return;
      }
      const limit = Math.min(cutAt, pauseAt > pos ? pauseAt : cutAt, pos + dripBytes);
      const { bytes, release } = source.chunk(pos, limit);
      pos += bytes.length;
      const flowing = res.write(bytes, release);
      if (fault?.kind === 'drip' && pos < cutAt) {
        later(fault.intervalMs);
        return;
      }
      if (!flowing && pos < cutAt) {
        res.once('drain', step);
        return;
      }
    }
    if (pos === pauseAt && fault?.kind === 'stall' && pauseAt === total) {
      // A stall at the very end: hold the last byte's FIN back for the pause too.
      pauseAt = -1;
      afterFlush(() => later(fault.ms));
      return;
    }
    finish();
  }

  step();
}

/** A body already in memory. */
export function bufferSource(body: Buffer, chunkBytes = 1024 * 1024): BodySource {
  return {
    length: body.length,
    chunk: (pos, limit) => ({ bytes: body.subarray(pos, Math.min(limit, pos + chunkBytes)) }),
  };
}
