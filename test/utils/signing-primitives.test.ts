import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors.js';
import {
  EMPTY_MD5_MD5_BYTES_14_15,
  alphabetCodes,
  checkWellFormed,
  encode3to4,
  f2HexDecode,
  latin1Bytes,
  md5,
  rc4,
  rc4Keystream,
  sm3,
} from '../../src/utils/signing-primitives.js';

describe('signing primitives', () => {
  it('RC4 matches the classic test vectors', () => {
    const bytes = (s: string) => [...Buffer.from(s, 'latin1')];
    expect(Buffer.from(rc4(bytes('Key'), bytes('Plaintext'))).toString('hex')).toBe('bbf316e8d940af0ad3');
    expect(Buffer.from(rc4(bytes('Wiki'), bytes('pedia'))).toString('hex')).toBe('1021bf0420');
    expect(Buffer.from(rc4Keystream(bytes('Secret'), 4)).toString('hex')).toBe(
      Buffer.from(rc4(bytes('Secret'), [0, 0, 0, 0])).toString('hex'),
    );
  });

  it('RC4 keeps code points above 255 (F2 XORs integers)', () => {
    const [out] = rc4([1], [0x4e2d]);
    expect(out! > 255).toBe(true);
  });

  it('hashes MD5 and SM3 through node:crypto', () => {
    expect(md5('').toString('hex')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    const emptyMd5Md5 = md5(md5(''));
    expect(emptyMd5Md5.toString('hex')).toBe('59adb24ef3cdbe0297f05b395827453f');
    expect([emptyMd5Md5[14], emptyMd5Md5[15]]).toEqual([...EMPTY_MD5_MD5_BYTES_14_15]);
    expect(sm3('abc').toString('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3('abcd'.repeat(16)).toString('hex')).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('encodes 3 bytes into 4 alphabet characters', () => {
    const std = alphabetCodes('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
    expect(encode3to4(Buffer.from('foobar'), std)).toBe(Buffer.from('foobar').toString('base64'));
  });

  it('hex-decodes the F2 way: lowercase pairs only', () => {
    expect([...f2HexDecode('00ff7a', 'x')]).toEqual([0, 255, 122]);
    expect(f2HexDecode('', 'x')).toHaveLength(0);
    expect(() => f2HexDecode('ABCD', 'x')).toThrow(/character 0 \('A'\) is not a lowercase hex digit/);
    expect(() => f2HexDecode('abc', 'x')).toThrow(/odd length/);
    expect(() => f2HexDecode('a=1', 'x')).toThrow(InvalidInputError);
  });

  it('refuses text a one-byte-per-character signer cannot encode', () => {
    expect([...latin1Bytes('café', 'x')]).toEqual([99, 97, 102, 0xe9]);
    expect(() => latin1Bytes('你好', 'the params')).toThrow(/U\+4F60 at index 0, above U\+00FF/);
    expect(() => checkWellFormed('a\ud800b', 'the body')).toThrow(/lone UTF-16 surrogate/);
    expect(() => checkWellFormed('😀', 'the body')).not.toThrow();
  });
});
