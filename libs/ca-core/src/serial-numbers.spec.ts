import { describe, expect, it } from '@jest/globals';
import { InvalidSerialError } from './errors.js';
import { encodeSerialNumber, generateSerialNumber, normalizeSerialNumber } from './serial-numbers.js';

describe('serial numbers', () => {
  it('are 16 positive octets with 126 random bits, never repeating', () => {
    const serials = new Set(Array.from({ length: 10_000 }, generateSerialNumber));
    expect(serials.size).toBe(10_000);
    for (const serial of [...serials].slice(0, 100)) {
      expect(serial).toMatch(/^[4-7][0-9A-F]{31}$/);
      const der = encodeSerialNumber(serial);
      expect(der[1]).toBe(16); // no 0x00 pad: the value is positive as is
    }
  });

  it('normalises hex input and refuses what RFC 5280 §4.1.2.2 forbids', () => {
    expect(normalizeSerialNumber('00:0a:bc')).toBe('0ABC');
    expect(() => normalizeSerialNumber('00')).toThrow(InvalidSerialError);
    expect(() => normalizeSerialNumber('xyz')).toThrow(InvalidSerialError);
    expect(normalizeSerialNumber('7F'.padEnd(40, 'F'))).toHaveLength(40); // 20 octets
    expect(() => normalizeSerialNumber('80'.padEnd(40, '0'))).toThrow(/21 octets/); // 20 octets + sign pad
  });
});
