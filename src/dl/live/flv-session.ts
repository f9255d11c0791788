import type { Got } from 'got';
import type { DouyinKitError } from '../../errors.js';
import type { FlvResume, FlvSegmenter } from './flv-segmenter.js';
import { FlvTagReader } from './flv-tag-reader.js';
import { watchedRequest } from './watched-request.js';

export interface FlvSessionContext {
  got: Got;
  url: string;
  stallTimeoutMs: number;
  signal: AbortSignal;
  now: () => number;
  segmenter: FlvSegmenter;
  onResponse: () => void;
  /** The first media tag of this connection was handled (`resume` when it continued a recording). */
  onMedia: (resume: FlvResume | null) => void;
  /** No byte for a while on an answered connection: true to keep it open (paused stream). */
  onIdle: (silentMs: number, hadMedia: boolean) => Promise<boolean>;
}

export type FlvEnd =
  | { kind: 'eof'; progressed: boolean }
  | { kind: 'stalled'; idleMs: number; progressed: boolean; responded: boolean }
  | { kind: 'stopped' }
  | { kind: 'failed'; error: DouyinKitError; statusCode: number | null; progressed: boolean };

/**
 * One HTTP-FLV connection: parse the body into whole tags and hand them to the segmenter.
 * Whatever ends the connection, a partial last tag is never written (it dies with the reader).
 */
export async function runFlvSession(ctx: FlvSessionContext): Promise<FlvEnd> {
  const reader = new FlvTagReader();
  const { segmenter } = ctx;
  segmenter.beginConnection();
  let headerSeen = false;

  const end = await watchedRequest({
    got: ctx.got,
    url: ctx.url,
    stallTimeoutMs: ctx.stallTimeoutMs,
    signal: ctx.signal,
    now: ctx.now,
    onResponse: ctx.onResponse,
    onIdle: (silentMs) => ctx.onIdle(silentMs, segmenter.connectionHasMedia),
    onChunk: async (chunk) => {
      const tags = reader.push(chunk);
      if (!headerSeen && reader.header) {
        headerSeen = true;
        segmenter.onHeader(reader.header);
      }
      for (const tag of tags) {
        if (ctx.signal.aborted) return;
        const before = segmenter.tagsThisConnection;
        const resume = await segmenter.onTag(tag);
        if (before === 0 && segmenter.tagsThisConnection === 1) ctx.onMedia(resume);
      }
    },
  });
  const progressed = segmenter.tagsThisConnection > 0;
  if (end.kind === 'eof') return { kind: 'eof', progressed };
  if (end.kind === 'stopped') return end;
  return { ...end, progressed };
}
