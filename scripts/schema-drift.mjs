// Prints the SQL that would bring a freshly migrated database in line with the entities: the body
// of the next migration to write. Uses the build (run `npm run build` first) and a throw-away
// embedded PostgreSQL.  Usage: npm run migration:drift
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dist = new URL('../dist/libs/', import.meta.url);
const { freePort, startEmbeddedDatabase } = await import(new URL('dev-stack/src/index.js', dist).href);
const { createDataSource, runMigrations } = await import(new URL('persistence/src/index.js', dist).href);

const dir = await mkdtemp(join(tmpdir(), 'signexpert-drift-'));
await chmod(dir, 0o755);
const database = await startEmbeddedDatabase({ dataDir: join(dir, 'pg'), port: await freePort(), database: 'drift' });
try {
  const dataSource = await createDataSource(database.url).initialize();
  await runMigrations(dataSource);
  const log = await dataSource.driver.createSchemaBuilder().log();
  await dataSource.destroy();
  if (log.upQueries.length === 0) console.log('-- entities and migrations agree');
  for (const q of log.upQueries) console.log(`UP   ${q.query}`);
  for (const q of log.downQueries.reverse()) console.log(`DOWN ${q.query}`);
} finally {
  await database.stop();
  await rm(dir, { recursive: true, force: true });
}
