import { createServer, type RequestListener, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { NotFoundError } from '../errors.js';
import { AssetCatalog } from './asset-catalog.js';
import { IM_PUSH_PATH, type WebcastChatBackend } from './chat-backend.js';
import { tunneledSockets } from './http/request-context.js';
import { createChatBackend } from './webcast/index.js';
import { checkEmulatorOptions, type EmulatorOptions } from './emulator-options.js';
import { FaultPlan } from './faults/fault-plan.js';
import { ScriptedReplies, type ScriptStep } from './faults/scripted-replies.js';
import { createRequestHandler } from './http/request-pipeline.js';
import { Router } from './http/router.js';
import { RequestLog } from './log/request-log.js';
import type { EmulatedLiveStream } from './media/index.js';
import { BEHAVIOUR_DEFAULTS, mergeBehaviour, type Behaviour, type BehaviourOptions } from './misbehaviour/behaviour.js';
import { LiveStreams } from './routes/live-stream-routes.js';
import { mediaRoutes } from './routes/media-routes.js';
import { personalListRoutes } from './routes/personal-lists.js';
import { postListRoutes } from './routes/post-lists.js';
import { postRoutes } from './routes/post-routes.js';
import type { RouteEnv } from './routes/route-env.js';
import { searchRoutes } from './routes/search-routes.js';
import { shareRoutes } from './routes/share-routes.js';
import { tokenRoutes } from './routes/token-routes.js';
import { userRoutes } from './routes/user-routes.js';
import { webcastRoutes } from './routes/webcast-routes.js';
import { AwemeCache } from './shape/json-body.js';
import { MediaUrls } from './shape/media-urls.js';
import { mountVolcengine } from './volcengine-mount.js';
import type { VolcengineEmulator } from './volcengine/index.js';
import type { LiveRoomModel, ShortLinkTarget, UserModel } from './world/model.js';
import { World, type UserRef } from './world/world.js';

/** Base URLs to give douyin-kit's `hosts` option: every host is the emulator. */
export interface EmulatorHosts {
  www: string;
  live: string;
  webcast: string;
  webcastWs: string;
  msToken: string;
  ttwid: string;
  webid: string;
  shortLinkHosts: string[];
}

/** Live controls: rooms by room id, web_rid or their anchor. */
export interface EmulatorLive {
  /** Stream instances for every quality of a live room (created on demand). */
  streams(room: string | UserRef): EmulatedLiveStream[];
  /** The anchor leaves for `ms` of stream time: the streams keep the connection but send nothing new. */
  anchorAway(room: string | UserRef, ms: number): void;
  stall(room: string | UserRef, ms: number): void;
  dropConnections(room: string | UserRef): void;
  /** Ends the live: room status 4 with a finish time, streams end. */
  end(room: string | UserRef): LiveRoomModel;
}

export interface Emulator {
  /** `http://127.0.0.1:<port>`: www.douyin.com, live.douyin.com, webcast.amemv.com, v.douyin.com, token hosts and CDN. */
  readonly baseUrl: string;
  /** `ws://127.0.0.1:<port>/webcast/im/push/v2/`. */
  readonly wsUrl: string;
  readonly port: number;
  readonly hosts: EmulatorHosts;
  readonly world: World;
  readonly log: RequestLog;
  /** Media behind every URL the JSON carries, with expected hashes. */
  readonly assets: AssetCatalog;
  readonly live: EmulatorLive;
  readonly faults: FaultPlan;
  /** The current misbehaviour switches (replace them with `configure`). */
  readonly behaviour: Readonly<Behaviour>;
  /** Route names (`user_post`, `media`, …) for faults, scripts and the log. */
  readonly routes: readonly string[];
  /** Unexpected errors thrown by handlers (each also answered 500). */
  readonly errors: readonly Error[];
  /** The Volcengine emulator when mounted (`/?Action=…`), else null. */
  readonly volcengine: VolcengineEmulator | null;
  configure(patch: BehaviourOptions): void;
  /** Queues scripted answers for the next requests of a route. */
  script(route: string, steps: readonly ScriptStep[]): void;
  /** Maps a `sessionid` cookie value to a user (others stand for `world.roles.me`). */
  addSession(sessionid: string, user: UserRef): void;
  /** `<baseUrl>/<code>/`: a v.douyin.com short link to a post, user, live room or mix. */
  shortUrl(target: ShortLinkTarget): string;
  expectedSha256(url: string): string;
  clearLog(): void;
  /** Closes the port, every connection, stream and timer. Idempotent. */
  stop(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}

/**
 * Starts the emulated Douyin on loopback and resolves once it listens.
 * @throws {InvalidOptionError} for an unknown or malformed option.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  checkEmulatorOptions(options);
  const host = options.host ?? '127.0.0.1';
  const world = options.world instanceof World ? options.world : new World(options.world ?? {});
  let behaviour = mergeBehaviour(BEHAVIOUR_DEFAULTS, options.behaviour);
  const log = new RequestLog(options.maxLogEntries ?? 20_000);
  const faults = new FaultPlan(world.seed, options.faults ?? {});
  const scripts = new ScriptedReplies();
  const sessions = new Map<string, UserModel>();
  const timers = new Set<NodeJS.Timeout>();
  const errors: Error[] = [];

  let onRequest: RequestListener | null = null;
  const server = createServer((req, res) => (onRequest ? onRequest(req, res) : res.destroy()));
  server.keepAliveTimeout = 5000;
  const port = await listen(server, options.port ?? 0, host);
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const baseUrl = `http://${hostPart}:${port}`;

  const wsUrl = `ws://${hostPart}:${port}${IM_PUSH_PATH}`;
  const chatOption = options.chat ?? ((env: { world: World }) => createChatBackend({ world: env.world }));
  const chat: WebcastChatBackend = typeof chatOption === 'function' ? chatOption({ world, baseUrl, wsUrl }) : chatOption;
  const urls = new MediaUrls(baseUrl, world.seed, behaviour.deadMirrorRate);
  const shape = { world, urls };
  const cache = new AwemeCache(shape);
  const env: RouteEnv = { shape, cache, behaviour: () => behaviour };
  const live = new LiveStreams(world, options.liveStream);
  const router = new Router().add(
    ...postListRoutes(env), ...personalListRoutes(env), ...postRoutes(env), ...userRoutes(env), ...searchRoutes(env),
    ...webcastRoutes(env, () => chat), ...tokenRoutes(env), ...shareRoutes(env), ...mediaRoutes(env), ...live.routes(),
  );
  let volcengine: VolcengineEmulator | null = null;
  try {
    if (options.volcengine !== false) volcengine = mountVolcengine(options.volcengine);
  } catch (error) {
    server.close();
    throw error;
  }

  onRequest = createRequestHandler({ router, log, world, faults, scripts, behaviour: () => behaviour, sessions, volcengine: () => volcengine, timers, errors });
  server.on('upgrade', (req, socket: Socket, head: Buffer) => {
    const path = (req.url ?? '').replace(/^https?:\/\/[^/]+/i, '').split('?')[0];
    if (path === IM_PUSH_PATH || path === IM_PUSH_PATH.slice(0, -1)) chat.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  // A proxy tunnel (CONNECT) to the emulator itself is accepted, so clients configured with the
  // emulator as their proxy can open websockets through it; tunnels elsewhere are refused.
  server.on('connect', (req, socket: Socket, head: Buffer) => {
    const target = (req.url ?? '').toLowerCase();
    if (target !== `${hostPart}:${port}`.toLowerCase() && target !== `localhost:${port}`) {
      socket.end('HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    tunneledSockets.add(socket);
    if (head.length > 0) socket.unshift(head);
    server.emit('connection', socket);
  });
  server.on('clientError', (_error, socket: Socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const roomFor = (ref: string | UserRef): LiveRoomModel => {
    const room = (typeof ref === 'string' ? world.room(ref) : undefined) ?? world.roomOf(ref);
    if (!room) throw new NotFoundError(`No emulated live room for ${typeof ref === 'string' ? ref : ref.uid}`);
    return room;
  };

  let stopped: Promise<void> | null = null;
  const emulator: Emulator = {
    baseUrl,
    wsUrl,
    port,
    hosts: { www: baseUrl, live: baseUrl, webcast: baseUrl, webcastWs: `ws://${hostPart}:${port}`, msToken: baseUrl, ttwid: baseUrl, webid: baseUrl, shortLinkHosts: [`${hostPart}:${port}`] },
    world,
    log,
    assets: new AssetCatalog(world, urls),
    live: {
      streams: (ref) => live.allQualities(roomFor(ref)),
      anchorAway: (ref, ms) => live.allQualities(roomFor(ref)).forEach((s) => s.anchorAway(ms)),
      stall: (ref, ms) => live.allQualities(roomFor(ref)).forEach((s) => s.stall(ms)),
      dropConnections: (ref) => live.streamsOf(roomFor(ref)).forEach((s) => s.dropConnections()),
      end: (ref) => world.endLive(typeof ref === 'string' ? roomFor(ref).ownerUid : ref),
    },
    faults,
    get behaviour() {
      return behaviour;
    },
    routes: [...router.names],
    errors,
    get volcengine() {
      return volcengine;
    },
    configure(patch) {
      behaviour = mergeBehaviour(behaviour, patch);
      if (urls.deadMirrorRate !== behaviour.deadMirrorRate) {
        urls.deadMirrorRate = behaviour.deadMirrorRate;
        cache.clear();
      }
    },
    script: (route, steps) => scripts.push(route, steps),
    addSession: (sid, user) => void sessions.set(sid, world.requireUser(user)),
    shortUrl: (target) => `${baseUrl}/${world.shortLinkCode(target)}/`,
    expectedSha256: (url) => emulator.assets.expectedSha256(url),
    clearLog: () => log.clear(),
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        live.close();
        chat.close();
        cache.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
  return emulator;
}
