/**
 * `douyin-kit/emulator`: a local Douyin for tests and benchmarks. One process, real sockets on
 * 127.0.0.1, a deterministic world from a seed, real response shapes, Douyin's misbehaviours and
 * seeded faults, media with known hashes, live streams, and a request log.
 */
export { startEmulator } from './start-emulator.js';
export type { Emulator, EmulatorHosts, EmulatorLive } from './start-emulator.js';
export type { EmulatorOptions } from './emulator-options.js';
export { World } from './world/world.js';
export type { UserRef, WorldChange } from './world/world.js';
export type { WorldOptions } from './world/world-options.js';
export type {
  CollectFolderModel, CommentModel, ImageModel, LiveRoomModel, LyricLine, MixModel, MusicModel, PostModel, RoomStatus,
  ShortLinkTarget, UserModel, VideoVariant, WorldData, WorldRoles,
} from './world/model.js';
export type { BehaviourOptions, Behaviour, RateLimitOptions, RiskOptions, SignatureInput } from './misbehaviour/behaviour.js';
export { BEHAVIOUR_DEFAULTS } from './misbehaviour/behaviour.js';
export { isWellFormedABogus, isWellFormedMsToken, isWellFormedXBogus } from './misbehaviour/signature-check.js';
export type { FaultPlan, FaultSpec } from './faults/fault-plan.js';
export type { ScriptStep } from './faults/scripted-replies.js';
export type { RequestCounters, RequestLog, RequestLogEntry } from './log/request-log.js';
export type { LiveStreamDefaults } from './routes/live-stream-routes.js';
export type { AssetCatalog, CatalogEntry } from './asset-catalog.js';
export type { ChatBackendEnv, ChatBackendOption, WebcastChatBackend } from './chat-backend.js';
export { IM_PUSH_PATH, notImplementedChatBackend } from './chat-backend.js';
export { DEFAULT_VOLCENGINE_CREDENTIAL } from './volcengine-mount.js';
export type { VolcengineEmulator, VolcengineEmulatorOptions } from './volcengine/index.js';
export type { EmulatedLiveStream, MediaAsset, MediaKind } from './media/index.js';
export {
  CHAT_METHODS,
  ChatClock,
  createChatBackend,
  type ChatBackend,
  type ChatBackendOptions,
  type ChatClockOptions,
  type ChatConnectionRecord,
  type ChatStats,
} from './webcast/index.js';
