import type { DataSource } from 'typeorm';

// Any constant shared by every process of this system: api and worker replicas start together.
const MIGRATION_LOCK_KEY = 0x5167_4e01;

/**
 * Applies pending migrations, serialised across processes by a PostgreSQL advisory lock, so that
 * N replicas starting at once apply each migration exactly once. Returns the names applied.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
