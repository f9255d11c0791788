/** A bare protocol client for the chat backend tests: builds push URLs and speaks frames by hand. */
import { once } from 'node:events';
import WebSocket from 'ws';
import { ackFrame, decodeFrame, heartbeatFrame, type WebcastPushFrame, type WebcastResponse } from '../../../src/crawler/webcast/index.js';
import { buildPushUrl } from '../../../src/crawler/webcast/live-chat-url.js';
import { WebcastSigner } from '../../../src/utils/webcast-signature.js';
import { GOOD_ABOGUS, GOOD_MSTOKEN } from '../emulator-client.js';

export const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';
export const UID = '7300000000000000001';

export interface PushUrlParts {
  roomId: string;
  userUniqueId?: string;
  cursor: string;
  internalExt: string;
  signature?: string;
}

export function pushUrl(base: string, p: PushUrlParts): string {
  const uid = p.userUniqueId ?? UID;
  const signature = p.signature ?? new WebcastSigner().sign(p.roomId, uid);
  return buildPushUrl({ base, roomId: p.roomId, userUniqueId: uid, cursor: p.cursor, internalExt: p.internalExt, signature, userAgent: UA });
}

/** The URL with one parameter removed or replaced (`undefined` removes it). */
export function withParam(url: string, name: string, value: string | undefined): string {
  const [head, query] = url.split('?') as [string, string];
  const parts = query.split('&').filter((kv) => !kv.startsWith(`${name}=`) || value !== undefined);
  return `${head}?${parts.map((kv) => (kv.startsWith(`${name}=`) ? `${name}=${value}` : kv)).join('&')}`;
}

/** im/fetch through the emulator's HTTP route (signed the way its gate accepts). */
export async function imFetch(baseUrl: string, roomId: string, type: 'json' | 'protobuf', uid = UID): Promise<Response> {
  const q = new URLSearchParams({ room_id: roomId, user_unique_id: uid, resp_content_type: type, msToken: GOOD_MSTOKEN, a_bogus: GOOD_ABOGUS });
  return fetch(`${baseUrl}/webcast/im/fetch/?${q}`);
}

/** The HTTP status a refused upgrade got (ws reports it as an unexpected response), or 101. */
export async function upgradeStatus(url: string): Promise<{ status: number; body: string }> {
  const ws = new WebSocket(url, { headers: { 'User-Agent': UA } });
  ws.on('error', () => {});
  return new Promise((resolve) => {
    ws.once('open', () => {
      ws.terminate();
      resolve({ status: 101, body: '' });
    });
    ws.once('unexpected-response', (req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
  });
}

export interface Received {
  frame: WebcastPushFrame;
  response: WebcastResponse | undefined;
  raw: Buffer;
}

/** A connected raw client that records every frame and, unless told otherwise, ACKs and heartbeats. */
export class RawPushClient {
  readonly ws: WebSocket;
  readonly frames: Received[] = [];
  ack: 'good' | 'f2' | 'none' | 'wrong-payload' = 'good';
  #hb: NodeJS.Timeout | null = null;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data: Buffer) => {
      const d = decodeFrame(data);
      this.frames.push({ ...d, raw: data });
      if (!d.response?.needAck) return;
      if (this.ack === 'good') ws.send(ackFrame(d.frame.logId, d.response.internalExt));
      else if (this.ack === 'wrong-payload') ws.send(ackFrame(d.frame.logId, 'nope'));
      else if (this.ack === 'f2') ws.send(Buffer.from(encodeF2Ack(d.frame.logId, d.response.internalExt)));
    });
  }

  static async connect(url: string, heartbeatEveryMs = 0): Promise<RawPushClient> {
    const ws = new WebSocket(url, { headers: { 'User-Agent': UA } });
    const c = new RawPushClient(ws);
    await once(ws, 'open');
    if (heartbeatEveryMs > 0) {
      ws.send(heartbeatFrame());
      c.#hb = setInterval(() => ws.send(heartbeatFrame()), heartbeatEveryMs);
    }
    return c;
  }

  /** Every message envelope received so far, in order. */
  get messages() {
    return this.frames.flatMap((f) => f.response?.messages ?? []);
  }

  async waitFor(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > until) throw new Error('timed out waiting');
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  async close(): Promise<void> {
    if (this.#hb) clearInterval(this.#hb);
    if (this.ws.readyState === WebSocket.CLOSED) return;
    const closed = once(this.ws, 'close');
    this.ws.close();
    await closed;
  }
}

/** F2's ACK (its bug): `logId` and internal_ext in `payloadType`, no payload. */
function encodeF2Ack(logId: string, internalExt: string): Uint8Array {
  // field 2 (logId, varint) and field 7 (payloadType, string)
  const varint = (n: bigint) => {
    const out: number[] = [];
    while (n > 0x7fn) {
      out.push(Number(n & 0x7fn) | 0x80);
      n >>= 7n;
    }
    out.push(Number(n));
    return out;
  };
  const text = Buffer.from(internalExt, 'utf8');
  return Uint8Array.from([0x10, ...varint(BigInt(logId)), 0x3a, ...varint(BigInt(text.length)), ...text]);
}
