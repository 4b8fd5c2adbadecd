import type { DataSource } from 'typeorm';

/**
 * SQL that TypeORM would still run to make the database match the entities. Empty after all
 * migrations ran means entities and migrations agree; otherwise these lines are the next migration.
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((query) => query.query);
}
