import { type Client, ScheduleOverlapPolicy } from '@temporalio/client';
import { upsertSchedule, type IntervalSchedule, type ScheduleOutcome } from './upsert-schedule.js';
import { RETENTION_WORKFLOW_TYPE, type RetentionPolicy, retentionScheduleId, retentionWorkflowId } from '#libs/contract';

const DAY_MS = 24 * 60 * 60 * 1000;
/** 02:00 UTC, a quiet hour in France; the exact time does not matter, the daily rhythm does. */
const OFFSET_MS = 2 * 60 * 60 * 1000;

/** SKIP: a run still erasing a backlog at the next tick will itself reach what that tick would have. */
const OVERLAP = ScheduleOverlapPolicy.SKIP;

export type RetentionScheduleOutcome = ScheduleOutcome;

function desiredSchedule(policy: RetentionPolicy, taskQueue: string) {
  const args: [RetentionPolicy] = [{ unsuccessfulDays: policy.unsuccessfulDays, issuedYears: policy.issuedYears }];
  return {
    spec: { intervals: [{ every: DAY_MS, offset: OFFSET_MS }] },
    action: { type: 'startWorkflow' as const, workflowType: RETENTION_WORKFLOW_TYPE, workflowId: retentionWorkflowId(taskQueue), taskQueue, args },
    policies: { overlap: OVERLAP, catchupWindow: DAY_MS },
  } satisfies IntervalSchedule;
}

/**
 * Idempotently makes sure the daily retention Schedule exists with the configured periods (as
 * ensureCrlSchedules does for CRLs): created, or updated when the periods or the shape changed,
 * keeping an operator's pause and note. Safe when several workers start at once.
 */
export async function ensureRetentionSchedule(client: Client, policy: RetentionPolicy, taskQueue: string): Promise<RetentionScheduleOutcome> {
  const desired = desiredSchedule(policy, taskQueue);
  return upsertSchedule(client, retentionScheduleId(taskQueue), desired);
}
