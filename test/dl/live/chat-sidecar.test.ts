import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { assDialogue, assText, assTime } from '../../../src/dl/live/ass-subtitles.js';
import { LiveRecorder, defaultChatFormat, type LiveChatEvent, type LiveSegmentInfo } from '../../../src/dl/live/index.js';
import { listFiles, useLiveRigs, waitFor } from './live-test-rig.js';

const { rig, tmpRoot } = useLiveRigs();

/** `H:MM:SS.cc` back to ms. */
function parseAssTime(t: string): number {
  const m = /^(\d+):(\d\d):(\d\d)\.(\d\d)$/.exec(t);
  if (!m) throw new Error(`bad ASS time ${t}`);
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4]) * 10;
}

describe('ASS pieces', () => {
  it('formats times in centiseconds and keeps chat from restyling the file', () => {
    expect(assTime(0)).toBe('0:00:00.00');
    expect(assTime(3_723_456)).toBe('1:02:03.46');
    expect(assTime(-20)).toBe('0:00:00.00');
    expect(assText('a{\\b1}b\\N\nc\td\u0007')).toBe('a｛＼b1｝b＼N\\Nc d');
    expect(assDialogue(1500, 6500, 'hi, there', 'nick,name')).toBe('Dialogue: 0,0:00:01.50,0:00:06.50,Default,nick name,0,0,0,,hi, there\n');
  });

  it('shows chat text with the nickname by default and leaves other events out', () => {
    expect(defaultChatFormat({ method: 'WebcastChatMessage', data: { content: '你好', user: { nickname: '小明' } } })).toEqual({ name: '小明', text: '小明: 你好' });
    expect(defaultChatFormat({ method: 'WebcastChatMessage', content: 'bare' })).toEqual({ name: '', text: 'bare' });
    expect(defaultChatFormat({ method: 'WebcastGiftMessage', data: { gift_id: 1 } })).toBeNull();
  });
});

describe('chat sidecars', () => {
  it('writes each file its own JSONL and ASS, timed from that file\'s first byte (within 1 s)', async () => {
    const r = await rig({ bitrateBps: 400_000, speed: 10 }, false);
    const root = await tmpRoot();
    const chat = new EventEmitter();
    const recorder = new LiveRecorder({
      source: { flv_pull_url: { HD1: r.flvUrl } },
      root,
      fileName: 'chat',
      stallTimeoutMs: 2000,
      segment: { maxDurationMs: 2000 },
      chat: { source: chat, displayMs: 3000 },
    });
    // When each file opened, as the test saw it (its own clock, not the recorder's field).
    const seenOpen: { info: LiveSegmentInfo; atMs: number }[] = [];
    recorder.on('segmentOpened', (info) => void seenOpen.push({ info, atMs: Date.now() }));
    const done = recorder.start();
    await waitFor('first file', () => seenOpen.length === 1);

    const sent: LiveChatEvent[] = [];
    for (let i = 0; seenOpen.length < 4; i++) {
      const event =
        i % 3 === 2
          ? { receivedAtMs: Date.now(), method: 'WebcastGiftMessage', id: i, data: { gift_id: 7, big: 12345678901234567890n } }
          : { receivedAtMs: Date.now(), method: 'WebcastChatMessage', id: i, data: { content: `msg ${i} {\\pos(0,0)}`, user: { nickname: `u${i}` } } };
      sent.push(event);
      chat.emit('message', event);
      await sleep(15);
    }
    const result = await recorder.stop();
    await done;
    expect(chat.listenerCount('message')).toBe(0);

    const seen = new Map<number, number>();
    for (const file of result.files) {
      expect(file.sidecars.jsonl).toBe(file.path.replace(/\.flv$/, '.chat.jsonl'));
      expect(file.sidecars.ass).toBe(file.path.replace(/\.flv$/, '.ass'));
      const opened = seenOpen.find((s) => s.info.index === file.index)!;
      const lines = (await readFile(file.sidecars.jsonl!, 'utf8')).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { offsetMs: number; id: number; receivedAtMs: number; method: string; data: { big?: string } });
      for (const line of lines) {
        const event = sent[line.id]!;
        expect(line.receivedAtMs).toBe(event.receivedAtMs);
        expect(line.method).toBe(event.method);
        expect(line.offsetMs).toBe(event.receivedAtMs! - file.startedAtMs);
        expect(Math.abs(line.offsetMs - (event.receivedAtMs! - opened.atMs))).toBeLessThan(1000);
        if (event.method === 'WebcastGiftMessage') expect(line.data.big).toBe('12345678901234567890');
        seen.set(line.id, (seen.get(line.id) ?? 0) + 1);
      }
      const ass = await readFile(file.sidecars.ass!, 'utf8');
      expect(ass.startsWith('[Script Info]')).toBe(true);
      const dialogues = ass.split('\n').filter((l) => l.startsWith('Dialogue: '));
      const chats = lines.filter((l) => l.method === 'WebcastChatMessage');
      expect(dialogues).toHaveLength(chats.length);
      for (const [k, d] of dialogues.entries()) {
        const [, start, end] = d.split(',') as [string, string, string];
        const expected = Math.max(0, chats[k]!.offsetMs);
        expect(Math.abs(parseAssTime(start) - expected)).toBeLessThanOrEqual(5);
        expect(parseAssTime(end) - parseAssTime(start)).toBeGreaterThanOrEqual(2990);
        expect(d).toContain(`u${chats[k]!.id}: msg ${chats[k]!.id} ｛＼pos(0,0)｝`);
      }
    }
    // Every event is in exactly one file.
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual(sent.map((_, i) => i));
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect((await listFiles(root)).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('reads an async iterable source and stops iterating when the recording ends', async () => {
    const r = await rig({ bitrateBps: 400_000, speed: 10 }, false);
    const root = await tmpRoot();
    let returned = false;
    let produced = 0;
    async function* source(): AsyncGenerator<LiveChatEvent> {
      try {
        for (;;) {
          await sleep(20);
          yield { method: 'WebcastChatMessage', content: `line ${produced++}` }; // no receivedAtMs: stamped on arrival
        }
      } finally {
        returned = true;
      }
    }
    const recorder = new LiveRecorder({ source: { flv_pull_url: { HD1: r.flvUrl } }, root, stallTimeoutMs: 2000, chat: { source: source(), ass: false } });
    const done = recorder.start();
    await waitFor('some chat', () => produced >= 5 && recorder.stats.files === 1);
    const result = await recorder.stop();
    await done;
    await waitFor('iterator returned', () => returned);
    const file = result.files[0]!;
    expect(file.sidecars.ass).toBeUndefined();
    const lines = (await readFile(file.sidecars.jsonl!, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { offsetMs: number; receivedAtMs: number; content: string });
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const l of lines) {
      expect(typeof l.receivedAtMs).toBe('number');
      expect(l.offsetMs).toBe(l.receivedAtMs - file.startedAtMs);
    }
  });
});
