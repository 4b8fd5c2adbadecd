import 'reflect-metadata';
import { loadEnvironment, ConfigurationError } from '#libs/config';
import { createDataSource, runMigrations } from '#libs/persistence';
import { StaffAccountError } from '../../api/src/auth/staff-accounts.js';
import { initialiseCertificateAuthority } from './ca-init.js';
import { USAGE, prepareCommand } from './commands.js';
import { UsageError } from './read-password.js';
import { runSignCommand } from './sign-command.js';
import { runVerifyCommand } from './verify-command.js';

// Operator commands (staff accounts, audit verification, the CA key ceremony) and the holder's and
// relying party's tools (sign, verify). Thin: configuration, database if needed, one command.
const io = { out: (line: string) => process.stdout.write(`${line}\n`), err: (line: string) => process.stderr.write(`${line}\n`) };
const argv = process.argv.slice(2);

async function main(): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    io.out(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  // The CA needs no database: its keys and certificates live in the key store and VAR_DIR/ca.
  if (argv[0] === 'ca:init') return initialiseCertificateAuthority(io);
  // A relying party and a holder have no database: verify and sign never open one.
  if (argv[0] === 'verify') return runVerifyCommand(argv.slice(1), io);
  if (argv[0] === 'sign') return runSignCommand(argv.slice(1), io);
  const command = await prepareCommand(argv);
  const env = loadEnvironment(process.env, ['DATABASE_URL']);
  const dataSource = await createDataSource(env.DATABASE_URL!, { poolSize: 2 }).initialize();
  try {
    await runMigrations(dataSource);
    return await command(dataSource, io);
  } finally {
    await dataSource.destroy();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof UsageError) {
    io.err(`error: ${error.message}\n\n${error.usage ?? USAGE}`);
    process.exitCode = 2;
  } else if (error instanceof StaffAccountError || error instanceof ConfigurationError) {
    io.err(`error: ${error.message}`);
    process.exitCode = 1;
  } else {
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
