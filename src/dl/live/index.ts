/**
 * The live recorder: HTTP-FLV (stream copy into `.flv`) or HLS (MPEG-TS segments into `.ts`),
 * with a stall watchdog, reconnects while the room is live, "anchor away" waits, segmentation
 * into independently playable files, and chat sidecars (JSONL + ASS) per file.
 */
export { LiveRecorder } from './live-recorder.js';
export type { LiveRecorderOptions, LiveReconnectOptions, LiveHlsOptions } from './live-recorder-options.js';
export type {
  LiveEndReason,
  LiveGapReason,
  LiveRecorderEvents,
  LiveRecorderState,
  LiveRecordingGap,
  LiveRecordingResult,
  LiveSegmentClosed,
  LiveSegmentInfo,
} from './live-recorder-events.js';
export type { SegmentLimits } from './flv-segmenter.js';
export { LIVE_STREAM_QUALITIES, selectLiveStream, streamUrlTables } from './live-stream-source.js';
export type { LiveProtocol, LiveQuality, LiveStreamChoice, LiveStreamSource, SelectStreamOptions } from './live-stream-source.js';
export { defaultChatFormat } from './chat-sidecar.js';
export type { LiveChatEmitter, LiveChatEvent, LiveChatSidecarOptions, LiveChatSource } from './chat-sidecar.js';
export type { AssStyle } from './ass-subtitles.js';
export { LIVE_STATUS_LIVE, createLiveRecorder, liveRoomFromKit, recordLive, recordLives } from './record-live.js';
export type { LiveRecorderListeners, LiveRecordings, LiveRoomFetcher, LiveRoomOutcome, LiveRoomSnapshot, RecordLiveOptions, RecordLivesRoom, RecordLivesShared } from './record-live.js';
export { FlvTagReader, configKind, isVideoKeyframe } from './flv-tag-reader.js';
export type { FlvTag, FlvConfigKind } from './flv-tag-reader.js';
