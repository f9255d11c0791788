import { InvalidOptionError } from '../errors.js';
import type { ChatBackendOption } from './chat-backend.js';
import type { FaultSpec } from './faults/fault-plan.js';
import type { BehaviourOptions } from './misbehaviour/behaviour.js';
import type { LiveStreamDefaults } from './routes/live-stream-routes.js';
import type { VolcengineEmulatorOptions } from './volcengine/index.js';
import type { WorldOptions } from './world/world-options.js';
import type { World } from './world/world.js';

/** Everything `startEmulator` accepts; every field is optional. */
export interface EmulatorOptions {
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** @default 0 (any free port) */
  port?: number;
  /** The world to serve: options to generate one, or a `World` built beforehand. @default {} */
  world?: WorldOptions | World;
  /** Douyin's misbehaviours (signature, login, risk, rate limit, dead mirrors). */
  behaviour?: BehaviourOptions;
  /** Seeded faults per route name or route kind (`api`, `media`, `stream`, `page`, `token`, `*`). */
  faults?: Record<string, FaultSpec>;
  /**
   * Live-chat backend for `/webcast/im/fetch/` and the `/webcast/im/push/v2/` websocket, or a
   * factory that gets the world and the URLs. @default 501 for both
   */
  chat?: ChatBackendOption;
  /**
   * The Volcengine Live OpenAPI emulator mounted on `/?Action=…`: its options (credentials default
   * to `DEFAULT_VOLCENGINE_CREDENTIAL`), or false to leave it out. @default {}
   */
  volcengine?: false | Partial<VolcengineEmulatorOptions>;
  /** Options for every emulated live stream (speed, segment length, clock…). */
  liveStream?: LiveStreamDefaults;
  /** Request-log capacity (older entries drop first). @default 20_000 */
  maxLogEntries?: number;
}

const KEYS = new Set(['host', 'port', 'world', 'behaviour', 'faults', 'chat', 'volcengine', 'liveStream', 'maxLogEntries']);

export function checkEmulatorOptions(options: EmulatorOptions): void {
  for (const key of Object.keys(options)) {
    if (!KEYS.has(key)) throw new InvalidOptionError(key, `Unexpected option \`${key}\``);
  }
  const { port, maxLogEntries } = options;
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65_535)) {
    throw new InvalidOptionError('port', `Expected \`port\` to be an integer in [0, 65535], got \`${String(port)}\``);
  }
  if (maxLogEntries !== undefined && !(Number.isInteger(maxLogEntries) && maxLogEntries >= 1)) {
    throw new InvalidOptionError('maxLogEntries', `Expected \`maxLogEntries\` to be an integer >= 1, got \`${String(maxLogEntries)}\``);
  }
}
