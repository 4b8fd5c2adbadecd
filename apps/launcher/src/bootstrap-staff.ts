import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { DataSource } from 'typeorm';
import { AuditLog } from '#libs/audit';
import type { RegionCode, StaffRole } from '#libs/domain';
import { StaffAccountRecord } from '#libs/persistence';
// The account rules live with the API's authentication; the launcher only drives them (like the CLI).
import { StaffAccounts } from '../../api/src/auth/staff-accounts.js';

/**
 * The staff accounts of the zero-setup default, one per role (two CSOEC officers, for the 4-eyes
 * approval of bulk revocations; agents of two regions, to see region confinement). A real
 * deployment creates named accounts with `npm run staff:create` instead.
 */
export const BOOTSTRAP_STAFF: readonly { login: string; displayName: string; role: StaffRole; region: RegionCode | null }[] = [
  { login: 'ecma', displayName: 'Démo ECMA', role: 'ecma-operator', region: null },
  { login: 'croec-idf', displayName: 'Démo CROEC Île-de-France', role: 'croec-agent', region: 'IDF' },
  { login: 'croec-bre', displayName: 'Démo CROEC Bretagne', role: 'croec-agent', region: 'BRE' },
  { login: 'csoec', displayName: 'Démo CSOEC', role: 'csoec-officer', region: null },
  { login: 'csoec-2', displayName: 'Démo CSOEC (second)', role: 'csoec-officer', region: null },
  { login: 'ac', displayName: 'Démo AC', role: 'ca-officer', region: null },
  { login: 'audit', displayName: 'Démo audit', role: 'auditor', region: null },
];

/**
 * On a database without any staff account, creates the bootstrap accounts with one fresh random
 * password, written to `file` (mode 0600) and never printed. Does nothing once any account exists,
 * so an operator who disabled or replaced them never sees them come back.
 */
export async function createBootstrapStaff(dataSource: DataSource, file: string): Promise<boolean> {
  if ((await dataSource.getRepository(StaffAccountRecord).count()) > 0) return false;
  const password = randomBytes(15).toString('base64url');
  const accounts = new StaffAccounts(dataSource);
  const audit = new AuditLog(dataSource);
  for (const member of BOOTSTRAP_STAFF) {
    const account = await accounts.create({ ...member, password });
    await audit.record({ actor: 'launcher (zero-setup bootstrap)', action: 'staff.create', subject: account.id, details: { role: account.role, region: account.region } });
  }
  const lines = [
    '# Staff accounts of the zero-setup default (npm start on embedded PostgreSQL): sign in at /console.',
    '# Replace them with named accounts (npm run staff:create) and disable these (npm run staff:disable) before real use.',
    `password: ${password}`,
    ...BOOTSTRAP_STAFF.map((member) => `${member.login.padEnd(10)} ${member.role}${member.region ? ` (${member.region})` : ''}`),
    '',
  ];
  await writeFile(file, lines.join('\n'), { mode: 0o600 });
  return true;
}
