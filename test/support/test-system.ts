import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { createSubscriptionWorker } from '../../apps/worker/src/subscription-worker.js';
import { loadEnvironment } from '#libs/config';
import { createDataSource, SubscriptionProjection } from '#libs/persistence';
import type { DataSource } from 'typeorm';
import { testTemporalAddress } from './stack-state.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * The real system in one test process: the NestJS API and a Temporal worker, on the shared real
 * Temporal server and a database of their own, with a task queue of their own.
 */
export interface TestSystem {
  api: INestApplication;
  /** Direct access for assertions (tests read; only workflows write). */
  dataSource: DataSource;
  temporal: Client;
  taskQueue: string;
  stop(): Promise<void>;
}

export async function startTestSystem(): Promise<TestSystem> {
  quietTemporalRuntime();
  const database: TestDatabase = await createTestDatabase();
  const taskQueue = `test-${randomBytes(6).toString('hex')}`;
  const env = loadEnvironment({
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: testTemporalAddress(),
    TEMPORAL_TASK_QUEUE: taskQueue,
    LOG_LEVEL: 'warn',
  });
  const api = await createApiApp({ ...env, DATABASE_URL: database.url });
  await api.init(); // runs migrations

  const dataSource = await createDataSource(database.url, { poolSize: 2 }).initialize();
  const workerConnection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const worker: Worker = await createSubscriptionWorker({
    connection: workerConnection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue,
    projection: new SubscriptionProjection(dataSource),
  });
  const running = worker.run();
  const clientConnection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection: clientConnection, namespace: env.TEMPORAL_NAMESPACE });

  return {
    api,
    dataSource,
    temporal,
    taskQueue,
    async stop() {
      await terminateWorkflows(temporal, taskQueue);
      worker.shutdown();
      await running;
      await workerConnection.close();
      await clientConnection.close();
      await api.close();
      await dataSource.destroy();
      await database.drop();
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
