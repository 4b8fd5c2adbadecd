import { describe, expect, it } from '@jest/globals';
import { GENESIS_HASH, auditEntryHash, verifyAuditChain, type AuditFacts, type ChainedAuditEntry } from './audit-chain.js';

function chain(count: number): ChainedAuditEntry[] {
  const entries: ChainedAuditEntry[] = [];
  let previousHash = GENESIS_HASH;
  for (let i = 1; i <= count; i++) {
    const facts: AuditFacts = { at: new Date(Date.UTC(2025, 11, 1, 0, 0, i)), actor: 'ecma-operator op1', action: 'review.approve', subject: `s${i}`, details: { n: i } };
    const hash = auditEntryHash(previousHash, facts);
    entries.push({ id: String(i), ...facts, previousHash, hash });
    previousHash = hash;
  }
  return entries;
}

describe('the audit hash chain', () => {
  it('hashes every field and the previous hash', () => {
    const facts: AuditFacts = { at: new Date(0), actor: 'a', action: 'x.y', subject: null, details: {} };
    const base = auditEntryHash(GENESIS_HASH, facts);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(auditEntryHash('1'.repeat(64), facts)).not.toBe(base);
    expect(auditEntryHash(GENESIS_HASH, { ...facts, at: new Date(1) })).not.toBe(base);
    expect(auditEntryHash(GENESIS_HASH, { ...facts, actor: 'b' })).not.toBe(base);
    expect(auditEntryHash(GENESIS_HASH, { ...facts, action: 'x.z' })).not.toBe(base);
    expect(auditEntryHash(GENESIS_HASH, { ...facts, subject: 's' })).not.toBe(base);
    expect(auditEntryHash(GENESIS_HASH, { ...facts, details: { k: 1 } })).not.toBe(base);
  });

  it('does not confuse field boundaries (actor "a b", action "c" vs actor "a", action "b c")', () => {
    const at = new Date(0);
    expect(auditEntryHash(GENESIS_HASH, { at, actor: 'a.b', action: 'c.d', subject: null, details: {} })).not.toBe(
      auditEntryHash(GENESIS_HASH, { at, actor: 'a', action: 'b.c.d', subject: null, details: {} }),
    );
  });

  it('verifies an intact chain and counts it; an empty log is intact', () => {
    expect(verifyAuditChain(chain(10))).toEqual({ ok: true, count: 10 });
    expect(verifyAuditChain([])).toEqual({ ok: true, count: 0 });
  });

  it('names an altered entry', () => {
    const entries = chain(10);
    entries[4] = { ...entries[4], details: { n: 999 } };
    expect(verifyAuditChain(entries)).toMatchObject({ ok: false, firstBadId: '5', count: 4, reason: expect.stringMatching(/altered/) });
  });

  it('names the entry after a removed one, and an entry re-hashed to hide a change', () => {
    const removed = chain(10);
    removed.splice(3, 1);
    expect(verifyAuditChain(removed)).toMatchObject({ ok: false, firstBadId: '5' });

    const rehashed = chain(10);
    const forged = { ...rehashed[2], actor: 'someone else' };
    forged.hash = auditEntryHash(forged.previousHash, forged);
    rehashed[2] = forged;
    expect(verifyAuditChain(rehashed)).toMatchObject({ ok: false, firstBadId: '4', reason: expect.stringMatching(/previous_hash/) });
  });
});
