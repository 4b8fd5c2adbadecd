import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { FAILURES_FORGOTTEN_AFTER_MS, FREE_FAILURES, backoffAfter } from './sign-in-backoff.js';

export interface CountedFailure {
  /** Consecutive failures from this client on this login, this one included. */
  failures: number;
  /** Set when this failure earns a wait: no attempt from this client on this login before then. */
  blockedUntil: Date | null;
  /** This failure is the one that starts the back-off (the alert is raised once, not at every doubling). */
  startsBackoff: boolean;
}

/**
 * The sign_in_failures table: failed staff sign-ins per (login, client), the state behind the
 * back-off of sign-in-backoff.ts. A failure is counted by one atomic upsert, so that concurrent
 * failures on several API instances all count (parallel guesses that all pass the back-off check
 * before the first is counted still each count; the per-address rate limit bounds how many). Used
 * by the sign-in (read, count, clear on success) and by the operator's `staff:unlock`.
 */
export class SignInFailures {
  constructor(private readonly dataSource: DataSource) {}

  /** How long this client must still wait before an attempt on this login is looked at; 0 if it need not. */
  async remainingBackoffMs(loginKey: string, client: string, now: Date): Promise<number> {
    const rows: { blocked_until: Date }[] = await this.dataSource.query(
      'SELECT blocked_until FROM sign_in_failures WHERE login_hash = $1 AND client = $2 AND blocked_until > $3',
      [loginKey, client, now],
    );
    return rows[0] ? rows[0].blocked_until.getTime() - now.getTime() : 0;
  }

  /** Counts one failure (inside the caller's transaction, with its audit entry). */
  async count(manager: EntityManager, loginKey: string, client: string, now: Date): Promise<CountedFailure> {
    const forgottenBefore = new Date(now.getTime() - FAILURES_FORGOTTEN_AFTER_MS);
    const [counted]: { failures: number }[] = await manager.query(
      `INSERT INTO sign_in_failures AS f (login_hash, client, failures, last_failure_at, blocked_until)
       VALUES ($1, $2, 1, $3, NULL)
       ON CONFLICT (login_hash, client) DO UPDATE
         SET failures = CASE WHEN f.last_failure_at < $4 THEN 1 ELSE f.failures + 1 END,
             blocked_until = CASE WHEN f.last_failure_at < $4 THEN NULL ELSE f.blocked_until END,
             last_failure_at = $3
       RETURNING failures`,
      [loginKey, client, now, forgottenBefore],
    );
    // Rows of clients that went quiet: their count would be forgotten anyway (keeps the table small).
    // SKIP LOCKED: a row another failure is reviving right now is that failure's, and two failures
    // must never wait on each other's rows (a deadlock would answer 500).
    await manager.query(
      `DELETE FROM sign_in_failures WHERE (login_hash, client) IN
         (SELECT login_hash, client FROM sign_in_failures WHERE last_failure_at < $1 LIMIT 100 FOR UPDATE SKIP LOCKED)`,
      [forgottenBefore],
    );
    const backoffMs = backoffAfter(counted.failures);
    if (backoffMs === 0) return { failures: counted.failures, blockedUntil: null, startsBackoff: false };
    // GREATEST: of two concurrent failures, the one that commits last must not shorten the wait.
    const [blocked]: [{ blocked_until: Date }[], number] = await manager.query(
      `UPDATE sign_in_failures SET blocked_until = GREATEST(blocked_until, $3::timestamptz)
        WHERE login_hash = $1 AND client = $2 RETURNING blocked_until`,
      [loginKey, client, new Date(now.getTime() + backoffMs)],
    );
    return { failures: counted.failures, blockedUntil: blocked[0].blocked_until, startsBackoff: counted.failures === FREE_FAILURES + 1 };
  }

  /** A success from this client starts its count again (other clients' counts are theirs). */
  async clear(manager: EntityManager, loginKey: string, client: string): Promise<void> {
    await manager.query('DELETE FROM sign_in_failures WHERE login_hash = $1 AND client = $2', [loginKey, client]);
  }

  /** The operator's unlock: every client's count on this login, or one client's. Returns the clients cleared. */
  async unlock(loginKey: string, client?: string): Promise<string[]> {
    const [rows]: [{ client: string }[], number] = await this.dataSource.query(
      'DELETE FROM sign_in_failures WHERE login_hash = $1 AND ($2::varchar IS NULL OR client = $2) RETURNING client',
      [loginKey, client ?? null],
    );
    return rows.map((row) => row.client).sort();
  }
}

/**
 * The key of a login (already normalised, `normaliseLogin` of staff-accounts.ts): the same for a
 * login that exists and one that does not, and not the text itself.
 */
export function signInLoginKey(normalisedLogin: string): string {
  return createHash('sha256').update(normalisedLogin).digest('hex');
}
