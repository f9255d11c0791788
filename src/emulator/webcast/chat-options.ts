import { InvalidOptionError } from '../../errors.js';
import type { World } from '../world/world.js';
import type { ChatClock, ChatClockOptions } from './chat-clock.js';
import type { SignatureCheck } from './push-request-check.js';

/** Options of `createChatBackend`. Durations are emulated ms (see `clock.speed`). */
export interface ChatBackendOptions {
  /** Rooms (live, ended, unknown), the audience that chats, and live ends (`emulator.live.end`). Without it every numeric room id is a live room. */
  world?: World;
  /** Seeds every timeline. @default the world's seed, else `'chat'` */
  seed?: string | number;
  /** The emulated clock, or options for one. @default speed 1 from the world clock */
  clock?: ChatClockOptions | ChatClock;
  /** Mean gap between two messages of a room. @default 250 */
  messageIntervalMs?: number;
  /** How often each connection is sent what is new. @default 1000 */
  pushIntervalMs?: number;
  /** @default 20 */
  maxMessagesPerFrame?: number;
  /** Share of frames whose Response sets `need_ack`. @default 0.5 */
  needAckRate?: number;
  /** Every Nth frame goes without gzip (and without `compress_type`); 0 = all gzip. @default 4 */
  uncompressedEvery?: number;
  /** WebSocket pings; 0 = none. @default 10_000 */
  pingIntervalMs?: number;
  /** Terminate a connection whose ping is still unanswered when the next one is due. @default true */
  requirePong?: boolean;
  /** A heartbeat gap longer than this counts as a missed window (statistics only). @default 15_000 */
  heartbeatWindowMs?: number;
  /** Close a connection that sent no heartbeat for this long; 0 = never. @default 30_000 */
  heartbeatTimeoutMs?: number;
  /** Drop every connection this long after it opened; 0 = never. @default 0 */
  dropEveryMs?: number;
  /** `terminate`: TCP reset, the client sees 1006; `close`: close frame 1001. @default 'terminate' */
  dropMode?: 'terminate' | 'close';
  /** On a resume (internal_ext from a push frame), send this many messages before the cursor again (clients must de-duplicate). @default 0 */
  resumeOverlap?: number;
  /** `verify`: the signature must sign the URL's room_id/user_unique_id; `presence`: any non-empty value. @default 'verify' */
  signatureCheck?: SignatureCheck;
  /** `push_server` in im/fetch; null leaves it out. @default `ws://<requested host>/webcast/im/push/v2/` */
  pushServer?: string | null;
  /** A cursor further back than this many messages resumes this far back. @default 10_000 */
  maxBacklog?: number;
  /** How long before the clock start rooms outside a world began. @default 600_000 */
  historyMs?: number;
  /** After the ControlMessage the server closes the connection (1000) this much later. @default 1_000 */
  endCloseDelayMs?: number;
}

export type ResolvedChatOptions = Required<Omit<ChatBackendOptions, 'world' | 'seed' | 'clock' | 'pushServer'>> & {
  pushServer: string | null | undefined;
};

const DEFAULTS: Omit<ResolvedChatOptions, 'pushServer'> = {
  messageIntervalMs: 250,
  pushIntervalMs: 1000,
  maxMessagesPerFrame: 20,
  needAckRate: 0.5,
  uncompressedEvery: 4,
  pingIntervalMs: 10_000,
  requirePong: true,
  heartbeatWindowMs: 15_000,
  heartbeatTimeoutMs: 30_000,
  dropEveryMs: 0,
  dropMode: 'terminate',
  resumeOverlap: 0,
  signatureCheck: 'verify',
  maxBacklog: 10_000,
  historyMs: 600_000,
  endCloseDelayMs: 1_000,
};

const POSITIVE = ['messageIntervalMs', 'pushIntervalMs', 'maxMessagesPerFrame', 'maxBacklog'] as const;
const NON_NEGATIVE = ['uncompressedEvery', 'pingIntervalMs', 'heartbeatWindowMs', 'heartbeatTimeoutMs', 'dropEveryMs', 'resumeOverlap', 'historyMs', 'endCloseDelayMs'] as const;
const KEYS = new Set<string>([...Object.keys(DEFAULTS), 'world', 'seed', 'clock', 'pushServer']);

export function resolveChatOptions(options: ChatBackendOptions): ResolvedChatOptions {
  for (const key of Object.keys(options)) {
    if (!KEYS.has(key)) throw new InvalidOptionError(key, `Unexpected chat backend option \`${key}\``);
  }
  const out = { ...DEFAULTS, pushServer: options.pushServer } as ResolvedChatOptions;
  for (const [k, v] of Object.entries(options)) if (v !== undefined && k in DEFAULTS) (out as Record<string, unknown>)[k] = v;
  for (const key of POSITIVE) {
    const v = out[key];
    if (!(Number.isFinite(v) && v > 0)) throw new InvalidOptionError(key, `Expected \`${key}\` to be a positive number, got \`${String(v)}\``);
  }
  for (const key of NON_NEGATIVE) {
    const v = out[key];
    if (!(Number.isFinite(v) && v >= 0)) throw new InvalidOptionError(key, `Expected \`${key}\` to be a number >= 0, got \`${String(v)}\``);
  }
  if (!(out.needAckRate >= 0 && out.needAckRate <= 1)) throw new InvalidOptionError('needAckRate', 'Expected `needAckRate` in [0, 1]');
  if (out.dropMode !== 'terminate' && out.dropMode !== 'close') throw new InvalidOptionError('dropMode', "Expected `dropMode` to be 'terminate' or 'close'");
  if (out.signatureCheck !== 'verify' && out.signatureCheck !== 'presence') {
    throw new InvalidOptionError('signatureCheck', "Expected `signatureCheck` to be 'verify' or 'presence'");
  }
  if (typeof out.requirePong !== 'boolean') throw new InvalidOptionError('requirePong', 'Expected `requirePong` to be a boolean');
  return out;
}
