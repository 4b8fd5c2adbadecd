import { describe, expect, it } from '@jest/globals';
import { decodeOid, encodeLength, integer, oid, readNode, readRoot, readTime, time, unsignedInteger, DerError } from './der.js';

describe('DER', () => {
  it('encodes short and long lengths (X.690 §8.1.3)', () => {
    expect(encodeLength(0x7f)).toEqual(Buffer.of(0x7f));
    expect(encodeLength(0x80)).toEqual(Buffer.of(0x81, 0x80));
    expect(encodeLength(0x1234)).toEqual(Buffer.of(0x82, 0x12, 0x34));
    expect(encodeLength(0x123456)).toEqual(Buffer.of(0x83, 0x12, 0x34, 0x56));
  });

  it('round-trips object identifiers, including large arcs', () => {
    for (const dotted of ['2.5.29.15', '1.2.840.113549.1.1.11', '2.999.3386.1.1', '1.3.6.1.4.1.311.21.7']) {
      const encoded = oid(dotted);
      expect(decodeOid(encoded.subarray(2))).toBe(dotted);
    }
    expect(oid('1.2.840.10045.3.1.7').toString('hex')).toBe('06082a8648ce3d030107');
  });

  it('writes minimal positive INTEGERs with a 0x00 pad when the top bit is set', () => {
    expect(integer(0)).toEqual(Buffer.of(2, 1, 0));
    expect(integer(127)).toEqual(Buffer.of(2, 1, 0x7f));
    expect(integer(128)).toEqual(Buffer.of(2, 2, 0, 0x80));
    expect(unsignedInteger(Buffer.of(0, 0, 0x01))).toEqual(Buffer.of(2, 1, 1));
  });

  it('uses UTCTime through 2049 and GeneralizedTime from 2050 (RFC 5280 §4.1.2.5)', () => {
    const early = time(new Date('2049-12-31T23:59:59.900Z'));
    expect(early[0]).toBe(0x17);
    expect(early.subarray(2).toString()).toBe('491231235959Z');
    const late = time(new Date('2050-01-01T00:00:00Z'));
    expect(late[0]).toBe(0x18);
    expect(late.subarray(2).toString()).toBe('20500101000000Z');
    expect(readTime(early, readRoot(early)).toISOString()).toBe('2049-12-31T23:59:59.000Z');
    expect(readTime(late, readRoot(late)).toISOString()).toBe('2050-01-01T00:00:00.000Z');
  });

  it('refuses truncated input, overruns and indefinite lengths', () => {
    expect(() => readNode(Buffer.of(0x30), 0)).toThrow(DerError);
    expect(() => readNode(Buffer.of(0x30, 0x05, 0x01), 0)).toThrow(DerError);
    expect(() => readNode(Buffer.of(0x30, 0x80, 0x00, 0x00), 0)).toThrow(DerError);
    expect(() => readRoot(Buffer.of(0x05, 0x00, 0x00))).toThrow(DerError);
  });
});
