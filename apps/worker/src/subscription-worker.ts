import { NativeConnection, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { encryptingDataConverter } from '#libs/temporal';
import { workflowSource } from './workflow-bundle.js';

export interface SubscriptionWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: object;
  /** Same key as the API's client: payloads are encrypted end to end. */
  payloadKey: string;
  /** A prebuilt bundle (tests build it once per process); otherwise the worker bundles at start. */
  workflowBundle?: WorkflowBundleWithSourceMap;
}

/** The worker hosting the subscription, CRL and bulk-revocation workflows and their activities. */
export function createSubscriptionWorker(options: SubscriptionWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : workflowSource()),
    activities: options.activities,
    dataConverter: encryptingDataConverter(options.payloadKey),
  });
}
