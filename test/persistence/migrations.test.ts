import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { MIGRATIONS, createDataSource, pendingSchemaChanges, runMigrations } from '#libs/persistence';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('database migrations (real PostgreSQL)', () => {
  let database: TestDatabase;
  let first: DataSource;
  let second: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    first = await createDataSource(database.url, { poolSize: 2 }).initialize();
    second = await createDataSource(database.url, { poolSize: 2 }).initialize();
  });
  afterAll(async () => {
    await first?.destroy();
    await second?.destroy();
    await database?.drop();
  });

  it('applies each migration once when two processes start together', async () => {
    const [a, b] = await Promise.all([runMigrations(first), runMigrations(second)]);
    expect([...a, ...b].sort()).toEqual(MIGRATIONS.map((m) => new m().name).sort());
    const rows: { name: string }[] = await first.query('SELECT name FROM migrations');
    expect(rows).toHaveLength(MIGRATIONS.length);
  });

  it('leaves nothing for the entities to change: entities and migrations agree', async () => {
    // A failure lists the SQL of the migration still to write.
    expect(await pendingSchemaChanges(first)).toEqual([]);
  });

  it('can be undone down to an empty schema, and redone', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await first.undoLastMigration();
    const tables: { table_name: string }[] = await first.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
    );
    expect(tables).toEqual([]);
    await runMigrations(first);
    expect(await pendingSchemaChanges(first)).toEqual([]);
  });
});
