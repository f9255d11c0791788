import type { Command } from 'commander';
import { LiveChatClient } from '../../crawler/webcast/live-chat-client.js';
import type { DecodedMessage } from '../../crawler/webcast/messages.js';
import { DouyinKit } from '../../douyin-kit.js';
import { EXIT } from '../exit-codes.js';
import { addKitOptions, loadOptions, type KitFlags } from '../kit-options.js';
import { Output } from '../output.js';
import { parseSeconds } from '../parse-values.js';
import { formatError } from '../report-error.js';
import { interruptSignal } from '../signals.js';

interface ChatFlags extends KitFlags {
  jsonl?: string;
  duration?: string;
  all?: boolean;
}

type Loose = Record<string, any>;

function nick(data: Loose): string {
  return (data.user?.nickname as string | undefined) || 'someone';
}

/** One readable line per message; null for messages not worth a line (unless --all). */
export function chatLine(message: DecodedMessage, all = false): string | null {
  const d = message.data as Loose;
  switch (message.method) {
    case 'WebcastChatMessage':
      return `${nick(d)}: ${d.content ?? ''}`;
    case 'WebcastEmojiChatMessage':
      return `${nick(d)}: ${d.default_content ?? '[emoji]'}`;
    case 'WebcastGiftMessage':
      return `* ${nick(d)} sent ${d.gift?.name ?? `gift ${d.gift_id ?? '?'}`} x${d.repeat_count ?? d.combo_count ?? 1}`;
    case 'WebcastMemberMessage':
      return `* ${nick(d)} joined`;
    case 'WebcastLikeMessage':
      return `* ${nick(d)} liked x${d.count ?? 1}`;
    case 'WebcastSocialMessage':
      return `* ${nick(d)} followed`;
    case 'WebcastRoomUserSeqMessage':
      return all ? `* viewers: ${d.total_user_str ?? d.total ?? '?'}` : null;
    case 'WebcastControlMessage':
      return `* room control: ${d.tips || `action ${d.action ?? '?'}`}`;
    default:
      return all ? `* ${message.method}` : null;
  }
}

export function addChatCommand(program: Command): void {
  const cmd = program
    .command('chat')
    .argument('<room>', 'live room: live.douyin.com URL, web_rid, room_id or share link')
    .description("print a live room's chat as readable lines (or save it as JSONL)")
    .option('--jsonl <file>', 'append one JSON line per message to this file')
    .option('--duration <seconds>', 'stop after this many seconds')
    .option('--all', 'also print viewer counts and other message types');
  addKitOptions(cmd);
  cmd.action(async (room: string, flags: ChatFlags) => {
    process.exitCode = await runChat(room, flags);
  });
}

async function runChat(room: string, flags: ChatFlags): Promise<number> {
  const out = new Output();
  const { options } = await loadOptions(flags);
  const durationMs = parseSeconds('--duration', flags.duration);
  const kit = new DouyinKit(options);
  const client = new LiveChatClient(kit, room, flags.jsonl ? { jsonl: { path: flags.jsonl } } : {});
  const interrupt = interruptSignal();
  let count = 0;
  let ended = false;
  client.on('message', (m) => {
    count++;
    const line = chatLine(m, flags.all);
    if (line !== null) out.line(`[${new Date().toLocaleTimeString()}] ${line}`);
  });
  client.on('connected', (info) => out.line(`Connected to room ${info.roomId}${info.resumed ? ' (resumed)' : ''}.`));
  client.on('reconnecting', (r) => out.line(`Reconnecting (attempt ${r.attempt}) in ${Math.round(r.delayMs / 1000)} s…`));
  client.on('ended', () => {
    ended = true;
    out.line('The live has ended.');
  });
  client.on('error', (e) => process.stderr.write(`${formatError(e, flags.debug)}\n`));
  const timer = durationMs !== undefined ? setTimeout(() => void client.close(), durationMs) : null;
  interrupt.signal.addEventListener('abort', () => void client.close(), { once: true });
  try {
    await client.connect({ signal: interrupt.signal });
    await client.untilClosed();
  } finally {
    if (timer) clearTimeout(timer);
    interrupt.dispose();
    await client.close();
    kit.close();
  }
  out.line(`${count} messages${flags.jsonl ? ` saved to ${flags.jsonl}` : ''}${ended ? '; the live ended' : ''}.`);
  return interrupt.signal.aborted ? EXIT.INTERRUPTED : EXIT.OK;
}
