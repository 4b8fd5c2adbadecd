import { ScheduleAlreadyRunning, type Client, type ScheduleDescription, type ScheduleOverlapPolicy } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
// The SDK's own Duration parser (not re-exported from the package root).
import { msToNumber } from '@temporalio/common/lib/time.js';

export type ScheduleOutcome = 'created' | 'updated' | 'unchanged';

/** The Schedules this system keeps: one workflow started at a fixed interval. */
export interface IntervalSchedule {
  spec: { intervals: { every: Duration; offset?: Duration }[] };
  action: { type: 'startWorkflow'; workflowType: string; workflowId: string; taskQueue: string; args: unknown[] };
  policies: { overlap: ScheduleOverlapPolicy; catchupWindow: Duration };
}

/**
 * Makes sure a Temporal Schedule exists as wanted: creates it, or updates one whose definition
 * differs, keeping an operator's pause and note. Safe when several workers start at once: a
 * create that loses the race falls back to describe and update.
 */
export async function upsertSchedule(client: Client, scheduleId: string, desired: IntervalSchedule): Promise<ScheduleOutcome> {
  try {
    await client.schedule.create({ scheduleId, ...desired });
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  const handle = client.schedule.getHandle(scheduleId);
  if (isAsWanted(await handle.describe(), desired)) return 'unchanged';
  await handle.update((previous) => ({
    ...desired,
    state: { paused: previous.state.paused, ...(previous.state.note !== undefined ? { note: previous.state.note } : {}) },
  }));
  return 'updated';
}

function isAsWanted(current: ScheduleDescription, desired: IntervalSchedule): boolean {
  const { action, spec, policies } = current;
  const intervals = spec.intervals ?? [];
  return (
    action.type === 'startWorkflow' &&
    action.workflowType === desired.action.workflowType &&
    action.workflowId === desired.action.workflowId &&
    action.taskQueue === desired.action.taskQueue &&
    JSON.stringify(action.args) === JSON.stringify(desired.action.args) &&
    intervals.length === desired.spec.intervals.length &&
    desired.spec.intervals.every(
      (wanted, i) => intervals[i].every === msToNumber(wanted.every) && (intervals[i].offset ?? 0) === msToNumber(wanted.offset ?? 0),
    ) &&
    !spec.calendars?.length &&
    policies.overlap === desired.policies.overlap &&
    policies.catchupWindow === msToNumber(desired.policies.catchupWindow)
  );
}
