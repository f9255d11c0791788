/**
 * The emulated Douyin live chat (webcast): `createChatBackend()` serves `/webcast/im/fetch/` and
 * the `/webcast/im/push/v2/` websocket from deterministic, seeded room timelines of all 32
 * message types (plus the ControlMessage that ends a live), on an emulated clock.
 * @example
 * const world = new World({ seed: 'demo' });
 * const chat = createChatBackend({ world, clock: { speed: 60 }, dropEveryMs: 30_000 });
 * const emulator = await startEmulator({ world, chat });
 */
export { createChatBackend, type ChatBackend } from './create-chat-backend.js';
export { ChatClock, type ChatClockOptions } from './chat-clock.js';
export type { ChatBackendOptions, ResolvedChatOptions } from './chat-options.js';
export type { BadAck, ChatConnectionRecord, ChatStats } from './chat-stats.js';
export { CHAT_METHODS, RoomTimeline, type TimelineEntry, type TimelineMessage } from './room-timeline.js';
export { PUSH_URL_PARAMS, verifyPushSignature } from './push-request-check.js';
export type { Viewer } from './message-factory.js';
