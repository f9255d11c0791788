import type { WebcastChatBackend } from '../chat-backend.js';
import { handled, jsonReply } from '../http/reply.js';
import type { RouteDef } from '../http/router.js';
import { reflowRoomShape, webEnterBody, webRoomShape } from '../shape/live-room-shape.js';
import { idNum } from '../shape/values.js';
import type { LiveRoomModel, UserModel } from '../world/model.js';
import { envelope, nowMs, personalViewer, type RouteEnv } from './route-env.js';

export function webcastRoutes(env: RouteEnv, chat: () => WebcastChatBackend): RouteDef[] {
  const world = env.shape.world;
  const paramsError = () => jsonReply({ data: { message: 'Request params error', prompts: 'Request params error\t' }, extra: { now: nowMs(env) }, status_code: 10011 }, 200, 'error:10011');
  return [
    {
      name: 'live_web_enter', methods: ['GET'], path: '/webcast/room/web/enter/', kind: 'api', sign: true,
      handle(ctx) {
        const webRid = ctx.param('web_rid') ?? '';
        const byId = ctx.param('room_id_str');
        const room = world.data.roomsByWebRid.get(webRid) ?? (byId ? world.data.rooms.get(byId) : undefined);
        if (!room) {
          return jsonReply({ data: { data: [], enter_room_id: '', room_status: 2, prompts: '直播间不存在' }, extra: { now: nowMs(env) }, status_code: 0 }, 200, 'ok:no-room');
        }
        return jsonReply(webEnterBody(env.shape, room, ctx.viewer, nowMs(env)));
      },
    },
    {
      name: 'live_reflow_info', methods: ['GET'], path: '/webcast/room/reflow/info/', kind: 'api', sign: true,
      handle(ctx) {
        const room = world.data.rooms.get(ctx.param('room_id') ?? '');
        if (!room) return paramsError();
        return jsonReply({
          data: { room: reflowRoomShape(env.shape, room), user: { id_str: '0', nickname: '', sec_uid: '' } },
          extra: { now: nowMs(env) },
          status_code: 0,
        });
      },
    },
    {
      name: 'following_live', methods: ['GET'], path: '/webcast/web/feed/follow/', kind: 'api', sign: true, msToken: true, login: 'personal',
      handle(ctx) {
        const viewer = personalViewer(env, ctx);
        const rooms = [...viewer.following.keys()]
          .map((uid) => world.roomOf(uid))
          .filter((r): r is LiveRoomModel => r?.status === 'live');
        return jsonReply({
          data: {
            data: rooms.map((room) => ({
              cover_type: 1,
              is_recommend: 0,
              tag_name: '',
              title_type: 1,
              uniq_id: room.roomId,
              web_rid: room.webRid,
              room: webRoomShape(env.shape, room, viewer),
            })),
            message: '',
            has_more: false,
          },
          extra: envelope(env, ctx).extra,
          status_code: 0,
        });
      },
    },
    {
      name: 'user_live_status', methods: ['GET'], path: '/webcast/distribution/check_user_live_status/', kind: 'api', sign: true,
      handle(ctx) {
        const ids = (ctx.param('user_ids') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
        if (ids.length === 0) return paramsError();
        const users = ids.map((id) => world.user(id)).filter((u): u is UserModel => !!u);
        return jsonReply({
          data: [{
            scene_id: Number(ctx.param('distribution_scenes') ?? 254) || 254,
            user_live: users.map((u) => {
              const room = world.roomOf(u);
              const live = room?.status === 'live';
              return {
                live_status: live ? 1 : 0,
                room_id: live && room ? idNum(room.roomId) : 0,
                room_id_str: live && room ? room.roomId : '0',
                user_id: idNum(u.uid),
                user_id_str: u.uid,
              };
            }),
          }],
          extra: { now: nowMs(env) },
          status_code: 0,
        });
      },
    },
    {
      name: 'live_im_fetch', methods: ['GET'], path: '/webcast/im/fetch/', kind: 'chat', sign: true,
      handle(ctx) {
        chat().handleImFetch(ctx.req, ctx.res, ctx.url);
        return handled('chat:im-fetch');
      },
    },
  ];
}
