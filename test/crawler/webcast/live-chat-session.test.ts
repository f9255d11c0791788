import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { LiveChatClient } from '../../../src/crawler/webcast/live-chat-client.js';
import type { DecodedMessage } from '../../../src/crawler/webcast/index.js';
import { CHAT_METHODS } from '../../../src/emulator/webcast/index.js';
import { startChatHarness, until, type ChatHarness } from '../../emulator/webcast/chat-harness.js';

/** Emulated ms per real ms: ten emulated minutes take ten real seconds. */
const SPEED = 60;
const HEARTBEAT_MS = 10_000;

interface SessionResult {
  delivered: DecodedMessage[];
  reconnecting: { attempt: number; delayMs: number }[];
  disconnects: { code: number; willReconnect: boolean }[];
  client: LiveChatClient;
}

/** Runs a client until `emulatedMs` of the server clock passed, then ends the live and waits for the clean stop. */
async function runSession(h: ChatHarness, emulatedMs: number): Promise<SessionResult> {
  const client = new LiveChatClient(h.dk, h.room.webRid, {
    heartbeatIntervalMs: HEARTBEAT_MS / SPEED,
    silenceTimeoutMs: 5_000,
    reconnect: { retries: 5, baseDelayMs: 5, maxDelayMs: 20 },
  });
  const delivered: DecodedMessage[] = [];
  const reconnecting: SessionResult['reconnecting'] = [];
  const disconnects: SessionResult['disconnects'] = [];
  client.on('message', (m) => delivered.push(m));
  client.on('reconnecting', (r) => reconnecting.push(r));
  client.on('disconnected', (d) => disconnects.push(d));
  const errors: Error[] = [];
  client.on('error', (e) => errors.push(e));
  const t0 = h.chat.clock.now();
  await client.connect();
  await until(() => h.chat.clock.now() - t0 >= emulatedMs, emulatedMs / SPEED + 20_000, 'the session to run');
  // End the live on a fresh connection, so that no scheduled drop races the ControlMessage.
  await once(client, 'connected');
  const ended = once(client, 'ended');
  h.emu.live.end(h.emu.world.roles.liveAnchor);
  await ended;
  await client.untilClosed();
  expect(errors).toEqual([]);
  return { delivered, reconnecting, disconnects, client };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

describe('LiveChatClient: a 10-minute session, dropped every 30 s', () => {
  it('reconnects every time, delivers every message exactly once, ACKs every frame that asks, keeps the heartbeat', async () => {
    const h = await startChatHarness({ clock: { speed: SPEED }, dropEveryMs: 30_000 }, {}, 'ten-minutes');
    try {
      const { delivered, reconnecting, disconnects, client } = await runSession(h, 10 * 60_000);
      const s = h.chat.stats();
      const conns = s.perConnection;

      // Reconnected after every drop, each on the first attempt, resuming from the cursor it held.
      expect(s.drops).toBeGreaterThanOrEqual(15);
      expect(conns).toHaveLength(s.drops + 1);
      expect(client.stats).toMatchObject({ connections: s.drops + 1, reconnects: s.drops, duplicatesDropped: 0, decodeErrors: 0 });
      expect(disconnects).toEqual([
        ...Array.from({ length: s.drops }, () => ({ code: 1006, reason: '', willReconnect: true })),
        { code: 1000, reason: expect.any(String), willReconnect: false },
      ]);
      expect(reconnecting.map((r) => r.attempt)).toEqual(Array.from({ length: s.drops }, () => 1));
      expect(conns.slice(0, -1).every((c) => c.closeReason === 'drop')).toBe(true);
      for (const [i, c] of conns.entries()) {
        expect(c).toMatchObject({ resumed: true, knownInternalExt: true, roomId: h.room.roomId });
        if (i > 0) {
          expect(c.startPosition).toBeLessThanOrEqual(conns[i - 1]!.position);
          expect(c.startPosition).toBeGreaterThan(conns[i - 1]!.startPosition);
        }
      }

      // Exactly once: the delivered ids are the server's timeline from the preload cursor to the ControlMessage.
      const timeline = h.chat.timeline(h.room.roomId);
      const expected = timeline.entries(conns[0]!.startPosition, timeline.endIndex! + 1).map((e) => e.msgId);
      const ids = delivered.map((m) => m.msgId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(expected);
      expect(expected.length).toBeGreaterThan(2_000);
      expect(new Set(delivered.map((m) => m.method))).toEqual(new Set([...CHAT_METHODS, 'WebcastControlMessage']));

      // ACKs: every one correct (logId echoed as uint64, payload = internal_ext); the only unACKed frames are those a drop cut off.
      expect(s.badAcks).toEqual([]);
      expect(s.acksOk).toBe(client.stats.acksSent);
      expect(s.needAckFrames - s.acksOk).toBe(s.acksOutstanding);
      expect(s.acksOutstanding).toBeLessThanOrEqual(s.drops);
      expect(s.acksOk).toBeGreaterThan(200);

      // Heartbeats (emulated clock): one at open and then every 10 s; no window missed, no timeout.
      const gaps = conns.flatMap((c) => [c.openedAtMs, ...c.heartbeatTimesMs].slice(1).map((t, i) => t - [c.openedAtMs, ...c.heartbeatTimesMs][i]!));
      const between = conns.flatMap((c) => c.heartbeatTimesMs.slice(1).map((t, i) => t - c.heartbeatTimesMs[i]!));
      expect(s.heartbeatTimeouts).toBe(0);
      expect(s.missedHeartbeatWindows).toBe(0);
      expect(Math.max(...gaps)).toBeLessThanOrEqual(h.chat.options.heartbeatWindowMs);
      expect(median(between)).toBeGreaterThanOrEqual(HEARTBEAT_MS * 0.95);
      expect(median(between)).toBeLessThanOrEqual(HEARTBEAT_MS * 1.1);
      // A heartbeat in flight when a drop resets the connection never arrives.
      expect(s.heartbeats).toBeLessThanOrEqual(client.stats.heartbeatsSent);
      expect(s.heartbeats).toBeGreaterThanOrEqual(client.stats.heartbeatsSent - s.drops);

      // Server pings answered (ws auto-pong); only a ping a drop cut off goes unanswered.
      expect(s.pongTimeouts).toBe(0);
      expect(s.pingsSent).toBeGreaterThan(2 * s.drops - 2);
      expect(s.pongsReceived).toBeGreaterThanOrEqual(s.pingsSent - s.drops);
    } finally {
      await h.stop();
    }
  }, 60_000);

  it('drops the messages a server repeats on resume (msg_id de-duplication) and still delivers each once', async () => {
    const h = await startChatHarness({ clock: { speed: SPEED }, dropEveryMs: 30_000, resumeOverlap: 5 }, {}, 'overlap');
    try {
      const { delivered, client } = await runSession(h, 3 * 60_000);
      const s = h.chat.stats();
      expect(s.drops).toBeGreaterThanOrEqual(5);
      expect(client.stats.duplicatesDropped).toBe(5 * s.drops);
      const timeline = h.chat.timeline(h.room.roomId);
      const ids = delivered.map((m) => m.msgId);
      expect(ids).toEqual(timeline.entries(s.perConnection[0]!.startPosition, timeline.endIndex! + 1).map((e) => e.msgId));
    } finally {
      await h.stop();
    }
  }, 60_000);
});
