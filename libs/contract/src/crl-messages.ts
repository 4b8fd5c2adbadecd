import { defineSignal } from '@temporalio/workflow';
import type { RegionCode } from '#libs/domain';
import { SUBSCRIPTIONS_TASK_QUEUE } from './task-queues.js';

/** Publishes CRLs of one issuing CA; started on demand (signal-with-start) and by an hourly Schedule. */
export const CRL_PUBLISHER_WORKFLOW_TYPE = 'crlPublisherWorkflow';

export interface CrlPublisherInput {
  region: RegionCode;
}

/**
 * One publisher per region and deployment: deployments sharing a namespace (e.g. test suites)
 * each run on their own task queue, so the queue scopes the id unless it is the default one.
 */
export function crlPublisherWorkflowId(region: RegionCode, taskQueue: string = SUBSCRIPTIONS_TASK_QUEUE): string {
  return `crl-publisher-${region}${scope(taskQueue)}`;
}

export function crlScheduleId(region: RegionCode, taskQueue: string = SUBSCRIPTIONS_TASK_QUEUE): string {
  return `crl-schedule-${region}${scope(taskQueue)}`;
}

function scope(taskQueue: string): string {
  return taskQueue === SUBSCRIPTIONS_TASK_QUEUE ? '' : `@${taskQueue}`;
}

/** Asks for one more CRL as soon as possible; requests arriving during a publication are coalesced into one. */
export const publishCrlSignal = defineSignal('publishCrl');
