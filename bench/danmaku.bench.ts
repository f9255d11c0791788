/**
 * Live-chat decode throughput: gzip'd PushFrames (as the websocket delivers them) → typed messages.
 *
 * Frames are built from real message payloads: the real 2024-07-22 capture (Like, Member) and the
 * desensitised samples in fixtures/webcast/payloads, mixed like a busy room's traffic (mostly chat,
 * members, likes and gifts; a few stats/rank/fan-club messages), 20 messages a frame.
 *
 * Cases (run together with `npm run bench danmaku`):
 *   danmaku_decode_baseline_gunzip      PushFrame decode + gunzip only (the floor any decoder pays)
 *   danmaku_decode_baseline_protobufjs  protobufjs reflection decode + toObject({longs: String}) of the same frames
 *   danmaku_decode                      decodeFrame(): frame → gunzip → Response → every message typed
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import {
  decodeFrame,
  decodePushFrame,
  decodeRawResponse,
  encodePushFrame,
  encodeResponse,
  maybeGunzip,
  WEBCAST_METHOD_TYPES,
  type MessageInput,
} from '../src/crawler/webcast/index.js';
import type { BenchCase } from './harness.js';

const projectRoot = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const TARGET = 200_000;

/** Messages of one frame, by sample (`payloads/<name>.bin`, or `real:<method>` from the capture). */
const FRAME_MIX: [string, number][] = [
  ['ChatMessage', 6],
  ['MemberMessage', 2],
  ['real:WebcastMemberMessage', 2],
  ['LikeMessage', 2],
  ['real:WebcastLikeMessage', 1],
  ['GiftMessage', 2],
  ['SocialMessage', 1],
  ['RoomUserSeqMessage', 1],
  ['RoomStatsMessage', 1],
  ['FansclubMessage', 1],
  ['RanklistHourEntranceMessage', 1],
];
const FRAMES = 8;

interface Ctx {
  frames: Uint8Array[];
  messages: number;
}

function fixtures(): string {
  // The bench builds its input from the shared fixtures (it is not part of the library).
  return join(projectRoot, '..', 'shared', 'fixtures', 'webcast');
}

function buildFrames(): Ctx {
  const dir = fixtures();
  const real = decodeRawResponse(readFileSync(join(dir, 'frames', 'real', 'jwwsjlm_20240722_like_member.payload.gz')));
  const samples = new Map<string, MessageInput>();
  for (const [name] of FRAME_MIX) {
    if (name.startsWith('real:')) {
      const m = real.messages!.find((x) => x.method === name.slice(5))!;
      samples.set(name, { method: m.method!, payload: m.payload! });
    } else {
      samples.set(name, { method: `Webcast${name}`, payload: readFileSync(join(dir, 'payloads', `${name}.bin`)) });
    }
  }
  const mix = FRAME_MIX.flatMap(([name, n]) => new Array<MessageInput>(n).fill(samples.get(name)!));
  const frames: Uint8Array[] = [];
  let msgId = 7394381278768763699n;
  for (let f = 0; f < FRAMES; f++) {
    // Rotate the order so frames differ, as consecutive frames do.
    const order = mix.map((_, i) => mix[(i * 7 + f * 3) % mix.length]!);
    const response = encodeResponse({
      messages: order.map((m, i) => ({ ...m, msgId: msgId++, msgType: i % 3 })),
      cursor: `t-1721638553798_r-${7394381280667779385n + BigInt(f)}_d-7394374675008061440_u-1_h-1`,
      now: String(1721638553798 + f * 300),
      internalExt: 'internal_src:pushserver|first_req_ms:1721637762628|wss_msg_type:r|wrds_v:7394381263487898168',
      needAck: true,
      heartbeatDuration: '15',
    });
    frames.push(
      encodePushFrame({
        seqId: String(f + 1),
        logId: String(7394381280667779385n + BigInt(f)),
        service: '1',
        method: '1',
        payload: response,
        gzip: true,
        headers: [{ key: 'im-internal_ext', value: 'internal_src:pushserver' }],
      }),
    );
  }
  return { frames, messages: frames.length * mix.length };
}

interface PbCtx extends Ctx {
  PushFrame: protobuf.Type;
  Response: protobuf.Type;
  types: Map<string, protobuf.Type>;
}

const ratio = (a: number, b: number | undefined) => (b ? (a / b).toFixed(2) : 'n/a');

export const benchmarks: BenchCase<any>[] = [
  {
    name: 'danmaku_decode_baseline_gunzip',
    unitLabel: 'messages_per_second',
    units: (ctx: Ctx) => ctx.messages,
    setup: buildFrames,
    fn: (ctx: Ctx) => {
      for (const bytes of ctx.frames) maybeGunzip(decodePushFrame(bytes).payload);
    },
  } satisfies BenchCase<Ctx>,
  {
    name: 'danmaku_decode_baseline_protobufjs',
    unitLabel: 'messages_per_second',
    units: (ctx: PbCtx) => ctx.messages,
    setup: () => {
      const root = new protobuf.Root();
      root.resolvePath = (_origin, target) => join(projectRoot, 'proto', target.replace(/^.*[\\/]/, ''));
      root.loadSync(['douyin_webcast.proto', 'douyin_webcast_extra.proto'], { keepCase: true });
      root.resolveAll();
      // Types looked up once, as a real protobufjs client would.
      const types = new Map(Object.entries(WEBCAST_METHOD_TYPES).map(([method, type]) => [method, root.lookupType(type)]));
      return { ...buildFrames(), PushFrame: root.lookupType('douyin.PushFrame'), Response: root.lookupType('douyin.Response'), types };
    },
    fn: (ctx: PbCtx) => {
      for (const bytes of ctx.frames) {
        const frame = ctx.PushFrame.decode(bytes) as unknown as { payload: Uint8Array };
        const response = ctx.Response.decode(maybeGunzip(frame.payload)) as unknown as { messages: { method: string; payload: Uint8Array }[] };
        for (const m of response.messages) {
          const type = ctx.types.get(m.method)!;
          type.toObject(type.decode(m.payload), { longs: String });
        }
      }
    },
  } satisfies BenchCase<PbCtx>,
  {
    name: 'danmaku_decode',
    unitLabel: 'messages_per_second',
    units: (ctx: Ctx) => ctx.messages,
    minMs: 3000,
    // The generated decoders are large: V8 is still optimising them for the first ~200 ms.
    warmupMs: 1500,
    setup: buildFrames,
    fn: (ctx: Ctx) => {
      let n = 0;
      for (const bytes of ctx.frames) {
        for (const m of decodeFrame(bytes).response!.messages) if (m.kind === 'decoded') n++;
      }
      if (n !== ctx.messages) throw new Error(`decoded ${n} of ${ctx.messages} messages`);
    },
    extra: (ctx: Ctx, rate, rates) => ({
      messages_per_frame: ctx.messages / ctx.frames.length,
      avg_frame_bytes: Math.round(ctx.frames.reduce((s, f) => s + f.length, 0) / ctx.frames.length),
      avg_message_bytes: Math.round(
        ctx.frames.reduce((s, f) => s + maybeGunzip(decodePushFrame(f).payload).length, 0) / ctx.messages,
      ),
      share_of_gunzip_baseline: ratio(rate, rates.get('danmaku_decode_baseline_gunzip')),
      x_protobufjs: ratio(rate, rates.get('danmaku_decode_baseline_protobufjs')),
      target: TARGET,
      meets_target: rate >= TARGET ? 'yes' : 'no',
    }),
  } satisfies BenchCase<Ctx>,
];
