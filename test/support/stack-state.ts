/** Addresses of the servers started by test/support/global-setup.js, passed to tests through env. */
export function testDatabaseUrl(): string {
  return requireEnv('SIGNEXPERT_TEST_DATABASE_URL');
}

export function testTemporalAddress(): string {
  return requireEnv('SIGNEXPERT_TEST_TEMPORAL_ADDRESS');
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run integration tests through jest (its global setup starts the servers)`);
  return value;
}
