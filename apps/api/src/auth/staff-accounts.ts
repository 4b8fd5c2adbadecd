import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { REGION_CODES, STAFF_ROLES, isRegionCode, isStaffRole, refuseText, type RegionCode, type StaffRole } from '#libs/domain';
import { StaffAccountRecord, StaffSessionRecord } from '#libs/persistence';
import { hashPassword, passwordProblem } from './passwords.js';
import { SignInFailures, signInLoginKey } from './sign-in-failures.js';

const LOGIN_PATTERN = /^[a-z][a-z0-9._-]{1,63}$/;

export interface NewStaffAccount {
  login: string;
  displayName: string;
  role: string;
  region?: string | null;
  password: string;
}

/** A refused account operation, in words an operator can act on (never containing the password). */
export class StaffAccountError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StaffAccountError';
  }
}

/** Staff accounts as the operator commands manage them (the API only reads them). */
export class StaffAccounts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async create(input: NewStaffAccount): Promise<StaffAccountRecord> {
    const login = normaliseLogin(input.login);
    if (!LOGIN_PATTERN.test(login)) throw new StaffAccountError('login must be 2 to 64 characters: a letter, then letters, digits, ".", "_" or "-"');
    const displayName = input.displayName.trim();
    if (displayName.length < 1 || displayName.length > 120) throw new StaffAccountError('name must be 1 to 120 characters');
    if (!isStaffRole(input.role)) throw new StaffAccountError(`role must be one of ${STAFF_ROLES.join(', ')}`);
    const region = input.region ?? null;
    if (region !== null && !isRegionCode(region)) throw new StaffAccountError(`region must be one of ${REGION_CODES.join(', ')}`);
    if (input.role === 'croec-agent' && region === null) throw new StaffAccountError('a croec-agent needs a region (agents hand tokens over in their own region only)');
    // The sign-in refuses such text (TextPolicyPipe) before looking at it: it could never be used.
    const textRefusal = refuseText(input.password, 'multiline');
    const problem = passwordProblem(input.password) ?? (textRefusal && `the password ${textRefusal}`);
    if (problem) throw new StaffAccountError(problem);
    if (await this.findByLogin(login)) throw new StaffAccountError(`login ${login} is already taken`);

    const account = Object.assign(new StaffAccountRecord(), {
      id: randomUUID(),
      login,
      displayName,
      role: input.role as StaffRole,
      region: region as RegionCode | null,
      passwordHash: await hashPassword(input.password),
      createdAt: this.clock(),
      disabledAt: null,
    });
    try {
      return await this.dataSource.getRepository(StaffAccountRecord).save(account);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new StaffAccountError(`login ${login} is already taken`);
      throw error;
    }
  }

  /** Disables the account and ends its sessions at once. Accounts are never deleted (the audit log names them). */
  async disable(login: string): Promise<StaffAccountRecord> {
    return this.dataSource.transaction(async (manager) => {
      const account = await manager.getRepository(StaffAccountRecord).findOne({ where: { login: normaliseLogin(login) }, lock: { mode: 'pessimistic_write' } });
      if (!account) throw new StaffAccountError(`no staff account ${normaliseLogin(login)}`);
      account.disabledAt ??= this.clock();
      await manager.getRepository(StaffAccountRecord).save(account);
      await manager.getRepository(StaffSessionRecord).delete({ staffId: account.id });
      return account;
    });
  }

  /**
   * Lifts the sign-in back-off of an account before it expires (after the operator has checked who
   * is asking): for every client, or for one (`client` as the audit log names it). Returns the
   * account and the clients whose count was cleared (none if nothing was held against it).
   */
  async unlock(login: string, client?: string): Promise<{ account: StaffAccountRecord; clearedClients: string[] }> {
    const account = await this.findByLogin(login);
    if (!account) throw new StaffAccountError(`no staff account ${normaliseLogin(login)}`);
    const clearedClients = await new SignInFailures(this.dataSource).unlock(signInLoginKey(account.login), client);
    return { account, clearedClients };
  }

  findByLogin(login: string): Promise<StaffAccountRecord | null> {
    return this.dataSource.getRepository(StaffAccountRecord).findOneBy({ login: normaliseLogin(login) });
  }
}

export function normaliseLogin(login: string): string {
  return login.trim().toLowerCase();
}
