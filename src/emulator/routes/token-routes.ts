import { jsonReply, type Reply } from '../http/reply.js';
import type { RouteDef } from '../http/router.js';
import { Rng } from '../world/random.js';
import type { RouteEnv } from './route-env.js';

const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function withCookie(reply: Reply, cookie: string): Reply {
  if (reply.kind === 'body') reply.headers['set-cookie'] = cookie;
  return reply;
}

/**
 * The token hosts: mssdk `/web/r/token` (msToken cookie, 184 chars), ttwid
 * `/ttwid/union/register/` (ttwid cookie) and `/webid` (`web_id` in JSON). Values are seeded.
 */
export function tokenRoutes(env: RouteEnv): RouteDef[] {
  const rng = new Rng(`${env.shape.world.seed}|tokens`);
  const pick = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += TOKEN_CHARS[rng.int(0, TOKEN_CHARS.length - 1)];
    return s;
  };
  return [
    {
      name: 'ms_token', methods: ['POST'], path: '/web/r/token', kind: 'token',
      handle() {
        const token = `${pick(182)}==`;
        return withCookie(jsonReply({ code: 0, message: 'ok' }), `msToken=${token}; Path=/; Max-Age=86400; SameSite=None`);
      },
    },
    {
      name: 'ttwid', methods: ['POST'], path: '/ttwid/union/register/', kind: 'token',
      handle() {
        const value = `1%7C${rng.base64url(43)}%7C${env.shape.world.now}%7C${rng.hexLower(64)}`;
        return withCookie(jsonReply({ status_code: 0, status_msg: 'success' }), `ttwid=${value}; Path=/; Max-Age=31536000; HttpOnly`);
      },
    },
    {
      name: 'webid', methods: ['POST'], path: '/webid', kind: 'token',
      handle() {
        return jsonReply({ e: 0, sc: 1, tc: 1, web_id: `7${rng.digits(18, false)}`, ssid: `${rng.hexLower(8)}-${rng.hexLower(4)}-${rng.hexLower(4)}-${rng.hexLower(4)}-${rng.hexLower(12)}` });
      },
    },
  ];
}
