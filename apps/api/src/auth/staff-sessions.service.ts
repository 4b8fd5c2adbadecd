import { HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditLog } from '#libs/audit';
import { describeActor, type RegionCode, type StaffActor, type StaffRole } from '#libs/domain';
import { StaffAccountRecord, StaffSessionRecord } from '#libs/persistence';
import { passwordNeedsRehash, hashPassword, verifyDecoy, verifyPassword } from './passwords.js';
import { newSessionToken, sessionTokenHash } from './session-tokens.js';
import { normaliseLogin } from './staff-accounts.js';

/** A working day; a new sign-in after that. */
export const STAFF_SESSION_TTL_MS = 8 * 60 * 60 * 1000;
/** Lockout policy: this many consecutive failures lock the login for LOCKOUT_MS. */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;
/** Bound on the memory kept about logins that do not exist. */
const UNKNOWN_LOGINS_TRACKED = 10_000;

export interface OpenedStaffSession {
  token: string;
  expiresAt: Date;
  role: StaffRole;
  region: RegionCode | null;
}

/** 429 with Retry-After (seconds); the controller copies it into the header. */
export class SignInLockedException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      {
        title: 'sign-in locked',
        detail: `Too many failed sign-ins for this login: try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

const refused = () => new UnauthorizedException({ title: 'sign-in refused', detail: 'The login or the password is incorrect.' });

/**
 * Staff sign-in and bearer sessions. A refusal never says whether the login exists: unknown,
 * disabled and existing logins answer alike (same status, same body, same argon2 work, and the
 * same lockout after MAX_FAILED_SIGN_INS failures). Passwords and tokens are never logged.
 */
@Injectable()
export class StaffSessions {
  /** Failed attempts on logins with no usable account, keyed by SHA-256 of the login (one process). */
  private readonly unknownLogins = new Map<string, { failures: number; lockedUntil?: number }>();

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  async open(login: string, password: string, now = new Date()): Promise<OpenedStaffSession> {
    const account = await this.dataSource.getRepository(StaffAccountRecord).findOneBy({ login: normaliseLogin(login) });
    if (!account || account.disabledAt) return this.refuseUnusable(login, password, account, now);

    const actor = describeActor(toStaffActor(account));
    if (account.lockedUntil && account.lockedUntil > now) {
      await this.audit.record({ actor, action: 'session.refuse', subject: account.id, details: { reason: 'locked' } });
      throw new SignInLockedException((account.lockedUntil.getTime() - now.getTime()) / 1000);
    }
    if (!(await verifyPassword(account.passwordHash, password))) {
      const lockedUntil = await this.countFailure(account.id, now);
      await this.audit.record({ actor, action: lockedUntil ? 'staff.lock' : 'session.refuse', subject: account.id, details: { reason: 'wrong-password' } });
      if (lockedUntil) throw new SignInLockedException(LOCKOUT_MS / 1000);
      throw refused();
    }

    const { token, tokenHash } = newSessionToken();
    const expiresAt = new Date(now.getTime() + STAFF_SESSION_TTL_MS);
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(StaffAccountRecord).update(
        { id: account.id },
        { failedAttempts: 0, lockedUntil: null, ...(passwordNeedsRehash(account.passwordHash) ? { passwordHash: await hashPassword(password) } : {}) },
      );
      await manager.getRepository(StaffSessionRecord).insert({ tokenHash, staffId: account.id, createdAt: now, expiresAt });
      await manager.query('DELETE FROM staff_sessions WHERE expires_at <= $1', [now]);
      await this.audit.record({ actor, action: 'session.open', subject: account.id, details: { expiresAt: expiresAt.toISOString() } }, { manager });
    });
    return { token, expiresAt, role: account.role, region: account.region };
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

  /** Atomic, so that concurrent failures all count. Returns the lock's end when this failure locks. */
  private async countFailure(staffId: string, now: Date): Promise<Date | null> {
    const [rows]: [{ locked_until: Date | null; locked: boolean }[], number] = await this.dataSource.query(
      `UPDATE staff_accounts
          SET failed_attempts = CASE WHEN failed_attempts + 1 >= $2 THEN 0 ELSE failed_attempts + 1 END,
              locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN $3::timestamptz ELSE locked_until END
        WHERE id = $1
        RETURNING locked_until, failed_attempts = 0 AS locked`,
      [staffId, MAX_FAILED_SIGN_INS, new Date(now.getTime() + LOCKOUT_MS)],
    );
    return rows[0]?.locked ? rows[0].locked_until : null;
  }

  private async refuseUnusable(login: string, password: string, account: StaffAccountRecord | null, now: Date): Promise<never> {
    const key = createHash('sha256').update(normaliseLogin(login)).digest('hex');
    const entry = this.unknownLogins.get(key) ?? { failures: 0 };
    if (entry.lockedUntil && entry.lockedUntil > now.getTime()) throw new SignInLockedException((entry.lockedUntil - now.getTime()) / 1000);
    await verifyDecoy(password);
    entry.failures++;
    const locks = entry.failures >= MAX_FAILED_SIGN_INS;
    if (locks) Object.assign(entry, { failures: 0, lockedUntil: now.getTime() + LOCKOUT_MS });
    this.unknownLogins.delete(key);
    this.unknownLogins.set(key, entry); // most recent last: the oldest is evicted first
    if (this.unknownLogins.size > UNKNOWN_LOGINS_TRACKED) this.unknownLogins.delete(this.unknownLogins.keys().next().value!);
    // The submitted login is not recorded: people type passwords into login fields.
    await this.audit.record(
      account
        ? { actor: describeActor(toStaffActor(account)), action: 'session.refuse', subject: account.id, details: { reason: 'disabled' } }
        : { actor: 'anonymous', action: 'session.refuse', details: { reason: 'unknown-login' } },
    );
    if (locks) throw new SignInLockedException(LOCKOUT_MS / 1000);
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
