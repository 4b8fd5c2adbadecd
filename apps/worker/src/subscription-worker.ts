import { NativeConnection, Worker } from '@temporalio/worker';
import { createProjectionActivities } from '../../../activities/index.js';
import type { SubscriptionProjection } from '#libs/persistence';
import { workflowSource } from './workflow-bundle.js';

export interface SubscriptionWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  projection: SubscriptionProjection;
}

/** The worker hosting the subscription workflows and the activities they call. */
export function createSubscriptionWorker(options: SubscriptionWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...workflowSource(),
    activities: createProjectionActivities(options.projection),
  });
}
