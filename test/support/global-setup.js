// Plain JavaScript on purpose: jest loads global setup outside its module system, so this file
// uses the compiled dev-stack from dist/ (`npm test` builds first).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DEV_STACK = new URL('../../dist/libs/dev-stack/src/index.js', import.meta.url);

/**
 * Starts, once for the whole integration run, a real PostgreSQL (embedded) and a real Temporal
 * dev server (in memory). Servers already running are reused when their addresses are given in
 * SIGNEXPERT_TEST_DATABASE_URL / SIGNEXPERT_TEST_TEMPORAL_ADDRESS.
 */
export default async function globalSetup() {
  if (!existsSync(DEV_STACK)) throw new Error('dist/ is missing: run `npm run build` (npm test does it)');
  const { freePort, resolveTemporalCli, startEmbeddedDatabase, startTemporalDevServer } = await import(DEV_STACK.href);
  const stops = [];
  if (!process.env.SIGNEXPERT_TEST_DATABASE_URL) {
    const dataDir = await mkdtemp(join(tmpdir(), 'signexpert-test-pg-'));
    const database = await startEmbeddedDatabase({ dataDir, port: await freePort(), database: 'signexpert_test' });
    process.env.SIGNEXPERT_TEST_DATABASE_URL = database.url;
    stops.push(async () => {
      await database.stop();
      await rm(dataDir, { recursive: true, force: true });
    });
  }
  if (!process.env.SIGNEXPERT_TEST_TEMPORAL_ADDRESS) {
    const cliPath = await resolveTemporalCli((line) => process.stderr.write(`${line}\n`));
    const temporal = await startTemporalDevServer({ cliPath, port: await freePort() });
    process.env.SIGNEXPERT_TEST_TEMPORAL_ADDRESS = temporal.address;
    stops.push(temporal.stop);
  }
  globalThis.signexpertTestStack = {
    async stop() {
      for (const stop of stops.reverse()) await stop();
    },
  };
}
