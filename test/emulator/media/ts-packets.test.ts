import { describe, expect, it } from 'vitest';
import { crc32Mpeg2, patPacket, pmtPacket, tsPacket, writePts } from '../../../src/emulator/media/formats/ts-packets.js';

describe('TS packet pieces', () => {
  it('CRC-32/MPEG-2 matches the catalogue check value', () => {
    expect(crc32Mpeg2(Buffer.from('123456789'))).toBe(0x0376e6e7);
  });

  it('PAT and PMT sections carry a valid CRC (CRC over section + CRC is 0)', () => {
    for (const packet of [patPacket(), pmtPacket()]) {
      expect(packet.length).toBe(188);
      expect(packet[0]).toBe(0x47);
      const sectionStart = 5; // header + pointer_field
      const sectionLength = packet.readUInt16BE(sectionStart + 1) & 0x0fff;
      expect(crc32Mpeg2(packet.subarray(sectionStart, sectionStart + 3 + sectionLength))).toBe(0);
    }
  });

  it('pads short payloads with an adaptation field', () => {
    const p = tsPacket(0x100, 3, false, Buffer.from([1, 2, 3]));
    expect(p[3]).toBe(0x33);
    expect(p[4]).toBe(184 - 3 - 1);
    expect([...p.subarray(185)]).toEqual([1, 2, 3]);
    const one = tsPacket(0x100, 0, false, Buffer.alloc(183, 9));
    expect(one[4]).toBe(0);
    expect(one[5]).toBe(9);
  });

  it('writes 33-bit PTS values with marker bits', () => {
    const b = Buffer.alloc(5);
    const pts = 2 ** 32 + 12_345;
    writePts(b, 0, pts);
    const decoded =
      ((b[0]! >> 1) & 0x07) * 2 ** 30 + ((b[1]! << 22) | ((b[2]! >> 1) << 15) | (b[3]! << 7) | (b[4]! >> 1));
    expect(decoded).toBe(pts);
    expect(b[0]! & 0xf1).toBe(0x21);
    expect(b[2]! & 1).toBe(1);
    expect(b[4]! & 1).toBe(1);
  });
});
