import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { loadEnvironmentOrExit, nestLogLevels } from '#libs/config';
import { REGION_CODES } from '#libs/domain';
import { encryptingDataConverter } from '#libs/temporal';
import { ensureCrlSchedules, publishMissingCrls } from './crl-schedules.js';
import { ensureRetentionSchedule } from './retention-schedule.js';
import { createSubscriptionWorker } from './subscription-worker.js';
import { createWorkerRuntime } from './worker-runtime.js';
import { WorkerModule } from './worker.module.js';

const env = loadEnvironmentOrExit(['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_PAYLOAD_KEY', 'EMAIL_TOKEN_SECRET', 'TOKEN_SO_PIN']);
const logger = new Logger('Worker');
// The SDK narrates every bundle and state change at INFO; keep that for debugging sessions.
Runtime.install({ logger: new DefaultLogger(env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace' ? 'DEBUG' : 'WARN') });
const context = await NestFactory.createApplicationContext(WorkerModule.forRoot({ ...env, DATABASE_URL: env.DATABASE_URL! }), {
  logger: nestLogLevels(env.LOG_LEVEL),
});
const payloadKey = env.TEMPORAL_PAYLOAD_KEY!;
const clientConnection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
const client = new Client({ connection: clientConnection, namespace: env.TEMPORAL_NAMESPACE, dataConverter: encryptingDataConverter(payloadKey) });
const runtime = await createWorkerRuntime(env, context.get(DataSource), client);
if (env.CRL_PUBLICATION_INTERVAL_MINUTES > 0) {
  await ensureCrlSchedules(client, REGION_CODES, env.TEMPORAL_TASK_QUEUE, `${env.CRL_PUBLICATION_INTERVAL_MINUTES} minutes`);
}
await publishMissingCrls(client, context.get(DataSource), REGION_CODES, env.TEMPORAL_TASK_QUEUE);
// Contract §7.1, §14: personal data of finished subscriptions erased daily once their period is over.
const retentionPolicy = { unsuccessfulDays: env.RETENTION_UNSUCCESSFUL_DAYS, issuedYears: env.RETENTION_ISSUED_YEARS };
await ensureRetentionSchedule(client, retentionPolicy, env.TEMPORAL_TASK_QUEUE);
const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
const worker = await createSubscriptionWorker({
  connection,
  namespace: env.TEMPORAL_NAMESPACE,
  taskQueue: env.TEMPORAL_TASK_QUEUE,
  activities: runtime.activities,
  payloadKey,
});
logger.log(`polling task queue "${env.TEMPORAL_TASK_QUEUE}" on ${env.TEMPORAL_ADDRESS}`);
// The SDK's worker shuts down gracefully on SIGINT/SIGTERM (in-flight activities finish first).
await worker.run();
await connection.close();
await runtime.close();
await clientConnection.close();
await context.close();
logger.log('stopped');
