import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { createSubscriptionWorker } from '../../apps/worker/src/subscription-worker.js';
import { createWorkerRuntime, type WorkerRuntime } from '../../apps/worker/src/worker-runtime.js';
import { loadEnvironment, type Environment } from '#libs/config';
import { prepareSoftHsm } from '#libs/dev-stack';
import { createDataSource } from '#libs/persistence';
import { encryptingDataConverter } from '#libs/temporal';
import { setNativeEnvironment } from './native-environment.js';
import { startSmtpCapture, type SmtpCapture } from './smtp-capture.js';
import { testTemporalAddress } from './stack-state.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * The real system in one test process: the NestJS API and a Temporal worker with every activity
 * (CA on software keys, holders' tokens on a private SoftHSM, mail to an in-process SMTP server),
 * on the shared real Temporal server and a database of their own, with a task queue of their own.
 */
export interface TestSystem {
  api: INestApplication;
  env: Environment;
  /** Direct access for assertions (tests read; only workflows write). */
  dataSource: DataSource;
  temporal: Client;
  taskQueue: string;
  smtp: SmtpCapture;
  runtime: WorkerRuntime;
  varDir: string;
  stop(): Promise<void>;
}

export async function startTestSystem(): Promise<TestSystem> {
  quietTemporalRuntime();
  const database: TestDatabase = await createTestDatabase();
  const taskQueue = `test-${randomBytes(6).toString('hex')}`;
  const varDir = await mkdtemp(join(tmpdir(), 'signexpert-system-'));
  await chmod(varDir, 0o755);
  setNativeEnvironment('SOFTHSM2_CONF', await prepareSoftHsm(join(varDir, 'softhsm')));
  const smtp = await startSmtpCapture();
  const env = loadEnvironment({
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: testTemporalAddress(),
    TEMPORAL_TASK_QUEUE: taskQueue,
    VAR_DIR: varDir,
    SMTP_URL: `smtp://${smtp.host}:${smtp.port}`,
    TEMPORAL_PAYLOAD_KEY: randomBytes(32).toString('base64'),
    EMAIL_TOKEN_SECRET: randomBytes(32).toString('base64'),
    CA_KEY_PASSPHRASE: randomBytes(24).toString('base64url'),
    TOKEN_SO_PIN: randomBytes(12).toString('base64url'),
    LOG_LEVEL: 'warn',
  });
  const api = await createApiApp({ ...env, DATABASE_URL: database.url });
  await api.init(); // runs migrations

  const dataSource = await createDataSource(database.url, { poolSize: 4 }).initialize();
  const clientConnection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const temporal = new Client({
    connection: clientConnection,
    namespace: env.TEMPORAL_NAMESPACE,
    dataConverter: encryptingDataConverter(env.TEMPORAL_PAYLOAD_KEY!),
  });
  const runtime = await createWorkerRuntime(env, dataSource, temporal);
  const workerConnection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const worker: Worker = await createSubscriptionWorker({
    connection: workerConnection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue,
    activities: runtime.activities,
    payloadKey: env.TEMPORAL_PAYLOAD_KEY!,
  });
  const running = worker.run();

  return {
    api,
    env,
    dataSource,
    temporal,
    taskQueue,
    smtp,
    runtime,
    varDir,
    async stop() {
      await terminateWorkflows(temporal, taskQueue);
      worker.shutdown();
      await running;
      await workerConnection.close();
      await runtime.close();
      await clientConnection.close();
      await api.close();
      await dataSource.destroy();
      await smtp.stop();
      await database.drop();
      await rm(varDir, { recursive: true, force: true });
    },
  };
}

/** The SDK logs every worker state change at INFO; tests only want warnings. Once per process. */
function quietTemporalRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // already installed by an earlier test file in this jest worker
  }
}

/** Leaves the shared Temporal server as we found it: no workflow of ours still running. */
async function terminateWorkflows(temporal: Client, taskQueue: string): Promise<void> {
  for await (const execution of temporal.workflow.list({ query: `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'` })) {
    await temporal.workflow.getHandle(execution.workflowId).terminate('test finished').catch(() => undefined);
  }
}
