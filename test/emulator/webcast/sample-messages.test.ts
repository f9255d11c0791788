import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage, WEBCAST_METHOD_TYPES, type KnownWebcastMethod } from '../../../src/crawler/webcast/index.js';
import { HANDMADE_MESSAGES } from '../../../src/emulator/webcast/handmade-messages.js';
import { CHAT_METHODS, RoomTimeline } from '../../../src/emulator/webcast/room-timeline.js';
import { SAMPLE_MESSAGES } from '../../../src/emulator/webcast/sample-messages.js';
import { renderSampleModule, SAMPLE_MODULE_PATH } from './sample-messages.gen.js';

const viewers = [{ id: '2880340959168492123', shortId: '123456789', nickname: '观众', secUid: 'MS4wLjABAAAAx', displayId: 'dy1' }];

describe('emulator chat message templates', () => {
  it('sample-messages.ts is exactly what the generator makes from ../shared/fixtures/webcast', () => {
    expect(readFileSync(SAMPLE_MODULE_PATH, 'utf8')).toBe(renderSampleModule());
  });

  it('cover every known method: 26 real samples, the rest hand-made', () => {
    const sampled = Object.keys(SAMPLE_MESSAGES);
    const handmade = Object.keys(HANDMADE_MESSAGES);
    expect(sampled).toHaveLength(26);
    expect(new Set([...sampled, ...handmade])).toEqual(new Set(Object.keys(WEBCAST_METHOD_TYPES)));
    expect(sampled.filter((m) => handmade.includes(m))).toEqual([]);
    expect(CHAT_METHODS).toHaveLength(32);
  });

  it.each(Object.keys(WEBCAST_METHOD_TYPES) as KnownWebcastMethod[])('%s: a built message survives encode → decode unchanged', (method) => {
    const t = new RoomTimeline('templates', '7400000000000000001', 0, 100, viewers);
    // Every fourth index walks the 32 methods; the ControlMessage is the entry after the end.
    let i = 3 + 4 * CHAT_METHODS.indexOf(method as (typeof CHAT_METHODS)[number]);
    if (method === 'WebcastControlMessage') {
      t.end(1_000);
      i = t.endIndex!;
    }
    const m = t.message(i);
    expect(m.method).toBe(method);
    const decoded = decodeMessage(method, encodeMessage(method, m.data as never), m.msgId);
    expect(decoded.data).toEqual(m.data);
    expect(decoded.data.common).toMatchObject({ method, msg_id: m.msgId, room_id: '7400000000000000001', create_time: String(m.timeMs) });
  });
});
