import { HttpException, HttpStatus, Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog } from '#libs/audit';
import { describeActor, type RegionCode, type StaffActor, type StaffRole } from '#libs/domain';
import { StaffAccountRecord, StaffSessionRecord } from '#libs/persistence';
import { passwordNeedsRehash, hashPassword, verifyDecoy, verifyPassword } from './passwords.js';
import { newSessionToken, sessionTokenHash } from './session-tokens.js';
import { retryAfterSeconds } from './sign-in-backoff.js';
import { SignInFailures, signInLoginKey } from './sign-in-failures.js';
import { normaliseLogin } from './staff-accounts.js';

/** A working day; a new sign-in after that. */
export const STAFF_SESSION_TTL_MS = 8 * 60 * 60 * 1000;

export interface OpenedStaffSession {
  token: string;
  expiresAt: Date;
  role: StaffRole;
  region: RegionCode | null;
}

/**
 * 429 with Retry-After (seconds); the controller copies it into the header. Its body depends on
 * the wait only: an attempt during a back-off is answered without looking at the password.
 */
export class SignInBackoffException extends HttpException {
  readonly retryAfterSeconds: number;

  constructor(remainingMs: number) {
    const seconds = retryAfterSeconds(remainingMs);
    super(
      {
        title: 'sign-in backed off',
        detail: `Too many failed sign-ins on this login from your address: try again in ${seconds} second(s).`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
    this.retryAfterSeconds = seconds;
  }
}

const refused = () => new UnauthorizedException({ title: 'sign-in refused', detail: 'The login or the password is incorrect.' });

/** Who tries to sign in, for the audit log: not the account it targets (that is the subject), but where the attempt came from. */
export const signInClientActor = (client: string) => `client ${client}`;

type RefusalReason = 'wrong-password' | 'unknown-login' | 'disabled';

/**
 * Staff sign-in and bearer sessions. A refusal never says whether the login exists: unknown,
 * disabled and existing logins answer alike (same status, same body, same argon2 work, and the
 * same back-off). Failures back off per login AND client (sign-in-backoff.ts): a client's
 * failures never delay the same login from another client, so nobody can lock someone else out.
 * Passwords and tokens are never logged.
 */
@Injectable()
export class StaffSessions {
  private readonly logger = new Logger('StaffSessions');
  private readonly failures: SignInFailures;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {
    this.failures = new SignInFailures(dataSource);
  }

  /** `client`: the address the attempt comes from (`request.ip`). */
  async open(typedLogin: string, password: string, client: string, now = new Date()): Promise<OpenedStaffSession> {
    const login = normaliseLogin(typedLogin);
    const loginKey = signInLoginKey(login);
    // Before anything else, argon2 included: while backing off, the right password and a wrong
    // one get the same 429, so a guesser learns nothing, and a flood of attempts costs no CPU. Not
    // audited one by one: the session.lockout entry already says this client is held back.
    const remainingMs = await this.failures.remainingBackoffMs(loginKey, client, now);
    if (remainingMs > 0) throw new SignInBackoffException(remainingMs);

    const account = await this.dataSource.getRepository(StaffAccountRecord).findOneBy({ login });
    const usable = account && !account.disabledAt ? account : null;
    // The same argon2 work whether or not the login is usable: the delay must not tell.
    const verified = usable ? await verifyPassword(usable.passwordHash, password) : await verifyDecoy(password);
    if (!usable || !verified) {
      const reason: RefusalReason = !account ? 'unknown-login' : !usable ? 'disabled' : 'wrong-password';
      return this.refuse(loginKey, client, account, reason, now);
    }

    const { token, tokenHash } = newSessionToken();
    const expiresAt = new Date(now.getTime() + STAFF_SESSION_TTL_MS);
    await this.dataSource.transaction(async (manager) => {
      if (passwordNeedsRehash(usable.passwordHash)) {
        await manager.getRepository(StaffAccountRecord).update({ id: usable.id }, { passwordHash: await hashPassword(password) });
      }
      await this.failures.clear(manager, loginKey, client);
      await manager.getRepository(StaffSessionRecord).insert({ tokenHash, staffId: usable.id, createdAt: now, expiresAt });
      await manager.query('DELETE FROM staff_sessions WHERE expires_at <= $1', [now]);
      const actor = describeActor(toStaffActor(usable));
      await this.audit.record({ actor, action: 'session.open', subject: usable.id, details: { expiresAt: expiresAt.toISOString(), client } }, { manager });
    });
    return { token, expiresAt, role: usable.role, region: usable.region };
  }

  /** The staff member behind a live session; null if the token is unknown, expired or the account disabled. */
  async authenticate(token: string, now = new Date()): Promise<StaffActor | null> {
    const rows: StaffAccountRow[] = await this.dataSource.query(
      `SELECT a.id, a.role, a.region FROM staff_sessions s JOIN staff_accounts a ON a.id = s.staff_id
        WHERE s.token_hash = $1 AND s.expires_at > $2 AND a.disabled_at IS NULL`,
      [sessionTokenHash(token), now],
    );
    return rows[0] ? toStaffActor(rows[0]) : null;
  }

  async close(tokenHash: string, actor: StaffActor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(StaffSessionRecord).delete({ tokenHash });
      await this.audit.record({ actor: describeActor(actor), action: 'session.close', subject: actor.id }, { manager });
    });
  }

  /**
   * Counts the failure and audits it in one transaction. The actor is the client, not the
   * targeted account (the account did nothing); the subject is the account's id. The login as
   * typed is never recorded: people type passwords into login fields.
   */
  private async refuse(loginKey: string, client: string, account: StaffAccountRecord | null, reason: RefusalReason, now: Date): Promise<never> {
    const actor = signInClientActor(client);
    const subject = account?.id ?? null;
    const counted = await this.dataSource.transaction(async (manager) => {
      const counted = await this.failures.count(manager, loginKey, client, now);
      await this.audit.record({ actor, action: 'session.refuse', subject, details: { reason, failures: counted.failures } }, { manager });
      if (counted.startsBackoff) {
        const details = { client, reason, failures: counted.failures, blockedUntil: counted.blockedUntil!.toISOString() };
        await this.audit.record({ actor, action: 'session.lockout', subject, details }, { manager });
      }
      return counted;
    });
    if (counted.startsBackoff) {
      this.logger.warn(`ALERT sign-in back-off: client ${client} on ${subject ? `staff account ${subject}` : 'an unknown login'} after ${counted.failures} failures`);
    }
    if (counted.blockedUntil) throw new SignInBackoffException(counted.blockedUntil.getTime() - now.getTime());
    throw refused();
  }
}

interface StaffAccountRow {
  id: string;
  role: StaffRole;
  region: RegionCode | null;
}

function toStaffActor(account: StaffAccountRow): StaffActor {
  return { kind: 'staff', id: account.id, role: account.role, ...(account.region ? { region: account.region } : {}) };
}
