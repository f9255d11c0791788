/** The full emulator with the chat backend, a DouyinKit pointed at it, and helpers for the live-chat client tests. */
import { hostsFor } from '../../../src/config-file.js';
import { DouyinKit } from '../../../src/douyin-kit.js';
import type { DouyinKitOptions } from '../../../src/options.js';
import { startEmulator, type Emulator, type LiveRoomModel } from '../../../src/emulator/index.js';
import { createChatBackend, type ChatBackend, type ChatBackendOptions } from '../../../src/emulator/webcast/index.js';

export interface ChatHarness {
  emu: Emulator;
  chat: ChatBackend;
  dk: DouyinKit;
  room: LiveRoomModel;
  /** The index a message id stands for in its room's timeline. */
  indexOf(msgId: string): number;
  stop(): Promise<void>;
}

export async function startChatHarness(
  options: Omit<ChatBackendOptions, 'world'> = {},
  kit: DouyinKitOptions = {},
  seed = 'live-chat',
): Promise<ChatHarness> {
  let chat!: ChatBackend;
  const emu = await startEmulator({ world: { seed }, chat: (env) => (chat = createChatBackend({ world: env.world, ...options })) });
  const dk = new DouyinKit({ hosts: hostsFor(emu.baseUrl), maxRetries: 0, ...kit });
  const room = emu.world.roomOf(emu.world.roles.liveAnchor)!;
  return {
    emu,
    chat,
    dk,
    room,
    indexOf: (msgId) => Number(msgId.slice(9)),
    async stop() {
      dk.close();
      await emu.stop();
    },
  };
}

/** Polls until `predicate` holds (real time). */
export async function until(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Counts of active handles by kind (`TCPSocketWrap`, `Timeout`, …). */
export function handles(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) out[kind] = (out[kind] ?? 0) + 1;
  return out;
}
