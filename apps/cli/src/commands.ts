import { userInfo } from 'node:os';
import type { ParseArgsConfig } from 'node:util';
import type { DataSource } from 'typeorm';
import { AuditLog } from '#libs/audit';
// The account rules live with the API's authentication; the CLI only drives them.
import { StaffAccounts } from '../../api/src/auth/staff-accounts.js';
import { parseCommandLine } from './command-line.js';
import { UsageError, readPassword } from './read-password.js';
import { SIGN_USAGE } from './sign-command.js';
import { VERIFY_USAGE } from './verify-command.js';

export const USAGE = `Usage: node dist/apps/cli/src/main.js <command> [options]   (staff:* and audit:verify read DATABASE_URL)

  staff:create --login L --name "Display Name" --role ROLE [--region CODE] (--password-stdin | --password-env VAR)
      ROLE: ecma-operator, croec-agent (needs --region), csoec-officer, ca-officer, auditor
  staff:disable --login L        disables the account and ends its sessions
  staff:unlock --login L [--client ADDRESS]
                                 lifts the sign-in back-off of the account, for every client or for one
                                 (ADDRESS as in the audit log's session.lockout entry)
  audit:verify                   walks the audit chain: "OK <count>" or the first tampered entry (exit 1)
  ca:init                        key ceremony (idempotent): root, regional CAs, OCSP responders; reads
                                 VAR_DIR, CA_KEY_STORE, CA_KEY_PASSPHRASE or the CA_PKCS11_* settings
${VERIFY_USAGE}
${SIGN_USAGE}
`;

export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

/** A command whose arguments (and password) were read: it only needs the database now. */
export type PreparedCommand = (dataSource: DataSource, io: CommandOutput) => Promise<number>;

/**
 * Reads one command's arguments, before any connection is made (a usage error costs nothing).
 * The prepared command returns the exit code: 0 done, 1 refused or tampered.
 */
export async function prepareCommand(argv: string[]): Promise<PreparedCommand> {
  const [command, ...rest] = argv;
  const actor = `cli ${operatorName()}`;
  switch (command) {
    case 'staff:create': {
      const { values } = parse(rest, {
        login: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        region: { type: 'string' },
        'password-stdin': { type: 'boolean' },
        'password-env': { type: 'string' },
      });
      if (!values.login || !values.name || !values.role) throw new UsageError('staff:create needs --login, --name and --role');
      const password = await readPassword({ stdin: values['password-stdin'] as boolean | undefined, env: values['password-env'] as string | undefined });
      return async (dataSource, io) => {
        const account = await new StaffAccounts(dataSource).create({
          login: values.login as string,
          displayName: values.name as string,
          role: values.role as string,
          region: (values.region as string | undefined) ?? null,
          password,
        });
        await new AuditLog(dataSource).record({ actor, action: 'staff.create', subject: account.id, details: { role: account.role, region: account.region } });
        io.out(`created staff account ${account.login} (${account.id}), role ${account.role}${account.region ? `, region ${account.region}` : ''}`);
        return 0;
      };
    }
    case 'staff:disable': {
      const { values } = parse(rest, { login: { type: 'string' } });
      const login = values.login;
      if (typeof login !== 'string') throw new UsageError('staff:disable needs --login');
      return async (dataSource, io) => {
        const account = await new StaffAccounts(dataSource).disable(login);
        await new AuditLog(dataSource).record({ actor, action: 'staff.disable', subject: account.id });
        io.out(`disabled staff account ${account.login} (${account.id})`);
        return 0;
      };
    }
    case 'staff:unlock': {
      const { values } = parse(rest, { login: { type: 'string' }, client: { type: 'string' } });
      const { login, client } = values;
      if (typeof login !== 'string') throw new UsageError('staff:unlock needs --login');
      if (client !== undefined && (typeof client !== 'string' || client.trim() === '')) throw new UsageError('--client needs an address');
      return async (dataSource, io) => {
        const { account, clearedClients } = await new StaffAccounts(dataSource).unlock(login, client?.trim());
        const details = { client: client?.trim() ?? 'all', clearedClients };
        await new AuditLog(dataSource).record({ actor, action: 'staff.unlock', subject: account.id, details });
        const cleared = clearedClients.length > 0 ? `cleared the sign-in back-off of ${clearedClients.join(', ')}` : 'no sign-in failures were held against it';
        io.out(`unlocked staff account ${account.login} (${account.id}): ${cleared}`);
        return 0;
      };
    }
    case 'audit:verify': {
      parse(rest, {});
      return async (dataSource, io) => {
        const result = await new AuditLog(dataSource).verify();
        if (result.ok) {
          io.out(`OK ${result.count} entries`);
          return 0;
        }
        io.out(`TAMPERED at entry ${result.firstBadId}: ${result.reason} (${result.count} entries before it verified)`);
        return 1;
      };
    }
    default:
      throw new UsageError(command ? `unknown command ${command}` : 'no command given');
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

function parse(args: string[], options: Options): { values: Record<string, string | boolean | undefined> } {
  try {
    const { values } = parseCommandLine({ args, options, allowPositionals: false });
    return { values: values as Record<string, string | boolean | undefined> };
  } catch (error) {
    if (error instanceof UsageError && /--password\b/.test(error.message)) {
      throw new UsageError('a password never goes on the command line: use --password-stdin or --password-env VAR');
    }
    throw error;
  }
}

function operatorName(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
