import { SUBSCRIPTIONS_TASK_QUEUE } from './task-queues.js';

/**
 * Erases the personal data of finished subscriptions once their retention period is over
 * (contract §7.1, §14); started daily by a Schedule.
 */
export const RETENTION_WORKFLOW_TYPE = 'retentionWorkflow';

/** The periods the certification policy sets, from the worker's configuration. */
export interface RetentionPolicy {
  /** Requests that never led to certificates (ABANDONED, REJECTED, CANCELLED): days after they ended. */
  unsuccessfulDays: number;
  /** Cycles whose certificates were issued (EXPIRED, REVOKED, RENEWED): years after the later of their end and the certificates' notAfter. */
  issuedYears: number;
}

export interface RetentionReport {
  /** Subscriptions whose personal data this run erased, by kind. */
  unsuccessful: number;
  issued: number;
}

/** One Schedule per deployment; the task queue scopes it as it does the CRL schedules. */
export function retentionScheduleId(taskQueue: string = SUBSCRIPTIONS_TASK_QUEUE): string {
  return `retention-schedule${taskQueue === SUBSCRIPTIONS_TASK_QUEUE ? '' : `@${taskQueue}`}`;
}

/** Runs started by the Schedule get this id plus the server's timestamp. */
export function retentionWorkflowId(taskQueue: string = SUBSCRIPTIONS_TASK_QUEUE): string {
  return `retention${taskQueue === SUBSCRIPTIONS_TASK_QUEUE ? '' : `@${taskQueue}`}`;
}
