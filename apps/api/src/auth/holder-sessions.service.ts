import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog } from '#libs/audit';
import { HolderSessionRecord } from '#libs/persistence';
import type { AuthenticatedHolder } from './authenticated-request.js';
import { newSessionToken, sessionTokenHash } from './session-tokens.js';

/** Short: a holder's session comes from a link in their mailbox and can be renewed the same way. */
export const HOLDER_SESSION_TTL_MS = 30 * 60 * 1000;

export interface HolderIdentity {
  /** The cycle whose mailbox the holder just proved. */
  subscriptionId: string;
}

/** More cycles than one holder ever has (one every two years): the session lists the newest ones. */
const MAX_CYCLES_PER_SESSION = 50;

export interface OpenedHolderSession {
  /** Give it to the holder once; only its SHA-256 is stored. */
  token: string;
  expiresAt: Date;
}

/**
 * Bearer sessions for holders, opened once the holder proved control of their mailbox (email
 * confirmation or magic link: the caller has checked that proof before calling `open`).
 */
@Injectable()
export class HolderSessions {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  async open(holder: HolderIdentity, now = new Date()): Promise<OpenedHolderSession> {
    const { token, tokenHash } = newSessionToken();
    const expiresAt = new Date(now.getTime() + HOLDER_SESSION_TTL_MS);
    await this.dataSource.transaction(async (manager) => {
      // The proved mailbox opens the cycles registered with that address, this one first.
      const cycles = (await manager.query(
        `SELECT s.id FROM subscriptions s, subscriptions proved
         WHERE proved.id = $1 AND lower(s.email) = lower(proved.email) ORDER BY (s.id = $1) DESC, s.created_at DESC LIMIT $2`,
        [holder.subscriptionId, MAX_CYCLES_PER_SESSION],
      )) as { id: string }[];
      await manager.getRepository(HolderSessionRecord).insert({
        tokenHash,
        subscriptionId: holder.subscriptionId,
        subscriptionIds: cycles.length > 0 ? cycles.map((c) => c.id) : [holder.subscriptionId],
        createdAt: now,
        expiresAt,
      });
      await manager.query('DELETE FROM holder_sessions WHERE expires_at <= $1', [now]);
      await this.audit.record({ actor: 'holder', action: 'holder-session.open', subject: holder.subscriptionId }, { manager });
    });
    return { token, expiresAt };
  }

  /** The holder behind a live session, or null if the token is unknown or expired. */
  async authenticate(token: string, now = new Date()): Promise<AuthenticatedHolder | null> {
    const session = await this.dataSource
      .getRepository(HolderSessionRecord)
      .createQueryBuilder('s')
      .where('s.token_hash = :hash AND s.expires_at > :now', { hash: sessionTokenHash(token), now })
      .getOne();
    return session ? { kind: 'holder', subscriptionId: session.subscriptionId, subscriptionIds: session.subscriptionIds } : null;
  }

  async close(tokenHash: string): Promise<void> {
    await this.dataSource.getRepository(HolderSessionRecord).delete({ tokenHash });
  }
}
