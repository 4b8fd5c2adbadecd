import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, bundleWorkflowCode, type Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { createSubscriptionWorker } from '../../apps/worker/src/subscription-worker.js';
import { workflowSource } from '../../apps/worker/src/workflow-bundle.js';
import { createWorkerRuntime, type WorkerRuntime } from '../../apps/worker/src/worker-runtime.js';
import { loadEnvironment, type Environment } from '#libs/config';
import { prepareSoftHsm } from '#libs/dev-stack';
import { createDataSource, runMigrations } from '#libs/persistence';
import { encryptingDataConverter } from '#libs/temporal';
import { setNativeEnvironment } from './native-environment.js';
import { startSmtpCapture, type SmtpCapture } from './smtp-capture.js';
import { startTimeSkippingEnvironment } from './time-skipping.js';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { testTemporalAddress } from './stack-state.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * The real system in one test process: the NestJS API and a Temporal worker with every activity
 * (CA on software keys, holders' tokens on a private SoftHSM, mail to an in-process SMTP server),
 * on the shared real Temporal server and a database of their own, with a task queue of their own.
 */
export interface TestSystem {
  /** Absent on the time-skipping server (the API is tested on the dev server). */
  api: INestApplication;
  env: Environment;
  /** Direct access for assertions (tests read; only workflows write). */
  dataSource: DataSource;
  temporal: Client;
  taskQueue: string;
  smtp: SmtpCapture;
  runtime: WorkerRuntime;
  varDir: string;
  /** With `listen: true`: where the API answers (also PUBLIC_BASE_URL). */
  baseUrl?: string;
  /** Present with `timeSkipping: true`: `timeSkipping.sleep('90 days')` moves the server's clock. */
  timeSkipping?: TestWorkflowEnvironment;
  stop(): Promise<void>;
}

export interface TestSystemOptions {
  /**
   * Run on Temporal's time-skipping test server instead of the shared dev server: months pass in
   * milliseconds while the client waits on a result or sleeps. No HTTP API then (and no visibility).
   */
  timeSkipping?: boolean;
  /** false: no worker in this process (a test runs real worker processes itself). */
  worker?: boolean;
  /** Fixed payload key (recording histories for replay); random by default. */
  payloadKey?: string;
  /**
   * Serve the API on a free local port and make it PUBLIC_BASE_URL: the CRL, OCSP and caIssuers
   * URLs in the certificates issued then reach this API (for clients in other processes).
   */
  listen?: boolean;
  /** Environment variables on top of the test defaults (e.g. rate limits off for a fuzzing test). */
  environment?: Record<string, string>;
}

export async function startTestSystem(options: TestSystemOptions = {}): Promise<TestSystem> {
  quietTemporalRuntime();
  const database: TestDatabase = await createTestDatabase();
  const taskQueue = `test-${randomBytes(6).toString('hex')}`;
  const varDir = await mkdtemp(join(tmpdir(), 'signexpert-system-'));
  await chmod(varDir, 0o755);
  setNativeEnvironment('SOFTHSM2_CONF', await prepareSoftHsm(join(varDir, 'softhsm')));
  const smtp = await startSmtpCapture();
  const payloadKey = options.payloadKey ?? randomBytes(32).toString('base64');
  const timeSkipping = options.timeSkipping
    ? await startTimeSkippingEnvironment({ client: { dataConverter: encryptingDataConverter(payloadKey) } })
    : undefined;
  const port = options.listen && !options.timeSkipping ? await freePort() : undefined;
  const env = loadEnvironment({
    ...(port ? { PUBLIC_BASE_URL: `http://127.0.0.1:${port}` } : {}),
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: timeSkipping ? '127.0.0.1:1' : testTemporalAddress(),
    TEMPORAL_TASK_QUEUE: taskQueue,
    VAR_DIR: varDir,
    SMTP_URL: `smtp://${smtp.host}:${smtp.port}`,
    TEMPORAL_PAYLOAD_KEY: payloadKey,
    EMAIL_TOKEN_SECRET: randomBytes(32).toString('base64'),
    DOCUMENT_KEY: randomBytes(32).toString('base64'),
    CA_KEY_PASSPHRASE: randomBytes(24).toString('base64url'),
    TOKEN_SO_PIN: randomBytes(12).toString('base64url'),
    LOG_LEVEL: 'warn',
    ...options.environment,
  });
  const api = timeSkipping ? undefined : await createApiApp({ ...env, DATABASE_URL: database.url });
  await api?.init(); // runs migrations
  if (port) await api!.listen(port, '127.0.0.1');

  const dataSource = await createDataSource(database.url, { poolSize: 4 }).initialize();
  if (!api) await runMigrations(dataSource);
  const clientConnection = timeSkipping ? undefined : await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const temporal =
    timeSkipping?.client ??
    new Client({ connection: clientConnection!, namespace: env.TEMPORAL_NAMESPACE, dataConverter: encryptingDataConverter(payloadKey) });
  const withWorker = options.worker ?? true;
  const runtime = withWorker ? await createWorkerRuntime(env, dataSource, temporal) : undefined;
  const workerConnection = timeSkipping?.nativeConnection ?? (await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS }));
  const worker: Worker | undefined = runtime
    ? await createSubscriptionWorker({
        connection: workerConnection,
        namespace: env.TEMPORAL_NAMESPACE,
        taskQueue,
        activities: runtime.activities,
        payloadKey,
        workflowBundle: await workflowBundle(),
      })
    : undefined;
  const running = worker?.run();

  return {
    api: api as INestApplication,
    env,
    dataSource,
    temporal,
    taskQueue,
    smtp,
    runtime: runtime as WorkerRuntime,
    varDir,
    ...(port ? { baseUrl: env.PUBLIC_BASE_URL } : {}),
    timeSkipping,
    async stop() {
      if (!timeSkipping) await terminateWorkflows(temporal, taskQueue);
      worker?.shutdown();
      await running;
      if (!timeSkipping) await workerConnection.close();
      await runtime?.close();
      await clientConnection?.close();
      await timeSkipping?.teardown();
      await api?.close();
      await dataSource.destroy();
      await smtp.stop();
      await database.drop();
      await rm(varDir, { recursive: true, force: true });
    },
  };
}

/** A port nobody listens on now (the kernel's pick), for the API of `listen: true`. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** Webpack runs once per test process, not once per test system. */
function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  const { workflowsPath, bundlerOptions } = workflowSource();
  bundle ??= bundleWorkflowCode({ workflowsPath: workflowsPath!, webpackConfigHook: bundlerOptions?.webpackConfigHook, logger: new DefaultLogger('WARN') });
  return bundle;
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
