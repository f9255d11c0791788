/**
 * The emulator's media: deterministic, format-valid bytes for every asset (served at loopback
 * speed with Range, validators and faults) and emulated live streams (HTTP-FLV and HLS).
 *
 * Bytes are a pure function of `(id, kind, size, animated)`: a format header, a body tiled from
 * a 64 KiB pseudo-random block (each copy stamped with its index, plus per-format fields such
 * as timestamps), a format trailer. Containers:
 * - mp4: `ftyp` (isom) + `moov{mvhd}` + `mdat` (64-bit largesize beyond 4 GiB).
 * - webp: `RIFF…WEBP` + one `VP8 ` chunk; `animated: true` gives `VP8X` + `ANIM` + 16 KiB `ANMF` frames.
 * - jpeg: SOI, APP0 JFIF, DQT, SOF0, SOS, entropy data without 0xFF, EOI.
 * - mp3: ID3v2.3 (TIT2) + 417-byte MPEG-1 Layer III frames (`FF FB 90 44`).
 * - flv: header, onMetaData, AVC/AAC sequence headers, 4 KiB tags chained by PreviousTagSize.
 * - ts: PAT, PMT, video packets on PID 0x100 with continuous counters and a PES per 64 KiB.
 * Below `minimumAssetSize` an asset is a prefix of the smallest complete one.
 */
export type { MediaAsset, MediaKind } from './media-asset.js';
export { MEDIA_KINDS, assetEtag, mediaContentType } from './media-asset.js';
export { minimumAssetSize } from './layout-cache.js';
export { readAsset } from './read-asset.js';
export { assetSha256 } from './asset-sha256.js';
export type { BodyFault } from './body-fault.js';
export type { ServeOptions } from './serve-asset.js';
export { serveAsset, writeBody } from './serve-asset.js';
export type { RangeDecision } from './http-range.js';
export { decideRange } from './http-range.js';
export type { LiveStreamOptions } from './live/live-stream.js';
export { EmulatedLiveStream } from './live/live-stream.js';
export type { LiveCloseReason, LiveConnectionRecord, LiveGap, LivePacketInfo } from './live/live-record.js';
export type { LiveEmitted } from './live/live-record.js';
export type { AwayRecord } from './live/live-timeline.js';
