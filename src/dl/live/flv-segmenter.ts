import { FLV_AUDIO, FLV_VIDEO, configKind, isVideoKeyframe, sameTagData, type FlvConfigKind, type FlvTag } from './flv-tag-reader.js';
import { RecentTags } from './recent-tags.js';
import type { SegmentSink } from './segment-sink.js';

/**
 * When to start a new file. Both are targets: once one is reached, the file is cut before the
 * next video key frame (so the new file decodes from its first frame).
 */
export interface SegmentLimits {
  /** Media time per file (FLV timestamps; the sum of `EXTINF` for HLS). */
  maxDurationMs?: number;
  /** Bytes per file. */
  maxBytes?: number;
}

/** Media that the recording resumed with after a reconnect, and what that says about a gap. */
export interface FlvResume {
  lastTimestampMs: number;
  firstTimestampMs: number;
  /** The first missing timestamp and the first one received again, when media is missing. */
  gap: { fromTimestampMs: number; toTimestampMs: number } | null;
  /** Timestamps went backwards (the server restarted them): a new file was started. */
  timestampReset: boolean;
}

type Config = Partial<Record<FlvConfigKind, FlvTag>>;

const UNKNOWN_FRAME_MS = 100;
/** Timestamps this far behind the last one mean a restart, not interleaving. */
const RESET_TOLERANCE_MS = 1000;
/** How far back a reconnect may repeat media (a GOP or two) and still be recognised. */
const OVERLAP_MS = 10_000;
/** About 20 s of video at 30 fps; Douyin's GOP is 2–4 s. */
const MAX_FRAMES_WITHOUT_KEYFRAME = 600;

/**
 * Stream copy of HTTP-FLV into files that each play on their own. Every file starts with the
 * FLV header and the stream's codec configuration (onMetaData, AVC/HEVC and AAC sequence
 * headers) as the server sent them, then media tags byte for byte. A reconnect continues the
 * same file (its preamble is recognised and not written again) unless the codec configuration
 * changed or the timestamps restarted; then a new file starts. Time and size limits cut before
 * a video key frame (any tag for audio-only streams; anywhere when key frames stopped coming).
 */
export class FlvSegmenter {
  readonly #sink: SegmentSink;
  readonly #limits: SegmentLimits;
  #header: Buffer | null = null;
  #config: Config = {};
  #connectionHeader: Buffer | null = null;
  #connectionConfig: Config = {};
  #connectionHasMedia = false;
  #resumePending = false;
  readonly #recent = new RecentTags(OVERLAP_MS);
  #forceCut = false;
  #hasVideo = false;
  #lastTimestampMs: number | null = null;
  #lastByType = new Map<number, number>();
  #frameMs = 0;
  #fileFirstTimestampMs: number | null = null;
  #framesSinceKeyframe = 0;
  /** Bytes of media tags written (headers and codec config excluded). */
  mediaBytes = 0;
  mediaTags = 0;
  /** Media tags written from the current connection. */
  tagsThisConnection = 0;
  /** Bytes skipped because a new connection repeated media already written. */
  overlapBytes = 0;

  constructor(sink: SegmentSink, limits: SegmentLimits) {
    this.#sink = sink;
    this.#limits = limits;
  }

  /** A new connection: its header and codec configuration come first. */
  beginConnection(): void {
    this.#connectionHeader = null;
    this.#connectionConfig = {};
    this.#connectionHasMedia = false;
    this.tagsThisConnection = 0;
  }

  /** True once the current connection has delivered a media tag. */
  get connectionHasMedia(): boolean {
    return this.#connectionHasMedia;
  }

  onHeader(header: Buffer): void {
    this.#connectionHeader = header;
  }

  /** Writes one tag; returns how the recording resumed on the first media tag after a reconnect. */
  async onTag(tag: FlvTag): Promise<FlvResume | null> {
    const kind = configKind(tag);
    if (kind !== null && !this.#connectionHasMedia) {
      this.#connectionConfig[kind] = tag;
      return null;
    }
    if (kind === 'video' || kind === 'audio') {
      if (!sameTagData(this.#config[kind], tag)) {
        // The encoder restarted with other parameters: the next file starts with them.
        this.#config[kind] = tag;
        this.#forceCut = true;
        return null;
      }
    }
    if (!this.#connectionHasMedia) this.#startConnectionMedia();
    let resume: FlvResume | null = null;
    const last = this.#lastTimestampMs;
    if (this.#resumePending) {
      if (last !== null && tag.timestampMs <= last && this.#recent.has(tag)) {
        // A CDN starts a new connection at the last key frame: media already written.
        this.overlapBytes += tag.bytes.length;
        return null;
      }
      this.#resumePending = false;
      if (last !== null) resume = this.#resume(tag, last);
    } else if (last !== null && tag.timestampMs + RESET_TOLERANCE_MS < last) {
      this.#forceCut = true; // timestamps restarted within the connection
      this.#lastTimestampMs = null;
    }
    if (tag.type === FLV_VIDEO) this.#hasVideo = true;
    await this.#maybeCut(tag);
    await this.#sink.write(tag.bytes);
    this.#noteWritten(tag);
    return resume;
  }

  /** Closes the open file. */
  async finish(): Promise<void> {
    await this.#sink.close();
  }

  #startConnectionMedia(): void {
    this.#connectionHasMedia = true;
    this.#resumePending = true;
    const next: Config = {
      metadata: this.#connectionConfig.metadata ?? this.#config.metadata,
      video: this.#connectionConfig.video ?? this.#config.video,
      audio: this.#connectionConfig.audio ?? this.#config.audio,
    };
    const codecChanged = !sameTagData(next.video, this.#config.video) || !sameTagData(next.audio, this.#config.audio);
    this.#config = next;
    if (this.#connectionHeader) this.#header = this.#connectionHeader;
    if (this.#sink.isOpen && codecChanged) this.#forceCut = true;
  }

  #resume(tag: FlvTag, last: number): FlvResume {
    const frame = this.#frameMs || UNKNOWN_FRAME_MS;
    const timestampReset = tag.timestampMs < last;
    if (timestampReset) {
      this.#forceCut = true;
      this.#lastTimestampMs = null;
    }
    const missing = !timestampReset && tag.timestampMs - last > frame * 1.5;
    return {
      lastTimestampMs: last,
      firstTimestampMs: tag.timestampMs,
      gap: missing ? { fromTimestampMs: last + frame, toTimestampMs: tag.timestampMs } : null,
      timestampReset,
    };
  }

  async #maybeCut(tag: FlvTag): Promise<void> {
    if (!this.#sink.isOpen) return this.#openFile();
    if (this.#forceCut) return this.#openFile();
    const first = this.#fileFirstTimestampMs;
    if (first === null) return;
    const { maxDurationMs, maxBytes } = this.#limits;
    const span = tag.timestampMs - first;
    const size = this.#sink.bytes + tag.bytes.length;
    const due = (maxDurationMs !== undefined && span >= maxDurationMs) || (maxBytes !== undefined && size > maxBytes);
    if (!due) return;
    const video = this.#hasVideo || this.#config.video !== undefined;
    // Key frames stopped coming (or never came): a file that cannot start clean starts anyway.
    const overdue = this.#framesSinceKeyframe > MAX_FRAMES_WITHOUT_KEYFRAME;
    if (!video || isVideoKeyframe(tag) || overdue) await this.#openFile();
  }

  async #openFile(): Promise<void> {
    this.#forceCut = false;
    this.#fileFirstTimestampMs = null;
    const parts: Buffer[] = [this.#header ?? Buffer.from([0x46, 0x4c, 0x56, 1, 5, 0, 0, 0, 9, 0, 0, 0, 0])];
    for (const kind of ['metadata', 'video', 'audio'] as const) {
      const tag = this.#config[kind];
      if (tag) parts.push(tag.bytes);
    }
    await this.#sink.open(Buffer.concat(parts));
  }

  #noteWritten(tag: FlvTag): void {
    this.#recent.add(tag);
    if (tag.type === FLV_VIDEO) this.#framesSinceKeyframe = isVideoKeyframe(tag) ? 0 : this.#framesSinceKeyframe + 1;
    this.mediaBytes += tag.bytes.length;
    this.mediaTags++;
    this.tagsThisConnection++;
    this.#fileFirstTimestampMs ??= tag.timestampMs;
    const previous = this.#lastByType.get(tag.type);
    const primary = this.#hasVideo ? FLV_VIDEO : FLV_AUDIO;
    if (tag.type === primary && previous !== undefined && tag.timestampMs > previous) this.#frameMs = tag.timestampMs - previous;
    if (tag.type === FLV_VIDEO || tag.type === FLV_AUDIO) this.#lastByType.set(tag.type, tag.timestampMs);
    // The highest timestamp so far (audio and B-frames may come slightly out of order).
    this.#lastTimestampMs = this.#lastTimestampMs === null ? tag.timestampMs : Math.max(this.#lastTimestampMs, tag.timestampMs);
    this.#sink.durationMs = Math.max(0, this.#lastTimestampMs - this.#fileFirstTimestampMs) + this.#frameMs;
  }
}
