import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testDatabaseUrl } from './stack-state.js';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database on the shared test cluster, so that test files never see each other's rows. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const clusterUrl = testDatabaseUrl();
  const name = `t_${randomBytes(6).toString('hex')}`;
  await adminQuery(clusterUrl, `CREATE DATABASE ${name}`);
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(clusterUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
