import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { loadEnvironmentOrExit, nestLogLevels } from '#libs/config';
import { SubscriptionProjection } from '#libs/persistence';
import { createSubscriptionWorker } from './subscription-worker.js';
import { WorkerModule } from './worker.module.js';

const env = loadEnvironmentOrExit(['DATABASE_URL', 'TEMPORAL_ADDRESS']);
const logger = new Logger('Worker');
// The SDK narrates every bundle and state change at INFO; keep that for debugging sessions.
Runtime.install({ logger: new DefaultLogger(env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace' ? 'DEBUG' : 'WARN') });
const context = await NestFactory.createApplicationContext(WorkerModule.forRoot({ ...env, DATABASE_URL: env.DATABASE_URL! }), {
  logger: nestLogLevels(env.LOG_LEVEL),
});
const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
const worker = await createSubscriptionWorker({
  connection,
  namespace: env.TEMPORAL_NAMESPACE,
  taskQueue: env.TEMPORAL_TASK_QUEUE,
  projection: context.get(SubscriptionProjection),
});
logger.log(`polling task queue "${env.TEMPORAL_TASK_QUEUE}" on ${env.TEMPORAL_ADDRESS}`);
// The SDK's worker shuts down gracefully on SIGINT/SIGTERM (in-flight activities finish first).
await worker.run();
await connection.close();
await context.close();
logger.log('stopped');
