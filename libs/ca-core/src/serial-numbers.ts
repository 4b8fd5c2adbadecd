import { randomBytes } from 'node:crypto';
import { unsignedInteger } from './der.js';
import { InvalidSerialError } from './errors.js';

/**
 * Certificate serial numbers, written as upper-case hexadecimal of the INTEGER's value (the way
 * `openssl x509 -serial` prints them, so operators can compare by eye).
 */
export type SerialNumber = string;

/** Octets of a generated serial: 16 octets, 126 bits from the CSPRNG. */
const SERIAL_OCTETS = 16;

/**
 * A fresh serial: 126 random bits (CA/Browser Forum BR §7.1 asks ≥ 64), positive, 16 octets —
 * within RFC 5280 §4.1.2.2's 20. The first octet is forced into 0x40..0x7f so the value is
 * positive, never needs a 0x00 pad and always prints with the same width.
 */
export function generateSerialNumber(): SerialNumber {
  const bytes = randomBytes(SERIAL_OCTETS);
  bytes[0] = (bytes[0] & 0x3f) | 0x40;
  return bytes.toString('hex').toUpperCase();
}

/** Canonical form (upper-case, no leading zero octets) of a serial given as hex; refuses what RFC 5280 forbids. */
export function normalizeSerialNumber(serial: string): SerialNumber {
  return serialMagnitude(serial).toString('hex').toUpperCase();
}

/** Unsigned big-endian magnitude of the serial; at most 20 octets once DER-encoded, positive. */
export function serialMagnitude(serial: string): Buffer {
  const hex = serial.replace(/:/g, '');
  if (!/^[0-9a-fA-F]+$/.test(hex)) throw new InvalidSerialError(`serial ${JSON.stringify(serial)} is not hexadecimal`);
  let bytes = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  let start = 0;
  while (start < bytes.length && bytes[start] === 0) start++;
  bytes = bytes.subarray(start);
  if (bytes.length === 0) throw new InvalidSerialError('serial must be positive (RFC 5280 §4.1.2.2)');
  const encodedLength = bytes.length + (bytes[0] & 0x80 ? 1 : 0);
  if (encodedLength > 20) throw new InvalidSerialError(`serial is ${encodedLength} octets; RFC 5280 §4.1.2.2 allows 20`);
  return bytes;
}

/** INTEGER DER of the serial. */
export function encodeSerialNumber(serial: string): Buffer {
  return unsignedInteger(serialMagnitude(serial));
}
