import { randomBytes } from 'node:crypto';

let sequence = 0;

/**
 * `20250102T030405678Z-000042-3f9a1c2e.eml`: a plain sort lists the outbox in sending order
 * (UTC time to the millisecond, then a per-process sequence for messages within the same
 * millisecond), and the random tail keeps names unique across processes sharing the folder.
 */
export function outboxFileName(now: Date): string {
  const stamp = now.toISOString().replace(/[-:.]/g, '');
  sequence = (sequence + 1) % 1_000_000;
  return `${stamp}-${String(sequence).padStart(6, '0')}-${randomBytes(4).toString('hex')}.eml`;
}

export function isOutboxFileName(name: string): boolean {
  return /^\d{8}T\d{9}Z-\d{6}-[0-9a-f]{8}\.eml$/.test(name);
}
