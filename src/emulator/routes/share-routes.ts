import { notFound, redirectReply, textReply } from '../http/reply.js';
import type { RouteDef } from '../http/router.js';
import type { ShortLinkTarget } from '../world/model.js';
import type { RouteEnv } from './route-env.js';

/**
 * v.douyin.com short links (302 to the share page) and the pages themselves (www.iesdouyin.com
 * share pages, douyin.com/video|note|user|collection, live.douyin.com/<web_rid>, the reflow page).
 * Clients only follow them to read the id from the final URL.
 */
export function shareRoutes(env: RouteEnv): RouteDef[] {
  const world = env.shape.world;
  const base = () => env.shape.urls.base;

  const location = (t: ShortLinkTarget): string | null => {
    switch (t.kind) {
      case 'post': {
        const p = world.post(t.id);
        if (!p) return null;
        return `${base()}/share/${p.awemeType === 68 ? 'note' : 'video'}/${p.awemeId}/?region=CN&mid=${p.musicId}&u_code=0&did=MS4wLjABAAAA&with_sec_did=1&from_ssr=1`;
      }
      case 'user': {
        const u = world.user(t.id);
        return u ? `${base()}/share/user/${u.secUid}?did=MS4wLjABAAAA&sec_uid=${u.secUid}&from_ssr=1&u_code=0` : null;
      }
      case 'live': {
        const r = world.room(t.id);
        return r ? `${base()}/douyin/webcast/reflow/${r.roomId}?u_code=0&did=MS4wLjABAAAA&share_sign=0` : null;
      }
      case 'mix':
        return world.mix(t.id) ? `${base()}/collection/${t.id}` : null;
    }
  };

  const page = (title: string) => textReply(200, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title} - 抖音</title></head><body></body></html>`, 'text/html; charset=utf-8');

  return [
    {
      name: 'short_link', methods: ['GET', 'HEAD'], path: /^\/i[0-9a-z]{7}\/?$/, kind: 'page',
      handle(ctx) {
        const code = ctx.path.replace(/\//g, '');
        const target = world.resolveShortLink(code);
        const to = target ? location(target) : null;
        return to ? redirectReply(to, 302) : notFound();
      },
    },
    {
      name: 'share_page', methods: ['GET', 'HEAD'], kind: 'page',
      path: /^\/(share\/(video|note|user|mix\/detail)\/[^/]+\/?|video\/\d+\/?|note\/\d+\/?|user\/[^/]+\/?|collection\/\d+\/?|douyin\/webcast\/reflow\/\d+\/?|\d{6,14}\/?)$/,
      handle(ctx) {
        const segs = ctx.path.split('/').filter(Boolean);
        const id = segs[segs.length - 1] ?? '';
        const known = world.post(id) ?? world.user(id) ?? world.room(id) ?? world.mix(id);
        return known ? page(id) : notFound();
      },
    },
  ];
}
