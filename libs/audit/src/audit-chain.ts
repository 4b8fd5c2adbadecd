import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/** The previous hash of the first entry: the chain starts from nothing. */
export const GENESIS_HASH = '0'.repeat(64);

/** Version tag inside every hashed encoding, so that a future encoding can never collide with this one. */
const ENCODING = 'signexpert-audit-v1';

/** What an entry says; its hash covers all of it and the previous entry's hash. */
export interface AuditFacts {
  at: Date;
  actor: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
}

export interface ChainedAuditEntry extends AuditFacts {
  id: string;
  previousHash: string;
  hash: string;
}

export type AuditVerification =
  | { ok: true; count: number }
  | { ok: false; count: number; firstBadId: string; reason: string };

/** SHA-256 (hex) over the canonical encoding of (previous hash, at, actor, action, subject, details). */
export function auditEntryHash(previousHash: string, facts: AuditFacts): string {
  const encoding = canonicalJson([ENCODING, previousHash, facts.at.toISOString(), facts.actor, facts.action, facts.subject, facts.details]);
  return createHash('sha256').update(encoding, 'utf8').digest('hex');
}

/**
 * Walks entries in id order and stops at the first that breaks the chain: its own hash does not
 * match its content (the entry was altered), or its previous hash is not the hash of the entry
 * before it (an entry was removed or inserted before it). Feed it page by page; `count` so far.
 */
export class AuditChainVerifier {
  private previousHash = GENESIS_HASH;
  private verified = 0;
  private failure: Extract<AuditVerification, { ok: false }> | undefined;

  /** false once a bad entry was found (later entries are not looked at). */
  accept(entry: ChainedAuditEntry): boolean {
    if (this.failure) return false;
    if (entry.previousHash !== this.previousHash) {
      return this.fail(entry, `previous_hash does not match the hash of the entry before it (an entry before ${entry.id} was removed, inserted or altered)`);
    }
    if (auditEntryHash(entry.previousHash, entry) !== entry.hash) {
      return this.fail(entry, 'hash does not match the entry\'s content (the entry was altered)');
    }
    this.previousHash = entry.hash;
    this.verified++;
    return true;
  }

  result(): AuditVerification {
    return this.failure ?? { ok: true, count: this.verified };
  }

  private fail(entry: ChainedAuditEntry, reason: string): false {
    this.failure = { ok: false, count: this.verified, firstBadId: entry.id, reason };
    return false;
  }
}

export function verifyAuditChain(entries: Iterable<ChainedAuditEntry>): AuditVerification {
  const verifier = new AuditChainVerifier();
  for (const entry of entries) if (!verifier.accept(entry)) break;
  return verifier.result();
}
