import { Controller, Get, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { describeActor } from '#libs/domain';
import { StaffAccountRecord } from '#libs/persistence';
import { Roles } from '../auth/index.js';

/** One member of staff as other staff see them: the actor string the timelines and the audit log carry, and a name. */
export interface StaffDirectoryEntry {
  /** `describeActor` of the account: `<role> <account id>`, as written in timelines, reports and the audit log. */
  actor: string;
  login: string;
  displayName: string;
  role: string;
  region: string | null;
  disabled: boolean;
}

/**
 * Who is who, so the console names colleagues ("Claire Martin (claire.ecma)") rather than showing
 * account ids. Staff only; accounts are never deleted, so every id ever written resolves.
 */
@Controller('v1/admin/staff-directory')
export class StaffDirectoryController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @Get()
  @Roles('ecma-operator', 'croec-agent', 'csoec-officer', 'ca-officer', 'auditor')
  async directory(): Promise<{ staff: StaffDirectoryEntry[] }> {
    const accounts = await this.dataSource.getRepository(StaffAccountRecord).find({ order: { login: 'ASC' } });
    return {
      staff: accounts.map((account) => ({
        actor: describeActor({ kind: 'staff', id: account.id, role: account.role }),
        login: account.login,
        displayName: account.displayName,
        role: account.role,
        region: account.region,
        disabled: account.disabledAt !== null,
      })),
    };
  }
}
