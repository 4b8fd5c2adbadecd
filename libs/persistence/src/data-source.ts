import { DataSource } from 'typeorm';
import { ENTITIES } from './entities/index.js';
import { MIGRATIONS } from './migrations/index.js';

/**
 * The one way this system opens PostgreSQL. The schema comes only from migrations
 * (`synchronize` stays off): a test checks that entities and migrations agree.
 */
export function createDataSource(url: string, options: { poolSize?: number } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    // TypeORM's error log prints each failed statement with its parameters: personal data. Failures
    // reach the callers, which report them without the parameters (activities/typed-failures.ts).
    logging: false,
    poolSize: options.poolSize ?? 10,
    applicationName: 'signexpert',
  });
}
