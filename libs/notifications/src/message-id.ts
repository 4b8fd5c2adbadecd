import { createHash, randomUUID } from 'node:crypto';

/**
 * A Message-ID derived from the idempotency key: a retried activity sends a message with the
 * same Message-ID, which mail servers and clients treat as the same message (RFC 5322 §3.6.4).
 * The key is hashed so that nothing of it (workflow ids, references) shows in the header.
 */
export function messageIdForKey(idempotencyKey: string, domain: string): string {
  return `<${idempotencyDigest(idempotencyKey)}@${domain}>`;
}

export function randomMessageId(domain: string): string {
  return `<${randomUUID()}@${domain}>`;
}

/** Hex SHA-256 of the key, shortened: 160 bits are ample against collisions between messages. */
export function idempotencyDigest(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey, 'utf8').digest('hex').slice(0, 40);
}

/** The domain of a sender such as `SIGNEXPERT <no-reply@signexpert.fr>`. */
export function domainOfAddress(address: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(address);
  if (!match) throw new Error(`sender address has no domain: ${address}`);
  return match[1].toLowerCase();
}
